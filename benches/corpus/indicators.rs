//! The 30 indicators every unit reports (name, unit, kind, decimals, how they drift, which
//! carry a target or a rank) and one unit's five years of values for each: the figures
//! behind both `data.yaml` and the phrases written for Hugo.

use crate::CUR;
use crate::rng::Lcg;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Amount,
    Count,
    Rate,
    Share,
    Rank,
}

impl Kind {
    pub(crate) fn key(self) -> &'static str {
        match self {
            Kind::Amount => "amount",
            Kind::Count => "count",
            Kind::Rate => "rate",
            Kind::Share => "share",
            Kind::Rank => "rank",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qualifier {
    Plan,
    AtLeast,
    About,
    AtMost,
}

impl Qualifier {
    pub(crate) fn text(self) -> &'static str {
        match self {
            Qualifier::Plan => "",
            Qualifier::AtLeast => "以上",
            Qualifier::About => "左右",
            Qualifier::AtMost => "以内",
        }
    }
}

#[derive(Clone, Copy)]
pub(crate) enum TargetDef {
    None,
    /// A level for 2024, set near the outcome.
    Level(Qualifier),
    /// A growth rate in whole percent (± 1 per unit).
    Growth(i64, Qualifier),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum RankDef {
    None,
    /// Ranked by level in 2023 and 2024 (so the change in places is known).
    Level,
    /// Ranked by level in 2024 only.
    LevelCurrent,
    /// Ranked by growth rate in 2023 and 2024.
    Growth,
}

pub(crate) struct Def {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) unit: &'static str,
    pub(crate) kind: Kind,
    pub(crate) decimals: u32,
    /// A city's 2020 level (amounts, counts) or a typical level (rates, shares).
    pub(crate) base: f64,
    /// Yearly growth as a fraction (amounts, counts) or change in points (rates, shares).
    pub(crate) drift: (f64, f64),
    /// Whether the level shrinks with the unit (totals do; per-capita incomes do not).
    pub(crate) scales: bool,
    pub(crate) lower_is_better: bool,
    /// A year-end stock (年末…) rather than a flow over the year (全年…).
    pub(crate) stock: bool,
    pub(crate) verb: &'static str,
    pub(crate) dept: &'static str,
    pub(crate) note: &'static str,
    pub(crate) target: TargetDef,
    pub(crate) rank: RankDef,
    /// Growth stated at comparable prices (`growth_basis: comparable`).
    pub(crate) comparable: bool,
}

#[expect(
    clippy::too_many_arguments,
    reason = "one row of the indicator table below, read as a row"
)]
const fn def(
    id: &'static str,
    name: &'static str,
    unit: &'static str,
    kind: Kind,
    decimals: u32,
    base: f64,
    drift: (f64, f64),
    verb: &'static str,
) -> Def {
    Def {
        id,
        name,
        unit,
        kind,
        decimals,
        base,
        drift,
        scales: matches!(kind, Kind::Amount | Kind::Count),
        lower_is_better: false,
        stock: false,
        verb,
        dept: "统计局",
        note: "",
        target: TargetDef::None,
        rank: RankDef::None,
        comparable: false,
    }
}

use Kind::{Amount, Count, Rank, Rate, Share};

