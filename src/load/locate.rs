//! Where a value (or a key) sits in a YAML file, found after a successful load. serde_yaml gives
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
    /// The key itself (not its value) of the last entry with this text in a mapping: where
    /// a mistyped or repeated key is. Ends a path.
    KeyNamed(&'a str),
}

/// The position of the value at `path` (or of the deepest node found on the way).
pub fn locate(text: &str, path: &[Seg<'_>]) -> Option<Position> {
    let docs = match MarkedYaml::load_from_str(text) {
        Ok(docs) => docs,
        // The parser refuses a key written twice (a period typed twice), at the second
        // one: that is the key a diagnostic about a key points at (any other path in a
        // file it refuses is not found).
        Err(e)
            if e.info().contains("duplicated key")
                && matches!(path.last(), Some(Seg::KeyNamed(_))) =>
        {
            let m = e.marker();
            let line = text.lines().nth(m.line().checked_sub(1)?)?;
            let key: String = line
                .chars()
                .skip(m.col())
                .take_while(|c| !matches!(c, ':' | ',' | '}' | ' '))
                .collect();
            return Some(Position::new(m.line(), m.col() + 1).with_len(key.chars().count().max(1)));
        }
        Err(_) => return None,
    };
    let mut node = docs.first()?;
    for seg in path {
        let next = match (seg, &node.data) {
            (Seg::Key(k), YamlData::Mapping(map)) => map
                .iter()
                .find(|(key, _)| scalar_text(key).as_deref() == Some(*k))
                .map(|(_, v)| v),
            (Seg::KeyNamed(k), YamlData::Mapping(map)) => map
                .iter()
                .rfind(|(key, _)| scalar_text(key).as_deref() == Some(*k))
                .map(|(key, _)| key),
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

    #[test]
    fn finds_a_key_and_a_repeated_key() {
        // a period that is the same as another: the key, not its value
        let text = "values: { 2024H1: 77, 2024-01~06: 88 }\n";
        let p = locate(text, &[Seg::Key("values"), Seg::KeyNamed("2024-01~06")]).unwrap();
        assert_eq!((p.line, p.col, p.len), (1, 23, 10));
        // a period typed twice: the parser stops at the second one
        let text = "a:\n  values: { 2023: 77, 2023: 88 }\n";
        let p = locate(
            text,
            &[Seg::Key("a"), Seg::Key("values"), Seg::KeyNamed("2023")],
        )
        .unwrap();
        assert_eq!((p.line, p.col, p.len), (2, 23, 4));
    }
}
