//! Where a Chinese heading may break a line. Chinese puts no space between words, so a
//! browser breaks a title anywhere ("关于印发《金安区2024年 / 度工业发展要点》的通知",
//! "三 / 年", "千 / 亿"; issue 15). Titles, kickers, subtitles, captions and table
//! headers are therefore set with `word-break: keep-all` (no break between two Chinese
//! characters) and get a `<wbr>` at each place a line may break, found here once per
//! string at build time: between the words of a dictionary segmenter (jieba-rs, its
//! own dictionary plus [`LEXICON`], the genre's words it lacks), then
//!
//! - a run of one-character words is kept whole: the dictionary lacks the word they
//!   make (安巢, 奋楫, 新质); a campaign's 年 and a place's 区委 stay with the name
//!   before them;
//! - a number keeps its unit and its 第 (2024年度, 170亿元, 第2位, 表1, 1—11月, 8.2%);
//! - 禁则 (GB/T 15834 and the W3C's Chinese layout requirements, clreq): no break
//!   before 、。，）》” and their kin, none after 《（“.
//!
//! [`html`] works on text and escapes it as Tera's autoescape does, inserting the
//! `<wbr>` only between escaped pieces: never on HTML. Templates call it as the `wbr`
//! filter (`{{ bulletin.title | wbr }}`, registered by the theme); the table writer
//! calls [`push_html`] for captions and headers.
//!
//! Why jieba: on the 51 titles of `tests/fixtures/linebreak/titles.txt`, BudouX's
//! Simplified Chinese phrase model (v0.10, the model browsers' `<wbr>` tools use)
//! broke 63 times inside a word (2024年/度, 三/年, 六/安, 要/点), the `budoux` crate
//! (a Rust port carrying its 2021 model) 18 times (推/进, 规模以/上), jieba 11 times
//! before the rules above and none after (the lexicon and the rules were written
//! looking at these titles: a new title may still break inside a name). Its cost: the
//! word list, 1.4 MB in the binary and about 0.1 s to load once a run (on a thread of
//! its own from when the theme is built); then 3 to 8 µs a string. The
//! 10,000-bulletin corpus asks for 315,796 strings, of which each thread's cache of
//! what it made answers all but 33,115; cutting those took 0.27 s of thread time.

use std::collections::HashMap;
use std::sync::OnceLock;

use pulldown_cmark_escape::escape_html;

/// Words of the genre (statistical bulletins, plans and their documents) that jieba's
/// dictionary lacks or splits: 经开/区, 专精/特新, 亩/均…
pub(crate) const LEXICON: &[&str] = &[
    "经开区",
    "开发区",
    "高新区",
    "规上",
    "规模以上",
    "专精特新",
    "亩均",
    "标准地",
    "千亿",
    "千亿元",
    "百亿",
    "百亿元",
    "十四五",
    "十五五",
    "技改",
    "前三季度",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "上半年",
    "下半年",
    "百分点",
    "比上年",
    "同比",
    "环比",
    "增加值",
    "总产值",
    "新质生产力",
    "小巨人",
];

/// Words that finish the name before them: a place's 市, 县, 区… (六安市, where the word
/// list lacks the name), a campaign's 年 (产业引领提升年), a place's party committee
/// (金安区委, which jieba cuts 金安 | 区委).
const GLUED_TO_THE_WORD_BEFORE: &[&str] = &[
    "市", "县", "区", "省", "镇", "乡", "年", "区委", "县委", "市委", "省委",
];

/// jieba's dictionary (MIT licence, as jieba-rs ships it), cut to what titles need:
/// every single character, the words of frequency 30 and above and every idiom and set
/// phrase (tags `i`, `l`: 乘势而上, 稳中有进), 110,465 of its 349,045 words, `word
/// frequency` a line (1.4 MB). With the whole dictionary a build of the example site
/// under hostile input (tests/hostile/bounded.rs) ran past its 2 s.
const WORDS: &str = include_str!("linebreak_words.txt");

/// The segmenter, made on first use (its dictionary takes a few tens of milliseconds
/// to load: once a run, and only when a page has a Chinese heading).
fn segmenter() -> &'static jieba_rs::Jieba {
    static SEGMENTER: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    SEGMENTER.get_or_init(|| {
        let mut jieba = jieba_rs::Jieba::empty();
        jieba
            .load_dict(&mut std::io::Cursor::new(WORDS))
            .expect("the word list is well formed (tested)");
        for word in LEXICON {
            jieba.add_word(word, None, None);
        }
        jieba
    })
}

