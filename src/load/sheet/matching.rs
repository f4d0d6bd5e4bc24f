//! Which indicator a sheet row names: the one place a row's text (`地区生产总值`,
//! `gdp`, `  其中：规上工业增加值（亿元）`) is matched to an indicator of `data.yaml`, by
//! its id, name, short name or an alias. Loading uses it to merge a unit's spreadsheet
//! with its `data.yaml`; `bulletin import` uses it to tell a row it knows from a new one.
//! Pure: no I/O, no diagnostics (the caller locates them at the row's cell).
//!
//! [`match_indicator`] matches one row; a [`Matcher`] made once matches the rows of a
//! sheet (the labels of every indicator are read once).
//!
//! Rules (user-facing): the text is trimmed and compared with each indicator's `id`
//! (ASCII case ignored); failing that, with its `name`, `short_name` and `aliases`, both
//! sides read without spaces, full-width ASCII as ASCII, a trailing unit in brackets
//! (`（亿元）`, `(%)`), a trailing colon, and the marks statistics tables put before a
//! sub-item or a numbered line (`其中：`, `#`, `△`, `一、`, `（一）`, `1.`, `1、`).
//! Two indicators answering to the same text is no match ([`Matched::Several`]).

/// What an indicator answers to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub short_name: &'a str,
    pub aliases: &'a [String],
}

impl<'a> Candidate<'a> {
    /// The candidates of data.yaml's indicators, in their order.
    pub(crate) fn of(indicators: &'a [crate::load::raw::RawIndicator]) -> Vec<Candidate<'a>> {
        indicators
            .iter()
            .map(|i| Candidate {
                id: &i.id,
                name: &i.name,
                short_name: &i.short_name,
                aliases: &i.aliases,
            })
            .collect()
    }
}

/// The indicator a row names, by index into the candidates given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Matched {
    One(usize),
    /// Several indicators answer to the text (a name of one is another's alias).
    Several(Vec<usize>),
    /// None does; `nearest` is the closest by spelling, for a "did you mean" hint.
    Nothing {
        nearest: Option<usize>,
    },
}

