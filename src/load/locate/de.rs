//! serde over the events the quick reader ([`super::quick`]) recorded while it read a
//! document's positions: the document's value from the same single pass, without
//! serde_yaml's parser (libyaml's scanner was a fifth of a clean 10,000-bulletin build,
//! ARCHITECTURE.md, "Performance").
//!
//! It must never accept a document and give another value than serde_yaml would, so it
//! gives up (None, and serde_yaml reads the text, errors and all) on whatever it is not
//! sure of: a character libyaml refuses or reads as a line break (controls, U+0085,
//! U+2028, U+2029, a byte-order mark inside), a double-quoted scalar with an escape, an
//! integer beyond 64 bits, a merge key `<<`, a key over 1,000 bytes, a plain scalar starting with `?` or `:`, and any error at all — the visitor's
//! included, so every diagnostic still comes from serde_yaml. Otherwise it calls the
//! visitor as `yaml_serde` 0.10 does, its scalar rules written again here
//! (`visit_untagged_scalar`, `parse_unsigned_int`, `parse_f64`…, in its `de.rs`): a
//! plain `2024` is `visit_u64` to a number and `visit_str` to a string, `null`/`~` is
//! none, `True` a bool, `007` a string, `36.450` is `visit_f64(36.45)`. `tests` check it
//! against serde_yaml on every YAML file of the repository and on hostile scalars in
//! every place and type a site's files use.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};

/// One event of a document: what [`super::Builder`] records when asked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ev {
    Map,
    Seq,
    End,
    /// A scalar: its text (inside the quotes) at `from..from + len` of the document.
    Scalar {
        from: u32,
        len: u32,
        style: Style,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Style {
    Plain = 0,
    Single = 1,
    Double = 2,
}

/// The document `text` as a `T`, from its events; None when serde_yaml must read it.
pub(super) fn value<T: DeserializeOwned>(text: &str, events: &[Ev]) -> Option<T> {
    if !readable(text.as_bytes()) {
        return None;
    }
    let mut de = De {
        text,
        events,
        pos: 0,
    };
    let value = T::deserialize(&mut de).ok()?;
    (de.pos == events.len()).then_some(value)
}

/// The events as bytes: a tag byte (0 map, 1 sequence, 2 end, 3 + style a scalar), then a
/// scalar's start and length (little-endian `u32`s).
pub(super) fn encode(events: &[Ev], out: &mut Vec<u8>) {
    out.reserve(events.len() * 9);
    for ev in events {
        match *ev {
            Ev::Map => out.push(0),
            Ev::Seq => out.push(1),
            Ev::End => out.push(2),
            Ev::Scalar { from, len, style } => {
                out.push(3 + style as u8);
                out.extend_from_slice(&from.to_le_bytes());
                out.extend_from_slice(&len.to_le_bytes());
            }
        }
    }
}

/// What [`encode`] wrote; None for bytes it did not write.
pub(super) fn decode(mut b: &[u8]) -> Option<Vec<Ev>> {
    let mut events = Vec::with_capacity(b.len() / 6);
    while let Some((&tag, rest)) = b.split_first() {
        b = rest;
        events.push(match tag {
            0 => Ev::Map,
            1 => Ev::Seq,
            2 => Ev::End,
            3..=5 => {
                let (n, rest) = b.split_at_checked(8)?;
                b = rest;
                let (from, len) = n.split_at(4);
                Ev::Scalar {
                    from: u32::from_le_bytes(from.try_into().ok()?),
                    len: u32::from_le_bytes(len.try_into().ok()?),
                    style: [Style::Plain, Style::Single, Style::Double][usize::from(tag - 3)],
                }
            }
            _ => return None,
        });
    }
    Some(events)
}

/// No character libyaml refuses or reads as a line break where the quick reader reads
/// none: C0 controls but LF and CR (a tab stops the quick reader itself), DEL, C1
/// controls (U+0085 is a break to libyaml), U+2028 and U+2029 (breaks too), U+FEFF,
/// U+FFFE, U+FFFF.
fn readable(b: &[u8]) -> bool {
    // a pass the compiler makes a vector loop: no control character but LF and CR
    let controls = b.iter().fold(false, |found, &c| {
        found | ((c < 0x20 && c != b'\n' && c != b'\r') || c == 0x7F)
    });
    if controls {
        return false;
    }
    // then the lead bytes of the few characters that matter
    memchr::memchr3_iter(0xC2, 0xE2, 0xEF, b).all(|i| match b[i] {
        0xC2 => b.get(i + 1).is_none_or(|&n| n >= 0xA0),
        0xE2 => !(b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9))),
        _ => !matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
        ),
    })
}

