//! The units of the province: 16 cities, counties and zones below them, towns below the
//! counties once there are more units than a province has counties; their names, short
//! names, levels, folders under `content/` and the scope their ranks are held in.

use std::collections::HashSet;

use crate::indicators::{DEFS, Series, make_series};
use crate::rng::Lcg;

const CITIES_MAX: usize = 16;
/// Counties and zones per city before towns are added below them (a real province has
/// 6–10 per city), so the top-level navigation stays at 16 entries.
const COUNTIES_PER_CITY: usize = 7;

pub(crate) struct Unit {
    /// Folder path under `content/`: `jiangcheng/yongfeng/taoxi-zhen`.
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) short: String,
    pub(crate) level: &'static str,
    pub(crate) parent: Option<usize>,
    pub(crate) depth: u8,
    /// Where its ranks are held: 全省, 全市, 全县, 全区.
    pub(crate) scope: String,
    pub(crate) series: Vec<Series>,
}

impl Unit {
    pub(crate) fn display(&self) -> &str {
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
pub(crate) fn plan_units(total: usize) -> Vec<Unit> {
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