/// The 30 indicators every unit reports, in `data.yaml` order.
pub(crate) const DEFS: [Def; 30] = [
    Def {
        comparable: true,
        note: "增速按可比价格计算。",
        target: TargetDef::Growth(6, Qualifier::About),
        rank: RankDef::Growth,
        ..def(
            "gdp",
            "地区生产总值",
            "亿元",
            Amount,
            1,
            5200.0,
            (0.035, 0.085),
            "实现",
        )
    },
    def(
        "tertiary_share",
        "第三产业增加值占地区生产总值比重",
        "%",
        Share,
        1,
        48.0,
        (-0.6, 1.4),
        "达到",
    ),
    Def {
        stock: true,
        ..def(
            "urbanization_rate",
            "常住人口城镇化率",
            "%",
            Rate,
            2,
            58.0,
            (0.3, 1.3),
            "达到",
        )
    },
    Def {
        lower_is_better: true,
        note: "位次越小越好，按全省同级单位排序。",
        ..def(
            "comprehensive_rank",
            "高质量发展综合考核位次",
            "位",
            Rank,
            0,
            0.0,
            (0.0, 0.0),
            "为",
        )
    },
    def(
        "industry_value_added",
        "规模以上工业增加值",
        "亿元",
        Amount,
        1,
        1600.0,
        (0.02, 0.12),
        "实现",
    ),
    def(
        "industrial_output",
        "规模以上工业总产值",
        "亿元",
        Amount,
        1,
        6800.0,
        (0.01, 0.13),
        "实现",
    ),
    def(
        "high_tech_output",
        "高新技术产业产值",
        "亿元",
        Amount,
        1,
        2900.0,
        (0.04, 0.18),
        "实现",
    ),
    Def {
        stock: true,
        ..def(
            "regulated_firms",
            "规模以上工业企业",
            "家",
            Count,
            0,
            2400.0,
            (0.0, 0.08),
            "达到",
        )
    },
    Def {
        dept: "发展和改革委员会",
        note: "不含农户投资。",
        target: TargetDef::Growth(8, Qualifier::AtLeast),
        ..def(
            "fixed_asset_investment",
            "固定资产投资",
            "亿元",
            Amount,
            1,
            3600.0,
            (-0.03, 0.12),
            "完成",
        )
    },
    Def {
        dept: "发展和改革委员会",
        target: TargetDef::Level(Qualifier::Plan),
        ..def(
            "key_project_investment",
            "重点项目完成投资",
            "亿元",
            Amount,
            2,
            820.0,
            (0.0, 0.15),
            "",
        )
    },
    Def {
        dept: "投资促进中心",
        target: TargetDef::Level(Qualifier::AtLeast),
        ..def(
            "projects_new",
            "新签约亿元以上项目",
            "个",
            Count,
            0,
            260.0,
            (-0.05, 0.2),
            "",
        )
    },
    Def {
        dept: "商务局",
        target: TargetDef::Growth(6, Qualifier::About),
        rank: RankDef::LevelCurrent,
        ..def(
            "retail_sales",
            "社会消费品零售总额",
            "亿元",
            Amount,
            1,
            2300.0,
            (0.02, 0.09),
            "实现",
        )
    },
    Def {
        dept: "财政局",
        target: TargetDef::Level(Qualifier::AtLeast),
        rank: RankDef::Level,
        ..def(
            "fiscal_revenue",
            "一般公共预算收入",
            "亿元",
            Amount,
            2,
            520.0,
            (-0.02, 0.1),
            "完成",
        )
    },
    Def {
        dept: "财政局",
        ..def(
            "tax_revenue",
            "税收收入",
            "亿元",
            Amount,
            2,
            390.0,
            (-0.03, 0.1),
            "完成",
        )
    },
    Def {
        dept: "财政局",
        ..def(
            "fiscal_expenditure",
            "一般公共预算支出",
            "亿元",
            Amount,
            2,
            780.0,
            (0.0, 0.08),
            "",
        )
    },
    Def {
        dept: "商务局",
        ..def(
            "exports",
            "出口总额",
            "亿元",
            Amount,
            2,
            460.0,
            (-0.08, 0.18),
            "实现",
        )
    },
    Def {
        dept: "商务局",
        ..def(
            "imports",
            "进口总额",
            "亿元",
            Amount,
            2,
            240.0,
            (-0.1, 0.15),
            "实现",
        )
    },
    Def {
        dept: "商务局",
        note: "按美元计价。",
        ..def(
            "fdi",
            "实际使用外资",
            "万美元",
            Amount,
            0,
            98000.0,
            (-0.15, 0.2),
            "",
        )
    },
    Def {
        stock: true,
        dept: "科学技术局",
        target: TargetDef::Level(Qualifier::AtLeast),
        ..def(
            "high_tech_firms",
            "高新技术企业",
            "家",
            Count,
            0,
            1800.0,
            (0.04, 0.18),
            "达到",
        )
    },
    Def {
        dept: "市场监督管理局",
        ..def(
            "patents",
            "发明专利授权量",
            "件",
            Count,
            0,
            3100.0,
            (-0.02, 0.25),
            "",
        )
    },
    Def {
        dept: "科学技术局",
        note: "研究与试验发展经费支出与地区生产总值之比。",
        target: TargetDef::Level(Qualifier::Plan),
        ..def(
            "rd_intensity",
            "研发经费投入强度",
            "%",
            Share,
            2,
            2.3,
            (0.02, 0.16),
            "达到",
        )
    },
    Def {
        scales: false,
        ..def(
            "urban_income",
            "城镇常住居民人均可支配收入",
            "元",
            Amount,
            0,
            45000.0,
            (0.03, 0.07),
            "",
        )
    },
    Def {
        scales: false,
        ..def(
            "rural_income",
            "农村常住居民人均可支配收入",
            "元",
            Amount,
            0,
            19000.0,
            (0.05, 0.09),
            "",
        )
    },
    Def {
        dept: "人力资源和社会保障局",
        target: TargetDef::Level(Qualifier::AtLeast),
        ..def(
            "new_jobs",
            "城镇新增就业",
            "人",
            Count,
            0,
            68000.0,
            (-0.05, 0.08),
            "",
        )
    },
    Def {
        lower_is_better: true,
        dept: "人力资源和社会保障局",
        target: TargetDef::Level(Qualifier::AtMost),
        ..def(
            "unemployment_rate",
            "城镇调查失业率",
            "%",
            Rate,
            1,
            5.2,
            (-0.3, 0.2),
            "平均为",
        )
    },
    Def {
        stock: true,
        dept: "金融工作办公室",
        ..def(
            "deposits",
            "金融机构本外币存款余额",
            "亿元",
            Amount,
            1,
            9800.0,
            (0.05, 0.12),
            "",
        )
    },
    Def {
        stock: true,
        dept: "金融工作办公室",
        ..def(
            "loans",
            "金融机构本外币贷款余额",
            "亿元",
            Amount,
            1,
            8700.0,
            (0.06, 0.14),
            "",
        )
    },
    Def {
        dept: "市场监督管理局",
        ..def(
            "new_market_entities",
            "新登记经营主体",
            "户",
            Count,
            0,
            120_000.0,
            (-0.05, 0.12),
            "",
        )
    },
    Def {
        stock: true,
        dept: "林业局",
        ..def(
            "forest_coverage",
            "森林覆盖率",
            "%",
            Share,
            2,
            31.0,
            (0.0, 0.3),
            "达到",
        )
    },
    Def {
        dept: "生态环境局",
        note: "按环境空气质量新标准评价。",
        ..def(
            "good_air_share",
            "空气质量优良天数比例",
            "%",
            Share,
            1,
            82.0,
            (-2.0, 2.5),
            "达到",
        )
    },
];

