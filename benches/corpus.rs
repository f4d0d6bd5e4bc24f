//! The corpus generator behind `benches/compare.sh` (issue 7): a province-sized site of N
//! bulletins, written twice, as a `bulletin` site and as the *same pages* for Hugo.
//!
//! ```sh
//! cargo bench --bench corpus -- --generate 10000 /tmp/corpus
//! ```
//!
//! writes `OUT/bulletin/` (site.yaml, `content/<city>/<county>/<town>/` with `_index.md`,
//! `data.yaml` of 30 indicators × 5 years, and 10 bulletins per unit with inline figures,
//! bold lead-ins and a ```yoy and a ```targets table) and `OUT/hugo/` (hugo.toml, the same
//! folders and Markdown with every figure already phrased and both tables already filled
//! in, and a minimal layout of the same weight as the `news` theme). Any existing
//! `OUT/bulletin` and `OUT/hugo` are replaced; nothing else under OUT is touched.
//!
//! Deterministic: one inline LCG with a fixed seed per unit, no network, no `rand`. The
//! figures are fictional. The phrases for Hugo are computed here the simple way, with
//! integer arithmetic and half-up rounding; they follow bulletin's README in wording and
//! weight, not necessarily character for character. Nothing here is measured: this file
//! only writes the input that `compare.sh` times.

#![expect(
    clippy::print_stderr,
    reason = "a command-line tool: usage, errors and the summary line go to stderr"
)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The years every indicator has values for; bulletins describe the last one.
const YEARS: [u32; 5] = [2020, 2021, 2022, 2023, 2024];
/// Index of the bulletins' period (2024) in [`YEARS`].
const CUR: usize = 4;
const BULLETINS_PER_UNIT: usize = 10;
const CITIES_MAX: usize = 16;
/// Counties and zones per city before towns are added below them (a real province has
/// 6–10 per city), so the top-level navigation stays at 16 entries.
const COUNTIES_PER_CITY: usize = 7;