/// A plain scalar's text, unless it starts with `?` or `:`, which libyaml reads as a
/// key indicator in a flow collection (`[?x]` is `[{x: null}]`) where the quick reader
/// (as saphyr) reads a scalar.
fn plain(text: &str) -> Result<&str, GiveUp> {
    if text.starts_with(['?', ':']) {
        return Err(GiveUp);
    }
    Ok(text)
}

/// What a plain scalar resolves to (YAML 1.2's core schema, as yaml_serde reads it).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Plain {
    Null,
    Bool(bool),
    Unsigned(u64),
    Negative(i64),
    Float(f64),
    Str,
}

/// Resolves a plain scalar as yaml_serde's `visit_untagged_scalar` does; Err for an
/// integer beyond 64 bits (which it hands to the visitor as 128 bits).
fn resolve(s: &str) -> Result<Plain, GiveUp> {
    if is_null(s) {
        return Ok(Plain::Null);
    }
    if let Some(b) = parse_bool(s) {
        return Ok(Plain::Bool(b));
    }
    // no integer and no float holds another character (the parsers below take ASCII
    // digits, letters, signs and points only): most strings are told at once
    if !s
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-'))
    {
        return Ok(Plain::Str);
    }
    if let Some(n) = unsigned(s, u64::from_str_radix) {
        return Ok(Plain::Unsigned(n));
    }
    if let Some(n) = negative(s, i64::from_str_radix) {
        return Ok(Plain::Negative(n));
    }
    if unsigned(s, u128::from_str_radix).is_some() || negative(s, i128::from_str_radix).is_some() {
        return Err(GiveUp);
    }
    if !digits_but_not_number(s)
        && let Some(f) = parse_f64(s)
    {
        return Ok(Plain::Float(f));
    }
    Ok(Plain::Str)
}

// The scalar rules of yaml_serde 0.10 (`de.rs`), which the values read here must match.

