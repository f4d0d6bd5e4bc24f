//! The offline search index: `search/meta.js`, `search/s/<shard>.js` and
//! `search/t/<doc>.js`, script files the search page (`search/index.html`, the theme's
//! `js/search.js`) loads with `<script src>`, each calling `bulletinSearch.meta`,
//! `.shard` or `.doc` when it runs. Script files, not JSON, because Chromium refuses
//! `fetch()` of a file from a `file://` page and a copy of the output must search as
//! the published site does; relative paths, so the column path does not matter.
//!
//! Hand-written rather than Pagefind or a JS library: Chinese has no spaces, so the
//! index is of overlapping character bigrams (固定资产投资 → 固定 定资 资产 产投 投资),
//! which finds any two-character substring and needs no dictionary; elasticlunr-style
//! tokenisers split on spaces and find nothing. Pagefind 1.6, tried on the generated
//! 1,000-bulletin output, finds substrings too, but knows no aliases (固投: nothing),
//! cannot run from `file://` (it `fetch()`es its files and WebAssembly), took 28 s and
//! 900 MB to index and loads 180–210 KB a query; this index loads 47–96 KB there and
//! 49–179 KB at 10,000 bulletins (README, "Search and reading modes"): `meta.js`, one
//! shard for each bigram that covers the query, the ten results' texts.
//!
//! - A posting list per bigram, in the shard `fnv1a(bigram) mod shards` (the script
//!   computes the same hash): for each bulletin holding the bigram, the gap from the
//!   previous one in base 36 and one capital letter for how often it occurs (1–12) and
//!   whether the title holds it. Indexed: the title, the unit's name, the text of the
//!   commentary as a reader sees it (less the figures components print), and the names
//!   of the indicators the bulletin shows (key figures, components, tables).
//! - `meta.js`: the shard count, the bulletin count, and the indicators' aliases and
//!   short names mapped to their names (固投 → 固定资产投资), so a query by an alias also
//!   searches the name; from every unit's `data.yaml`.
//! - `t/<n>.js`: bulletin n's title, address, date, unit, sentences and indicators, for
//!   the ten results shown: the script picks the sentence holding the query and
//!   highlights it with text nodes (the text is the bulletin writer's, never HTML).
//!
//! Every file is a function of the site alone, in the site's bulletin order (newest
//! first), keys sorted: two builds give the same bytes. Strings are JSON with `<`,
//! U+2028 and U+2029 escaped, so no text can end the script or break its string.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt as _};

use serde::Serialize;

use crate::model::Site;

/// The shards of a site with `docs` bulletins: about eight bulletins a shard (a shard
/// holds ~4 KB of postings a bulletin at the generated corpus's density), a power of
/// two from 16 to 8,192, so that a query loads a few tens of kilobytes a bigram.
pub(crate) fn shard_count(docs: usize) -> u32 {
    let wanted = (docs / 8).clamp(16, 8192);
    u32::try_from(wanted.next_power_of_two()).unwrap_or(8192)
}

/// FNV-1a over the two characters' code points; `search.js` computes the same.
pub(crate) fn shard_of(pair: (char, char), shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in [pair.0, pair.1] {
        h ^= u32::from(c);
        h = h.wrapping_mul(0x0100_0193);
    }
    h & (shards - 1)
}

/// Letters and digits are indexed; punctuation and spaces end a run of them. ASCII
/// letters are folded to lower case (the script folds the query the same way).
fn fold(c: char) -> Option<char> {
    // the common CJK ideographs first: `is_alphanumeric` looks them up in a table
    if ('\u{4e00}'..='\u{9fff}').contains(&c) {
        return Some(c);
    }
    // and the punctuation of Chinese text, which the table would say is neither
    if matches!(
        c,
        '，' | '。'
            | '、'
            | '：'
            | '；'
            | '（'
            | '）'
            | '“'
            | '”'
            | '％'
            | '《'
            | '》'
            | '！'
            | '？'
            | '—'
            | '…'
            | '·'
            | '\u{3000}'
    ) {
        return None;
    }
    if c.is_alphanumeric() {
        Some(c.to_ascii_lowercase())
    } else {
        None
    }
}

/// The overlapping bigrams of `text`, within runs of letters and digits.
pub(crate) fn bigrams(text: &str) -> impl Iterator<Item = (char, char)> + '_ {
    let mut prev: Option<char> = None;
    text.chars().filter_map(move |c| {
        let c = fold(c);
        let pair = prev.zip(c);
        prev = c;
        pair
    })
}