const PROVINCE: &str = "江淮省";
const SITE_TITLE: &str = "江淮省经济运行公报";
const ORGANISATION: &str = "江淮省统计局";
const BASE_URL: &str = "https://www.example.gov.cn/tjgb/";
/// The news theme's stylesheet, copied into the Hugo site so both serve the same CSS.
const CSS: &str = include_str!("../themes/news/static/css/news.css");

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench` (and runs every bench): only `--generate` does work.
    let Some(at) = args.iter().position(|a| a == "--generate") else {
        eprintln!("usage: cargo bench --bench corpus -- --generate N OUT");
        return ExitCode::SUCCESS;
    };
    let n = args
        .get(at + 1)
        .and_then(|s| s.replace(['_', ','], "").parse::<usize>().ok())
        .filter(|&n| n > 0);
    let (Some(n), Some(out)) = (n, args.get(at + 2)) else {
        eprintln!("usage: cargo bench --bench corpus -- --generate N OUT   (N > 0 bulletins)");
        return ExitCode::FAILURE;
    };
    match generate(n, Path::new(out)) {
        Ok(summary) => {
            eprintln!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

fn generate(n: usize, out: &Path) -> io::Result<String> {
    let units = plan_units(n.div_ceil(BULLETINS_PER_UNIT));
    let site = Sites {
        bulletin: out.join("bulletin"),
        hugo: out.join("hugo"),
    };
    for dir in [&site.bulletin, &site.hugo] {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
    }
    write_site_files(&site)?;
    write_home(&site, &units)?;
    let mut written = 0;
    for u in 0..units.len() {
        let count = BULLETINS_PER_UNIT.min(n - written);
        write_unit(&site, &units, u, count)?;
        written += count;
    }
    let depth = |d: u8| units.iter().filter(|u| u.depth == d).count();
    Ok(format!(
        "corpus: {} units ({} cities, {} counties/zones, {} towns), {written} bulletins, {} values -> {}",
        units.len(),
        depth(0),
        depth(1),
        depth(2),
        units.len() * DEFS.len() * YEARS.len(),
        out.display()
    ))
}

struct Sites {
    bulletin: PathBuf,
    hugo: PathBuf,
}

fn write(path: &Path, text: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(path, text)
}

// ── Randomness ─────────────────────────────────────────────────────────────────────────

/// A 64-bit linear congruential generator (Knuth's MMIX constants), high bits out.
struct Lcg(u64);

impl Lcg {
    fn new(seed: u64) -> Lcg {
        let mut lcg = Lcg(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x0B01_1E71_2024);
        lcg.next();
        lcg
    }

    /// 31 random bits.
    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    /// 0..n
    fn below(&mut self, n: usize) -> usize {
        ((u64::from(self.next()) * n as u64) >> 31) as usize
    }

    /// lo..=hi
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    fn float(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * f64::from(self.next()) / 2_147_483_648.0
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

// ── Indicators ─────────────────────────────────────────────────────────────────────────

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Amount,
    Count,
    Rate,
    Share,
    Rank,
}

impl Kind {
    fn key(self) -> &'static str {
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
enum Qualifier {
    Plan,
    AtLeast,
    About,
    AtMost,
}

impl Qualifier {
    fn text(self) -> &'static str {
        match self {
            Qualifier::Plan => "",
            Qualifier::AtLeast => "以上",
            Qualifier::About => "左右",
            Qualifier::AtMost => "以内",
        }
    }
}

#[derive(Clone, Copy)]
enum TargetDef {
    None,
    /// A level for 2024, set near the outcome.
    Level(Qualifier),
    /// A growth rate in whole percent (± 1 per unit).
    Growth(i64, Qualifier),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum RankDef {
    None,
    /// Ranked by level in 2023 and 2024 (so the change in places is known).
    Level,
    /// Ranked by level in 2024 only.
    LevelCurrent,
    /// Ranked by growth rate in 2023 and 2024.
    Growth,
}

struct Def {
    id: &'static str,
    name: &'static str,
    unit: &'static str,
    kind: Kind,
    decimals: u32,
    /// A city's 2020 level (amounts, counts) or a typical level (rates, shares).
    base: f64,
    /// Yearly growth as a fraction (amounts, counts) or change in points (rates, shares).
    drift: (f64, f64),
    /// Whether the level shrinks with the unit (totals do; per-capita incomes do not).
    scales: bool,
    lower_is_better: bool,
    /// A year-end stock (年末…) rather than a flow over the year (全年…).
    stock: bool,
    verb: &'static str,
    dept: &'static str,
    note: &'static str,
    target: TargetDef,
    rank: RankDef,
    /// Growth stated at comparable prices (`growth_basis: comparable`).
    comparable: bool,
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
const DEFS: [Def; 30] = [
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

fn def_index(id: &str) -> usize {
    DEFS.iter()
        .position(|d| d.id == id)
        .unwrap_or_else(|| panic!("no indicator `{id}` in DEFS"))
}

/// One unit's indicator: values in minor units (10^-decimals; positions for a rank).
struct Series {
    def: &'static Def,
    values: [i64; 5],
    /// Stated growth in tenths of a percent, for `comparable` indicators.
    growth: [i64; 5],
    target: Option<Target>,
    /// (year index, position) in the unit's rank scope, by [`Def::rank`].
    ranks: Vec<(usize, u32)>,
}

#[derive(Clone, Copy)]
enum Target {
    /// A level in minor units of `decimals`.
    Level {
        minor: i64,
        decimals: u32,
        qualifier: Qualifier,
    },
    /// A growth rate in whole percent.
    Growth { rate: i64, qualifier: Qualifier },
}

// ── Units ──────────────────────────────────────────────────────────────────────────────

struct Unit {
    /// Folder path under `content/`: `jiangcheng/yongfeng/taoxi-zhen`.
    id: String,
    name: String,
    short: String,
    level: &'static str,
    parent: Option<usize>,
    depth: u8,
    /// Where its ranks are held: 全省, 全市, 全县, 全区.
    scope: String,
    series: Vec<Series>,
}

impl Unit {
    fn display(&self) -> &str {
        &self.short
    }
}

const CITIES: [(&str, &str); CITIES_MAX] = [
    ("江城", "jiangcheng"),
    ("临淮", "linhuai"),
    ("青阳", "qingyang"),
    ("云台", "yuntai"),
    ("东湖", "donghu"),
    ("南浦", "nanpu"),
    ("西岭", "xiling"),
    ("北岗", "beigang"),
    ("金沙", "jinsha"),
    ("石门", "shimen"),
    ("白沙", "baisha"),
    ("长林", "changlin"),
    ("安平", "anping"),
    ("宁远", "ningyuan"),
    ("清河", "qinghe"),
    ("凤鸣", "fengming"),
];

const SYLLABLES: [(&str, &str); 36] = [
    ("永", "yong"),
    ("丰", "feng"),
    ("安", "an"),
    ("宁", "ning"),
    ("平", "ping"),
    ("和", "he"),
    ("兴", "xing"),
    ("昌", "chang"),
    ("泰", "tai"),
    ("康", "kang"),
    ("临", "lin"),
    ("新", "xin"),
    ("桃", "tao"),
    ("柳", "liu"),
    ("松", "song"),
    ("梅", "mei"),
    ("溪", "xi"),
    ("川", "chuan"),
    ("山", "shan"),
    ("湖", "hu"),
    ("河", "he"),
    ("阳", "yang"),
    ("城", "cheng"),
    ("源", "yuan"),
    ("华", "hua"),
    ("石", "shi"),
    ("龙", "long"),
    ("凤", "feng"),
    ("清", "qing"),
    ("明", "ming"),
    ("东", "dong"),
    ("西", "xi"),
    ("南", "nan"),
    ("北", "bei"),
    ("金", "jin"),
    ("玉", "yu"),
];

/// (name suffix, short-name suffix, slug suffix, level, weight in %)
type UnitType = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    usize,
);

const COUNTY_TYPES: [UnitType; 5] = [
    ("县", "", "", "县", 40),
    ("区", "区", "-qu", "市辖区", 30),
    ("市", "市", "-shi", "县级市", 10),
    ("经济开发区", "开发区", "-kfq", "省级经济开发区", 12),
    (
        "高新技术产业开发区",
        "高新区",
        "-gxq",
        "省级高新技术产业开发区",
        8,
    ),
];

const TOWN_TYPES: [UnitType; 4] = [
    ("镇", "镇", "-zhen", "建制镇", 50),
    ("街道", "街道", "-jd", "街道", 25),
    ("乡", "乡", "-xiang", "乡", 15),
    ("工业园区", "工业园区", "-gyy", "工业园区", 10),
];

fn pick_type(rng: &mut Lcg, types: &[UnitType]) -> UnitType {
    let mut roll = rng.below(100);
    for t in types {
        if roll < t.4 {
            return *t;
        }
        roll -= t.4;
    }
    types[0]
}

/// 16 cities at the top, counties and zones below them, towns below the counties once
/// there are more units than a province has counties.
fn plan_units(total: usize) -> Vec<Unit> {
    let cities = total.min(CITIES_MAX);
    let counties = (total - cities).min(cities * COUNTIES_PER_CITY);
    let towns = total - cities - counties;
    let mut units: Vec<Unit> = Vec::with_capacity(total);
    let mut rng = Lcg::new(1);
    for &(name, slug) in &CITIES[..cities] {
        units.push(Unit {
            id: slug.to_string(),
            name: format!("{name}市"),
            short: name.to_string(),
            level: "地级市",
            parent: None,
            depth: 0,
            scope: "全省".to_string(),
            series: Vec::new(),
        });
    }
    let mut taken: HashSet<String> = HashSet::new();
    for j in 0..counties + towns {
        let (parent, types, depth) = if j < counties {
            (j % cities, &COUNTY_TYPES[..], 1)
        } else {
            (cities + (j - counties) % counties, &TOWN_TYPES[..], 2)
        };
        let t = pick_type(&mut rng, types);
        let (mut base, mut slug) = (String::new(), String::new());
        for attempt in 0.. {
            let (a, pa) = *rng.pick(&SYLLABLES);
            let (b, pb) = *rng.pick(&SYLLABLES);
            base = format!("{a}{b}");
            slug = if attempt < 20 {
                format!("{}/{pa}{pb}{}", units[parent].id, t.2)
            } else {
                format!("{}/{pa}{pb}{}{attempt}", units[parent].id, t.2)
            };
            if a != b && taken.insert(slug.clone()) {
                break;
            }
        }
        let scope = if depth == 1 {
            "全市".to_string()
        } else if units[parent].name.ends_with('县') {
            "全县".to_string()
        } else {
            "全区".to_string()
        };
        units.push(Unit {
            id: slug,
            name: format!("{base}{}", t.0),
            short: format!("{base}{}", t.1),
            level: t.3,
            parent: Some(parent),
            depth,
            scope,
            series: Vec::new(),
        });
    }
    let mut siblings = vec![0u32; units.len()];
    for u in &units {
        if let Some(p) = u.parent {
            siblings[p] += 1;
        }
    }
    let per_depth = [cities as u32, counties as u32, towns as u32];
    for (i, unit) in units.iter_mut().enumerate() {
        let peers = unit.parent.map_or(cities as u32, |p| siblings[p]);
        let mut rng = Lcg::new(1000 + i as u64);
        unit.series = DEFS
            .iter()
            .map(|d| {
                make_series(
                    d,
                    unit.depth,
                    peers,
                    per_depth[unit.depth as usize],
                    &mut rng,
                )
            })
            .collect();
    }
    units
}

fn make_series(d: &'static Def, depth: u8, peers: u32, rank_peers: u32, rng: &mut Lcg) -> Series {
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

// ── Phrasing (README, "How figures are phrased") ────────────────────────────────────────

const UNAVAILABLE: &str = "—";

fn pow10(d: u32) -> i128 {
    10i128.pow(d)
}

/// n / d rounded half away from zero (四舍五入); d > 0.
fn div_round(n: i128, d: i128) -> i128 {
    let q = (n.abs() * 2 + d) / (2 * d);
    if n < 0 { -q } else { q }
}

/// A minor-unit integer printed with `decimals` digits after the point, zeros kept.
fn fixed(minor: i128, decimals: u32) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let a = minor.abs();
    if decimals == 0 {
        return format!("{sign}{a}");
    }
    let p = pow10(decimals);
    format!("{sign}{}.{:0w$}", a / p, a % p, w = decimals as usize)
}

/// A target as written: no padding zeros (170, 23.3).
fn as_written(minor: i128, decimals: u32) -> String {
    let s = fixed(minor, decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn signed_words(x: i128, decimals: u32, up: &str, down: &str, unit: &str, flat: &str) -> String {
    match x.cmp(&0) {
        std::cmp::Ordering::Equal => flat.to_string(),
        std::cmp::Ordering::Greater => format!("{up}{}{unit}", fixed(x, decimals)),
        std::cmp::Ordering::Less => format!("{down}{}{unit}", fixed(-x, decimals)),
    }
}

fn places_words(n: i128, unit: &str, flat: &str) -> String {
    match n.cmp(&0) {
        std::cmp::Ordering::Equal => flat.to_string(),
        std::cmp::Ordering::Greater => format!("前进{n}{unit}"),
        std::cmp::Ordering::Less => format!("后退{}{unit}", -n),
    }
}

enum Change {
    /// Growth in percent as the fraction num / den.
    Growth(i128, i128),
    /// Change in minor units of the indicator (percentage points for rates and shares).
    Points(i128),
    /// Places moved forward (a smaller position is better).
    Places(i128),
    None,
}

fn change(s: &Series) -> Change {
    let (v, p) = (i128::from(s.values[CUR]), i128::from(s.values[CUR - 1]));
    match s.def.kind {
        Kind::Rank => Change::Places(p - v),
        Kind::Rate | Kind::Share => Change::Points(v - p),
        _ if s.def.comparable => Change::Growth(i128::from(s.growth[CUR]), 10),
        _ if p == 0 => Change::None,
        _ => Change::Growth((v - p) * 100, p),
    }
}

/// Growth rounded to one decimal, in tenths of a percent.
fn growth_tenths(num: i128, den: i128) -> i128 {
    div_round(num * 10, den)
}

fn value_text(s: &Series) -> String {
    match s.def.kind {
        Kind::Rank => format!("第{}位", s.values[CUR]),
        _ => format!(
            "{}{}",
            fixed(i128::from(s.values[CUR]), s.def.decimals),
            s.def.unit
        ),
    }
}

fn prior_text(s: &Series) -> String {
    match s.def.kind {
        Kind::Rank => format!("第{}位", s.values[CUR - 1]),
        _ => format!(
            "{}{}",
            fixed(i128::from(s.values[CUR - 1]), s.def.decimals),
            s.def.unit
        ),
    }
}

fn number_text(s: &Series, year: usize) -> String {
    fixed(i128::from(s.values[year]), s.def.decimals)
}

fn change_text(s: &Series) -> String {
    match change(s) {
        Change::Growth(n, d) => signed_words(growth_tenths(n, d), 1, "增长", "下降", "%", "持平"),
        Change::Points(p) => signed_words(p, s.def.decimals, "上升", "下降", "个百分点", "持平"),
        Change::Places(n) => places_words(n, "位", "位次持平"),
        Change::None => UNAVAILABLE.to_string(),
    }
}

fn yoy_text(s: &Series) -> String {
    match change(s) {
        Change::Places(0) => "与上年持平".to_string(),
        Change::Places(n) => format!("较上年{}", places_words(n, "位", "")),
        Change::None => UNAVAILABLE.to_string(),
        _ => match change_text(s) {
            flat if flat == "持平" => "与上年持平".to_string(),
            words => format!("比上年{words}"),
        },
    }
}

/// The number under 比上年增长（%） / 比上年增减（百分点）.
fn change_cell(s: &Series) -> String {
    match change(s) {
        Change::Growth(n, d) => fixed(growth_tenths(n, d), 1),
        Change::Points(p) => fixed(p, s.def.decimals),
        Change::Places(n) => places_words(n, "", "持平"),
        Change::None => UNAVAILABLE.to_string(),
    }
}

fn rank_text(unit: &Unit, s: &Series) -> Option<String> {
    let moved = |prior: Option<i128>, now: i128| match prior {
        None => String::new(),
        Some(p) if p == now => "，与上年持平".to_string(),
        Some(p) => format!("，较上年{}", places_words(p - now, "位", "")),
    };
    if s.def.kind == Kind::Rank {
        let now = i128::from(s.values[CUR]);
        let prior = i128::from(s.values[CUR - 1]);
        return Some(format!("居全省第{now}位{}", moved(Some(prior), now)));
    }
    let (_, now) = s.ranks.iter().find(|(y, _)| *y == CUR)?;
    let prior = s.ranks.iter().find(|(y, _)| *y == CUR - 1).map(|r| r.1);
    let basis = if s.def.rank == RankDef::Growth {
        "增速"
    } else {
        ""
    };
    Some(format!(
        "{basis}居{}第{now}位{}",
        unit.scope,
        moved(prior.map(i128::from), i128::from(*now))
    ))
}

/// Value and target aligned to the larger number of decimals.
fn aligned(s: &Series, minor: i64, decimals: u32) -> (i128, i128, u32) {
    let d = s.def.decimals.max(decimals);
    (
        i128::from(s.values[CUR]) * pow10(d - s.def.decimals),
        i128::from(minor) * pow10(d - decimals),
        d,
    )
}

/// "完成年度目标的102.3%", "高于年度目标0.3个百分点", "低于年度目标0.4个百分点".
fn target_text(s: &Series, label: &str) -> Option<String> {
    let gap = |x: i128, d: u32| {
        signed_words(
            x,
            d,
            &format!("高于{label}"),
            &format!("低于{label}"),
            "个百分点",
            &format!("达到{label}"),
        )
    };
    Some(match s.target? {
        Target::Level {
            minor, decimals, ..
        } => {
            let (v, t, d) = aligned(s, minor, decimals);
            match s.def.kind {
                Kind::Rate | Kind::Share => gap(v - t, d),
                _ => format!("完成{label}的{}%", fixed(div_round(v * 1000, t), 1)),
            }
        }
        Target::Growth { rate, .. } => match change(s) {
            Change::Growth(n, den) => gap(div_round((n - i128::from(rate) * den) * 10, den), 1),
            _ => UNAVAILABLE.to_string(),
        },
    })
}

fn target_spec(s: &Series) -> String {
    match s.target {
        None => UNAVAILABLE.to_string(),
        Some(Target::Level {
            minor,
            decimals,
            qualifier,
        }) => {
            let shown = if decimals > s.def.decimals {
                div_round(i128::from(minor), pow10(decimals - s.def.decimals))
            } else {
                i128::from(minor)
            };
            format!(
                "{}{}{}",
                as_written(shown, decimals.min(s.def.decimals)),
                s.def.unit,
                qualifier.text()
            )
        }
        Some(Target::Growth { rate, qualifier }) => format!("增长{rate}%{}", qualifier.text()),
    }
}

fn target_met(s: &Series) -> Option<bool> {
    let higher = !s.def.lower_is_better;
    let meets = |a: i128, b: i128, q: Qualifier, tolerance: i128| match q {
        Qualifier::AtLeast => a >= b,
        Qualifier::AtMost => a <= b,
        Qualifier::Plan if higher => a >= b,
        Qualifier::Plan => a <= b,
        Qualifier::About if higher => a >= b - tolerance,
        Qualifier::About => a <= b + tolerance,
    };
    match s.target? {
        Target::Level {
            minor,
            decimals,
            qualifier,
        } => {
            let (v, t, _) = aligned(s, minor, decimals);
            // 左右: within 5% of the target; compared ×100 to stay in integers.
            Some(meets(v * 100, t * 100, qualifier, t * 5))
        }
        Target::Growth { rate, qualifier } => match change(s) {
            Change::Growth(n, d) => Some(meets(
                growth_tenths(n, d),
                i128::from(rate) * 10,
                qualifier,
                5,
            )),
            _ => None,
        },
    }
}

/// 地区生产总值5321.4亿元，比上年增长5.9%，增速居全市第2位
fn full_text(unit: &Unit, s: &Series) -> String {
    if s.def.kind == Kind::Rank {
        return format!("{}{}", s.def.name, rank_text(unit, s).unwrap_or_default());
    }
    let mut text = format!("{}{}，{}", s.def.name, value_text(s), yoy_text(s));
    if let Some(rank) = rank_text(unit, s) {
        text.push('，');
        text.push_str(&rank);
    }
    text
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Full,
    Value,
    Prior,
    Change,
    Yoy,
    Rank,
    Target,
}

impl Part {
    fn key(self) -> Option<&'static str> {
        match self {
            Part::Full => None,
            Part::Value => Some("value"),
            Part::Prior => Some("prior"),
            Part::Change => Some("change"),
            Part::Yoy => Some("yoy"),
            Part::Rank => Some("rank"),
            Part::Target => Some("target"),
        }
    }
}

fn phrase(unit: &Unit, s: &Series, part: Part) -> String {
    match part {
        Part::Full => full_text(unit, s),
        Part::Value => value_text(s),
        Part::Prior => prior_text(s),
        Part::Change => change_text(s),
        Part::Yoy => yoy_text(s),
        Part::Rank => rank_text(unit, s).unwrap_or_else(|| UNAVAILABLE.to_string()),
        Part::Target => target_text(s, "年度目标").unwrap_or_else(|| UNAVAILABLE.to_string()),
    }
}

// ── Tables, as Markdown for Hugo ────────────────────────────────────────────────────────

fn source_of(unit: &Unit, s: &Series) -> String {
    format!("{}{}", unit.name, s.def.dept)
}

/// Caption, unit line, pipe table, 注 and 数据来源, as bulletin's table writer
/// (`render::table_html`) lays them out.
fn md_table(
    caption: &str,
    unit_note: &str,
    header: &[&str],
    rows: &[Vec<String>],
    notes: &[String],
    sources: &[String],
) -> String {
    let mut md = String::new();
    let _ = write!(md, "**{caption}**");
    if !unit_note.is_empty() {
        let _ = write!(md, "　{unit_note}");
    }
    md.push_str("\n\n|");
    for h in header {
        let _ = write!(md, " {h} |");
    }
    md.push_str("\n| --- |");
    for _ in 1..header.len() {
        md.push_str(" ---: |");
    }
    md.push('\n');
    for row in rows {
        md.push('|');
        for cell in row {
            let _ = write!(md, " {cell} |");
        }
        md.push('\n');
    }
    match notes {
        [] => {}
        [one] => {
            let _ = write!(md, "\n注：{one}\n");
        }
        many => {
            md.push_str("\n注：\n\n");
            for (i, n) in many.iter().enumerate() {
                let _ = writeln!(md, "{}. {n}", i + 1);
            }
        }
    }
    if !sources.is_empty() {
        let _ = write!(md, "\n数据来源：{}\n", sources.join("；"));
    }
    md
}

fn notes_and_sources(unit: &Unit, rows: &[&Series]) -> (Vec<String>, Vec<String>) {
    let mut notes = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    for s in rows {
        if !s.def.note.is_empty() {
            notes.push(format!("{}：{}", s.def.name, s.def.note));
        }
        let source = source_of(unit, s);
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    (notes, sources)
}

/// 指标 | [单位] | 2024年 | 2023年 | 比上年增长（%） (or 增减（百分点）, or worded changes).
fn md_yoy(unit: &Unit, caption: &str, rows: &[&Series]) -> String {
    let first_unit = rows[0].def.unit;
    let same_unit = rows.iter().all(|s| s.def.unit == first_unit);
    let all = |f: fn(&Change) -> bool| rows.iter().all(|s| f(&change(s)));
    let label = if all(|c| matches!(c, Change::Growth(..))) {
        "比上年增长（%）"
    } else if all(|c| matches!(c, Change::Points(_))) {
        "比上年增减（百分点）"
    } else {
        "比上年增减"
    };
    let words = label == "比上年增减";
    let mut header = vec!["指标"];
    if !same_unit {
        header.push("单位");
    }
    header.extend(["2024年", "2023年", label]);
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|s| {
            let mut row = vec![s.def.name.to_string()];
            if !same_unit {
                row.push(s.def.unit.to_string());
            }
            row.push(number_text(s, CUR));
            row.push(number_text(s, CUR - 1));
            row.push(if words {
                change_text(s)
            } else {
                change_cell(s)
            });
            row
        })
        .collect();
    let (notes, sources) = notes_and_sources(unit, rows);
    let unit_note = if same_unit {
        format!("单位：{first_unit}")
    } else {
        String::new()
    };
    md_table(caption, &unit_note, &header, &body, &notes, &sources)
}

/// 指标 | 目标 | 完成 | 完成目标情况 | 是否完成
fn md_targets(unit: &Unit, caption: &str, rows: &[&Series]) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|s| {
            let done = match s.target {
                Some(Target::Growth { .. }) => change_text(s),
                _ => value_text(s),
            };
            let result = match (s.target, s.def.kind) {
                (Some(Target::Level { .. }), Kind::Amount | Kind::Count) => target_text(s, "目标")
                    .map_or_else(String::new, |t| {
                        t.trim_start_matches("完成目标的").to_string()
                    }),
                _ => target_text(s, "目标").unwrap_or_else(|| UNAVAILABLE.to_string()),
            };
            let met = match target_met(s) {
                Some(true) => "已完成",
                Some(false) => "未完成",
                None => UNAVAILABLE,
            };
            vec![
                s.def.name.to_string(),
                target_spec(s),
                done,
                result,
                met.to_string(),
            ]
        })
        .collect();
    let (notes, sources) = notes_and_sources(unit, rows);
    let unit_note = match rows.first() {
        Some(f) if rows.iter().all(|s| s.def.unit == f.def.unit) => {
            format!("单位：{}", f.def.unit)
        }
        _ => String::new(),
    };
    md_table(
        caption,
        &unit_note,
        &["指标", "目标", "完成", "完成目标情况", "是否完成"],
        &body,
        &notes,
        &sources,
    )
}

// ── Text pools: plausible report prose, written for this corpus ────────────────────────

#[derive(Clone, Copy)]
enum Theme {
    Overall,
    Industry,
    Investment,
    Consumption,
    Fiscal,
    Trade,
    Innovation,
    Livelihood,
    Finance,
    Green,
    Ranking,
}

struct ThemeText {
    leads: &'static [&'static str],
    fillers: &'static [&'static str],
    indicators: &'static [&'static str],
}

fn theme_text(t: Theme) -> ThemeText {
    match t {
        Theme::Overall => ThemeText {
            leads: &[
                "总体运行稳中有进",
                "经济运行回升向好",
                "主要指标好于预期",
                "综合实力持续增强",
            ],
            fillers: &[
                "从季度走势看，各季度经济增速保持在合理区间，呈现前稳后升的运行特征。",
                "三次产业协调发展，第二产业支撑作用明显，服务业对经济增长的贡献进一步提高。",
                "主要指标增速普遍快于上年同期，多数指标增速位居同类地区前列。",
                "经济结构持续优化，发展的协调性和可持续性进一步增强。",
                "需求侧逐步恢复，生产侧稳中有升，供需两端协同发力。",
                "全年经济运行呈现“稳、进、好”的总体特征，为完成全年目标任务奠定了坚实基础。",
                "宏观政策效应持续释放，市场预期逐步改善，经营主体信心有所增强。",
                "一揽子增量政策落地见效，四季度主要指标明显回升，全年目标任务顺利完成。",
                "县域经济和园区经济加快发展，区域发展的协调性进一步增强。",
            ],
            indicators: &[
                "gdp",
                "tertiary_share",
                "urbanization_rate",
                "industry_value_added",
                "retail_sales",
                "fixed_asset_investment",
            ],
        },
        Theme::Industry => ThemeText {
            leads: &[
                "工业生产较快增长",
                "制造业提质升级",
                "工业经济稳中向好",
                "新兴产业加快成长",
            ],
            fillers: &[
                "分门类看，制造业增加值较快增长，电力、热力、燃气及水生产和供应业保持稳定。",
                "重点产业链加快延链补链强链，龙头企业带动作用不断增强。",
                "装备制造、新材料、电子信息等行业增加值增速均高于全部规上工业平均水平。",
                "工业产品产销衔接良好，规上工业企业产品销售率保持在较高水平。",
                "企业技术改造投入力度加大，智能化、数字化、绿色化改造项目有序推进。",
                "新能源汽车零部件、光伏组件、工业机器人等新产品产量快速增长。",
                "规上工业企业营业收入和利润总额同比实现双增长，企业效益有所改善。",
                "工业用电量稳步增长，与工业生产走势基本吻合。",
                "中小企业加快融入龙头企业供应链，本地配套率有所提高。",
            ],
            indicators: &[
                "industry_value_added",
                "industrial_output",
                "high_tech_output",
                "regulated_firms",
            ],
        },
        Theme::Investment => ThemeText {
            leads: &[
                "固定资产投资稳定增长",
                "重点项目建设提速",
                "有效投资持续扩大",
                "项目支撑不断夯实",
            ],
            fillers: &[
                "从投资领域看，工业投资增长较快，基础设施投资保持稳定，民间投资信心逐步恢复。",
                "重点项目建设实行清单化管理、项目化推进，全年新开工项目数量较上年有所增加。",
                "项目前期工作扎实推进，用地、用能、资金等要素保障有力。",
                "一批补短板、强弱项、利长远的重大项目相继开工建设，投资后劲持续增强。",
                "“双招双引”成效明显，新签约项目中制造业项目占比超过六成。",
                "坚持“周调度、月通报、季观摩”，推动项目早开工、早投产、早见效。",
                "高技术产业投资增势良好，对全部投资增长形成有力支撑。",
                "设备更新和技术改造投资较快增长，带动制造业投资回升。",
                "房地产开发投资降幅收窄，商品房销售面积降幅逐季收窄。",
            ],
            indicators: &[
                "fixed_asset_investment",
                "key_project_investment",
                "projects_new",
            ],
        },
        Theme::Consumption => ThemeText {
            leads: &["消费市场持续回暖", "消费升级态势明显", "城乡市场协调发展"],
            fillers: &[
                "分消费类型看，商品零售稳定增长，餐饮收入增长较快，消费市场人气持续回升。",
                "以旧换新政策效果显现，汽车、家电、家居等大宗商品消费明显回暖。",
                "升级类商品消费需求持续释放，通讯器材类、新能源汽车零售额保持较快增长。",
                "网络零售快速发展，实物商品网上零售额占比进一步提高。",
                "节假日消费活跃，文旅消费热度不减，夜间经济、首发经济等新业态加快发展。",
                "城乡消费市场协调发展，乡村消费品零售额增速快于城镇。",
                "限额以上单位商品零售额中，粮油食品类、日用品类保持稳定增长。",
                "新建改造一批商业综合体和便民生活圈，消费场景更加丰富。",
            ],
            indicators: &["retail_sales", "urban_income", "rural_income"],
        },
        Theme::Fiscal => ThemeText {
            leads: &["财政收入稳步增长", "财政支出保障有力", "收入质量有所提高"],
            fillers: &[
                "财政收入质量稳步提高，税收收入占一般公共预算收入的比重保持在较高水平。",
                "主体税种增势平稳，增值税、企业所得税均实现正增长。",
                "财政支出结构持续优化，教育、社会保障和就业、卫生健康等民生支出保障有力。",
                "全面落实结构性减税降费政策，为经营主体减负增效。",
                "坚持政府过紧日子，一般性支出进一步压减，资金集中用于重点领域和关键环节。",
                "积极争取上级转移支付和专项债券资金，有力支持了重大项目建设。",
                "非税收入占比下降，财政收入结构更加合理。",
                "预算绩效管理全面推开，财政资金使用效益进一步提高。",
            ],
            indicators: &["fiscal_revenue", "tax_revenue", "fiscal_expenditure"],
        },
        Theme::Trade => ThemeText {
            leads: &["对外贸易稳中提质", "利用外资稳步推进", "开放水平持续提升"],
            fillers: &[
                "外贸结构持续优化，一般贸易进出口占比提高，机电产品和高新技术产品出口增长较快。",
                "对共建“一带一路”国家进出口保持较快增长，市场多元化取得新进展。",
                "跨境电商等外贸新业态加快发展，外贸经营主体数量稳步增加。",
                "利用外资结构不断优化，制造业实际使用外资占比有所提高。",
                "积极参加各类展会和经贸活动，一批外资项目签约落地。",
                "口岸营商环境持续优化，通关效率进一步提升。",
                "民营企业进出口占比继续提高，成为稳外贸的主力军。",
                "服务贸易稳步发展，技术服务和数字服务出口增长较快。",
            ],
            indicators: &["exports", "imports", "fdi"],
        },
        Theme::Innovation => ThemeText {
            leads: &["创新动能不断增强", "科技投入持续加大", "创新主体加快壮大"],
            fillers: &[
                "创新平台建设加快推进，新增一批省级以上工程技术研究中心和企业技术中心。",
                "企业创新主体地位不断巩固，规上工业企业中有研发活动的企业占比提高。",
                "科技成果转移转化加快，技术合同成交额较快增长。",
                "产学研合作持续深化，与高校院所共建的新型研发机构相继投入运行。",
                "专精特新企业梯度培育体系不断完善，创新型中小企业数量持续增加。",
                "人才引育力度加大，全年引进各类高层次人才和急需紧缺人才较上年增加。",
                "数字经济核心产业增加值占比提高，数字技术与实体经济融合步伐加快。",
                "知识产权保护和运用水平提升，每万人口高价值发明专利拥有量增加。",
            ],
            indicators: &[
                "high_tech_firms",
                "patents",
                "rd_intensity",
                "high_tech_output",
            ],
        },
        Theme::Livelihood => ThemeText {
            leads: &["居民收入稳步提高", "就业形势总体稳定", "民生保障持续加强"],
            fillers: &[
                "就业形势总体稳定，高校毕业生、农民工等重点群体就业得到有效保障。",
                "城乡居民收入差距继续缩小，农村居民收入增速快于城镇居民。",
                "工资性收入和经营净收入稳定增长，财产净收入和转移净收入平稳增加。",
                "社会保障水平稳步提高，城乡居民基本养老保险基础养老金标准进一步上调。",
                "民生实事项目全部完成，教育、医疗、养老等公共服务供给持续扩大。",
                "居民消费价格温和上涨，重要民生商品市场供应总体充足。",
                "医疗卫生服务能力持续提升，基层医疗机构标准化建设扎实推进。",
                "新增一批普惠托育和养老服务床位，“一老一小”服务保障更加有力。",
            ],
            indicators: &[
                "urban_income",
                "rural_income",
                "new_jobs",
                "unemployment_rate",
            ],
        },
        Theme::Finance => ThemeText {
            leads: &["金融运行总体平稳", "存贷款规模稳步扩大", "经营主体活力增强"],
            fillers: &[
                "金融运行总体平稳，信贷投放力度加大，金融支持实体经济质效提升。",
                "制造业贷款、普惠小微贷款和绿色贷款保持较快增长。",
                "住户存款稳定增加，非金融企业存款增速有所回升。",
                "经营主体活力持续增强，新设立企业中第三产业企业占比超过七成。",
                "营商环境持续优化，“高效办成一件事”改革深入推进。",
                "融资担保体系不断完善，中小微企业融资成本稳中有降。",
                "不良贷款率保持在较低水平，地方金融风险总体可控。",
                "直接融资渠道进一步拓宽，新增一批上市后备企业。",
            ],
            indicators: &["deposits", "loans", "new_market_entities"],
        },
        Theme::Green => ThemeText {
            leads: &["生态环境持续改善", "绿色发展成效明显"],
            fillers: &[
                "生态环境质量持续改善，细颗粒物年均浓度同比下降。",
                "主要河流断面水质稳定达标，集中式饮用水水源地水质达标率保持100%。",
                "单位地区生产总值能耗持续下降，能源消费结构进一步优化。",
                "国土绿化行动扎实推进，全年完成人工造林和森林抚育任务。",
                "清洁能源发电装机容量持续增加，光伏、风电项目加快建设。",
                "污染防治攻坚战深入推进，突出生态环境问题整改有力有效。",
                "农村人居环境整治持续推进，生活垃圾和污水治理水平不断提高。",
                "重点行业节能降碳改造加快实施，绿色低碳转型稳步推进。",
            ],
            indicators: &["forest_coverage", "good_air_share"],
        },
        Theme::Ranking => ThemeText {
            leads: &["考核位次稳中有升", "争先进位取得新进展"],
            fillers: &[
                "在全省各类综合考核中，{u}多项指标进入第一方阵。",
                "对标先进找差距、比学赶超争进位的氛围日益浓厚。",
                "坚持用考核指挥棒引领高质量发展，推动各项工作争先进位。",
                "主要经济指标月度、季度监测调度机制不断完善，指标运行的预见性和主动性增强。",
                "制造业高质量发展、营商环境评价等单项考核取得较好成绩。",
                "综合排名稳中有升，发展的总体态势持续向好。",
                "短板弱项指标专项攻坚取得实效，部分指标位次明显前移。",
                "考核结果运用不断强化，干事创业的精气神进一步提振。",
            ],
            indicators: &[
                "comprehensive_rank",
                "gdp",
                "fiscal_revenue",
                "retail_sales",
            ],
        },
    }
}

const OPENINGS: [&str; 8] = [
    "2024年，{u}坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，统筹推进稳增长、调结构、促改革、惠民生、防风险各项工作，经济运行总体平稳、稳中有进。",
    "过去一年，面对外部环境复杂多变、有效需求不足等多重挑战，{u}上下迎难而上、真抓实干，主要经济指标保持在合理区间，高质量发展迈出坚实步伐。",
    "根据统计部门初步统计，2024年{u}经济运行延续回升向好态势，生产供给稳中有增，市场需求逐步恢复，新动能加快成长，民生保障有力有效。",
    "2024年是实现“十四五”规划目标任务的关键一年。{u}聚焦年度目标任务，狠抓项目建设和企业服务，推动经济实现质的有效提升和量的合理增长。",
    "2024年，{u}坚持以项目建设为主抓手，以优化营商环境为突破口，推动各项政策措施落地见效，全年经济发展呈现总量扩大、结构优化、质效提升的良好局面。",
    "记者从{u}统计部门获悉，2024年全年主要经济指标运行平稳，多数指标增速高于全省平均水平，经济发展的韧性和活力进一步显现。",
    "2024年，{u}锚定年初确定的目标任务，一手抓传统产业转型升级，一手抓新兴产业培育壮大，经济运行稳中向好、进中提质。",
    "近日，{u}发布2024年相关统计数据。数据显示，全年经济社会发展主要目标任务较好完成，发展基础进一步夯实，群众获得感持续增强。",
];

const CLOSINGS: [&str; 6] = [
    "总的来看，2024年{u}经济运行稳中有进、进中向好，但也要看到，外部环境不确定性依然较多，部分企业生产经营仍有困难，经济持续回升向好的基础还需进一步巩固。",
    "下一步，{u}将坚持稳中求进工作总基调，持续扩大有效需求，加快培育新质生产力，着力防范化解重点领域风险，推动经济实现质的有效提升和量的合理增长。",
    "2025年是“十四五”规划收官之年。{u}将锚定目标、真抓实干，巩固和增强经济回升向好态势，为高质量完成“十四五”规划目标任务打下坚实基础。",
    "当前，经济运行中仍面临需求不足、部分行业经营困难等问题。{u}将加强经济监测调度，强化政策协同发力，确保全年经济平稳健康运行。",
    "本公报中部分数据为初步统计数，最终数据以统计年鉴为准；部分指标合计数与分项之和因四舍五入存在微小差异，未作机械调整。",
    "面向新的一年，{u}将坚持以经济建设为中心，以项目建设为抓手，以改革创新为动力，奋力推动高质量发展取得新成效。",
];

const HEADINGS: [(&str, &str); 4] = [
    ("一、经济运行总体情况", "二、重点领域发展情况"),
    ("一、主要指标完成情况", "二、重点工作推进情况"),
    ("一、全年发展成效", "二、结构优化和民生改善"),
    ("一、生产和需求", "二、动能、质效和保障"),
];

const HEADLINES: [&str; 8] = [
    "稳中有进 向新向好",
    "量质齐升 蓄势赋能",
    "稳中求进 以进促稳",
    "砥砺奋进 再创佳绩",
    "提质增效 行稳致远",
    "聚力攻坚 争先进位",
    "回升向好 活力迸发",
    "动能转换 结构优化",
];

const SUMMARIES: [&str; 4] = [
    "全年主要经济指标稳中有进，发展质量持续提升。",
    "多数指标增速快于上年，重点目标任务较好完成。",
    "经济运行延续回升向好态势，新动能加快成长。",
    "主要指标完成情况好于预期，民生保障有力有效。",
];

const SURNAMES: [&str; 16] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
];
const GIVEN: [&str; 12] = [
    "晓明", "文静", "建国", "海燕", "志强", "丽华", "婷", "磊", "洋", "静怡", "博文", "雨欣",
];

const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

struct Topic {
    slug: &'static str,
    name: &'static str,
    themes: [Theme; 6],
    key_figures: &'static [&'static str],
}

const TOPICS: [Topic; BULLETINS_PER_UNIT] = {
    use Theme::*;
    [
        Topic {
            slug: "tjgb",
            name: "国民经济和社会发展统计公报",
            themes: [
                Overall,
                Industry,
                Investment,
                Consumption,
                Fiscal,
                Livelihood,
            ],
            key_figures: &[
                "gdp",
                "fixed_asset_investment",
                "retail_sales",
                "urban_income",
            ],
        },
        Topic {
            slug: "jjyx",
            name: "经济运行情况",
            themes: [Overall, Industry, Investment, Consumption, Trade, Finance],
            key_figures: &["gdp", "industry_value_added", "retail_sales"],
        },
        Topic {
            slug: "gyjj",
            name: "工业经济运行情况",
            themes: [Industry, Overall, Innovation, Investment, Green, Ranking],
            key_figures: &[
                "industry_value_added",
                "industrial_output",
                "regulated_firms",
            ],
        },
        Topic {
            slug: "tzxm",
            name: "固定资产投资和重点项目建设情况",
            themes: [Investment, Overall, Industry, Fiscal, Finance, Ranking],
            key_figures: &[
                "fixed_asset_investment",
                "key_project_investment",
                "projects_new",
            ],
        },
        Topic {
            slug: "xfsc",
            name: "消费市场运行情况",
            themes: [Consumption, Livelihood, Overall, Finance, Trade, Green],
            key_figures: &["retail_sales", "urban_income", "rural_income"],
        },
        Topic {
            slug: "czsz",
            name: "财政收支情况",
            themes: [Fiscal, Overall, Investment, Livelihood, Finance, Ranking],
            key_figures: &["fiscal_revenue", "tax_revenue", "fiscal_expenditure"],
        },
        Topic {
            slug: "dwkf",
            name: "对外贸易和利用外资情况",
            themes: [Trade, Overall, Investment, Industry, Innovation, Finance],
            key_figures: &["exports", "imports", "fdi"],
        },
        Topic {
            slug: "kjcx",
            name: "科技创新发展情况",
            themes: [Innovation, Industry, Overall, Investment, Livelihood, Green],
            key_figures: &["high_tech_firms", "patents", "rd_intensity"],
        },
        Topic {
            slug: "jysr",
            name: "就业和居民收入情况",
            themes: [Livelihood, Consumption, Overall, Fiscal, Finance, Green],
            key_figures: &[
                "new_jobs",
                "unemployment_rate",
                "urban_income",
                "rural_income",
            ],
        },
        Topic {
            slug: "khpj",
            name: "高质量发展综合考核情况",
            themes: [Ranking, Overall, Innovation, Green, Fiscal, Livelihood],
            key_figures: &["comprehensive_rank", "gdp", "fiscal_revenue"],
        },
    ]
};

// ── Writing ────────────────────────────────────────────────────────────────────────────

/// The same text for both sites, except figures and tables.
#[derive(Default)]
struct Doc {
    bulletin: String,
    hugo: String,
}

impl Doc {
    fn text(&mut self, s: &str) {
        self.bulletin.push_str(s);
        self.hugo.push_str(s);
    }

    fn fig(&mut self, unit: &Unit, i: usize, part: Part) {
        let s = &unit.series[i];
        let _ = match part.key() {
            None => write!(self.bulletin, "{{{{ {} }}}}", s.def.id),
            Some(p) => write!(self.bulletin, "{{{{ {}.{p} }}}}", s.def.id),
        };
        self.hugo.push_str(&phrase(unit, s, part));
    }

    fn block(&mut self, bulletin: &str, hugo: &str) {
        self.bulletin.push_str(bulletin);
        self.hugo.push_str(hugo);
    }
}

/// A YAML scalar: plain when safe, else double-quoted.
fn yaml(s: &str) -> String {
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
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn write_site_files(site: &Sites) -> io::Result<()> {
    let footer = [
        ("sponsor", ORGANISATION),
        ("site_code", "3400000001"),
        ("icp", "江ICP备00000000号"),
        ("police", "江公网安备 34000002000000号"),
        ("contact", "0551-00000000"),
        ("address", "江淮省江城市政务区统计大厦"),
    ];
    let mut yaml_site = format!(
        "# Generated by benches/corpus.rs: a fictional province, placeholder registrations.\n\
         title: {SITE_TITLE}\nbase_url: {BASE_URL}\nlanguage: zh-CN\ntheme: news\n\
         organisation: {ORGANISATION}\nfooter:\n"
    );
    for (k, v) in footer {
        let _ = writeln!(yaml_site, "  {k}: {}", yaml(v));
    }
    write(&site.bulletin.join("site.yaml"), &yaml_site)?;

    let mut toml = format!(
        "# Generated by benches/corpus.rs: the same pages as the bulletin site.\n\
         baseURL = \"{BASE_URL}\"\nlocale = \"zh-CN\"\ntitle = \"{SITE_TITLE}\"\n\
         # bulletin writes home, 404, units, bulletins and its CSS: nothing else here either.\n\
         disableKinds = [\"taxonomy\", \"term\", \"rss\", \"sitemap\", \"robotstxt\"]\n\
         # bulletins are dated up to the end of 2025 whatever today's date is\n\
         buildFuture = true\n\
         # The navigation of top-level sections, built once: `site.Sections` in a template\n\
         # walks the whole page tree on every call (quadratic: 77 s instead of 11 s at N=10,000).\n\
         sectionPagesMenu = \"main\"\n\n[params]\norganisation = \"{ORGANISATION}\"\n\n[params.footer]\n"
    );
    for (k, v) in footer {
        let _ = writeln!(toml, "{k} = {}", quoted(v));
    }
    write(&site.hugo.join("hugo.toml"), &toml)?;
    write(&site.hugo.join("static/css/news.css"), CSS)?;
    for (path, text) in HUGO_LAYOUTS {
        write(&site.hugo.join("layouts").join(path), text)?;
    }
    Ok(())
}

fn write_home(site: &Sites, units: &[Unit]) -> io::Result<()> {
    let first = &units[0];
    let keys = [
        "gdp",
        "fiscal_revenue",
        "retail_sales",
        "comprehensive_rank",
    ];
    let mut doc = Doc::default();
    doc.text(&format!(
        "本栏目集中发布{PROVINCE}各市、县（市、区）、开发区和乡镇（街道）的经济运行公报、年度目标完成情况和综合考核结果。\
         页面中的增速、百分点变化、目标完成程度和位次升降均由各单位报送的指标库数据自动计算，便于对照上年、对照目标、对照同类地区查看发展成效。\
         2024年，"
    ));
    let _ = write!(doc.bulletin, "{{{{ {}:gdp }}}}", first.id);
    doc.hugo
        .push_str(&full_text(first, &first.series[def_index("gdp")]));
    doc.text("，详见各地最新一期公报。\n");

    let refs: Vec<String> = keys.iter().map(|k| format!("{}:{k}", first.id)).collect();
    let front = format!("---\nkey_figures: [{}]\n---\n", refs.join(", "));
    write(
        &site.bulletin.join("content/_index.md"),
        &format!("{front}{}", doc.bulletin),
    )?;
    let mut hugo_front = String::from("---\nfigures:\n");
    for k in keys {
        hugo_front.push_str(&key_figure_yaml(first, &first.series[def_index(k)], true));
    }
    hugo_front.push_str("---\n");
    write(
        &site.hugo.join("content/_index.md"),
        &format!("{hugo_front}{}", doc.hugo),
    )
}

/// A key figure callout for Hugo's front matter, as bulletin's `FigureView` fills it.
fn key_figure_yaml(unit: &Unit, s: &Series, with_period: bool) -> String {
    let change = change_text(s);
    let rank = if s.def.kind == Kind::Rank {
        "全省".to_string()
    } else {
        rank_text(unit, s).unwrap_or_default()
    };
    let mut y = format!(
        "  - label: {}\n    value: {}\n    unit: {}\n    change: {}\n    rank: {}\n",
        quoted(s.def.name),
        quoted(&number_text(s, CUR)),
        quoted(s.def.unit),
        quoted(if change == UNAVAILABLE { "" } else { &change }),
        quoted(&rank),
    );
    if with_period {
        y.push_str("    period: \"2024年\"\n");
    }
    y
}

fn description(units: &[Unit], u: usize, rng: &mut Lcg) -> String {
    let unit = &units[u];
    let parent = unit
        .parent
        .map_or(PROVINCE, |p| units[p].name.as_str())
        .to_string();
    let templates = [
        "{name}隶属{parent}，是{level}。近年来，{short}坚持工业强基、项目为王，主导产业集聚发展，城乡面貌持续改善，综合实力稳步提升。本栏目发布{short}经济运行情况、年度目标完成情况和各类考核评价结果。",
        "{short}是{parent}下辖的{level}，区位条件优越，交通便捷，产业基础较好。本栏目集中发布{short}历年主要经济指标、年度目标任务完成情况和综合考核位次，数据由{name}统计部门提供。",
        "{name}地处{parent}，是{level}。{short}坚持以高质量发展为主线，加快构建现代化产业体系，持续优化营商环境，着力保障和改善民生。本栏目发布{short}统计公报和经济运行分析。",
        "{name}（{level}）位于{parent}。本栏目发布{short}年度统计公报、专项统计公报和考核评价结果，页面中的增速、占比变化和位次升降均由指标库数据计算。",
    ];
    rng.pick(&templates)
        .replace("{name}", &unit.name)
        .replace("{short}", unit.display())
        .replace("{parent}", &parent)
        .replace("{level}", unit.level)
}

fn write_unit(site: &Sites, units: &[Unit], u: usize, bulletins: usize) -> io::Result<()> {
    let unit = &units[u];
    let mut rng = Lcg::new(0x00C0_FFEE + u as u64);
    let dir_b = site.bulletin.join("content").join(&unit.id);
    let dir_h = site.hugo.join("content").join(&unit.id);
    fs::create_dir_all(&dir_b)?;
    fs::create_dir_all(&dir_h)?;

    let desc = description(units, u, &mut rng);
    let short = if unit.short != unit.name {
        format!("short_name: {}\n", yaml(&unit.short))
    } else {
        String::new()
    };
    fs::write(
        dir_b.join("_index.md"),
        format!(
            "---\nname: {}\n{short}level: {}\n---\n{desc}\n",
            yaml(&unit.name),
            yaml(unit.level)
        ),
    )?;
    fs::write(dir_b.join("data.yaml"), data_yaml(unit))?;

    // Hugo has no data file: the unit page's table of latest figures is in its content.
    let all: Vec<&Series> = unit.series.iter().collect();
    let latest = md_yoy(unit, "2024年主要指标", &all);
    // linkTitle is bulletin's display name (short_name or name): the navigation's label.
    let short_h = if unit.short != unit.name {
        format!(
            "short_name: {}\nlinkTitle: {}\n",
            quoted(&unit.short),
            quoted(&unit.short)
        )
    } else {
        String::new()
    };
    fs::write(
        dir_h.join("_index.md"),
        format!(
            "---\ntitle: {}\n{short_h}level: {}\n---\n{desc}\n\n## 主要指标最新数据\n\n{latest}",
            quoted(&unit.name),
            quoted(unit.level)
        ),
    )?;

    for (t, topic) in TOPICS.iter().take(bulletins).enumerate() {
        let mut rng = Lcg::new(((u as u64) << 8) + t as u64 + 77);
        let (b, h) = bulletin(unit, topic, &mut rng);
        fs::write(dir_b.join(format!("{}.md", topic.slug)), b)?;
        fs::write(dir_h.join(format!("{}.md", topic.slug)), h)?;
    }
    Ok(())
}

fn data_yaml(unit: &Unit) -> String {
    let mut y = format!(
        "# {}: generated by benches/corpus.rs; fictional figures.\nindicators:\n",
        unit.name
    );
    for s in &unit.series {
        let d = s.def;
        let _ = write!(
            y,
            "  - id: {}\n    name: {}\n    unit: {}\n    kind: {}\n    decimals: {}\n",
            d.id,
            yaml(d.name),
            yaml(d.unit),
            d.kind.key(),
            d.decimals
        );
        if d.lower_is_better {
            y.push_str("    higher_is_better: false\n");
        }
        if d.comparable {
            y.push_str("    growth_basis: comparable\n");
        }
        if d.kind == Kind::Rank {
            y.push_str("    scope: 全省\n");
        }
        if !d.note.is_empty() {
            let _ = writeln!(y, "    note: {}", yaml(d.note));
        }
        let _ = writeln!(y, "    source: {}", yaml(&source_of(unit, s)));
        if d.comparable {
            y.push_str("    values:\n");
            for (i, year) in YEARS.iter().enumerate() {
                let _ = writeln!(
                    y,
                    "      {year}: {{ value: {}, growth: {} }}",
                    number_text(s, i),
                    fixed(i128::from(s.growth[i]), 1)
                );
            }
        } else {
            let values: Vec<String> = YEARS
                .iter()
                .enumerate()
                .map(|(i, year)| format!("{year}: {}", number_text(s, i)))
                .collect();
            let _ = writeln!(y, "    values: {{ {} }}", values.join(", "));
        }
        match s.target {
            None => {}
            Some(Target::Level {
                minor,
                decimals,
                qualifier,
            }) => {
                let q = match qualifier {
                    Qualifier::Plan => String::new(),
                    q => format!(", qualifier: {}", q.text()),
                };
                let _ = writeln!(
                    y,
                    "    targets:\n      2024: {{ value: {}{q} }}",
                    as_written(i128::from(minor), decimals)
                );
            }
            Some(Target::Growth { rate, qualifier }) => {
                let q = match qualifier {
                    Qualifier::Plan => String::new(),
                    q => format!(", qualifier: {}", q.text()),
                };
                let _ = writeln!(y, "    targets:\n      2024: {{ growth: {rate}{q} }}");
            }
        }
        if !s.ranks.is_empty() {
            y.push_str("    ranks:\n");
            let by = if d.rank == RankDef::Growth {
                ", by: growth"
            } else {
                ""
            };
            for (year, position) in &s.ranks {
                let _ = writeln!(
                    y,
                    "      - {{ period: {}, scope: {}, position: {position}{by} }}",
                    YEARS[*year], unit.scope
                );
            }
        }
    }
    y
}

/// The figure sentences an indicator can carry: one or two figures each.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pattern {
    Full,
    Value,
    Change,
    Yoy,
    Target,
    Rank,
    ValueYoy,
    ValueTarget,
    ValueRank,
    ChangeTarget,
    PriorValue,
}

impl Pattern {
    fn figures(self) -> usize {
        match self {
            Pattern::Full
            | Pattern::Value
            | Pattern::Change
            | Pattern::Yoy
            | Pattern::Target
            | Pattern::Rank => 1,
            _ => 2,
        }
    }
}

fn patterns(unit: &Unit, s: &Series) -> Vec<Pattern> {
    let mut p = vec![Pattern::Full, Pattern::PriorValue];
    if s.def.kind == Kind::Rank {
        p.extend([Pattern::Rank, Pattern::Value]);
        return p;
    }
    p.extend([
        Pattern::Value,
        Pattern::Change,
        Pattern::Yoy,
        Pattern::ValueYoy,
    ]);
    match s.target {
        Some(Target::Level { .. }) => p.extend([Pattern::Target, Pattern::ValueTarget]),
        Some(Target::Growth { .. }) => p.extend([Pattern::Target, Pattern::ChangeTarget]),
        None => {}
    }
    if rank_text(unit, s).is_some() {
        p.extend([Pattern::Rank, Pattern::ValueRank]);
    }
    p
}

/// One sentence with its figures, ending in 。
fn figure_sentence(doc: &mut Doc, unit: &Unit, i: usize, pattern: Pattern, rng: &mut Lcg) {
    let s = &unit.series[i];
    let d = s.def;
    let when = if d.stock { "年末" } else { "全年" };
    let lead = format!("{when}{}{}", d.verb, d.name);
    match pattern {
        Pattern::Full => {
            const OPENERS: [&str; 4] = ["", "据初步统计，", "统计数据显示，", "从主要指标看，"];
            doc.text(rng.pick::<&str>(&OPENERS));
            doc.fig(unit, i, Part::Full);
        }
        Pattern::Value if d.kind == Kind::Rank => {
            doc.text(&format!("{}{}为", unit.display(), d.name));
            doc.fig(unit, i, Part::Value);
        }
        Pattern::Value => {
            doc.text(&lead);
            doc.fig(unit, i, Part::Value);
        }
        Pattern::Change | Pattern::Yoy => {
            doc.text(d.name);
            let part = if pattern == Pattern::Change {
                Part::Change
            } else {
                Part::Yoy
            };
            doc.fig(unit, i, part);
            const TAILS: [&str; 3] = ["", "，运行态势总体平稳", "，与年初预期基本一致"];
            doc.text(rng.pick::<&str>(&TAILS));
        }
        Pattern::Target => {
            doc.text(d.name);
            if matches!(s.target, Some(Target::Growth { .. })) {
                doc.text("增速");
            }
            doc.fig(unit, i, Part::Target);
        }
        Pattern::Rank if d.kind == Kind::Rank => {
            doc.text(&format!("在全省高质量发展综合考核中，{}", unit.display()));
            doc.fig(unit, i, Part::Rank);
        }
        Pattern::Rank => {
            doc.text(d.name);
            doc.fig(unit, i, Part::Rank);
        }
        Pattern::ValueYoy | Pattern::ValueTarget | Pattern::ValueRank => {
            doc.text(&lead);
            doc.fig(unit, i, Part::Value);
            doc.text("，");
            let part = match pattern {
                Pattern::ValueYoy => Part::Yoy,
                Pattern::ValueTarget => Part::Target,
                _ => Part::Rank,
            };
            doc.fig(unit, i, part);
        }
        Pattern::ChangeTarget => {
            doc.text(d.name);
            doc.fig(unit, i, Part::Change);
            doc.text("，");
            doc.fig(unit, i, Part::Target);
        }
        Pattern::PriorValue => {
            let (now, prior) = (s.values[CUR], s.values[CUR - 1]);
            let better = if d.kind == Kind::Rank {
                now < prior
            } else {
                now > prior
            };
            let verb = match (now == prior, better, d.kind == Kind::Rank) {
                (true, _, _) => "保持在",
                (false, true, true) => "提升至",
                (false, false, true) => "调整为",
                (false, true, false) => "增加到",
                (false, false, false) => "回落至",
            };
            doc.text(&format!("{}由上年的", d.name));
            doc.fig(unit, i, Part::Prior);
            doc.text(verb);
            doc.fig(unit, i, Part::Value);
        }
    }
    doc.text("。");
}

fn bulletin(unit: &Unit, topic: &Topic, rng: &mut Lcg) -> (String, String) {
    let short = unit.display();
    let fill = |text: &str| text.replace("{u}", short);
    let mut used = [false; DEFS.len()];
    let mut doc = Doc::default();

    let (a, b) = two(rng, OPENINGS.len());
    doc.text(&fill(OPENINGS[a]));
    doc.text(&fill(OPENINGS[b]));
    doc.text("\n\n");
    // 6–10 inline figures over six sections, at most three in one.
    let mut budget = [1usize; 6];
    for _ in 0..rng.below(5) {
        let mut s = rng.below(6);
        while budget[s] == 3 {
            s = (s + 1) % 6;
        }
        budget[s] += 1;
    }
    let (head_a, head_b) = *rng.pick(&HEADINGS);
    let mut table_pool: Vec<usize> = Vec::new();
    for (n, theme) in topic.themes.iter().enumerate() {
        if n == 0 {
            doc.text(&format!("## {head_a}\n\n"));
        }
        if n == 3 {
            doc.text(&format!("## {head_b}\n\n"));
        }
        let text = theme_text(*theme);
        for id in text.indicators {
            let i = def_index(id);
            if !table_pool.contains(&i) {
                table_pool.push(i);
            }
        }
        let lead = rng.pick(text.leads);
        // Plain CommonMark (Hugo's goldmark, even with its cjk extension) prints the
        // asterisks of `**…。**全年` literally: a closing `**` after punctuation must be
        // followed by space or punctuation. Same words, the 。 just outside the bold.
        doc.block(
            &format!("**（{}）{lead}。**", NUMERALS[n]),
            &format!("**（{}）{lead}**。", NUMERALS[n]),
        );
        let mut fillers: Vec<&str> = text.fillers.to_vec();
        let mut left = budget[n];
        while left > 0 {
            let free: Vec<usize> = text
                .indicators
                .iter()
                .map(|id| def_index(id))
                .filter(|&i| !used[i])
                .collect();
            let i = if free.is_empty() {
                let any: Vec<usize> = (0..DEFS.len()).filter(|&i| !used[i]).collect();
                *rng.pick(&any)
            } else {
                *rng.pick(&free)
            };
            used[i] = true;
            let options: Vec<Pattern> = patterns(unit, &unit.series[i])
                .into_iter()
                .filter(|p| p.figures() <= left)
                .collect();
            let pattern = *rng.pick(&options);
            left -= pattern.figures();
            figure_sentence(&mut doc, unit, i, pattern, rng);
            // Commentary between the figures: one filler after each figure sentence, and
            // one or two more at the end of the paragraph.
            let extra = if left == 0 { 3 + rng.below(2) } else { 1 };
            for _ in 0..extra.min(fillers.len()) {
                let f = fillers.swap_remove(rng.below(fillers.len()));
                doc.text(&fill(f));
            }
        }
        doc.text("\n\n");
        if n == 2 {
            // ```yoy: 5–7 indicators of the topic, in data order.
            let mut pool = table_pool.clone();
            let keep = 5 + rng.below(3);
            while pool.len() > keep {
                pool.remove(rng.below(pool.len()));
            }
            pool.sort_unstable();
            let rows: Vec<&Series> = pool.iter().map(|&i| &unit.series[i]).collect();
            let caption = format!("表1 2024年{short}主要经济指标");
            let ids: Vec<&str> = rows.iter().map(|s| s.def.id).collect();
            doc.block(
                &format!(
                    "```yoy\ncaption: {caption}\nindicators: [{}]\n```\n\n",
                    ids.join(", ")
                ),
                &format!("{}\n", md_yoy(unit, &caption, &rows)),
            );
        }
    }
    // ```targets: 3–5 of the indicators with a 2024 target.
    let mut targeted: Vec<usize> = (0..DEFS.len())
        .filter(|&i| unit.series[i].target.is_some())
        .collect();
    let keep = 3 + rng.below(3);
    while targeted.len() > keep {
        targeted.remove(rng.below(targeted.len()));
    }
    let rows: Vec<&Series> = targeted.iter().map(|&i| &unit.series[i]).collect();
    let caption = format!("表2 2024年{short}主要目标任务完成情况");
    let ids: Vec<&str> = rows.iter().map(|s| s.def.id).collect();
    doc.block(
        &format!(
            "```targets\ncaption: {caption}\nindicators: [{}]\n```\n\n",
            ids.join(", ")
        ),
        &format!("{}\n", md_targets(unit, &caption, &rows)),
    );
    let (a, b) = two(rng, CLOSINGS.len());
    doc.text(&fill(CLOSINGS[a]));
    doc.text("\n\n");
    doc.text(&fill(CLOSINGS[b]));
    doc.text("\n");

    let front = front_matter(unit, topic, rng);
    let key: Vec<&Series> = topic
        .key_figures
        .iter()
        .map(|id| &unit.series[def_index(id)])
        .collect();
    let mut b = String::from("---\n");
    let mut h = String::from("---\n");
    for (k, v) in &front {
        let plain = if *k == "period" { v.clone() } else { yaml(v) };
        let _ = writeln!(b, "{k}: {plain}");
        if *k != "period" {
            let _ = writeln!(
                h,
                "{k}: {}",
                if *k == "date" { v.clone() } else { quoted(v) }
            );
        }
    }
    let ids: Vec<&str> = key.iter().map(|s| s.def.id).collect();
    let _ = writeln!(b, "key_figures: [{}]\n---", ids.join(", "));
    h.push_str("period_label: \"2024年\"\nfigures:\n");
    for s in key {
        h.push_str(&key_figure_yaml(unit, s, false));
    }
    h.push_str("---\n");
    b.push_str(&doc.bulletin);
    h.push_str(&doc.hugo);
    (b, h)
}