fn is_null(s: &str) -> bool {
    matches!(s, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

type Radix<T> = fn(&str, u32) -> Result<T, std::num::ParseIntError>;

const PREFIXES: [(&str, u32); 3] = [("0x", 16), ("0o", 8), ("0b", 2)];

/// `parse_unsigned_int`: `+`, then `0x`/`0o`/`0b` digits or decimal ones.
fn unsigned<T>(s: &str, radix: Radix<T>) -> Option<T> {
    let unpositive = s.strip_prefix('+').unwrap_or(s);
    for (prefix, base) in PREFIXES {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(n) = radix(rest, base) {
                return Some(n);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(s) {
        return None;
    }
    radix(unpositive, 10).ok()
}

/// `parse_negative_int`: `-0x`/`-0o`/`-0b` digits, or a decimal (of either sign).
fn negative<T>(s: &str, radix: Radix<T>) -> Option<T> {
    for (prefix, base) in PREFIXES {
        if let Some(rest) = s.strip_prefix('-').and_then(|r| r.strip_prefix(prefix))
            && let Ok(n) = radix(&format!("-{rest}"), base)
        {
            return Some(n);
        }
    }
    if digits_but_not_number(s) {
        return None;
    }
    radix(s, 10).ok()
}

/// `parse_signed_int` (a field typed as a signed integer): either sign, any base.
fn signed(s: &str) -> Option<i64> {
    let unpositive = match s.strip_prefix('+') {
        Some(u) if u.starts_with(['+', '-']) => return None,
        Some(u) => u,
        None => s,
    };
    for (prefix, base) in PREFIXES {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(n) = i64::from_str_radix(rest, base) {
                return Some(n);
            }
        }
        if let Some(rest) = s.strip_prefix('-').and_then(|r| r.strip_prefix(prefix))
            && let Ok(n) = i64::from_str_radix(&format!("-{rest}"), base)
        {
            return Some(n);
        }
    }
    if digits_but_not_number(s) {
        return None;
    }
    unpositive.parse::<i64>().ok()
}

/// `parse_f64`: `.inf`, `.nan` and their kin, or what `str::parse` reads as finite.
fn parse_f64(s: &str) -> Option<f64> {
    let unpositive = match s.strip_prefix('+') {
        Some(u) if u.starts_with(['+', '-']) => return None,
        Some(u) => u,
        None => s,
    };
    if matches!(unpositive, ".inf" | ".Inf" | ".INF") {
        return Some(f64::INFINITY);
    }
    if matches!(s, "-.inf" | "-.Inf" | "-.INF") {
        return Some(f64::NEG_INFINITY);
    }
    if matches!(s, ".nan" | ".NaN" | ".NAN") {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// A leading zero then digits (`007`) is a string in YAML 1.2.
fn digits_but_not_number(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    s.len() > 1 && s.starts_with('0') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

/// The one error: give up, and let serde_yaml read the text.
#[derive(Debug)]
struct GiveUp;

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to serde_yaml")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<M: fmt::Display>(_: M) -> Self {
        GiveUp
    }
}

struct De<'a> {
    text: &'a str,
    events: &'a [Ev],
    pos: usize,
}

impl<'a> De<'a> {
    fn peek(&self) -> Result<Ev, GiveUp> {
        self.events.get(self.pos).copied().ok_or(GiveUp)
    }

    fn next(&mut self) -> Result<Ev, GiveUp> {
        let ev = self.peek()?;
        self.pos += 1;
        Ok(ev)
    }

    /// A scalar's value; Err for an escape this reader leaves to serde_yaml.
    fn text(&self, from: u32, len: u32, style: Style) -> Result<Cow<'a, str>, GiveUp> {
        let raw = self
            .text
            .get(from as usize..(from + len) as usize)
            .ok_or(GiveUp)?;
        Ok(match style {
            Style::Plain => Cow::Borrowed(plain(raw)?),
            Style::Double if raw.contains('\\') => return Err(GiveUp),
            Style::Double => Cow::Borrowed(raw),
            Style::Single if raw.contains('\'') => Cow::Owned(raw.replace("''", "'")),
            Style::Single => Cow::Borrowed(raw),
        })
    }

    /// The next event, which must be a plain scalar: its text.
    fn plain(&mut self) -> Result<&'a str, GiveUp> {
        match self.next()? {
            Ev::Scalar {
                from,
                len,
                style: Style::Plain,
            } => {
                let text = self
                    .text
                    .get(from as usize..(from + len) as usize)
                    .ok_or(GiveUp)?;
                plain(text)
            }
            _ => Err(GiveUp),
        }
    }

    /// The next event, a plain scalar read by `parse` as the type asked for, handed on by
    /// `visit`; any other event or text is left to serde_yaml.
    fn typed<T, R>(
        &mut self,
        parse: impl FnOnce(&'a str) -> Option<T>,
        visit: impl FnOnce(T) -> Result<R, GiveUp>,
    ) -> Result<R, GiveUp> {
        parse(self.plain()?).map_or(Err(GiveUp), visit)
    }

    /// A mapping's entries, then its end (every entry read, as yaml_serde requires).
    fn map<V: Visitor<'a>>(&mut self, visitor: V) -> Result<V::Value, GiveUp> {
        let value = visitor.visit_map(Entries { de: self })?;
        match self.next()? {
            Ev::End => Ok(value),
            _ => Err(GiveUp),
        }
    }

    fn seq<V: Visitor<'a>>(&mut self, visitor: V) -> Result<V::Value, GiveUp> {
        let value = visitor.visit_seq(Items { de: self })?;
        match self.next()? {
            Ev::End => Ok(value),
            _ => Err(GiveUp),
        }
    }

    fn str<V: Visitor<'a>>(&mut self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.next()? {
            Ev::Scalar { from, len, style } => match self.text(from, len, style)? {
                Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
                Cow::Owned(s) => visitor.visit_str(&s),
            },
            _ => Err(GiveUp),
        }
    }

    /// Skips one node.
    fn skip(&mut self) -> Result<(), GiveUp> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Ev::Map | Ev::Seq => depth += 1,
                Ev::End => depth = depth.checked_sub(1).ok_or(GiveUp)?,
                Ev::Scalar { .. } => {}
            }
            if depth == 0 {
                return Ok(());
            }
        }
    }
}