/// The commentary of a bulletin (`body`: its Markdown after the front matter) as a
/// reader sees its words, cut into sentences: markup, raw HTML tags, link targets,
/// fenced components and inline figures (`{{ id.yoy }}`) are left out. What the index
/// counts: a figure's digits are not searched, and a bulletin's bigrams do not change
/// with its data.
pub(crate) fn sentences(body: &str) -> Vec<String> {
    let mut cut = Cut::default();
    cut_sentences(body, &mut cut, &mut |_| None);
    cut.counted.1
}

/// [`sentences`], and in the same pass the sentences the results show: with each inline
/// figure as `phrase` gives it (the page's own phrase, `增长5.7%`), or left out where it
/// gives none — a result must say what the page says (a sentence with its figure cut out
/// misquotes the page). Returns (counted, shown).
pub(crate) fn sentences_shown(
    body: &str,
    phrase: &mut dyn FnMut(&str) -> Option<String>,
) -> (Vec<String>, Vec<String>) {
    let mut cut = Cut {
        shown: Some(Sentences::default()),
        ..Cut::default()
    };
    cut_sentences(body, &mut cut, phrase);
    (cut.counted.1, cut.shown.map(|s| s.1).unwrap_or_default())
}

/// A sentence being written and those done.
type Sentences = (String, Vec<String>);

/// The sentences being cut: those the index counts, and, when asked, those shown (the
/// same cuts: a figure's phrase never ends a sentence).
#[derive(Default)]
struct Cut {
    counted: Sentences,
    shown: Option<Sentences>,
}

impl Cut {
    fn push(&mut self, c: char) {
        self.counted.0.push(c);
        if let Some(shown) = &mut self.shown {
            shown.0.push(c);
        }
    }

    fn end(&mut self) {
        push_sentence(&mut self.counted.0, &mut self.counted.1);
        if let Some(shown) = &mut self.shown {
            push_sentence(&mut shown.0, &mut shown.1);
        }
    }
}

fn cut_sentences(body: &str, cut: &mut Cut, phrase: &mut dyn FnMut(&str) -> Option<String>) {
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            continue;
        }
        if trimmed.starts_with('|') && trimmed.chars().all(|c| "|-: ".contains(c)) {
            continue;
        }
        let text = trimmed.trim_start_matches(['#', '>', '-', '+', ' ']);
        plain(text, cut, phrase);
        // A line break ends a heading, a list item or a table row.
        cut.end();
    }
}

/// Appends the words of one Markdown line to the sentences, ending one at 。！？；.
/// A code span's text is the reader's, as typed; a `<` that starts no tag is a `<`.
fn plain(line: &str, cut: &mut Cut, phrase: &mut dyn FnMut(&str) -> Option<String>) {
    let mut rest = line;
    let mut code = false;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        let after = &rest[len..];
        match c {
            '`' => code = !code,
            _ if code => cut.push(c),
            '{' if after.starts_with('{') => {
                let Some(end) = rest.find("}}") else {
                    rest = "";
                    continue;
                };
                if let Some(shown) = &mut cut.shown
                    && let Some(p) = phrase(rest[2..end].trim())
                {
                    shown.0.push_str(&p);
                }
                rest = &rest[end + 2..];
                continue;
            }
            '<' if after.starts_with("!--") => {
                rest = rest.find("-->").map_or("", |i| &rest[i + 3..]);
                continue;
            }
            // A raw HTML tag or an autolink: its words are not the reader's.
            '<' if after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
                && after.contains('>') =>
            {
                rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
                continue;
            }
            ']' => {
                // `[words](target)`: the words stay, the target goes.
                rest = if after.starts_with('(') {
                    rest.find(')').map_or("", |i| &rest[i + 1..])
                } else {
                    after
                };
                continue;
            }
            '*' | '[' => {}
            '!' if after.starts_with('[') => {}
            '|' | '\\' => cut.push(' '),
            _ => {
                cut.push(c);
                if matches!(c, '。' | '！' | '？' | '；' | '!' | '?') {
                    cut.end();
                }
            }
        }
        rest = after;
    }
}

fn push_sentence(current: &mut String, out: &mut Vec<String>) {
    let s = current.trim();
    if s.chars().any(char::is_alphanumeric) {
        out.push(s.to_string());
    }
    current.clear();
}

