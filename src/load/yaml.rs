//! YAML parsing with located, classified errors: a serde_yaml failure becomes a
//! [`Diagnostic`] with the file, line and column, a code, and a "did you mean" hint for
//! unknown keys and variants. Text nesting deeper than [`MAX_DEPTH`] is refused before
//! it reaches the parser. Front matter (`---` … `---`) is split off here too, keeping
//! the line numbers of the original file. [`parse_located`] also records where each value
//! of a file that parsed is ([`super::locate`]).

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Position, did_you_mean};
use crate::lang::Text;

/// Parses `text` (which starts at line `first_line` of `file`) or reports why not.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
    diags: &mut Diagnostics,
) -> Option<T> {
    if let Some(d) = too_deep(text, file, first_line) {
        diags.push(d);
        return None;
    }
    by_serde_yaml(text, file, first_line, diags)
}

/// [`parse`] after the depth check.
fn by_serde_yaml<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
    diags: &mut Diagnostics,
) -> Option<T> {
    match serde_yaml::from_str(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let mut d = yaml_error(&e, file, first_line);
            d.message = d.message.map(|m, _| name_list_item(&m, text));
            diags.push(d);
            None
        }
    }
}

/// [`parse`], and where each value of `text` is when it parses: the table diagnostics
/// made after loading locate through (see [`super::locate`] for what it costs).
pub fn parse_located<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
    diags: &mut Diagnostics,
) -> Option<(T, super::locate::Positions)> {
    parse_with_events(text, file, first_line, diags).map(|(value, positions, _)| (value, positions))
}

/// [`parse_located`], with the events the value was read from when the quick reader read
/// it (for `load::parsed`). The quick reader gives value and positions at once for the
/// forms it reads; serde_yaml reads the value of the rest, and of any text with a
/// mistake, so that every error is serde_yaml's.
pub(crate) fn parse_with_events<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
    diags: &mut Diagnostics,
) -> Option<(T, super::locate::Positions, Option<super::locate::Events>)> {
    if let Some(d) = too_deep(text, file, first_line) {
        diags.push(d);
        return None;
    }
    match super::locate::Positions::read(text, first_line) {
        (Some((value, events)), positions) => Some((value, positions, Some(events))),
        (None, positions) => {
            by_serde_yaml(text, file, first_line, diags).map(|value| (value, positions, None))
        }
    }
}

/// "indicators[5].values: …" becomes "indicators[5] (id: fdi).values: …": a message names
/// a list item by its `id` as well as its place, when the item has one (issue 13, 18).
fn name_list_item(message: &str, text: &str) -> String {
    let Some(open) = message.find('[') else {
        return message.to_string();
    };
    let (list, rest) = message.split_at(open);
    let Some((index, after)) = rest[1..].split_once(']') else {
        return message.to_string();
    };
    let plain =
        |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let Ok(i) = index.parse::<usize>() else {
        return message.to_string();
    };
    if !plain(list) {
        return message.to_string();
    }
    let id = serde_yaml::from_str::<serde_yaml::Value>(text)
        .ok()
        .and_then(|doc| {
            doc.get(list)?
                .get(i)?
                .get("id")?
                .as_str()
                .map(str::to_string)
        });
    match id {
        Some(id) => format!("{list}[{i}] (id: {id}){after}"),
        None => message.to_string(),
    }
}

/// How deep YAML may nest (lists and maps in one another, flow or block). Real data
/// nests five deep; libyaml's scanner is quadratic in the depth (100,000 nested `[` took
/// 45 s, issue 12), so deeper text is refused before it reaches the parser.
pub const MAX_DEPTH: usize = 64;

/// The bytes [`too_deep`] acts on (quotes, escapes, brackets, comments, block scalar
/// headers); a line is scanned from one to the next (a byte at a time, the scan was 1%
/// of a 10,000-bulletin build).
const ACTS: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"#'\"[{]}|>\\";
    let mut k = 0;
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

