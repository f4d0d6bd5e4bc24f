//! An indicator at a period, computed and phrased: the bridge between the domain model
//! and the pure arithmetic of `compute`. Markdown components and page views ask a
//! [`Figure`] for text ("增长5.7%", "居全市第2位") and never do arithmetic themselves.
//! [`table`] builds the statistics-office tables from the same figures. A page's figures
//! come from one [`PageFigures`], so each is computed and phrased once and the
//! commentary, key figures, tables and cross-check all read the same one; the pages made
//! in one pass share a [`SiteFigures`], so the tables and phrases a unit's bulletins
//! have in common are made once, not once a page. No I/O.

pub mod table;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::compute::comparison::{self, Change, Series, TargetOutcome};
use crate::compute::number::fixed;
use crate::compute::phrase::{self, UNAVAILABLE};
use crate::compute::{Decimal, Kind, Target};
use crate::model::{Indicator, Period, Rank, RankBasis, Unit, Value};

/// The figures of one page, each (indicator, period) computed once, on first use, and
/// shared by every part of the page that prints or checks it: the commentary's
/// components, the key figures, the tables and the cross-check, which so compares the
/// prose with the very figures the page printed. One store a page, dropped with it;
/// it asks the pass's [`SiteFigures`] for a figure it has not seen, when it has one.
#[derive(Default)]
pub struct PageFigures<'a> {
    /// By the indicator's address in the site (the site outlives the store, so no two
    /// indicators share one) and the period.
    figures: RefCell<FigureMap<'a>>,
    shared: Option<&'a SiteFigures<'a>>,
}

type FigureMap<'a> = HashMap<(usize, Period), Arc<Figure<'a>>, foldhash::fast::RandomState>;

impl<'a> PageFigures<'a> {
    pub fn new() -> Self {
        Self::default()
    }

    /// A page's store that takes the figures it has not seen from `shared`.
    pub fn sharing(shared: &'a SiteFigures<'a>) -> Self {
        PageFigures {
            // a bulletin asks for a score of figures: room for them from the start
            figures: RefCell::new(HashMap::with_capacity_and_hasher(
                32,
                foldhash::fast::RandomState::default(),
            )),
            shared: Some(shared),
        }
    }

    /// `indicator` at `period`, computed the first time the page (or, with a
    /// [`SiteFigures`], the pass) asks for it.
    pub fn figure(&self, indicator: &'a Indicator, period: Period) -> Arc<Figure<'a>> {
        let key = (std::ptr::from_ref(indicator).addr(), period);
        if let Some(f) = self.figures.borrow().get(&key) {
            return Arc::clone(f);
        }
        let f = match self.shared {
            Some(shared) => shared.figure(key, indicator, period),
            None => Arc::new(Figure::new(indicator, period)),
        };
        self.figures.borrow_mut().insert(key, Arc::clone(&f));
        f
    }
}

/// The figures of every page made in one pass over the site (one build, one serve
/// update): a figure is a function of its indicator and period alone, and a unit's
/// bulletins print the same tables and phrases, so each is computed and phrased once a
/// pass (at 10,000 bulletins, tables and phrases made once a page were 8% of a build).
/// A new pass makes a new store: nothing outlives the site it was computed from.
pub struct SiteFigures<'a> {
    /// Shards by key, so that worker threads seldom wait on one another.
    shards: [Mutex<FigureMap<'a>>; SHARDS],
}

const SHARDS: usize = 16;

/// Figures a shard keeps (a unit's pages ask for a few hundred).
const SHARD_LIMIT: usize = 256;

impl Default for SiteFigures<'_> {
    fn default() -> Self {
        SiteFigures {
            shards: std::array::from_fn(|_| Mutex::default()),
        }
    }
}

