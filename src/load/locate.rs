//! Where a value sits in a YAML file, found after a successful load. serde_yaml gives
//! positions only for its own errors; for "this value is wrong" diagnostics made later
//! (a duplicate id, an unknown reference) we parse the file again with saphyr, which
//! keeps marks, and walk the path. Only error paths call this, so the good path pays
//! nothing.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use crate::diagnostic::Position;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// The position of the value at `path` (or of the deepest node found on the way).
pub fn locate(text: &str, path: &[Seg<'_>]) -> Option<Position> {
    let docs = MarkedYaml::load_from_str(text).ok()?;
    let mut node = docs.first()?;
    for seg in path {
        let next = match (seg, &node.data) {
            (Seg::Key(k), YamlData::Mapping(map)) => map
                .iter()
                .find(|(key, _)| scalar_text(key).as_deref() == Some(*k))
                .map(|(_, v)| v),
            (Seg::Index(i), YamlData::Sequence(seq)) => seq.get(*i),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    let start = node.span.start;
    let len = node.span.end.index().saturating_sub(start.index()).max(1);
    let len = if node.span.end.line() == start.line() {
        len
    } else {
        1
    };
    Some(Position::new(start.line(), start.col() + 1).with_len(len))
}

fn scalar_text(node: &MarkedYaml<'_>) -> Option<String> {
    match &node.data {
        YamlData::Value(Scalar::String(s)) => Some(s.to_string()),
        YamlData::Value(Scalar::Integer(i)) => Some(i.to_string()),
        YamlData::Value(Scalar::FloatingPoint(f)) => Some(f.to_string()),
        YamlData::Representation(s, _, _) => Some(s.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_nested_value() {
        let text =
            "indicators:\n  - id: gdp\n    name: 地区生产总值\n  - id: tax\n    share_of: 收入\n";
        let p = locate(
            text,
            &[Seg::Key("indicators"), Seg::Index(1), Seg::Key("share_of")],
        )
        .unwrap();
        assert_eq!((p.line, p.col, p.len), (5, 15, 2));
    }
}