/// The names of the indicators bulletin `b` shows besides its words, once each, in
/// order: its key figures and those its components name (`{{ gdp.yoy }}`, a table's
/// `indicators: [gdp, fai]`) — a table row reads 固定资产投资 where the text may not.
pub(crate) fn shown_indicators<'s>(site: &'s Site, b: usize, body: &str) -> Vec<&'s str> {
    let bulletin = &site.bulletins[b];
    let unit = &site.units[bulletin.unit];
    let mut names: Vec<&str> = bulletin
        .key_figures
        .iter()
        .map(|r| site.indicator(r).name.as_str())
        .collect();
    let mut ids: Vec<&str> = body.split("{{").skip(1).map(ident).collect();
    for line in body.lines() {
        if let Some(list) = line.trim_start().strip_prefix("indicators:") {
            let list = list.trim().trim_start_matches('[').trim_end_matches(']');
            ids.extend(list.split(',').map(ident));
        }
    }
    let mut looked = foldhash::HashSet::default();
    for id in ids {
        if looked.insert(id)
            && let Some(i) = unit.indicator(id)
        {
            names.push(&unit.indicators[i].name);
        }
    }
    let mut seen = foldhash::HashSet::default();
    names.retain(|n| seen.insert(*n));
    names
}

/// The indicator id at the start of `s` (after spaces): `gdp` of ` gdp.yoy }}`.
fn ident(s: &str) -> &str {
    let s = s.trim_start();
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(s.len());
    &s[..end]
}

/// One bulletin as the index sees it.
#[derive(Clone)]
pub(crate) struct Doc<'a> {
    pub title: &'a str,
    pub unit: &'a str,
    pub sentences: Vec<String>,
    /// The indicators it shows ([`shown_indicators`]).
    pub indicators: Vec<&'a str>,
}

/// A bulletin's bigrams, each once: how often it holds it (title, unit name, indicators
/// and text) and whether the title does.
pub(crate) fn counted(doc: &Doc<'_>) -> Vec<((char, char), u32, bool)> {
    let mut counts: HashMap<(char, char), (u32, bool)> = HashMap::with_capacity(2048);
    for pair in bigrams(doc.title) {
        let e = counts.entry(pair).or_default();
        e.0 += 1;
        e.1 = true;
    }
    let texts = doc.sentences.iter().map(String::as_str);
    for text in std::iter::once(doc.unit)
        .chain(doc.indicators.iter().copied())
        .chain(texts)
    {
        for pair in bigrams(text) {
            counts.entry(pair).or_default().0 += 1;
        }
    }
    counts
        .into_iter()
        .map(|(pair, (count, title))| (pair, count, title))
        .collect()
}

/// One letter for how often a bulletin holds a bigram (1–12) and whether its title does.
pub(crate) fn flag(count: u32, title: bool) -> u8 {
    // at most 23: 'A'..='X'
    (count.clamp(1, 12) - 1) as u8 * 2 + u8::from(title)
}

/// The script of shard `i` from its postings — (bigram, bulletin number, [`flag`]) —
/// sorted by bigram, then bulletin, onto the end of `out`: for each bigram, its
/// bulletins as gaps in base 36 and their flags; keys sorted (a bigram's two characters
/// in code-point order are its string's order). Written as `json` would write the map:
/// a bigram is letters and digits ([`fold`]), which JSON does not escape.
pub(crate) fn shard_js(
    i: u32,
    postings: impl IntoIterator<Item = ((char, char), u32, u8)>,
    out: &mut String,
) {
    use std::fmt::Write as _;
    let _ = write!(out, "bulletinSearch.shard({i},{{");
    let mut current: Option<(char, char)> = None;
    let mut last = 0;
    for (pair, n, flag) in postings {
        if current != Some(pair) {
            if current.is_some() {
                out.push_str("\",");
            }
            out.push('"');
            out.push(pair.0);
            out.push(pair.1);
            out.push_str("\":\"");
            push_base36(out, n + 1);
            current = Some(pair);
        } else {
            push_base36(out, n - last);
        }
        last = n;
        out.push(char::from(b'A' + flag));
    }
    if current.is_some() {
        out.push('"');
    }
    out.push_str("});\n");
}