impl<'a> SiteFigures<'a> {
    fn figure(
        &self,
        key: (usize, Period),
        indicator: &'a Indicator,
        period: Period,
    ) -> Arc<Figure<'a>> {
        // by a hash of the key: an indicator's address alone steps by its size, which
        // can put every indicator of a unit in one shard
        let hash = {
            use std::hash::BuildHasher;
            foldhash::fast::FixedState::with_seed(0).hash_one(key)
        };
        let shard = &self.shards[(hash >> 32) as usize % SHARDS];
        let mut map = shard
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Pages are made unit after unit: a shard that has filled up holds figures of
        // units done with, and starts again (at 10,000 bulletins, keeping every figure
        // of the pass was +11 MiB of peak memory).
        if map.len() >= SHARD_LIMIT && !map.contains_key(&key) {
            map.clear();
        }
        Arc::clone(
            map.entry(key)
                .or_insert_with(|| Arc::new(Figure::new(indicator, period))),
        )
    }
}

/// One indicator at one period, with everything computed once: its phrases too, when
/// first asked for (a figure of a [`PageFigures`] is phrased once a page).
pub struct Figure<'a> {
    pub indicator: &'a Indicator,
    pub period: Period,
    pub value: Option<&'a Value>,
    pub series: Series,
    pub change: Change,
    phrases: Phrases,
}

/// A figure's phrases, made on first use.
#[derive(Default)]
struct Phrases {
    value: OnceLock<String>,
    change: OnceLock<String>,
    yoy: OnceLock<String>,
    rank: OnceLock<Option<String>>,
    full: OnceLock<String>,
    /// The bare numbers of a table's cells: a unit's bulletins print the same figures
    /// in their tables, and a figure is shared by the pages of a pass.
    number: OnceLock<String>,
    prior_number: OnceLock<String>,
    change_cell: OnceLock<String>,
    targets_row: OnceLock<TargetsRow>,
}

