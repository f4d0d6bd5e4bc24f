//! The two languages the tool speaks (issue 16): every message is a [`Text`] holding its
//! English and, once translated, its Chinese; the binary picks one when it prints.
//!
//! Why our own pair and not a crate (rust-i18n, fluent / fluent-templates, i18n-embed):
//! - the library makes a diagnostic long before anyone knows which language will print
//!   it (the site's `language`, `--lang`, the locale are the binary's business, and the
//!   preview shows the same diagnostic in the browser); a crate with a process-wide
//!   locale (rust-i18n's `set_locale`, i18n-embed's loader) would be a global the
//!   collector style forbids, and would fix the language at construction;
//! - a message and its translation sit side by side at the line that makes it, each a
//!   checked `format!` with the same captured arguments: a misspelt argument is a
//!   compile error in either language, where fluent and rust-i18n look keys and
//!   arguments up at run time and print the key when one is missing;
//! - two languages, fixed: catalogs, plural rules and negotiation are weight we do not
//!   need (Chinese has no plural; the English plurals are written out where they occur).
//!
//! [`text!`](crate::text) needs both languages, so a message made through it cannot lack
//! one. A message made the old way (`Diagnostic::error(code, file, "English")`) still
//! compiles and shows English in both languages; `tests/suite/lang.rs` lists such lines
//! in `src/`, so none is forgotten. Codes and `file:line:col` never change with the
//! language. Does no I/O beyond reading the locale variables.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The language messages are printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// `zh`, `zh-CN`, `zh_CN.UTF-8`, `zh-Hans` → Chinese; `en`, `en-US`, `C`, `POSIX` →
    /// English; anything else → None.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        if tag == "zh" || tag.starts_with("zh-") || tag.starts_with("zh_") || tag.starts_with("zh.")
        {
            Some(Lang::Zh)
        } else if tag == "en"
            || tag.starts_with("en-")
            || tag.starts_with("en_")
            || tag.starts_with("en.")
            || tag == "c"
            || tag.starts_with("c.")
            || tag == "posix"
        {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The locale's language, as POSIX orders the variables: the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set and not empty decides; Chinese when it starts
    /// with `zh`, English otherwise.
    pub fn from_env() -> Lang {
        Lang::from_locale(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] over any source of variables (tests).
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| var(name).filter(|v| !v.is_empty()))
            .map_or(Lang::En, |v| {
                if v.to_ascii_lowercase().starts_with("zh") {
                    Lang::Zh
                } else {
                    Lang::En
                }
            })
    }

    /// Picks `en` or `zh` (for the binary's own short lines).
    pub fn pick<T>(self, en: T, zh: T) -> T {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// A message in English and, when translated, in Chinese. Reads as its English (`Deref`,
/// `Display`, `Serialize`), so code written before issue 16 that looks into a message
/// keeps working; [`Text::get`] gives the language asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    // Shared strings: a Text is 32 bytes (result types carrying three stay small), and a
    // clone (diagnostics are cloned when cached and capped) is a count, not a copy: with
    // two strings where there was one, copies made 200,000 diagnostics 15% slower.
    en: Arc<str>,
    zh: Option<Arc<str>>,
}

impl Text {
    /// Both languages. Prefer [`text!`](crate::text), which formats both from the same
    /// arguments.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: Arc::from(en.into()),
            zh: Some(Arc::from(zh.into())),
        }
    }

    /// English only: shown in English whatever the language (a message not translated
    /// yet, or text that is the same in both, such as a parser's own words).
    pub fn untranslated(en: impl Into<String>) -> Text {
        Text {
            en: Arc::from(en.into()),
            zh: None,
        }
    }

    /// The text in `lang`; English when it has no Chinese yet.
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.zh) {
            (Lang::Zh, Some(zh)) => zh,
            _ => &self.en,
        }
    }

    /// The English, as `String::as_str` gave it before messages were `Text`.
    pub fn as_str(&self) -> &str {
        &self.en
    }

    pub fn is_translated(&self) -> bool {
        self.zh.is_some()
    }

    /// Only the text in `lang`, for output that carries one language (JSON).
    pub fn only(&self, lang: Lang) -> Text {
        Text::untranslated(self.get(lang))
    }

    /// Applies `f` to both languages (e.g. to prefix a location).
    pub fn map(self, f: impl Fn(String, Lang) -> String) -> Text {
        Text {
            en: Arc::from(f(self.en.to_string(), Lang::En)),
            zh: self.zh.map(|zh| Arc::from(f(zh.to_string(), Lang::Zh))),
        }
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.en
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.en
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl From<String> for Text {
    fn from(en: String) -> Text {
        Text::untranslated(en)
    }
}

impl From<&str> for Text {
    fn from(en: &str) -> Text {
        Text::untranslated(en)
    }
}

impl From<&String> for Text {
    fn from(en: &String) -> Text {
        Text::untranslated(en.as_str())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.en.to_string()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        &*self.en == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &*self.en == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.en == **other
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        String::deserialize(d).map(Text::untranslated)
    }
}

/// A message in both languages, each a `format!` string capturing the variables it
/// names: `text!("no indicator `{id}`", "没有指标“{id}”")`. Values that are not
/// variables yet are named after the two strings, `text!("{l}: …", "{n}：…", l =
/// at.label(), n = at.name())`, and bound once; each language uses those it needs
/// (format! itself would reject an argument one language leaves out). Write the Chinese
/// as a Chinese statistics office would (full-width punctuation, 第3行, no word-by-word
/// English), and keep ids, paths, codes and numbers as they are.
#[macro_export]
macro_rules! text {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::lang::Text::new(format!($en), format!($zh))
    };
    ($en:literal, $zh:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        $(let $name = $value;)+
        $crate::lang::Text::new(format!($en), format!($zh))
    }};
}

/// An I/O error in both languages: the system's English words, and ours in Chinese for
/// the kinds a user meets (a missing file, no permission), the system's words after.
pub fn io_error(e: &std::io::Error) -> Text {
    use std::io::ErrorKind as K;
    let zh = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有读写权限",
        K::AlreadyExists => "已经存在",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "这不是文件夹",
        K::InvalidData => "内容无法读取",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "所在磁盘只读",
        K::AddrInUse => "端口已被占用",
        K::AddrNotAvailable => "地址不可用",
        _ => "系统报错",
    };
    Text::new(e.to_string(), format!("{zh}（{e}）"))
}

/// "`what`: e" in both languages (`zh` is `what` in Chinese), for an I/O error.
pub fn cannot(what: &str, zh: &str, e: &std::io::Error) -> Text {
    io_error(e).map(|m, lang| lang.pick(format!("{what}: {m}"), format!("{zh}：{m}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_locales() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        // LC_ALL overrides LANG; an empty one does not count.
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW.UTF-8")])),
            Lang::Zh
        );
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
    }

    #[test]
    fn a_text_reads_as_english_and_gives_either() {
        let id = "gdp";
        let t = crate::text!("no indicator `{id}`", "没有指标“{id}”");
        assert_eq!(t, "no indicator `gdp`");
        assert_eq!(t.get(Lang::Zh), "没有指标“gdp”");
        let old: Text = format!("no `{id}`").into();
        assert_eq!(old.get(Lang::Zh), "no `gdp`");
        assert!(!old.is_translated());
    }
}