/// The script of every shard of `docs` (the site's bulletins in order), in memory: the
/// engine makes them a few at a time (`engine::search`).
#[cfg(test)]
pub(crate) fn index(docs: &[Doc<'_>], shards: u32) -> Vec<String> {
    let mut all: Vec<(u32, (char, char), u32, u8)> = Vec::new();
    for (n, doc) in docs.iter().enumerate() {
        for (pair, count, title) in counted(doc) {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            all.push((shard_of(pair, shards), pair, n, flag(count, title)));
        }
    }
    all.sort_unstable();
    (0..shards)
        .map(|i| {
            let postings = all.iter().filter(|p| p.0 == i);
            let mut out = String::new();
            shard_js(i, postings.map(|&(_, pair, n, f)| (pair, n, f)), &mut out);
            // as `json` writes the map
            let keys: std::collections::BTreeSet<String> = all
                .iter()
                .filter(|p| p.0 == i)
                .map(|&(_, (a, b), _, _)| format!("{a}{b}"))
                .collect();
            let keys: Vec<&String> = keys.iter().collect();
            let parsed: BTreeMap<String, String> =
                serde_json::from_str(&out[out.find('{').unwrap_or(0)..out.len() - 3])
                    .unwrap_or_default();
            assert_eq!(parsed.keys().collect::<Vec<_>>(), keys, "{out}");
            assert_eq!(
                json(&parsed),
                out[out.find('{').unwrap_or(0)..out.len() - 3]
            );
            out
        })
        .collect()
}

fn push_base36(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 8];
    let mut i = digits.len();
    loop {
        i -= 1;
        let d = (n % 36) as u8;
        digits[i] = if d < 10 { b'0' + d } else { b'a' + d - 10 };
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&b| char::from(b)));
}

/// `bulletinSearch.<what>(<args>);`
fn call(what: &str, args: &str) -> String {
    format!("bulletinSearch.{what}({args});\n")
}

/// JSON safe to load as a script: `<` (no `</script>` can close anything), U+2028 and
/// U+2029 (line ends to an older parser) escaped.
pub(crate) fn json<T: Serialize + ?Sized>(value: &T) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    // `<` and the first byte of U+2028 and U+2029: most texts hold neither
    if !text.bytes().any(|b| b == b'<' || b == 0xe2) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

/// `search/meta.js`: shards, bulletins and the aliases of every indicator.
pub(crate) fn meta_js(site: &Site) -> String {
    let mut aliases: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for ind in site.units.iter().flat_map(|u| &u.indicators) {
        let others = ind
            .aliases
            .iter()
            .chain(std::iter::once(&ind.short_name))
            .filter(|a| !a.is_empty() && **a != ind.name);
        for alias in others {
            let names = aliases.entry(alias.as_str()).or_default();
            if !names.contains(&ind.name.as_str()) {
                names.push(&ind.name);
            }
        }
    }
    for names in aliases.values_mut() {
        names.sort_unstable();
    }
    #[derive(Serialize)]
    struct Meta<'a> {
        shards: u32,
        docs: usize,
        aliases: BTreeMap<&'a str, Vec<&'a str>>,
    }
    let docs = site.bulletins.len();
    call(
        "meta",
        &json(&Meta {
            shards: shard_count(docs),
            docs,
            aliases,
        }),
    )
}

/// Bulletin `b` as the index sees it (`body`: its commentary, cut into `sentences` by
/// [`sentences`]).
pub(crate) fn doc<'s>(site: &'s Site, b: usize, body: &str, sentences: Vec<String>) -> Doc<'s> {
    let bulletin = &site.bulletins[b];
    Doc {
        title: &bulletin.title,
        unit: &site.units[bulletin.unit].name,
        sentences,
        indicators: shown_indicators(site, b, body),
    }
}