/// The indicator among `candidates` that the row text `key` names. To match many rows,
/// build a [`Matcher`] once.
pub(crate) fn match_indicator(key: &str, candidates: &[Candidate<'_>]) -> Matched {
    Matcher::new(candidates).find(key)
}

/// The candidates' ids and compared labels, made once for the rows of a sheet.
pub(crate) struct Matcher {
    ids: Vec<String>,
    /// (candidate index, label) for every id, name, short name and alias.
    labels: Vec<(usize, String)>,
}

impl Matcher {
    pub(crate) fn new(candidates: &[Candidate<'_>]) -> Matcher {
        let names_of = |c: &Candidate<'_>| -> Vec<String> {
            [c.id, c.name, c.short_name]
                .into_iter()
                .chain(c.aliases.iter().map(String::as_str))
                .map(row_label)
                .filter(|n| !n.is_empty())
                .collect()
        };
        Matcher {
            ids: candidates.iter().map(|c| c.id.to_string()).collect(),
            labels: candidates
                .iter()
                .enumerate()
                .flat_map(|(i, c)| names_of(c).into_iter().map(move |n| (i, n)))
                .collect(),
        }
    }

    /// The indicator the row text `key` names.
    pub(crate) fn find(&self, key: &str) -> Matched {
        let trimmed = key.trim();
        if let Some(i) = self
            .ids
            .iter()
            .position(|id| !id.is_empty() && id.eq_ignore_ascii_case(trimmed))
        {
            return Matched::One(i);
        }
        let label = row_label(trimmed);
        if label.is_empty() {
            return Matched::Nothing { nearest: None };
        }
        let mut found: Vec<usize> = self
            .labels
            .iter()
            .filter(|(_, n)| *n == label)
            .map(|(i, _)| *i)
            .collect();
        found.dedup();
        match found.len() {
            0 => Matched::Nothing {
                nearest: self.nearest(&label),
            },
            1 => Matched::One(found[0]),
            _ => Matched::Several(found),
        }
    }

    /// The closest candidate by spelling: one whose name holds the label or is held by
    /// it (`规模以上工业总产值` and `规上工业总产值` are not, `工业总产值` is), else the
    /// nearest by edit distance ([`crate::diagnostic::nearest`]).
    fn nearest(&self, label: &str) -> Option<usize> {
        if let Some((i, _)) = self
            .labels
            .iter()
            .filter(|(_, n)| n.contains(label) || label.contains(n.as_str()))
            .max_by_key(|(_, n)| n.chars().count())
        {
            return Some(*i);
        }
        let best = crate::diagnostic::nearest(label, self.labels.iter().map(|(_, n)| n.as_str()))?;
        self.labels.iter().find(|(_, n)| n == best).map(|(i, _)| *i)
    }
}

/// A row's text as it is compared: see the module's rules.
pub(crate) fn row_label(text: &str) -> String {
    let mut s: String = text
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    // marks before the item, as many as there are (`#其中：` …)
    loop {
        let before = s.len();
        for mark in ["其中:", "其中", "#", "△", "*", "▲", "-"] {
            if let Some(rest) = s.strip_prefix(mark) {
                s = rest.to_string();
            }
        }
        s = strip_numbering(&s).to_string();
        if s.len() == before {
            break;
        }
    }
    // a trailing colon, then a trailing unit in brackets
    while let Some(rest) = s.strip_suffix(':') {
        s = rest.to_string();
    }
    if s.ends_with(')')
        && let Some(i) = s.rfind('(')
        && i > 0
    {
        s.truncate(i);
    }
    s
}

/// `一、`, `（一）`, `(1)`, `1.`, `1、` at the start of a row's text.
fn strip_numbering(s: &str) -> &str {
    const CHINESE: &str = "一二三四五六七八九十";
    let digits = |t: &str| {
        t.char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || CHINESE.contains(*c)))
            .map_or(t.len(), |(i, _)| i)
    };
    if let Some(rest) = s.strip_prefix('(') {
        let n = digits(rest);
        if n > 0
            && let Some(after) = rest[n..].strip_prefix(')')
        {
            return after;
        }
        return s;
    }
    let n = digits(s);
    if n == 0 {
        return s;
    }
    match s[n..].chars().next() {
        Some(c @ ('、' | '.')) if s[n + c.len_utf8()..].chars().next().is_some() => {
            &s[n + c.len_utf8()..]
        }
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luan() -> Vec<(String, String, String, Vec<String>)> {
        [
            ("gdp", "地区生产总值", "", vec!["GDP"]),
            ("tax_revenue", "税收收入", "", vec![]),
            ("tax_share", "税收收入占财政收入比重", "", vec!["税占比"]),
            ("industrial_output", "规上工业总产值", "", vec![]),
            ("industrial_value_added", "规上工业增加值", "", vec![]),
        ]
        .into_iter()
        .map(|(id, name, short, aliases)| {
            (
                id.to_string(),
                name.to_string(),
                short.to_string(),
                aliases.into_iter().map(String::from).collect(),
            )
        })
        .collect()
    }

    fn find(key: &str) -> Matched {
        let owned = luan();
        let candidates: Vec<Candidate<'_>> = owned
            .iter()
            .map(|(id, name, short, aliases)| Candidate {
                id,
                name,
                short_name: short,
                aliases,
            })
            .collect();
        match_indicator(key, &candidates)
    }

    #[test]
    fn rows_match_by_id_name_or_alias_as_tables_write_them() {
        assert_eq!(find("gdp"), Matched::One(0));
        assert_eq!(find(" GDP "), Matched::One(0));
        assert_eq!(find("地区生产总值"), Matched::One(0));
        assert_eq!(find("地区生产总值（亿元）"), Matched::One(0));
        assert_eq!(find("  地区 生产总值 (亿元)"), Matched::One(0));
        assert_eq!(find("一、地区生产总值"), Matched::One(0));
        assert_eq!(find("（一）税收收入"), Matched::One(1));
        assert_eq!(find("1.税收收入："), Matched::One(1));
        assert_eq!(find("税占比"), Matched::One(2));
        assert_eq!(find("  其中：规上工业增加值"), Matched::One(4));
        assert_eq!(find("#规上工业增加值"), Matched::One(4));
        assert_eq!(find("ＧＤＰ"), Matched::One(0));
    }

    #[test]
    fn an_unknown_row_names_the_nearest_indicator() {
        // a longer name holding one of ours, and a slip of one character
        assert_eq!(
            find("规上工业总产值（当年价）增速"),
            Matched::Nothing { nearest: Some(3) }
        );
        assert_eq!(find("税收收人"), Matched::Nothing { nearest: Some(1) });
        assert_eq!(find("全社会用电量"), Matched::Nothing { nearest: None });
        assert_eq!(find(""), Matched::Nothing { nearest: None });
        // digits alone are a name, not a numbering
        assert_eq!(row_label("5G基站"), "5g基站");
        assert_eq!(row_label("2024年"), "2024年");
    }

    #[test]
    fn a_text_two_indicators_answer_to_is_no_match() {
        let aliases = vec!["税收".to_string()];
        let c = [
            Candidate {
                id: "tax",
                name: "税收收入",
                short_name: "税收",
                aliases: &[],
            },
            Candidate {
                id: "tax_local",
                name: "地方税收",
                short_name: "",
                aliases: &aliases,
            },
        ];
        assert_eq!(match_indicator("税收", &c), Matched::Several(vec![0, 1]));
        assert_eq!(match_indicator("TAX", &c), Matched::One(0));
    }
}