/// Two different indices below n.
fn two(rng: &mut Lcg, n: usize) -> (usize, usize) {
    let a = rng.below(n);
    (a, (a + 1 + rng.below(n - 1)) % n)
}

fn front_matter(unit: &Unit, topic: &Topic, rng: &mut Lcg) -> Vec<(&'static str, String)> {
    let short = unit.display();
    let mut f = Vec::new();
    let title = if rng.chance(50) {
        format!("{}——{short}2024年{}", rng.pick(&HEADLINES), topic.name)
    } else {
        format!("{short}2024年{}", topic.name)
    };
    f.push(("title", title));
    if rng.chance(40) {
        f.push(("kicker", format!("{}统计局发布", unit.name)));
    }
    if rng.chance(30) {
        f.push((
            "subtitle",
            format!(
                "全年主要指标{}",
                rng.pick(&["稳中有进", "好于预期", "稳步提升", "持续向好"])
            ),
        ));
    }
    // A report of 2024's results is dated in 2025 (`check` warns on one dated before its
    // period ends); the draws are those of before, so the rest of the corpus is unchanged.
    let month = if rng.range(0, 1) == 0 {
        rng.range(3, 12)
    } else {
        rng.range(1, 12)
    };
    f.push(("date", format!("2025-{month:02}-{:02}", rng.range(1, 28))));
    f.push(("period", "2024".to_string()));
    if rng.chance(70) {
        f.push((
            "byline",
            format!("本报记者 {}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN)),
        ));
    }
    f.push(("source", format!("{}统计局", unit.name)));
    f.push((
        "summary",
        format!("{short}2024年{}：{}", topic.name, rng.pick(&SUMMARIES)),
    ));
    f
}

// ── Hugo layout: the news theme's structure, in Go templates ────────────────────────────

const HUGO_LAYOUTS: [(&str, &str); 7] = [
    (
        "_default/baseof.html",
        r##"<!DOCTYPE html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} - {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ .Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "css/news.css" | relURL }}">
</head>
<body class="kind-{{ .Kind }}">
<a class="skip-link" href="#main">跳到正文</a>
<header class="site-header">
  <div class="topbar">
    <div class="wrap topbar-inner">
      <div class="tools" role="group" aria-label="无障碍浏览">
        <input type="checkbox" id="opt-large" class="tool-input"><label for="opt-large" class="tool">大字版</label>
        <input type="checkbox" id="opt-contrast" class="tool-input"><label for="opt-contrast" class="tool">高对比度</label>
      </div>
    </div>
  </div>
  <div class="band">
    <div class="wrap">
      {{ if .IsHome -}}
      <h1 class="site-title"><a href="{{ "" | relURL }}">{{ site.Title }}</a></h1>
      {{- else -}}
      <p class="site-title"><a href="{{ "" | relURL }}">{{ site.Title }}</a></p>
      {{- end }}
      {{ with site.Params.organisation }}<p class="site-org">{{ . }}</p>{{ end }}
    </div>
  </div>
  <nav class="site-nav" aria-label="网站导航">
    <div class="wrap">
      <ul>
        <li><a href="{{ "" | relURL }}"{{ if .IsHome }} aria-current="page"{{ end }}>首页</a></li>
        {{- range first 12 site.Menus.main }}
        <li><a href="{{ .URL }}">{{ .Name }}</a></li>
        {{- end }}
      </ul>
    </div>
  </nav>
</header>
<div class="wrap">
{{ block "breadcrumb" . }}{{ end }}
</div>
<main id="main" class="wrap main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    <dl class="footer-fields">
      {{- with site.Params.footer }}
      {{- with .sponsor }}<div><dt>主办单位：</dt><dd>{{ . }}</dd></div>{{ end }}
      {{- with .site_code }}<div><dt>网站标识码：</dt><dd>{{ . }}</dd></div>{{ end }}
      {{- with .icp }}<div><dt>ICP备案号：</dt><dd>{{ . }}</dd></div>{{ end }}
      {{- with .police }}<div><dt>公安机关备案号：</dt><dd>{{ . }}</dd></div>{{ end }}
      {{- with .contact }}<div><dt>联系电话：</dt><dd>{{ . }}</dd></div>{{ end }}
      {{- with .address }}<div><dt>地址：</dt><dd>{{ . }}</dd></div>{{ end }}
      {{- end }}
    </dl>
  </div>
</footer>
</body>
</html>
"##,
    ),
    (
        "_default/single.html",
        r##"{{ define "breadcrumb" }}
<nav class="crumbs" aria-label="当前位置">
  <ol>
    <li><a href="{{ "" | relURL }}">首页</a></li>
    <li><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></li>
    <li><span aria-current="page">正文</span></li>
  </ol>
</nav>
{{ end }}
{{ define "main" }}
<article class="article" aria-labelledby="headline">
  <header class="article-head">
    {{- with .Params.kicker }}
    <p class="kicker"><span>{{ . }}</span></p>
    {{- end }}
    <h1 class="headline" id="headline">{{ .Title }}</h1>
    {{- with .Params.subtitle }}
    <p class="subtitle">{{ . }}</p>
    {{- end }}
    <p class="dateline meta">
      <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time>
      {{- with .Params.source }}<span>来源：{{ . }}</span>{{ end }}
      {{- with .Params.byline }}<span><span class="visually-hidden">作者：</span>{{ . }}</span>{{ end }}
    </p>
  </header>
  {{- with .Params.figures }}
  <section class="article-figures" aria-labelledby="figures-title">
    <h2 class="kf-title" id="figures-title">主要数据<span>{{ $.Params.period_label }}</span></h2>
    {{ partial "figures.html" . }}
  </section>
  {{- end }}
  <div class="article-body">
    {{ .Content }}
  </div>
  <footer class="article-foot">
    <dl class="meta">
      <div><dt>发布单位：</dt><dd><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></dd></div>
      <div><dt>报告期：</dt><dd>{{ .Params.period_label }}</dd></div>
      <div><dt>发布时间：</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time></dd></div>
    </dl>
    <p class="back-links"><a href="{{ .Parent.RelPermalink }}">返回{{ .Parent.Title }}</a><a href="{{ "" | relURL }}">返回首页</a></p>
  </footer>
</article>
{{ end }}
"##,
    ),
    (
        "_default/list.html",
        r##"{{ define "breadcrumb" }}
<nav class="crumbs" aria-label="当前位置">
  <ol>
    <li><a href="{{ "" | relURL }}">首页</a></li>
    {{- with .Parent }}{{ if not .IsHome }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
    {{- end }}{{ end }}
    <li><span aria-current="page">{{ .Title }}</span></li>
  </ol>
</nav>
{{ end }}
{{ define "main" }}
<div class="columns columns-unit">
<header class="unit-head">
  {{- with .Params.level }}
  <p class="unit-level">{{ . }}</p>
  {{- end }}
  <h1 class="unit-name">{{ .Title }}</h1>
  {{- with .Params.short_name }}
  <p class="meta">简称：{{ . }}</p>
  {{- end }}
  <dl class="unit-rel">
    {{- with .Parent }}{{ if not .IsHome }}
    <div><dt>上级单位：</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd></div>
    {{- end }}{{ end }}
    {{- with .Sections }}
    <div><dt>下属单位：</dt><dd>
      <ul class="inline-list" role="list">
        {{- range . }}
        <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
        {{- end }}
      </ul>
    </dd></div>
    {{- end }}
  </dl>
</header>
<div class="unit-main">
<section class="unit-section" aria-labelledby="unit-bulletins-title">
  <h2 class="col-title" id="unit-bulletins-title">公报列表</h2>
  {{ partial "bulletin_list.html" (dict "pages" .RegularPages "show_unit" false) }}
</section>
<section class="unit-section unit-desc">
  {{ .Content }}
</section>
</div>
</div>
{{ end }}
"##,
    ),
    (
        "index.html",
        r##"{{ define "main" }}
<div class="home-intro">
  {{ .Content }}
</div>
{{- with .Params.figures }}
<section class="home-figures" aria-labelledby="figures-title">
  <h2 class="col-title" id="figures-title">数据速览</h2>
  {{ partial "figures.html" . }}
</section>
{{- end }}
<div class="columns">
  <section class="col-main" aria-labelledby="latest-title">
    <h2 class="col-title" id="latest-title">最新公报</h2>
    {{ partial "bulletin_list.html" (dict "pages" (first 20 site.RegularPages.ByDate.Reverse) "show_unit" true) }}
  </section>
  <section class="col-side" aria-labelledby="units-title">
    <h2 class="col-title" id="units-title">单位一览</h2>
    <ul class="unit-list" role="list">
      {{- range where site.Pages "Kind" "section" }}
      <li>
        <a href="{{ .RelPermalink }}">{{ .Title }}</a>
        <span class="meta">{{ with .Params.level }}<span>{{ . }}</span>{{ end }}<span>{{ len .RegularPages }}篇公报</span></span>
      </li>
      {{- end }}
    </ul>
  </section>
</div>
{{ end }}
"##,
    ),
    (
        "404.html",
        r##"{{ define "main" }}
<div class="not-found">
  <p class="not-found-code" aria-hidden="true">404</p>
  <h1>页面未找到</h1>
  <p>您访问的页面不存在，可能已被移动或删除。请检查网址，或从首页重新查找。</p>
  <p><a class="button" href="{{ "" | relURL }}">返回首页</a></p>
</div>
{{ end }}
"##,
    ),
    (
        "partials/bulletin_list.html",
        r##"{{- $show_unit := .show_unit -}}
{{- with .pages }}
<ol class="blist" role="list">
  {{- range $i, $p := . }}
  <li class="blist-item{{ if eq $i 0 }} is-first{{ end }}">
    <h3 class="blist-title"><a href="{{ $p.RelPermalink }}">{{ $p.Title }}</a></h3>
    <p class="meta">
      <time datetime="{{ $p.Date.Format "2006-01-02" }}">{{ $p.Date.Format "2006年1月2日" }}</time>
      {{- if $show_unit }}<span>{{ $p.Parent.LinkTitle }}</span>{{ end }}
      {{- with $p.Params.period_label }}<span>报告期：{{ . }}</span>{{ end }}
    </p>
    {{- with $p.Params.summary }}
    <p class="blist-summary">{{ . }}</p>
    {{- end }}
  </li>
  {{- end }}
</ol>
{{- else }}
<p class="empty">暂无公报。</p>
{{- end }}
"##,
    ),
    (
        "partials/figures.html",
        r##"<dl class="kf-strip">
  {{- range . }}
  <div class="kf">
    <dt class="kf-label">{{ .label }}{{ with .period }}<span class="kf-period">{{ . }}</span>{{ end }}</dt>
    <dd class="kf-value"><span class="kf-num">{{ .value }}</span><span class="kf-unit">{{ .unit }}</span></dd>
    {{- with .change }}
    <dd class="kf-change">{{ . }}</dd>
    {{- end }}
    {{- with .rank }}
    <dd class="kf-rank">{{ . }}</dd>
    {{- end }}
  </div>
  {{- end }}
</dl>
"##,
    ),
];