/// An error at the first place where `text` nests deeper than [`MAX_DEPTH`]. A linear
/// scan that errs on the generous side: it counts flow brackets outside quotes and
/// comments, the block indentation levels open at each line, and `- ` and `? ` that open
/// a nested block on the same line. Block scalars (`|`, `>`) are skipped.
fn too_deep(text: &str, file: &Path, first_line: usize) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut quote: Option<u8> = None;
    // Lines indented more than this belong to a block scalar.
    let mut scalar_indent: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let line_start = i;
        let line_end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
        let line = &bytes[line_start..line_end];
        i = line_end + 1;
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let blank = line[indent..].iter().all(|b| b.is_ascii_whitespace());
        if let Some(min) = scalar_indent {
            if blank || indent > min {
                continue;
            }
            scalar_indent = None;
        }
        let mut j = indent;
        let mut depth_at = None;
        if quote.is_none() && flow == 0 {
            if blank || line[indent] == b'#' {
                continue;
            }
            while indents.last().is_some_and(|&top| top > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
                if indents.len() > MAX_DEPTH {
                    depth_at = Some(indent);
                }
            }
            // `- - - x`: each dash opens a block one level deeper on this line.
            while j + 1 < line.len() && matches!(line[j], b'-' | b'?') && line[j + 1] == b' ' {
                indents.push(j + 2);
                if depth_at.is_none() && indents.len() > MAX_DEPTH {
                    depth_at = Some(j);
                }
                j += 2;
                while j < line.len() && line[j] == b' ' {
                    j += 1;
                }
            }
        }
        let mut prev = b' ';
        while depth_at.is_none() && j < line.len() {
            // Straight to the next byte the scan acts on: the others only become `prev`.
            let Some(n) = line[j..].iter().position(|&b| ACTS[usize::from(b)]) else {
                break;
            };
            if n > 0 {
                prev = line[j + n - 1];
                j += n;
            }
            let b = line[j];
            match quote {
                Some(b'\'') if b == b'\'' => quote = None,
                Some(b'"') if b == b'\\' => j += 1,
                Some(b'"') if b == b'"' => quote = None,
                Some(_) => {}
                None => match b {
                    b'#' if prev == b' ' || prev == b'\t' => break,
                    b'\'' | b'"' if matches!(prev, b' ' | b'\t' | b'[' | b'{' | b',' | b':') => {
                        quote = Some(b)
                    }
                    b'[' | b'{' if flow > 0 || matches!(prev, b' ' | b'\t' | b':' | b'-') => {
                        flow += 1;
                        if indents.len() + flow > MAX_DEPTH {
                            depth_at = Some(j);
                            break;
                        }
                    }
                    b']' | b'}' if flow > 0 => flow -= 1,
                    b'|' | b'>' if flow == 0 && matches!(prev, b' ' | b'\t') => {
                        // a block scalar's header ends its line
                        let rest = &line[j + 1..];
                        if rest.iter().all(|c| {
                            c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b' ' | b'\r')
                        }) || rest.windows(2).any(|w| w == b" #")
                        {
                            scalar_indent = Some(indent);
                            break;
                        }
                    }
                    _ => {}
                },
            }
            prev = b;
            j += 1;
        }
        if let Some(at) = depth_at {
            let offset = line_start + at;
            return Some(
                Diagnostic::error(
                    Code::YamlSyntax,
                    file,
                    text!(
                        "the YAML nests more than {MAX_DEPTH} levels deep",
                        "YAML 嵌套超过了{MAX_DEPTH}层"
                    ),
                )
                .at(Position::of_offset(text, offset).shifted(first_line, 1))
                .expected(text!(
                    "at most {MAX_DEPTH} lists and maps inside one another",
                    "列表和映射最多相互嵌套{MAX_DEPTH}层"
                ))
                .hint(text!(
                    "close the brackets `]` and `}}` that were opened, or flatten the data",
                    "把打开的括号 `]` 和 `}}` 关上，或减少数据的层次"
                )),
            );
        }
    }
    None
}