/// Loads the segmenter's dictionary now (on another thread while the site loads).
pub(crate) fn warm() {
    segmenter();
}

/// Characters a line may not start with (closing marks, pause and stop marks).
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '”'
            | '’'
            | '…'
            | '—'
            | '～'
            | '｜'
            | '%'
            | '‰'
            | '％'
            | ')'
            | ']'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | '>'
            | '"'
            | '\''
    )
}

/// Characters a line may not end with (opening marks).
fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '《' | '（'
            | '〈'
            | '「'
            | '『'
            | '【'
            | '〔'
            | '“'
            | '‘'
            | '('
            | '['
            | '—'
            | '～'
            | '-'
            | '<'
            | '"'
            | '\''
    )
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Part of a number: digits, decimal point, and the ASCII letters of a code (5G, B类).
fn is_number(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.'
}

/// May a line break between `before` and `after` (the characters either side of a word
/// boundary)?
fn may_break(before: char, after: char) -> bool {
    !(no_line_start(after)
        || no_line_end(before)
        || before.is_whitespace()
        || after.is_whitespace()
        // 2024年, 170亿元, 5家: a number keeps the unit after it…
        || (is_number(before) && !after.is_ascii())
        // …and 第, 表, 图, 附件 before it (第2位, 表1).
        || (matches!(before, '第' | '表' | '图' | '件') && is_number(after))
        // …and ASCII stays as the browser breaks it (at its spaces).
        || (before.is_ascii() && after.is_ascii()))
}

/// Byte offsets in `text` where a line may break, in order.
pub(crate) fn breaks(text: &str) -> Vec<usize> {
    if !text.chars().any(is_han) {
        return Vec::new();
    }
    let words = segmenter().cut(text, false);
    let mut out = Vec::new();
    let mut at = 0;
    let mut previous: Option<&str> = None;
    for word in words.iter().map(|t| t.word) {
        if let (Some(prev), Some(after)) = (previous, word.chars().next()) {
            let before = prev.chars().next_back().unwrap_or(' ');
            // the dictionary lacks the word a run of one-character words makes
            let unknown_word = one_han(prev) && one_han(word);
            if !(unknown_word || GLUED_TO_THE_WORD_BEFORE.contains(&word))
                && may_break(before, after)
            {
                out.push(at);
            }
        }
        at += word.len();
        previous = Some(word);
    }
    out
}

/// Is `word` a single Chinese character?
fn one_han(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_han(c))
}

/// `text` escaped as HTML, with `<wbr>` where a line may break.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    push_html(&mut out, text);
    out
}

/// Appends `text` escaped as HTML, with `<wbr>` where a line may break. The same
/// strings come back on page after page (a unit's name, an indicator's, a column's, a
/// title on its page and in the lists): each thread keeps what it made.
pub(crate) fn push_html(out: &mut String, text: &str) {
    MADE.with(|made| {
        let mut made = made.borrow_mut();
        if let Some(html) = made.get(text) {
            out.push_str(html);
            return;
        }
        let start = out.len();
        write_html(out, text);
        if made.len() >= MADE_LIMIT {
            made.clear();
        }
        made.insert(text.into(), out[start..].into());
    });
}

/// How many strings a thread keeps (a few hundred kilobytes at most).
const MADE_LIMIT: usize = 4096;

thread_local! {
    static MADE: std::cell::RefCell<HashMap<Box<str>, Box<str>, foldhash::fast::RandomState>> =
        std::cell::RefCell::new(HashMap::with_hasher(foldhash::fast::RandomState::default()));
}

fn write_html(out: &mut String, text: &str) {
    let ranges = number_ranges(text);
    // the breaks (none inside a number range) and each range's ends, in order; at one
    // offset a range closes before a break and a break comes before a range opens
    let mut marks: Vec<(usize, u8, &str)> = breaks(text)
        .into_iter()
        .filter(|&at| !ranges.iter().any(|r| r.start < at && at < r.end))
        .map(|at| (at, 1, "<wbr>"))
        .collect();
    for r in &ranges {
        marks.push((r.start, 2, "<span class=\"nw\">"));
        marks.push((r.end, 0, "</span>"));
    }
    marks.sort_unstable_by_key(|&(at, order, _)| (at, order));
    let mut from = 0;
    for (at, _, tag) in marks {
        escape_html(&mut *out, &text[from..at]).expect("writing to a String cannot fail");
        out.push_str(tag);
        from = at;
    }
    escape_html(&mut *out, &text[from..]).expect("writing to a String cannot fail");
}