/// The cells of a figure's row in a targets table: 目标, 完成, 完成目标情况, 是否完成.
pub(crate) type TargetsRow = (String, String, String, &'static str);

/// Whether an index's unit puts last year at 100 (上年=100, 上年同期=100, 去年同期=100).
pub(crate) fn on_last_year(unit: &str) -> bool {
    let unit: String = unit.chars().filter(|c| !c.is_whitespace()).collect();
    ["上年=100", "上年同期=100", "去年同期=100", "去年=100"].contains(&unit.as_str())
}

impl<'a> Figure<'a> {
    pub fn new(indicator: &'a Indicator, period: Period) -> Self {
        let value = indicator.value(period);
        let prior = period.prior().and_then(|p| indicator.value(p));
        let shown = |v: Option<&Value>| v.filter(|v| !v.confidential).and_then(|v| v.value);
        let series = Series {
            kind: indicator.kind,
            decimals: indicator.decimals,
            higher_is_better: indicator.higher_is_better,
            per_mille: indicator.unit == "‰",
            current: shown(value),
            prior: shown(prior),
            // an index on last year (上年=100, 上年同期=100) states its change: 100.2 is 上涨0.2%
            stated_growth: value.filter(|v| !v.confidential).and_then(|v| {
                v.growth.or_else(|| {
                    (indicator.kind == Kind::Index && on_last_year(&indicator.unit))
                        .then(|| v.value.map(|x| x - Decimal::ONE_HUNDRED))
                        .flatten()
                })
            }),
            comparable_basis: indicator.comparable,
        };
        let change = comparison::change(&series);
        Figure {
            indicator,
            period,
            value,
            series,
            change,
            phrases: Phrases::default(),
        }
    }

    pub fn has_value(&self) -> bool {
        self.value.is_some()
    }

    /// "36.45亿元", "47家", "88%", "第127位"; "—" when missing or confidential.
    pub fn value_text(&self) -> String {
        self.phrases
            .value
            .get_or_init(|| {
                phrase::phrase_value(
                    self.series.current,
                    self.indicator.decimals,
                    &self.indicator.unit,
                    self.indicator.kind,
                )
            })
            .clone()
    }

    /// The bare number for a table cell: "36.45"; "—" when missing or confidential.
    pub fn number_text(&self) -> String {
        self.phrases
            .number
            .get_or_init(|| {
                self.series.current.map_or_else(
                    || UNAVAILABLE.to_string(),
                    |v| fixed(v, self.indicator.decimals),
                )
            })
            .clone()
    }

    pub fn prior_number_text(&self) -> String {
        self.phrases
            .prior_number
            .get_or_init(|| {
                self.series.prior.map_or_else(
                    || UNAVAILABLE.to_string(),
                    |v| fixed(v, self.indicator.decimals),
                )
            })
            .clone()
    }

    pub fn prior_text(&self) -> String {
        phrase::phrase_value(
            self.series.prior,
            self.indicator.decimals,
            &self.indicator.unit,
            self.indicator.kind,
        )
    }

    /// "增长5.7%", "上升11个百分点", "前进85位", "—".
    pub fn change_text(&self) -> String {
        self.phrases
            .change
            .get_or_init(|| phrase::phrase_change(&self.series, &self.change))
            .clone()
    }

    /// "比上年增长5.7%", "同比下降2.9%", "较上年前进85位", "—".
    pub fn yoy_text(&self) -> String {
        self.phrases
            .yoy
            .get_or_init(|| phrase::phrase_yoy(&self.series, &self.change, self.period.is_year()))
            .clone()
    }

    pub fn change_cell(&self) -> String {
        self.cached_change_cell().to_string()
    }

    fn cached_change_cell(&self) -> &str {
        self.phrases
            .change_cell
            .get_or_init(|| phrase::change_cell(&self.series, &self.change))
    }

    /// The figure's row of a targets table, made by `make` the first time it is asked.
    pub(crate) fn targets_row(&self, make: impl FnOnce() -> TargetsRow) -> TargetsRow {
        self.phrases.targets_row.get_or_init(make).clone()
    }

    /// "up"/"down" for styling a change cell; "" when flat or unavailable.
    pub fn change_class(&self) -> &'static str {
        let sign = match self.change {
            Change::Growth(d) | Change::Points(d) => {
                let text = self.cached_change_cell();
                if text.trim_start_matches(['-', '0', '.']).is_empty() {
                    0
                } else if d.is_sign_negative() {
                    -1
                } else {
                    1
                }
            }
            Change::Places(n) => n.signum(),
            Change::Unavailable => 0,
        };
        match sign {
            1 => "up",
            -1 => "down",
            _ => "",
        }
    }

    /// Ranks held in this period (for a `rank` indicator: its own position).
    pub fn ranks(&self) -> Vec<RankFigure> {
        if self.indicator.kind == Kind::Rank {
            let position = self.series.current.and_then(comparison::position);
            let prior = self.series.prior.and_then(comparison::position);
            return position
                .map(|position| RankFigure {
                    scope: self.indicator.scope.clone(),
                    by: RankBasis::Level,
                    position,
                    prior,
                    peers: self.indicator.peers,
                })
                .into_iter()
                .collect();
        }
        self.indicator
            .ranks
            .iter()
            .filter(|r| r.period == self.period)
            .map(|r| RankFigure {
                scope: r.scope.clone(),
                by: r.by,
                position: r.position,
                prior: prior_rank(self.indicator, r).map(|p| p.position),
                peers: r.peers,
            })
            .collect()
    }

    /// "居全市第2位" (with "，较上年前进85位" where last year's rank is known); a level
    /// and a growth rank at one place as one: "总量和增速均居全市第1位".
    pub fn rank_text(&self) -> Option<String> {
        self.phrases
            .rank
            .get_or_init(|| {
                let ranks = self.ranks();
                if let [a, b] = ranks.as_slice()
                    && a.by != b.by
                    && (a.scope.as_str(), a.position, a.prior)
                        == (b.scope.as_str(), b.position, b.prior)
                {
                    // the level and the growth at one place: one rank, not the same twice
                    let level = if self.indicator.kind == Kind::Count {
                        "数量"
                    } else {
                        "总量"
                    };
                    let change = phrase::phrase_rank_change(a.prior, a.position);
                    return Some(phrase::phrase_shared_rank(
                        level, &a.scope, a.position, &change,
                    ));
                }
                (!ranks.is_empty()).then(|| {
                    ranks
                        .iter()
                        .map(RankFigure::text)
                        .collect::<Vec<_>>()
                        .join("，")
                })
            })
            .clone()
    }

    pub fn target(&self) -> Option<&'a Target> {
        self.indicator.targets.get(&self.period)
    }

    pub fn target_outcome(&self) -> Option<TargetOutcome> {
        self.target()
            .map(|t| comparison::evaluate_target(&self.series, t))
    }

    /// The year's target of a part of a year that has none of its own (一季度 against
    /// 2025's): only where a part of the year can be measured against it without a
    /// verdict — the completion of a level on an amount, count or index (完成全年目标的
    /// 23.7%), the gap of a growth, rate or share (低于全年目标0.6个百分点). Ceilings, ranges,
    /// thresholds and ranks are decided by the whole year: None.
    pub fn part_year_target(&self) -> Option<&'a Target> {
        if self.target().is_some()
            || matches!(self.period, Period::Year(_) | Period::Years { .. })
            || self.indicator.kind == Kind::Rank
        {
            return None;
        }
        let year = Period::Year((self.period.month_span().1 - 1).div_euclid(12) as i32);
        let t = self.indicator.targets.get(&year)?;
        let open = !matches!(t, Target::Range { .. })
            && !comparison::is_ceiling(t, self.series.higher_is_better)
            && t.qualifier() != Some(crate::compute::Qualifier::Exceeds);
        open.then_some(t)
    }

    /// "完成年度目标的156.4%", "高于年度目标1.2个百分点"; for a part of a year, against
    /// the year's target where it can be measured ([`Figure::part_year_target`]).
    pub fn target_text(&self) -> Option<String> {
        let (t, label) = match self.target() {
            Some(t) if self.period.is_year() => (t, "年度目标"),
            Some(t) => (t, "目标"),
            None => (self.part_year_target()?, "全年目标"),
        };
        let o = comparison::evaluate_target(&self.series, t);
        Some(phrase::phrase_target(
            &self.series,
            t,
            &o,
            label,
            &self.indicator.unit,
        ))
    }

    /// The multi-year target whose span holds this period (2024 in 2024~2026), or the
    /// span itself when the figure is asked at it.
    pub fn cumulative_target(&self) -> Option<(Period, &'a Target)> {
        let year = match self.period {
            Period::Years { .. } => {
                return self
                    .indicator
                    .targets
                    .get(&self.period)
                    .map(|t| (self.period, t));
            }
            // The year the period ends in (month_span counts months from year 0, January = 1).
            p => (p.month_span().1 - 1).div_euclid(12) as i32,
        };
        self.indicator.targets.iter().find_map(|(p, t)| match p {
            Period::Years { from, to } if (*from..=*to).contains(&year) => Some((*p, t)),
            _ => None,
        })
    }

    /// Progress against the multi-year target, as of this period (or, for the span
    /// itself, the latest year with data): "完成三年目标的25.0%，时序进度33.3%，…".
    pub fn progress_text(&self) -> Option<String> {
        let (span, target) = self.cumulative_target()?;
        let Period::Years { from, to } = span else {
            return None;
        };
        let Target::Level { value: goal, .. } = target else {
            return None;
        };
        let shown = |p: Period| {
            self.indicator
                .value(p)
                .filter(|v| !v.confidential)
                .and_then(|v| v.value)
        };
        let as_of = match self.period {
            Period::Years { .. } => (from..=to)
                .rev()
                .find(|y| shown(Period::Year(*y)).is_some())?,
            Period::Year(y) => y,
            // Within a year, only whole years count until the year is complete.
            _ => return None,
        };
        let done = if self.indicator.accumulates {
            (from..=as_of)
                .map(|y| shown(Period::Year(y)))
                .sum::<Option<crate::compute::Decimal>>()?
        } else {
            shown(Period::Year(as_of))?
        };
        let months = |a: i32, b: i32| i64::from(b - a + 1) * 12;
        let progress =
            comparison::cumulative_progress(done, *goal, months(from, as_of), months(from, to));
        Some(phrase::phrase_progress(&progress, to - from + 1))
    }

    /// The whole phrase a statistics bulletin writes:
    /// "地区生产总值128.3亿元，比上年增长5.7%，居全市第2位";
    /// for a rank indicator "…居全国国家级经开区第127位，较上年前进85位".
    pub fn full_text(&self) -> String {
        self.phrases
            .full
            .get_or_init(|| self.make_full_text())
            .clone()
    }

    fn make_full_text(&self) -> String {
        let name = &self.indicator.name;
        if self.indicator.kind == Kind::Rank {
            return match self.rank_text() {
                Some(rank) => format!("{name}{rank}"),
                None => format!("{name}{}", UNAVAILABLE),
            };
        }
        let mut parts = Vec::new();
        let value = self.value_text();
        let mut head = name.clone();
        if value != UNAVAILABLE {
            head.push_str(&value);
        }
        parts.push(head);
        let yoy = self.yoy_text();
        if yoy != UNAVAILABLE {
            parts.push(yoy);
        }
        if let Some(rank) = self.rank_text() {
            parts.push(rank);
        }
        if parts.len() == 1 && value == UNAVAILABLE {
            parts[0].push_str(UNAVAILABLE);
        }
        parts.join("，")
    }

    /// "占规上工业总产值的比重为88.0%", for an indicator with `share_of`.
    pub fn share_text(&self, unit: &Unit) -> Option<String> {
        let total = &unit.indicators[self.indicator.share_of?];
        let total_value = total
            .value(self.period)
            .filter(|v| !v.confidential)
            .and_then(|v| v.value);
        let share = match (self.series.current, total_value) {
            (Some(part), Some(total)) => comparison::share(part, total),
            _ => None,
        };
        Some(phrase::phrase_share(&total.name, share, 1))
    }
}