/// Deserializer methods that do what another does, as yaml_serde's do (`i8` as `i64`…).
macro_rules! forward {
    ($($name:ident => $to:ident),* $(,)?) => {
        $(fn $name<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
            self.$to(visitor)
        })*
    };
}

impl<'de> de::Deserializer<'de> for &mut De<'de> {
    type Error = GiveUp;

    forward! {
        deserialize_i8 => deserialize_i64,
        deserialize_i16 => deserialize_i64,
        deserialize_i32 => deserialize_i64,
        deserialize_u8 => deserialize_u64,
        deserialize_u16 => deserialize_u64,
        deserialize_u32 => deserialize_u64,
        deserialize_f32 => deserialize_f64,
        deserialize_char => str,
        deserialize_str => str,
        deserialize_string => str,
        deserialize_identifier => str,
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.peek()? {
            Ev::Map => {
                self.pos += 1;
                self.map(visitor)
            }
            Ev::Seq => {
                self.pos += 1;
                self.seq(visitor)
            }
            Ev::End => Err(GiveUp),
            Ev::Scalar {
                style: Style::Plain,
                ..
            } => {
                let text = self.plain()?;
                match resolve(text)? {
                    Plain::Null => visitor.visit_unit(),
                    Plain::Bool(b) => visitor.visit_bool(b),
                    Plain::Unsigned(n) => visitor.visit_u64(n),
                    Plain::Negative(n) => visitor.visit_i64(n),
                    Plain::Float(f) => visitor.visit_f64(f),
                    Plain::Str => visitor.visit_borrowed_str(text),
                }
            }
            Ev::Scalar { .. } => self.str(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.typed(parse_bool, |b| visitor.visit_bool(b))
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.typed(signed, |n| visitor.visit_i64(n))
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.typed(
            |t| unsigned(t, u64::from_str_radix),
            |n| visitor.visit_u64(n),
        )
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.typed(parse_f64, |f| visitor.visit_f64(f))
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.peek()? {
            Ev::Scalar {
                from,
                len,
                style: Style::Plain,
            } => {
                let text = self
                    .text
                    .get(from as usize..(from + len) as usize)
                    .ok_or(GiveUp)?;
                if is_null(plain(text)?) {
                    self.pos += 1;
                    return visitor.visit_none();
                }
                visitor.visit_some(self)
            }
            Ev::End => Err(GiveUp),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        if is_null(self.plain()?) {
            visitor.visit_unit()
        } else {
            Err(GiveUp)
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.next()? {
            Ev::Seq => self.seq(visitor),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.next()? {
            Ev::Map => self.map(visitor),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        self.deserialize_map(visitor)
    }

    /// A unit variant named by a scalar (the only enums the site's files hold).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        match self.peek()? {
            Ev::Scalar { .. } => visitor.visit_enum(UnitVariant { de: self }),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.skip()?;
        visitor.visit_unit()
    }
}

struct Entries<'a, 'de> {
    de: &'a mut De<'de>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, GiveUp> {
        match self.de.peek()? {
            Ev::End => Ok(None),
            Ev::Scalar { from, len, style } => {
                let (from, end) = (from as usize, (from + len) as usize);
                if style == Style::Plain && self.de.text.get(from..end) == Some("<<") {
                    return Err(GiveUp);
                }
                // libyaml refuses a key whose `:` is over 1,024 characters from its
                // start (the quick reader does not)
                let colon = self.de.text.get(end..).and_then(|r| r.find(':'));
                if colon.is_none_or(|c| end + c - from > 1000) {
                    return Err(GiveUp);
                }
                seed.deserialize(&mut *self.de).map(Some)
            }
            _ => seed.deserialize(&mut *self.de).map(Some),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GiveUp> {
        seed.deserialize(&mut *self.de)
    }
}

struct Items<'a, 'de> {
    de: &'a mut De<'de>,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, GiveUp> {
        match self.de.peek()? {
            Ev::End => Ok(None),
            _ => seed.deserialize(&mut *self.de).map(Some),
        }
    }
}

struct UnitVariant<'a, 'de> {
    de: &'a mut De<'de>,
}

impl<'de> de::EnumAccess<'de> for UnitVariant<'_, 'de> {
    type Error = GiveUp;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), GiveUp> {
        let value = seed.deserialize(&mut *self.de)?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_, 'de> {
    type Error = GiveUp;

    fn unit_variant(self) -> Result<(), GiveUp> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value, GiveUp> {
        Err(GiveUp)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Debug;

    use serde::de::DeserializeOwned;

    use crate::load::locate::Positions;
    use crate::load::raw::{RawBulletin, RawData};

    /// What the quick path gives for `text`, and serde_yaml's reading of it: when the
    /// quick path reads a value, serde_yaml reads the same one. Returns whether the quick
    /// path read it.
    fn agrees<T: DeserializeOwned + Debug>(text: &str) -> bool {
        let (quick, _) = Positions::read::<T>(text, 1);
        let Some((quick, events)) = quick else {
            return false;
        };
        // and the events, written and read back, give the same value again
        let mut bytes = Vec::new();
        events.write(&mut bytes);
        let again = crate::load::locate::value_from::<T>(text, &bytes).expect("read back");
        assert_eq!(format!("{again:?}"), format!("{quick:?}"));
        match serde_yaml::from_str::<T>(text) {
            Ok(slow) => assert_eq!(
                format!("{quick:?}"),
                format!("{slow:?}"),
                "the quick path read another value from\n{text}"
            ),
            Err(e) => panic!("the quick path read a value serde_yaml refuses ({e}) from\n{text}"),
        }
        true
    }

    /// Scalars a careless or hostile file may hold, each a plain, quoted or odd form.
    const SCALARS: &[&str] = &[
        "null",
        "Null",
        "NULL",
        "~",
        "nul",
        "true",
        "True",
        "TRUE",
        "tRUE",
        "false",
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "0",
        "00",
        "-0",
        "007",
        "-007",
        "0.0",
        "-0.0",
        "00.5",
        "0x1F",
        "-0x1F",
        "0o17",
        "0b101",
        "1e3",
        "1E3",
        "1.5e3",
        "1.5",
        "-2.75",
        "36.450",
        ".5",
        "5.",
        "+3",
        "+3.5",
        "1_000",
        "1,000",
        ".inf",
        "-.inf",
        ".nan",
        ".NaN",
        "inf",
        "-inf",
        "nan",
        "NaN",
        "infinity",
        "2024",
        "2024-Q1",
        "2024-03",
        "2024-03-01",
        "12345678901234567890",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "1.2.3",
        "-",
        "--",
        "-a",
        "a:b",
        "a#b",
        "地区生产总值",
        "6205.2",
        "8.2%",
        "〔2024〕5号",
        "'quoted'",
        "'it''s'",
        "''",
        "\"dq\"",
        "\"a\\nb\"",
        "\"a\\\"b\"",
        "\"\"",
        "'null'",
        "\"2024\"",
        "'1.5'",
        "amount",
        "rate",
        "Amount",
        "!tag x",
        "&a x",
        "*a",
        "| x",
        "> x",
        "@x",
        "`x",
        "%x",
        "<<",
        "a\u{85}b",
        "a\u{2028}b",
        "a\u{feff}b",
        "a\u{1}b",
        "a\u{7f}b",
        "a\u{a0}b",
        "全角：冒号",
        "x: y",
        "[1, 2]",
        "{a: 1}",
        "[]",
        "{}",
        "?x",
        ":x",
        "-x",
        "x:y",
        "x:",
        "http://a.b/c?d=1#e",
        "[x",
        "x]",
        "x}",
        "x,y",
        "x ,y",
        "a  b",
        "a ' b",
        "a \" b",
        "'a' b",
        "\"a\" b",
        "'",
        "\"",
        "#x",
        "x #",
    ];

    /// Every scalar in block and flow places, as a map's value and key, and as a list
    /// item: wherever the quick path reads a document, serde_yaml reads the same value.
    #[test]
    fn the_quick_path_reads_what_serde_yaml_reads_on_hostile_scalars() {
        let mut fast = 0;
        for s in SCALARS {
            let docs = [
                format!("a: {s}\n"),
                format!("a: {s} # note\n"),
                format!("{s}: 1\n"),
                format!("a:\n  - {s}\n  - b\n"),
                format!("a: [{s}, 1]\n"),
                format!("a: {{ value: {s}, growth: 2 }}\n"),
                format!("values:\n  {s}: 1\n"),
                format!("values: {{ 2024: {s} }}\n"),
            ];
            for doc in &docs {
                fast += usize::from(agrees::<serde_yaml::Value>(doc));
                let _ = agrees::<std::collections::BTreeMap<String, serde_yaml::Value>>(doc);
                let _ = agrees::<std::collections::BTreeMap<String, Option<String>>>(doc);
                let _ = agrees::<std::collections::BTreeMap<String, Option<f64>>>(doc);
                let _ = agrees::<std::collections::BTreeMap<String, u32>>(doc);
                let _ = agrees::<std::collections::BTreeMap<String, i64>>(doc);
                let _ = agrees::<std::collections::BTreeMap<String, bool>>(doc);
                let _ = agrees::<std::collections::BTreeMap<String, ()>>(doc);
                let _ = agrees::<std::collections::BTreeMap<String, Vec<String>>>(doc);
            }
        }
        // libyaml's limit on a key's length (1,024 characters), keys repeated
        for doc in [
            format!("{}: 1\n", "键".repeat(1100)),
            format!("a: {{ {}: 1 }}\n", "k".repeat(1100)),
            format!("{}: 1\n", "k".repeat(1000)),
            format!("k{}: 1\n", " ".repeat(1100)),
            format!("a: {{ k{}: 1 }}\n", " ".repeat(1100)),
            "a: 1\na: 2\n".to_string(),
            "a: { b: 1, b: 2 }\n".to_string(),
        ] {
            let _ = agrees::<serde_yaml::Value>(&doc);
            let _ = agrees::<std::collections::BTreeMap<String, serde_yaml::Value>>(&doc);
        }
        // most of them are read quickly (the rest left to serde_yaml)
        assert!(fast > SCALARS.len() * 4, "{fast}");
    }

    /// A unit's data with each hostile scalar in each field: the typed structs (exact
    /// decimals, periods, enums, options) read the same through either path.
    #[test]
    fn the_quick_path_reads_a_unit_s_data_as_serde_yaml_does() {
        let template = "indicators:\n  - id: gdp\n    name: NAME\n    unit: 亿元\n    kind: KIND\n    decimals: DEC\n    higher_is_better: HIB\n    values:\n      2023: { value: VALUE, growth: 4.8 }\n      PERIOD: VALUE\n    targets:\n      2024: { growth: VALUE, qualifier: 左右 }\n    ranks:\n      - { period: 2024, scope: 全省, position: DEC, by: growth }\n";
        let fields = ["NAME", "KIND", "DEC", "HIB", "VALUE", "PERIOD"];
        let normal = ["地区生产总值", "amount", "1", "true", "6205.2", "2024"];
        let mut fast = 0;
        for f in 0..fields.len() {
            for s in SCALARS {
                let mut doc = template.to_string();
                for (g, other) in fields.iter().enumerate() {
                    doc = doc.replace(other, if g == f { s } else { normal[g] });
                }
                fast += usize::from(agrees::<RawData>(&doc));
            }
        }
        assert!(fast > 100, "{fast}");
    }

    /// Every YAML file and front matter of the repository reads the same through either
    /// path, and the site's data and bulletins are all read by the quick one.
    #[test]
    fn the_quick_path_reads_every_file_of_the_repository_as_serde_yaml_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut data, mut fronts) = (0, 0);
        for entry in walkdir::WalkDir::new(root.join("content"))
            .into_iter()
            .chain(walkdir::WalkDir::new(root.join("tests/fixtures")))
            .chain(walkdir::WalkDir::new(root.join("src/scaffold")))
            .filter_map(Result::ok)
        {
            let path = entry.path();
            let Some(ext) = path.extension() else {
                continue;
            };
            let Ok(whole) = std::fs::read_to_string(path) else {
                continue;
            };
            if ext == "yaml" {
                let _ = agrees::<serde_yaml::Value>(&whole);
                if path.file_name().is_some_and(|n| n == "data.yaml")
                    && path.starts_with(root.join("content"))
                {
                    assert!(agrees::<RawData>(&whole), "{} read slowly", path.display());
                    data += 1;
                } else {
                    let _ = agrees::<RawData>(&whole);
                }
            } else if ext == "md"
                && let crate::load::yaml::Front::Closed { yaml, .. } =
                    crate::load::yaml::front_matter(whole.as_bytes())
            {
                let text = &whole[yaml];
                let _ = agrees::<serde_yaml::Value>(text);
                let bulletin = path.starts_with(root.join("content"))
                    && path.file_name().is_some_and(|n| n != "_index.md");
                if bulletin {
                    assert!(
                        agrees::<RawBulletin>(text),
                        "{} read slowly",
                        path.display()
                    );
                    fronts += 1;
                } else {
                    let _ = agrees::<RawBulletin>(text);
                }
            }
        }
        assert!(
            data >= 5 && fronts >= 5,
            "{data} data files, {fronts} bulletins"
        );
    }

    #[test]
    fn what_libyaml_reads_otherwise_is_left_to_it() {
        use super::readable;
        assert!(readable("a: 地区生产总值 — “增长” …\r\n".as_bytes()));
        for bad in [
            "\u{1}", "\u{7f}", "\u{85}", "\u{9f}", "\u{2028}", "\u{2029}", "\u{feff}", "\u{fffe}",
            "\u{ffff}", "\t",
        ] {
            assert!(!readable(format!("a: b{bad}c").as_bytes()), "{bad:?}");
        }
        assert!(readable(
            "\u{a0}\u{2027}\u{202a}\u{fefe}\u{fffd}".as_bytes()
        ));
    }

    #[test]
    fn plain_scalars_resolve_as_yaml_serde_resolves_them() {
        use super::{Plain, resolve};
        assert_eq!(resolve("~").ok(), Some(Plain::Null));
        assert_eq!(resolve("TRUE").ok(), Some(Plain::Bool(true)));
        assert_eq!(resolve("0").ok(), Some(Plain::Unsigned(0)));
        assert_eq!(resolve("-0").ok(), Some(Plain::Negative(0)));
        assert_eq!(resolve("36.450").ok(), Some(Plain::Float(36.45)));
        assert_eq!(resolve("2024年主要指标").ok(), Some(Plain::Str));
        assert_eq!(resolve("2024Q3").ok(), Some(Plain::Str));
        assert_eq!(resolve("007").ok(), Some(Plain::Str));
        assert_eq!(resolve("1e3").ok(), Some(Plain::Float(1000.0)));
        assert_eq!(resolve("0x1F").ok(), Some(Plain::Unsigned(31)));
        assert_eq!(resolve("地区生产总值").ok(), Some(Plain::Str));
        assert_eq!(resolve("inf").ok(), Some(Plain::Str));
        assert!(resolve("18446744073709551616").is_err());
    }
}
