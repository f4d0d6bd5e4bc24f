//! `compute` owns every figure `bulletin` works out and every way it says one in Chinese:
//! exact decimals and their rounding (`number`), the arithmetic of comparisons — growth,
//! percentage points, completion of target, rank change, share and sum (`comparison`) —
//! and the phrasing of those results as a statistics bulletin writes them (`phrase`).
//! It is pure: it reads no file, prints nothing and knows nothing of YAML spans, pages or
//! templates; callers hand it resolved figures and get back numbers and strings. Figures
//! are `Decimal`s throughout, never `f64` (README, "How figures are phrased").

pub(crate) mod comparison;
pub(crate) mod number;
pub(crate) mod phrase;
#[cfg(test)]
mod verdict_tests;

pub(crate) use rust_decimal::Decimal;

/// What an indicator measures, which decides how it is compared and phrased
/// (ARCHITECTURE.md, "Decisions").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    /// A money or physical quantity (亿元, 万美元, 吨): compared by growth rate.
    Amount,
    /// A number of things (家, 个, 项): compared by growth rate.
    Count,
    /// A rate in % or ‰ (增长率, 失业率): compared in 百分点 / 千分点.
    Rate,
    /// A share of a total in %: compared in 百分点.
    Share,
    /// A position among peers (第127位): compared in places, smaller is better.
    Rank,
    /// An index value (a price index 102.3): treated like an amount.
    Index,
}

impl Kind {
    /// Whether a change of this indicator is a difference in percentage points rather
    /// than a growth rate: a rate never "grows by 12%" (ARCHITECTURE.md, "Decisions").
    pub(crate) fn changes_in_points(self) -> bool {
        matches!(self, Kind::Rate | Kind::Share)
    }
}

/// The word that qualifies a target figure: 170亿元以上, 20%左右, 1%以内, 突破50亿元.
/// Every qualifier is judged on the figure as printed (README, "Targets").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
pub(crate) enum Qualifier {
    /// 以上: a floor, met when the value reaches it.
    #[serde(rename = "以上")]
    AtLeast,
    /// 左右: approximately, met within 5% of a level (0.5 point of a growth rate) or better.
    #[serde(rename = "左右")]
    About,
    /// 以内: a ceiling, met when the value stays at or under it.
    #[serde(rename = "以内")]
    AtMost,
    /// 突破: a threshold to pass, met only when the value is strictly above it ("突破"
    /// means breaking through: a figure equal to it has not 突破). Printed before the
    /// figure: 突破50亿元.
    #[serde(rename = "突破")]
    Exceeds,
}

impl Qualifier {
    /// The qualifier as printed after the figure.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Qualifier::AtLeast => "以上",
            Qualifier::About => "左右",
            Qualifier::AtMost => "以内",
            Qualifier::Exceeds => "突破",
        }
    }

    /// The qualifier a word of a plan's prose states, for comparing a typed target with
    /// the data's: 以上/不少于/不低于 (a floor), 左右/约 (about), 以内/以下/不超过/控制在 (a
    /// ceiling), 突破/超过 (a threshold to pass). `None` for any other word.
    #[cfg_attr(
        not(test),
        expect(
            dead_code,
            reason = "for the cross-check of typed targets (issue 13, point 9)"
        )
    )]
    pub(crate) fn from_word(word: &str) -> Option<Qualifier> {
        Some(match word {
            "以上" | "不少于" | "不低于" => Qualifier::AtLeast,
            "左右" | "约" => Qualifier::About,
            "以内" | "以下" | "不超过" | "不高于" | "控制在" => Qualifier::AtMost,
            "突破" | "超过" => Qualifier::Exceeds,
            _ => return None,
        })
    }

    /// Whether the word goes before the figure (突破50亿元) rather than after it.
    pub(crate) fn is_prefix(self) -> bool {
        self == Qualifier::Exceeds
    }
}

/// A target set for one indicator and one period. Figures are exact as written in
/// data.yaml; `comparison::evaluate_target` compares them with the actual figure as
/// printed (rounded half-up to the indicator's `decimals`). A target's `note`
/// (列入市对县考核) is kept beside it in `model::Indicator::target_notes`, not here, so two
/// targets compare equal when their figures do.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Target {
    /// A level to reach: 170亿元以上. For a rate or share indicator the level is in %.
    Level {
        value: Decimal,
        qualifier: Option<Qualifier>,
    },
    /// A growth rate in %: 增长10%以上.
    Growth {
        rate: Decimal,
        qualifier: Option<Qualifier>,
    },
    /// A range of levels, bounds included: 2—3家. Below it is 未达到; above it is 超过
    /// (met for a higher-is-better indicator, not met for a lower-is-better one).
    Range { low: Decimal, high: Decimal },
}

impl Target {
    /// The qualifier of a level or growth target; a range has none.
    pub(crate) fn qualifier(&self) -> Option<Qualifier> {
        match *self {
            Target::Level { qualifier, .. } | Target::Growth { qualifier, .. } => qualifier,
            Target::Range { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_qualifiers_read_as_data_yaml_writes_them() {
        let kinds = [
            ("amount", Kind::Amount, false),
            ("count", Kind::Count, false),
            ("rate", Kind::Rate, true),
            ("share", Kind::Share, true), // seed 000: 比重88%, 上升11个百分点
            ("rank", Kind::Rank, false),  // seed 000: 第127位
            ("index", Kind::Index, false),
        ];
        for (name, kind, in_points) in kinds {
            let read: Kind = serde_json::from_str(&format!("\"{name}\"")).expect("kind");
            assert_eq!(read, kind);
            assert_eq!(kind.changes_in_points(), in_points, "{name}");
        }
        // seed 001: 170亿元以上, 3家左右, 1%以下 (as 以内)
        let qualifiers = [
            ("以上", Qualifier::AtLeast),
            ("左右", Qualifier::About),
            ("以内", Qualifier::AtMost),
            ("突破", Qualifier::Exceeds), // 产值突破50亿元
        ];
        for (text, qualifier) in qualifiers {
            let read: Qualifier = serde_json::from_str(&format!("\"{text}\"")).expect("qualifier");
            assert_eq!(read, qualifier);
            assert_eq!(qualifier.as_str(), text);
        }
        assert!(serde_json::from_str::<Qualifier>("\"以下\"").is_err());
        // seed 001: 担保费率控制在1%以下; 产值突破200亿元; 不少于2项
        assert_eq!(Qualifier::from_word("以下"), Some(Qualifier::AtMost));
        assert_eq!(Qualifier::from_word("突破"), Some(Qualifier::Exceeds));
        assert_eq!(Qualifier::from_word("不少于"), Some(Qualifier::AtLeast));
        assert_eq!(Qualifier::from_word("达到"), None);
    }
}