/// `search/t/<n>.js`: bulletin `b` ([`doc`]) as the results show it, its sentences
/// `shown` with their figures ([`sentences_shown`]).
pub(crate) fn doc_js(site: &Site, b: usize, doc: &Doc<'_>, shown: &[String]) -> String {
    let bulletin = &site.bulletins[b];
    let d = bulletin.date;
    #[derive(Serialize)]
    struct Shown<'a> {
        t: &'a str,
        u: String,
        d: String,
        n: &'a str,
        s: &'a [String],
        i: &'a [&'a str],
    }
    let shown = Shown {
        t: doc.title,
        u: site.bulletin_dir(bulletin),
        d: format!("{}-{:02}-{:02}", d.year, d.month, d.day),
        n: doc.unit,
        s: shown,
        i: &doc.indicators,
    };
    call("doc", &format!("{b},{}", json(&shown)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_paths_of_fold_agree_with_the_unicode_table() {
        for c in "，。、：；（）“”％《》！？—…·\u{3000}固投Ab9０Ａ〇々".chars()
        {
            let table = c.is_alphanumeric().then(|| c.to_ascii_lowercase());
            assert_eq!(fold(c), table, "{c:?}");
        }
    }

    fn pairs(text: &str) -> Vec<String> {
        bigrams(text).map(|(a, b)| format!("{a}{b}")).collect()
    }

    #[test]
    fn bigrams_overlap_within_runs_of_letters_and_digits() {
        assert_eq!(
            pairs("固定资产投资"),
            ["固定", "定资", "资产", "产投", "投资"]
        );
        // punctuation ends a run: no 资，or ，增
        assert_eq!(pairs("投资，增长GDP"), ["投资", "增长", "长g", "gd", "dp"]);
        assert_eq!(pairs("一"), Vec::<String>::new());
    }

    #[test]
    fn sentences_are_the_words_a_reader_sees() {
        let body = "## 一、总体情况\n\n**（一）投资提速。**固定资产投资{{ fixed_asset_investment.yoy }}，运行平稳。见[附表](../t/)。\n\n```split\ncaption: 表1\n```\n\n| 指标 | 数值 |\n|---|---|\n| 投资 | 1 |\n<span onclick=\"x\">原文</span>\n";
        assert_eq!(
            sentences(body),
            [
                "一、总体情况",
                "（一）投资提速。",
                "固定资产投资，运行平稳。",
                "见附表。",
                "指标   数值",
                "投资   1",
                "原文"
            ]
        );
    }

    #[test]
    fn shards_hold_postings_with_gaps_counts_and_the_title() {
        let docs = [
            Doc {
                title: "固定资产投资情况",
                unit: "长林市",
                sentences: vec!["固定资产投资增长。".into()],
                indicators: vec![],
            },
            Doc {
                title: "工业运行",
                unit: "长林市",
                sentences: vec!["资产负债率下降，固定资产投资回落。".into()],
                indicators: vec!["工业增加值"],
            },
        ];
        let index = index(&docs, 16);
        let shard = |pair: &str| {
            let mut c = pair.chars();
            let pair = (c.next().unwrap(), c.next().unwrap());
            index[shard_of(pair, 16) as usize].clone()
        };
        // 固定: doc 0 twice, one of them in the title (gap 1, count 2, title: 'D');
        // doc 1 once (gap 1, count 1: 'A')
        assert!(
            shard("固定").contains("\"固定\":\"1D1A\""),
            "{}",
            shard("固定")
        );
        // 工业 only in doc 1, in its title and its indicator: gap 2 from none, count 2,
        // title: 'D'
        assert!(shard("工业").contains("\"工业\":\"2D\""));
        // 长林 from the unit's name, in both; 加值 from an indicator doc 1 shows
        assert!(shard("长林").contains("\"长林\":\"1A1A\""));
        assert!(shard("加值").contains("\"加值\":\"2A\""));
        assert_eq!(index, super::index(&docs, 16));
        assert_eq!(index.len(), 16);
    }

    #[test]
    fn hostile_text_cannot_end_or_break_the_script() {
        let text = json(&["</script><script>alert(1)</script>\u{2028}\u{2029}\"\\"]);
        assert!(!text.contains('<'), "{text}");
        assert!(!text.contains('\u{2028}') && !text.contains('\u{2029}'));
        assert_eq!(
            serde_json::from_str::<Vec<String>>(&text).unwrap()[0],
            "</script><script>alert(1)</script>\u{2028}\u{2029}\"\\"
        );
    }

    #[test]
    fn shard_count_grows_with_the_site_in_powers_of_two() {
        assert_eq!(shard_count(0), 16);
        assert_eq!(shard_count(1000), 128);
        assert_eq!(shard_count(10_000), 2048);
        assert_eq!(shard_count(1_000_000), 8192);
        assert_eq!(shard_of(('固', '投'), 16), shard_of(('固', '投'), 16));
    }

    #[test]
    fn base36_gaps() {
        let mut s = String::new();
        for n in [0, 9, 10, 35, 36, 1295, 1296] {
            push_base36(&mut s, n);
            s.push(',');
        }
        assert_eq!(s, "0,9,a,z,10,zz,100,");
    }
}