/// The same rank a year earlier: same scope and basis, the prior period.
fn prior_rank<'a>(indicator: &'a Indicator, r: &Rank) -> Option<&'a Rank> {
    let prior = r.period.prior()?;
    indicator
        .ranks
        .iter()
        .find(|p| p.period == prior && p.scope == r.scope && p.by == r.by)
}

pub struct RankFigure {
    pub scope: String,
    pub by: RankBasis,
    pub position: u32,
    pub prior: Option<u32>,
    pub peers: Option<u32>,
}

impl RankFigure {
    /// "增速居全市第2位" / "居全国国家级经开区第127位，较上年前进85位".
    pub fn text(&self) -> String {
        let basis = if self.by == RankBasis::Growth {
            "增速"
        } else {
            ""
        };
        let mut text = format!("{basis}{}", phrase::phrase_rank(&self.scope, self.position));
        let change = phrase::phrase_rank_change(self.prior, self.position);
        if !change.is_empty() {
            text.push('，');
            text.push_str(&change);
        }
        text
    }

    pub fn change_cell(&self) -> String {
        match self.prior {
            Some(prior) => {
                let n = comparison::rank_change(prior, self.position);
                match n.signum() {
                    1 => format!("前进{n}位"),
                    -1 => format!("后退{}位", -n),
                    _ => "持平".to_string(),
                }
            }
            None => UNAVAILABLE.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;

    fn base_site() -> crate::model::Site {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
        let mut diags = Diagnostics::default();
        let loaded = crate::load::load(&root, crate::load::Bodies::Keep, &mut diags)
            .expect("the fixture loads");
        crate::model::resolve(loaded, true, &mut diags)
    }

    #[test]
    fn pages_of_one_pass_share_a_figure_and_a_full_store_starts_again() {
        let site = base_site();
        let unit = &site.units[site.unit("demo").expect("unit demo")];
        let rank = &unit.indicators[unit.indicator("national_rank").expect("national_rank")];
        let shared = SiteFigures::default();
        let (one, two) = (PageFigures::sharing(&shared), PageFigures::sharing(&shared));
        let first = one.figure(rank, Period::Year(2024));
        assert!(Arc::ptr_eq(&first, &two.figure(rank, Period::Year(2024))));
        // far more periods than a store keeps: every figure is still right, and the
        // store holds no more than its limit
        for year in 1000..1000 + 40 * SHARD_LIMIT as i32 {
            let f = two.figure(rank, Period::Year(year));
            assert_eq!(f.period, Period::Year(year));
        }
        let held: usize = shared.shards.iter().map(|s| s.lock().unwrap().len()).sum();
        assert!(held <= SHARDS * SHARD_LIMIT, "{held}");
        assert_eq!(
            PageFigures::sharing(&shared)
                .figure(rank, Period::Year(2024))
                .full_text(),
            first.full_text()
        );
    }

    #[test]
    fn a_page_computes_each_figure_once_and_phrases_it_as_a_fresh_one() {
        let site = base_site();
        let unit = &site.units[site.unit("demo").expect("unit demo")];
        let rank = &unit.indicators[unit.indicator("national_rank").expect("national_rank")];
        let share = &unit.indicators[unit.indicator("leading_share").expect("leading_share")];
        let page = PageFigures::new();
        let first = page.figure(rank, Period::Year(2024));
        // the commentary, the key figures, a table and the cross-check get the same one
        assert!(Arc::ptr_eq(&first, &page.figure(rank, Period::Year(2024))));
        assert!(!Arc::ptr_eq(&first, &page.figure(rank, Period::Year(2023))));
        assert!(!Arc::ptr_eq(
            &first,
            &page.figure(share, Period::Year(2024))
        ));
        // seed 000: 第127位，较上年前进85位; 88%，上升11个百分点 — asked twice, same words
        let fresh = Figure::new(rank, Period::Year(2024));
        for _ in 0..2 {
            assert_eq!(first.full_text(), fresh.full_text());
            assert_eq!(first.rank_text(), fresh.rank_text());
            assert!(
                first.full_text().contains("前进85位"),
                "{}",
                first.full_text()
            );
        }
        let share = page.figure(share, Period::Year(2024));
        assert_eq!(share.rank_text(), None);
        assert_eq!(share.change_text(), "上升11个百分点");
        assert_eq!(share.value_text(), "88%");
        assert_eq!(share.change_text(), "上升11个百分点");
    }

    /// seed 000: 直接利用外资 规模、增幅均居全市第一 — one rank phrase, not "居全市第1位，
    /// 增速居全市第1位"; a growth rank alone keeps its own words.
    #[test]
    fn a_level_and_a_growth_rank_at_one_place_are_phrased_once() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut diags = Diagnostics::default();
        let loaded =
            crate::load::load(root, crate::load::Bodies::Keep, &mut diags).expect("the example");
        let site = crate::model::resolve(loaded, true, &mut diags);
        let unit = &site.units[site.unit("luan-kfq").expect("luan-kfq")];
        let figure = |id: &str| {
            Figure::new(
                &unit.indicators[unit.indicator(id).expect(id)],
                Period::Year(2024),
            )
            .rank_text()
        };
        assert_eq!(figure("fdi").as_deref(), Some("总量和增速均居全市第1位"));
        assert_eq!(figure("gdp").as_deref(), Some("增速居全市第2位"));
    }
}