/// Turns a serde_yaml error into a diagnostic located in the whole file.
pub fn yaml_error(e: &serde_yaml::Error, file: &Path, first_line: usize) -> Diagnostic {
    let full = plain_words(&e.to_string());
    let message = strip_location(&full);
    let message = message.as_str();
    let (code, expected, hint) = classify(message);
    // The list of valid keys goes into `expected`, not into the message as well.
    let short = match message.find(", expected") {
        Some(i) if expected.is_some() => &message[..i],
        _ => message,
    };
    let mut d = Diagnostic::error(code, file, Text::new(short, zh_message(code, short)));
    if let Some(loc) = e.location() {
        let len = between(message, "`", "`").map_or(1, |w| w.chars().count());
        let len = if matches!(code, Code::UnknownKey | Code::BadPeriod) {
            len
        } else {
            1
        };
        d = d.at(Position::new(loc.line(), loc.column())
            .shifted(first_line, 1)
            .with_len(len));
    } else {
        // Some errors (two documents in one file) carry no position: point at the start.
        d = d.at(Position::new(first_line, 1));
    }
    if let Some(expected) = expected {
        d = d.expected(expected);
    }
    d.maybe_hint(hint)
}

/// Serde's type names, in words an editor knows; a quoted value longer than 40
/// characters (a 10,000-digit number) is cut, so a message stays one line.
fn plain_words(message: &str) -> String {
    let mut cut = String::with_capacity(message.len().min(1024));
    for (i, part) in message.split('"').enumerate() {
        if i > 0 {
            cut.push('"');
        }
        let n = part.chars().count();
        if i % 2 == 1 && n > 40 {
            cut.extend(part.chars().take(20));
            cut.push_str(&format!("… ({n} characters)"));
        } else {
            cut.push_str(part);
        }
    }
    cut.replace("expected u32", "expected a whole number such as 2")
        .replace("expected u64", "expected a whole number such as 2")
        .replace("expected i64", "expected a whole number such as 2")
        .replace("expected a sequence", "expected a list such as [gdp, tax]")
        .replace("expected a string", "expected text")
        .replace("expected a boolean", "expected true or false")
}

/// serde_yaml writes " at line L column C" into messages; the diagnostic carries the
/// position itself.
fn strip_location(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(i) = out.find(" at line ") {
        let rest = &out[i + " at line ".len()..];
        let digits = |t: &str| t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let n = digits(rest);
        let Some(after) = rest[n..].strip_prefix(" column ") else {
            break;
        };
        let m = digits(after);
        let cut = i + " at line ".len() + n + " column ".len() + m;
        out.replace_range(i..cut, "");
    }
    out
}

/// The Chinese of a serde_yaml message: our words for the kinds we know, the parser's own
/// (English) words after them, since they name the exact problem.
fn zh_message(code: Code, message: &str) -> String {
    let quoted = |a: &str| between(message, a, "`").unwrap_or("");
    match code {
        Code::UnknownKey => format!("未知的键“{}”", quoted("unknown field `")),
        Code::MissingKey => format!("缺少键“{}”", quoted("missing field `")),
        Code::YamlShape if message.contains("unknown variant `") => {
            format!("“{}”不是可选的取值", quoted("unknown variant `"))
        }
        Code::YamlSyntax => format!("YAML 格式错误：{}", syntax_zh(message)),
        Code::BadPeriod => format!("期间写法有误（{message}）"),
        _ => {
            // "indicators[0].decimals: invalid type: …": the path stays, the rest in
            // Chinese where the words are serde's or ours.
            let (path, rest) = match message.split_once(": ") {
                Some((p, r)) if !p.contains(' ') => (Some(p), r),
                _ => (None, message),
            };
            let mut zh = rest.to_string();
            for (en, cn) in SERDE_ZH {
                zh = zh.replace(en, cn);
            }
            match path {
                Some(p) => format!("{p}：{zh}"),
                None => zh,
            }
        }
    }
}