pub(crate) fn def_index(id: &str) -> usize {
    DEFS.iter()
        .position(|d| d.id == id)
        .unwrap_or_else(|| panic!("no indicator `{id}` in DEFS"))
}

/// One unit's indicator: values in minor units (10^-decimals; positions for a rank).
pub(crate) struct Series {
    pub(crate) def: &'static Def,
    pub(crate) values: [i64; 5],
    /// Stated growth in tenths of a percent, for `comparable` indicators.
    pub(crate) growth: [i64; 5],
    pub(crate) target: Option<Target>,
    /// (year index, position) in the unit's rank scope, by [`Def::rank`].
    pub(crate) ranks: Vec<(usize, u32)>,
}

#[derive(Clone, Copy)]
pub(crate) enum Target {
    /// A level in minor units of `decimals`.
    Level {
        minor: i64,
        decimals: u32,
        qualifier: Qualifier,
    },
    /// A growth rate in whole percent.
    Growth { rate: i64, qualifier: Qualifier },
}

pub(crate) fn make_series(
    d: &'static Def,
    depth: u8,
    peers: u32,
    rank_peers: u32,
    rng: &mut Lcg,
) -> Series {
    let scale = 10f64.powi(d.decimals as i32);
    let mut values = [0i64; 5];
    let mut growth = [0i64; 5];
    match d.kind {
        Kind::Rank => {
            let top = i64::from(rank_peers.max(1));
            let mut pos = rng.range(1, top);
            for v in &mut values {
                *v = pos;
                pos = (pos + rng.range(-4, 4)).clamp(1, top);
            }
        }
        Kind::Rate | Kind::Share => {
            let mut v = d.base * rng.float(0.85, 1.15);
            for slot in &mut values {
                *slot = (v * scale).round() as i64;
                v = (v + rng.float(d.drift.0, d.drift.1)).clamp(0.5, 99.5);
            }
        }
        Kind::Amount | Kind::Count => {
            let size = if d.scales {
                match depth {
                    0 => rng.float(0.5, 1.6),
                    1 => rng.float(0.06, 0.22),
                    _ => rng.float(0.008, 0.03),
                }
            } else {
                rng.float(0.85, 1.15)
            };
            let mut v = d.base * size;
            for (y, slot) in values.iter_mut().enumerate() {
                if y > 0 {
                    let g = rng.float(d.drift.0, d.drift.1);
                    if d.comparable {
                        growth[y] = (g * 1000.0).round() as i64;
                        // Nominal level: real growth plus a little price change.
                        v *= 1.0 + growth[y] as f64 / 1000.0 + rng.float(0.005, 0.02);
                    } else {
                        v *= 1.0 + g;
                    }
                } else if d.comparable {
                    growth[0] = (rng.float(d.drift.0, d.drift.1) * 1000.0).round() as i64;
                }
                *slot = ((v * scale).round() as i64).max(1);
            }
        }
    }
    let now = values[CUR];
    let target = match d.target {
        TargetDef::None => None,
        TargetDef::Growth(rate, qualifier) => Some(Target::Growth {
            rate: (rate + rng.range(-1, 1)).max(1),
            qualifier,
        }),
        TargetDef::Level(qualifier) => Some(match d.kind {
            Kind::Rate => Target::Level {
                minor: 55,
                decimals: 1,
                qualifier,
            },
            Kind::Share => {
                let t = now as f64 / scale + rng.float(-0.25, 0.2);
                Target::Level {
                    minor: ((t * 10.0).round() as i64).max(1),
                    decimals: 1,
                    qualifier,
                }
            }
            _ => {
                let t = now as f64 / scale * rng.float(0.9, 1.06);
                let decimals = if t >= 100.0 || d.decimals == 0 { 0 } else { 1 };
                Target::Level {
                    minor: ((t * 10f64.powi(decimals as i32)).round() as i64).max(1),
                    decimals,
                    qualifier,
                }
            }
        }),
    };
    let top = i64::from(peers.max(1));
    let years: &[usize] = match d.rank {
        RankDef::None => &[],
        RankDef::LevelCurrent => &[CUR],
        RankDef::Level | RankDef::Growth => &[CUR - 1, CUR],
    };
    let ranks = years
        .iter()
        .map(|&y| (y, rng.range(1, top) as u32))
        .collect();
    Series {
        def: d,
        values,
        growth,
        target,
        ranks,
    }
}
