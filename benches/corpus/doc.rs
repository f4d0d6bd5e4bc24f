//! One text written for both sites at once ([`Doc`]): the same words, with a figure as a
//! `{{ id.part }}` shortcode for bulletin and as its phrase for Hugo; and YAML quoting.

use std::fmt::Write as _;

use crate::phrasing::{Part, phrase};
use crate::tree::Unit;

/// The same text for both sites, except figures and tables.
#[derive(Default)]
pub(crate) struct Doc {
    pub(crate) bulletin: String,
    pub(crate) hugo: String,
}

impl Doc {
    pub(crate) fn text(&mut self, s: &str) {
        self.bulletin.push_str(s);
        self.hugo.push_str(s);
    }

    pub(crate) fn fig(&mut self, unit: &Unit, i: usize, part: Part) {
        let s = &unit.series[i];
        let _ = match part.key() {
            None => write!(self.bulletin, "{{{{ {} }}}}", s.def.id),
            Some(p) => write!(self.bulletin, "{{{{ {}.{p} }}}}", s.def.id),
        };
        self.hugo.push_str(&phrase(unit, s, part));
    }

    pub(crate) fn block(&mut self, bulletin: &str, hugo: &str) {
        self.bulletin.push_str(bulletin);
        self.hugo.push_str(hugo);
    }
}

/// A YAML scalar: plain when safe, else double-quoted.
pub(crate) fn yaml(s: &str) -> String {
    let risky = s.is_empty()
        || s.chars().any(|c| ":#\"'{}[],&*!|>%@`\\".contains(c))
        || s.parse::<f64>().is_ok();
    if risky {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        s.to_string()
    }
}

/// Always quoted, for Hugo front matter (so "22.80" stays a string).
pub(crate) fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