/// libyaml's syntax messages in Chinese: "did not find expected key, while parsing a
/// block mapping" → "解析映射时找不到应有的键"; what is not listed stays English, in
/// brackets.
fn syntax_zh(message: &str) -> String {
    const WHAT: &[(&str, &str)] = &[
        ("did not find expected ',' or '}'", "缺少 ',' 或 '}'"),
        ("did not find expected ',' or ']'", "缺少 ',' 或 ']'"),
        ("did not find expected key", "找不到应有的键"),
        ("did not find expected '-' indicator", "缺少列表项的 '-'"),
        ("did not find expected node content", "缺少内容"),
        ("could not find expected ':'", "缺少冒号 ':'"),
        (
            "mapping values are not allowed in this context",
            "这里不能写“键: 值”",
        ),
        (
            "block sequence entries are not allowed in this context",
            "这里不能写列表项“- ”",
        ),
        (
            "found character that cannot start any token",
            "遇到不能作为开头的字符",
        ),
        (
            "found a tab character that violates indentation",
            "缩进中用了制表符（Tab）",
        ),
        (
            "found a tab character where an indentation space is expected",
            "缩进应为空格，这里用了制表符（Tab）",
        ),
        ("found unexpected end of stream", "文件意外结束"),
        ("found unknown escape character", "遇到未知的转义字符"),
        ("found undefined alias", "引用了未定义的锚点"),
        ("found duplicate anchor", "锚点重复"),
    ];
    const WHILE: &[(&str, &str)] = &[
        ("parsing a flow mapping", "解析 {…} 映射时"),
        ("parsing a flow sequence", "解析 […] 列表时"),
        ("parsing a block mapping", "解析映射时"),
        ("parsing a block collection", "解析列表时"),
        ("parsing a flow node", "解析内容时"),
        ("parsing a block node", "解析内容时"),
        ("scanning a simple key", "读取键时"),
        ("scanning a quoted scalar", "读取引号中的文字时"),
        ("scanning a plain scalar", "读取文字时"),
        ("scanning a block scalar", "读取多行文字时"),
        ("scanning an anchor", "读取锚点时"),
        ("scanning an alias", "读取引用时"),
        ("scanning a tag", "读取标签时"),
    ];
    let (main, during) = match message.split_once(", while ") {
        Some((m, d)) => (m, Some(d)),
        None => (message, None),
    };
    let zh = |table: &[(&str, &'static str)], t: &str| {
        table
            .iter()
            .find(|(en, _)| t.starts_with(en))
            .map(|(_, zh)| *zh)
    };
    match (zh(WHAT, main), during.map(|d| zh(WHILE, d))) {
        (Some(what), Some(Some(during))) => format!("{during}{what}"),
        (Some(what), _) => what.to_string(),
        _ => format!("（{message}）"),
    }
}

/// serde's words and ours in its messages, in Chinese (longest first where one holds
/// another). What is not listed stays as it is.
const SERDE_ZH: &[(&str, &str)] = &[
    ("invalid type: ", "类型不对："),
    ("invalid value: ", "取值不对："),
    ("invalid length ", "长度不对："),
    (", expected a whole number such as 2", "，应为整数，如 2"),
    (
        ", expected a list such as [gdp, tax]",
        "，应为列表，如 [gdp, tax]",
    ),
    (", expected text", "，应为文本"),
    (", expected true or false", "，应为 true 或 false"),
    (", expected a number such as 36.45", "，应为数字，如 36.45"),
    ("expected a number such as 36.45", "应为数字，如 36.45"),
    (", expected a map", "，应为映射（`键: 值`）"),
    (", expected ", "，应为"),
    ("duplicate field `", "键重复：`"),
    ("string ", "文本 "),
    ("integer ", "整数 "),
    ("floating point ", "小数 "),
    ("boolean ", "布尔值 "),
    ("a sequence", "列表"),
    ("sequence", "列表"),
    ("a map", "映射"),
    ("unit value", "空值"),
    (
        "a range target is `[low, high]` with low ≤ high and no qualifier",
        "区间目标写成 `[下限, 上限]`，下限不大于上限，不加限定词",
    ),
    (
        "a target needs exactly one of `value` (a level), `growth` (a growth rate in %) or `range` ([low, high])",
        "目标只能写 `value`（水平值）、`growth`（增速，%）或 `range`（[下限, 上限]）三者之一",
    ),
    ("is not a finite number", "不是有限的数"),
    (
        "is not a name at the top of the output (no `/`, `.` or `..`)",
        "不是输出文件夹顶层的名称（不能含 `/`，也不能是 `.` 或 `..`）",
    ),
    ("a 其中 level is 1 or 2", "“其中”的级别只能是1或2"),
];

/// (code, expected, hint) for the message of a serde_yaml error.
fn classify(message: &str) -> (Code, Option<Text>, Option<Text>) {
    if let Some(word) = between(message, "unknown field `", "`") {
        let candidates = backticked(message.split_once("expected").map_or("", |(_, r)| r));
        let expected = expected_list(&candidates);
        let hint = did_you_mean(word, candidates.iter().copied()).or_else(|| {
            Some(text!(
                "remove the key, or check its spelling",
                "删去这个键，或检查拼写"
            ))
        });
        return (Code::UnknownKey, expected, hint);
    }
    if let Some(word) = between(message, "unknown variant `", "`") {
        let candidates = backticked(message.split_once("expected").map_or("", |(_, r)| r));
        return (
            Code::YamlShape,
            expected_list(&candidates),
            did_you_mean(word, candidates.iter().copied()),
        );
    }
    if let Some(word) = between(message, "missing field `", "`") {
        return (
            Code::MissingKey,
            None,
            Some(text!(
                "add `{word}: …` to this map",
                "在这一层加上“{word}: …”"
            )),
        );
    }
    if message.contains("is not a period") {
        return (Code::BadPeriod, None, None);
    }
    let syntax = [
        "while scanning",
        "while parsing",
        "did not find expected",
        "could not find expected",
        "not allowed",
        "found character",
        "found unexpected",
        "found undefined",
        "found a tab",
    ]
    .iter()
    .any(|p| message.contains(p));
    if syntax {
        return (
            Code::YamlSyntax,
            None,
            Some(text!(
                "check the indentation and the `key: value` form of this line and the one above",
                "检查这一行和上一行的缩进，以及“键: 值”的写法（冒号后要有空格）"
            )),
        );
    }
    (Code::YamlShape, None, None)
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn expected_list(candidates: &[&str]) -> Option<Text> {
    (!candidates.is_empty()).then(|| {
        let list: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
        text!(
            "one of {l}",
            "以下之一：{z}",
            l = list.join(", "),
            z = list.join("、")
        )
    })
}

/// A Markdown file split into its YAML front matter and its body.
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// Line of the file where the YAML starts.
    pub yaml_line: usize,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `---\n yaml \n---\n body`. A file without front matter is all body.
pub fn split_front_matter<'a>(
    text: &'a str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<FrontMatter<'a>> {
    match front_matter(text.as_bytes()) {
        Front::Absent { body_offset } => Some(FrontMatter {
            yaml: "",
            yaml_line: 1,
            body_offset,
        }),
        Front::Closed { yaml, body_offset } => Some(FrontMatter {
            yaml: &text[yaml],
            yaml_line: 2,
            body_offset,
        }),
        Front::Open => {
            diags.push(
                Diagnostic::error(
                    Code::FrontMatter,
                    file,
                    text!("the front matter is not closed", "文件头没有结束"),
                )
                .at(Position::new(1, 1).with_len(3))
                .expected(text!(
                    "a line `---` after the front matter",
                    "文件头之后的一行 `---`"
                ))
                .hint(text!(
                    "front matter starts and ends with a line of three dashes",
                    "文件头以一行三个短横线 `---` 开始，也以一行 `---` 结束"
                )),
            );
            None
        }
    }
}

/// Where the front matter of a file lies, found from its first bytes.
pub(crate) enum Front {
    /// No `---` line opens the file: all of it is body, from here (past a BOM).
    Absent { body_offset: usize },
    /// `---` opens the file and no line of `---` closes it (in the bytes given).
    Open,
    /// The YAML, and where the body starts (after the closing line).
    Closed {
        yaml: Range<usize>,
        body_offset: usize,
    },
}

/// The one rule for front matter, on bytes so that loading can apply it to the start of
/// a file it has not read to the end ([`split_front_matter`] applies it to a whole file).
pub(crate) fn front_matter(bytes: &[u8]) -> Front {
    let bom = if bytes.starts_with("\u{feff}".as_bytes()) {
        3
    } else {
        0
    };
    let Some(after_open) = bytes[bom..]
        .strip_prefix(b"---")
        .filter(|r| r.starts_with(b"\n") || r.starts_with(b"\r\n"))
    else {
        return Front::Absent { body_offset: bom };
    };
    let breaks = after_open
        .iter()
        .take_while(|&&b| b == b'\r' || b == b'\n')
        .count()
        .min(2);
    let yaml_start = bom + 3 + breaks;
    let mut offset = yaml_start;
    for line in bytes[yaml_start..].split_inclusive(|&b| b == b'\n') {
        if std::str::from_utf8(line).is_ok_and(|l| l.trim_end() == "---") {
            return Front::Closed {
                yaml: yaml_start..offset,
                body_offset: offset + line.len(),
            };
        }
        offset += line.len();
    }
    Front::Open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::raw::RawIndicator;

    #[test]
    fn unknown_key_is_located_and_gets_a_hint() {
        let yaml = "id: gdp\nname: 地区生产总值\nkind: amount\ndecimal: 1\n";
        let mut diags = Diagnostics::default();
        let r: Option<RawIndicator> = parse(yaml, Path::new("data.yaml"), 1, &mut diags);
        assert!(r.is_none());
        let d = diags.iter().next().unwrap();
        assert_eq!(d.code, Code::UnknownKey);
        assert_eq!(d.position.map(|p| (p.line, p.col)), Some((4, 1)));
        assert_eq!(d.hint.as_deref(), Some("did you mean `decimals`?"));
    }

    /// The depth scan counts what nests and nothing else: brackets in quotes, comments,
    /// plain text and block scalars are text.
    #[test]
    fn nesting_is_measured_not_guessed() {
        let file = Path::new("data.yaml");
        let deep = |n: usize| format!("a: {}1{}\n", "[".repeat(n), "]".repeat(n));
        assert!(too_deep(&deep(63), file, 1).is_none());
        let d = too_deep(&deep(64), file, 1).expect("65 levels with the top map");
        assert_eq!(d.position.map(|p| (p.line, p.col)), Some((1, 67)));
        let many = "[".repeat(200);
        for text in [
            format!("a: \"{many}\"\n"),
            format!("a: '{many}'\n"),
            format!("a: x{many}\n"),
            format!("a: 1 # {many}\n"),
            format!("a: |\n  {many}\n  {many}\nb: 2\n"),
            format!("a: >-\n  {many}\nb: 2\n"),
        ] {
            assert!(too_deep(&text, file, 1).is_none(), "{text}");
        }
        // front matter: lines count from where the YAML starts in the file
        let d = too_deep(&format!("title: x\nb: {many}"), Path::new("a.md"), 2).unwrap();
        assert_eq!(d.position.map(|p| p.line), Some(3));
    }

    /// yaml_serde stops expanding aliases at 100 times the document's events ("billion
    /// laughs"): ten levels of ten aliases fail at once instead of making 10^10 nodes.
    #[test]
    fn alias_expansion_is_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let started = std::time::Instant::now();
        let e = serde_yaml::from_str::<serde_yaml::Value>(&text).expect_err("refused");
        assert!(e.to_string().contains("repetition limit"), "{e}");
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn a_list_item_is_named_by_its_id() {
        let text = "indicators:\n  - id: gdp\n  - id: fdi\n    kind: amont\n";
        let rows: &[(&str, &str)] = &[
            (
                "indicators[1].kind: unknown variant",
                "indicators[1] (id: fdi).kind: unknown variant",
            ),
            // no such item, no id, or no list: the message as it was
            ("indicators[7]: x", "indicators[7]: x"),
            ("tasks[0]: x", "tasks[0]: x"),
            (
                "period: `2024Q5` is not a period",
                "period: `2024Q5` is not a period",
            ),
        ];
        for (message, named) in rows {
            assert_eq!(name_list_item(message, text), *named);
        }
    }

    #[test]
    fn front_matter_keeps_file_lines() {
        let text = "---\ntitle: 标题\n---\n正文\n";
        let mut diags = Diagnostics::default();
        let fm = split_front_matter(text, Path::new("a.md"), &mut diags).unwrap();
        assert_eq!(fm.yaml, "title: 标题\n");
        assert_eq!(&text[fm.body_offset..], "正文\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let mut diags = Diagnostics::default();
        assert!(split_front_matter("---\ntitle: x\n", Path::new("a.md"), &mut diags).is_none());
        assert_eq!(diags.iter().next().unwrap().code, Code::FrontMatter);
    }
}