/// The number ranges of `text` ("2024—2026", "1–11"): digits, a dash, digits. A browser
/// may break a line after an em or en dash even under `keep-all`, so the page sets each
/// range in a `<span class="nw">` (`white-space: nowrap` in the theme).
fn number_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (at, dash) in text.match_indices(['—', '–', '～']) {
        let start = at
            - b[..at]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .count();
        let after = at + dash.len();
        let end = after + b[after..].iter().take_while(|c| c.is_ascii_digit()).count();
        if start < at && after < end {
            out.push(start..end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with `/` at each break.
    fn marked(text: &str) -> String {
        let mut out = String::new();
        let mut from = 0;
        for at in breaks(text) {
            out.push_str(&text[from..at]);
            out.push('/');
            from = at;
        }
        out.push_str(&text[from..]);
        out
    }

    #[test]
    fn the_issue_s_titles_break_between_words() {
        // seed 001's title; the example site's plan (seed 004)
        let t = marked("关于印发《金安区2024年度工业发展要点》的通知");
        assert!(t.contains("2024年度") && t.contains("要点》"), "{t}");
        assert!(!t.contains("《/") && !t.contains("/》"), "{t}");
        let t = marked("巢湖市、安巢经开区“千亿工业”三年攻坚行动计划（2024—2026年）");
        assert!(t.contains("三年") && t.contains("“千亿"), "{t}");
        assert!(t.contains("（2024—2026年）"), "{t}");
    }

    #[test]
    fn no_mark_starts_or_ends_a_line() {
        for text in [
            "技改、规上企业、专精特新、绿色工厂和高新技术企业目标一览",
            "《巢湖市、安巢经开区“千亿工业”三年攻坚行动计划（2024—2026年）》政策解读",
            "上半年经济数据解读：工业生产稳定增长",
            "指标｜目标｜完成",
        ] {
            let text = text.to_string();
            for at in breaks(&text) {
                let after = text[at..].chars().next().unwrap();
                let before = text[..at].chars().next_back().unwrap();
                assert!(!no_line_start(after), "{}", marked(&text));
                assert!(!no_line_end(before), "{}", marked(&text));
            }
        }
    }

    #[test]
    fn html_escapes_text_and_inserts_breaks_between_pieces() {
        assert_eq!(html("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        let h = html("关于<script>印发的通知");
        assert!(h.contains("&lt;script&gt;"), "{h}");
        assert!(!h.contains("<script"), "{h}");
        assert_eq!(h.replace("<wbr>", ""), "关于&lt;script&gt;印发的通知");
        assert_eq!(html("2024"), "2024");
    }

    #[test]
    fn a_number_range_is_kept_on_one_line() {
        let h = html("三年攻坚行动计划（2024—2026年）");
        assert!(
            h.contains("（<span class=\"nw\">2024—2026</span>年）"),
            "{h}"
        );
        let h = html("1–11月规上工业增加值增长7.7%");
        assert!(h.starts_with("<span class=\"nw\">1–11</span>月"), "{h}");
        // a dash with no number on one side is left alone
        assert!(!html("巢湖—合肥").contains("nw"));
        assert!(!html("2024年—至今").contains("nw"));
    }
}

#[cfg(test)]
mod titles {
    use super::breaks;

    /// `tests/fixtures/linebreak/titles.txt`: each title with `|` where it may break.
    const TITLES: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/linebreak/titles.txt"
    ));

    #[test]
    fn no_break_inside_a_word_of_fifty_government_titles() {
        let mut wrong = Vec::new();
        let mut count = 0;
        for line in TITLES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let text = line.replace('|', "");
            let mut allowed = Vec::new();
            let mut at = 0;
            for c in line.chars() {
                if c == '|' {
                    allowed.push(at);
                } else {
                    at += c.len_utf8();
                }
            }
            count += 1;
            let found = breaks(&text);
            let bad: Vec<usize> = found.into_iter().filter(|b| !allowed.contains(b)).collect();
            if !bad.is_empty() {
                let mut marked = text.clone();
                for b in bad.iter().rev() {
                    marked.insert(*b, '/');
                }
                wrong.push(marked);
            }
        }
        assert!(count >= 50, "{count} titles");
        assert!(
            wrong.is_empty(),
            "breaks inside a word:\n{}",
            wrong.join("\n")
        );
    }
}
