//! Validation beyond the shape of the files: figures that cannot be right (a share over
//! 100%, a rank below its number of peers), units that do not match, targets that
//! cannot be evaluated, periods that overlap, output paths that collide (or differ only in case), footer fields a
//! government website must carry — and, in [`crosscheck`], numbers typed in commentary
//! that contradict the data, and in [`phrasing`], where a component's phrase meets typed
//! text and reads wrong (增幅增速…, a rank twice, 5.7%6.2%). Plausibility warnings query typing slips the rules cannot
//! rule out (a rate typed as a fraction, a level ten times its neighbours, a bulletin
//! dated before its period ends); `--deny-warnings` fails on them. `build` runs all of it and refuses what is an error;
//! `bulletin check` runs it without writing anything. Reads no files.

pub mod crosscheck;
pub mod links;
pub mod phrasing;

use std::cell::LazyCell;
use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::compute::{Decimal, Kind, Target};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::lang::Text;
use crate::load::YamlFile;
use crate::load::locate::Seg;
use crate::model::{Indicator, Period, Site, Unit};

/// Every data and site rule; pushes one diagnostic per problem.
pub fn validate(site: &Site, diags: &mut Diagnostics) {
    footer(site, diags);
    base_url(site, diags);
    page_meta(site, diags);
    // Units in parallel, their diagnostics kept in file order.
    let found: Vec<Diagnostics> = site
        .units
        .par_iter()
        .map(|unit| {
            let mut diags = Diagnostics::default();
            let Some(source) = &unit.data_source else {
                return diags;
            };
            for ind in &unit.indicators {
                let at = Located { source, ind };
                values(&at, &mut diags);
                ranks(&at, &mut diags);
                targets(&at, &mut diags);
                share_of(unit, &at, &mut diags);
                plausibility(site, unit, &at, &mut diags);
                if ind.sum_of_children {
                    sum_of_children(site, unit, &at, &mut diags);
                }
                whole_counts(&at, &mut diags);
                partition(unit, &at, &mut diags);
            }
            diags
        })
        .collect();
    found.into_iter().for_each(|d| diags.extend(d));
    output_paths(site, diags);
    dates(site, diags);
}

/// An indicator and the file it came from, to locate its diagnostics.
struct Located<'a> {
    source: &'a YamlFile,
    ind: &'a Indicator,
}

impl Located<'_> {
    fn error(&self, code: Code, path: &[Seg<'_>], message: impl Into<Text>) -> Diagnostic {
        self.make(Diagnostic::error(code, &self.source.path, message), path)
    }

    fn warning(&self, code: Code, path: &[Seg<'_>], message: impl Into<Text>) -> Diagnostic {
        self.make(Diagnostic::warning(code, &self.source.path, message), path)
    }

    fn make(&self, d: Diagnostic, path: &[Seg<'_>]) -> Diagnostic {
        let mut full = vec![Seg::Key("indicators"), Seg::Index(self.ind.pos)];
        full.extend_from_slice(path);
        // a figure taken from the unit's spreadsheet is located at its cell
        self.source.locate_diagnostic(d, &full)
    }

    fn label(&self) -> String {
        format!("`{}` ({})", self.ind.id, self.ind.name)
    }

    /// The label as a Chinese message names an indicator: 地区生产总值（gdp）.
    fn zh(&self) -> String {
        format!("{}（{}）", self.ind.name, self.ind.id)
    }
}

fn values(at: &Located<'_>, diags: &mut Diagnostics) {
    let ind = at.ind;
    let mut spans: HashMap<(i64, i64), Period, foldhash::fast::RandomState> = HashMap::default();
    for (period, value) in &ind.values {
        // Written out only for a diagnostic: a site has 150,000 values and few errors.
        let key = LazyCell::new(|| period.to_string());
        let path = LazyCell::new(|| [Seg::Key("values"), Seg::Key(&key)]);
        if let Period::Years { .. } = period {
            diags.push(
                at.error(
                    Code::BadPeriod,
                    &*path,
                    text!(
                        "{l}: a span of years ({p}) holds targets, not values",
                        "{z}：跨年度的期间（{p}）只能写目标，不能写数值",
                        l = at.label(),
                        z = at.zh(),
                        p = period.label()
                    ),
                )
                .hint(text!(
                    "give a value for each year, and put the multi-year goal under `targets:`",
                    "按年分别填写数值，多年目标写在 `targets:` 下"
                )),
            );
        }
        if let Some(other) = spans.insert(period.month_span(), *period) {
            diags.push(at.error(
                Code::BadPeriod,
                // at the key written second, not at its value
                &[Seg::Key("values"), Seg::KeyNamed(&key)],
                text!(
                    "{l}: `{period}` and `{other}` are the same period ({p}), with two values",
                    "{z}：`{period}` 和 `{other}` 是同一期间（{p}），填了两个数值",
                    l = at.label(),
                    z = at.zh(),
                    p = period.label()
                ),
            ));
        }
        let Some(v) = value.value else { continue };
        if !value.unit.is_empty() && value.unit != ind.unit {
            diags.push(
                at.error(
                    Code::UnitMismatch,
                    &*path,
                    text!(
                        "{l}: this value is in {u}, the indicator in {i}",
                        "{z}：这个数值的单位是{u}，指标的计量单位是{i}",
                        l = at.label(),
                        z = at.zh(),
                        u = &value.unit,
                        i = &ind.unit
                    ),
                )
                .expected(text!("a value in {u}", "以{u}为单位的数值", u = &ind.unit))
                .maybe_hint(
                    crate::compute::number::convert_unit(v, &value.unit, &ind.unit).map(|c| {
                        text!(
                            "{v}{u} is {c}{i}: write `{c}`",
                            "{v}{u}即{c}{i}，请写 `{c}`",
                            u = &value.unit,
                            i = &ind.unit
                        )
                    }),
                ),
            );
        }
        if ind.kind == Kind::Share && (v > Decimal::ONE_HUNDRED || v.is_sign_negative()) {
            diags.push(
                at.error(
                    Code::ImpossibleValue,
                    &*path,
                    text!(
                        "{l}: a share of {v}% is impossible",
                        "{z}：比重不可能是{v}%",
                        l = at.label(),
                        z = at.zh()
                    ),
                )
                .expected(text!("a share between 0 and 100", "0到100之间的比重")),
            );
        }
        if ind.kind == Kind::Rank {
            rank_value(at, &*path, v, ind.peers, diags);
        }
    }
    // A year next to months that cover it: the year should be what the months add up to.
    for period in ind.values.keys() {
        if let Period::Months {
            year,
            from: 1,
            to: 12,
        } = period
            && ind.values.contains_key(&Period::Year(*year))
        {
            let key = period.to_string();
            diags.push(at.warning(
                Code::BadPeriod,
                &[Seg::Key("values"), Seg::Key(&key)],
                text!(
                    "{l}: `{period}` (1—12月) repeats the year {year}",
                    "{z}：`{period}`（1—12月）与{year}年全年重复",
                    l = at.label(),
                    z = at.zh()
                ),
            ));
        }
    }
}

/// A position must be a whole number from 1 to the number of peers.
fn rank_value(
    at: &Located<'_>,
    path: &[Seg<'_>],
    v: Decimal,
    peers: Option<u32>,
    diags: &mut Diagnostics,
) {
    let whole = v.fract().is_zero() && v >= Decimal::ONE;
    if !whole {
        diags.push(
            at.error(
                Code::ImpossibleValue,
                path,
                text!(
                    "{l}: a rank of {v} is impossible",
                    "{z}：位次不可能是{v}",
                    l = at.label(),
                    z = at.zh()
                ),
            )
            .expected(text!("a whole number from 1 up", "从1开始的整数")),
        );
        return;
    }
    if let Some(peers) = peers
        && v > Decimal::from(peers)
    {
        diags.push(
            at.error(
                Code::ImpossibleValue,
                path,
                text!(
                    "{l}: rank {v} among {peers} peers is impossible",
                    "{z}：{peers}个单位中不可能排第{v}位",
                    l = at.label(),
                    z = at.zh()
                ),
            )
            .hint(text!(
                "check the rank, or the `peers:` count",
                "核对位次，或 `peers:` 的单位个数"
            )),
        );
    }
}

fn ranks(at: &Located<'_>, diags: &mut Diagnostics) {
    let mut seen = HashSet::new();
    for (i, r) in at.ind.ranks.iter().enumerate() {
        let path = [Seg::Key("ranks"), Seg::Index(i)];
        if !seen.insert((r.period, r.scope.clone(), r.by)) {
            diags.push(at.error(
                Code::DuplicateId,
                &path,
                text!(
                    "{l}: a second rank for {p} in {s}",
                    "{z}：{p}在{s}的位次填了两次",
                    l = at.label(),
                    z = at.zh(),
                    p = r.period.label(),
                    s = &r.scope
                ),
            ));
        }
        rank_value(at, &path, Decimal::from(r.position), r.peers, diags);
    }
}

fn targets(at: &Located<'_>, diags: &mut Diagnostics) {
    let ind = at.ind;
    for (period, target) in &ind.targets {
        let key = LazyCell::new(|| period.to_string());
        let path = LazyCell::new(|| [Seg::Key("targets"), Seg::Key(&key)]);
        match target {
            Target::Growth { .. } if matches!(ind.kind, Kind::Rate | Kind::Share | Kind::Rank) => diags.push(
                at.error(Code::BadTarget, &*path, text!("{l}: a {k} cannot have a growth target", "{z}：{kz}指标不能设增速目标", l = at.label(), z = at.zh(), k = kind_name(ind.kind), kz = kind_zh(ind.kind)))
                    .expected(if ind.kind == Kind::Rank {
                        text!("a level, e.g. `{{ value: 20, qualifier: 以上 }}` (a position)", "一个水平值，如 `{{ value: 20, qualifier: 以上 }}`（名次）")
                    } else {
                        text!("a level, e.g. `{{ value: 20, qualifier: 以上 }}` (in %, compared in 百分点)", "一个水平值，如 `{{ value: 20, qualifier: 以上 }}`（单位为%，按百分点比较）")
                    }),
            ),
            Target::Growth { .. } if ind.comparable && ind.value(*period).is_some_and(|v| v.growth.is_none()) => diags.push(
                at.error(Code::BadTarget, &*path, text!("{l}: the growth target for {p} cannot be evaluated: growth is at comparable prices and none is stated", "{z}：{p}的增速目标无法评价：增速按可比价格计算，但没有填写增速", l = at.label(), z = at.zh(), p = period.label()))
                    .hint(text!("add the stated growth: `{k}: {{ value: …, growth: … }}`", "填上公布的增速：`{k}: {{ value: …, growth: … }}`", k = &*key)),
            ),
            Target::Range { .. } if ind.kind == Kind::Rank => diags.push(at.error(Code::BadTarget, &*path, text!("{l}: a rank target is a position, not a range", "{z}：位次目标是一个名次，不能是区间", l = at.label(), z = at.zh()))),
            Target::Level { value, .. } if ind.kind == Kind::Share && *value > Decimal::ONE_HUNDRED => {
                diags.push(at.error(Code::ImpossibleValue, &*path, text!("{l}: a share target of {value}% is impossible", "{z}：比重目标不可能是{value}%", l = at.label(), z = at.zh())));
            }
            _ => {}
        }
    }
}

fn share_of(unit: &Unit, at: &Located<'_>, diags: &mut Diagnostics) {
    let Some(total) = at.ind.share_of.map(|t| &unit.indicators[t]) else {
        return;
    };
    let fits = matches!(total.kind, Kind::Amount | Kind::Count | Kind::Index)
        && total.kind == at.ind.kind
        && total.unit == at.ind.unit;
    if !fits {
        diags.push(
            at.error(
                Code::UnitMismatch,
                &[Seg::Key("share_of")],
                text!(
                    "{l} is a {k} in {u}, `{t}` a {tk} in {tu}: a share needs a part and a total of the same kind and unit",
                    "{z}是以{u}计的{kz}，`{t}` 是以{tu}计的{tkz}：计算比重，部分和总量的类型、单位必须相同",
                    l = at.label(), z = at.zh(), k = kind_name(at.ind.kind), kz = kind_zh(at.ind.kind), u = &at.ind.unit,
                    t = &total.id, tk = kind_name(total.kind), tkz = kind_zh(total.kind), tu = &total.unit
                ),
            ),
        );
    }
}

/// The parent's value (or level target) for each period must be the sum of its
/// sub-units' (seed 004: 1000亿元 = 巢湖市800 + 安巢经开区200), within the rounding of the
/// figures as written.
fn sum_of_children(site: &Site, unit: &Unit, at: &Located<'_>, diags: &mut Diagnostics) {
    let ind = at.ind;
    if unit.children.is_empty() {
        diags.push(
            at.error(
                Code::SumMismatch,
                &[Seg::Key("sum_of_children")],
                text!(
                    "{l}: `sum_of_children` is set, but unit `{u}` has no sub-units",
                    "{z}：设了 `sum_of_children`，但单位“{u}”没有下级单位",
                    l = at.label(),
                    z = at.zh(),
                    u = &unit.id
                ),
            )
            .hint(text!(
                "sub-units are unit folders inside this one (content/chaohu/anchao/)",
                "下级单位是本单位文件夹里的单位文件夹（如 content/chaohu/anchao/）"
            )),
        );
        return;
    }
    let children: Vec<(&Unit, Option<&Indicator>)> = unit
        .children
        .iter()
        .map(|&c| {
            (
                &site.units[c],
                site.units[c]
                    .indicator(&ind.id)
                    .map(|i| &site.units[c].indicators[i]),
            )
        })
        .collect();
    for (child, found) in &children {
        if found.is_none() {
            diags.push(at.error(
                Code::SumMismatch,
                &[Seg::Key("sum_of_children")],
                text!(
                    "{l} is the sum of its sub-units, but sub-unit `{c}` has no indicator `{i}` in {f}",
                    "{z}是各下级单位之和，但下级单位“{c}”的 {f} 中没有指标“{i}”",
                    l = at.label(),
                    z = at.zh(),
                    c = &child.id,
                    i = &ind.id,
                    f = data_file(child)
                ),
            ));
        }
    }
    if children.iter().any(|(_, f)| f.is_none()) {
        return;
    }
    let level = |i: &Indicator, p: Period, target: bool| -> Option<Decimal> {
        if target {
            match i.targets.get(&p)? {
                Target::Level { value, .. } => Some(*value),
                _ => None,
            }
        } else {
            i.value(p).filter(|v| !v.confidential).and_then(|v| v.value)
        }
    };
    let periods = ind
        .values
        .keys()
        .map(|p| (*p, false))
        .chain(ind.targets.keys().map(|p| (*p, true)));
    for (period, target) in periods {
        let Some(total) = level(ind, period, target) else {
            continue;
        };
        let key = period.to_string();
        let path = [
            Seg::Key(if target { "targets" } else { "values" }),
            Seg::Key(&key),
        ];
        let what = if target {
            format!("the {} target", period.label())
        } else {
            period.label()
        };
        let what_zh = if target {
            format!("{}目标", period.label())
        } else {
            period.label()
        };
        let mut parts = Vec::new();
        let mut missing = Vec::new();
        for (child, found) in &children {
            match found.and_then(|i| level(i, period, target)) {
                Some(v) => parts.push(format!(
                    "{} {v} ({})",
                    child.display_name(),
                    data_file(child)
                )),
                None => missing.push(format!("`{}` ({})", child.id, data_file(child))),
            }
        }
        if !missing.is_empty() {
            diags.push(at.error(
                Code::SumMismatch,
                &path,
                text!(
                    "{l}: {what} is {total}, the sum of its sub-units, but {m} give none to add",
                    "{z}：{what_zh}为{total}，是各下级单位之和，但{m}没有可加的数值",
                    l = at.label(),
                    z = at.zh(),
                    m = missing.join(", ")
                ),
            ));
            continue;
        }
        let sum: Decimal = children
            .iter()
            .filter_map(|(_, f)| f.and_then(|i| level(i, period, target)))
            .sum();
        // Each figure may be off by half a unit of its last digit: allow that per figure.
        let half = Decimal::new(5, ind.decimals + 1);
        let tolerance = half * Decimal::from(children.len() + 1);
        if (sum - total).abs() > tolerance {
            diags.push(
                at.error(
                    Code::SumMismatch,
                    &path,
                    text!(
                        "{l}: {what} of {n} is {total}, but its sub-units add up to {sum}: {p}",
                        "{z}：{n}{what_zh}为{total}，但各下级单位合计为{sum}：{p}",
                        l = at.label(), z = at.zh(), n = unit.display_name(), p = parts.join(" + ")
                    ),
                )
                .expected(text!("{sum} (rounding allows ±{t})", "{sum}（允许舍入误差±{t}）", t = tolerance.normalize()))
                .hint(text!("correct the total or a sub-unit's figure; remove `sum_of_children` if the parts are not a partition", "改正总量或某个下级单位的数值；如果各下级单位不是总量的完整划分，删去 `sum_of_children`")),
            );
        }
    }
}

fn data_file(unit: &Unit) -> String {
    unit.data_source.as_ref().map_or_else(
        || format!("content/{}/data.yaml", unit.id),
        |s| s.path.display().to_string(),
    )
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Amount => "amount",
        Kind::Count => "count",
        Kind::Rate => "rate",
        Kind::Share => "share",
        Kind::Rank => "rank",
        Kind::Index => "index",
    }
}

/// [`kind_name`] as a Chinese message says it.
fn kind_zh(kind: Kind) -> &'static str {
    match kind {
        Kind::Amount => "总量",
        Kind::Count => "计数",
        Kind::Rate => "比率",
        Kind::Share => "比重",
        Kind::Rank => "位次",
        Kind::Index => "指数",
    }
}

/// Two things must not write the same page: a bulletin `a/b.md` and a unit `a/b/`.
fn output_paths(site: &Site, diags: &mut Diagnostics) {
    let units: HashMap<&str, &Unit> = site.units.iter().map(|u| (u.id.as_str(), u)).collect();
    for b in &site.bulletins {
        let dir = site.bulletin_dir(b);
        let dir = dir.trim_end_matches('/');
        if let Some(unit) = units.get(dir) {
            diags.push(
                Diagnostic::error(Code::DuplicateId, &b.source.path, text!("this bulletin and the unit `{dir}` ({u}) would both be written to {dir}/index.html", "这篇通报和单位“{dir}”（{u}）都要写到 {dir}/index.html", u = unit.source.path.display()))
                    .hint(text!("rename the bulletin file or the unit folder", "给通报文件或单位文件夹改个名")),
            );
        }
        if b.slug
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '#' | '?' | '%' | '"' | '<' | '>'))
        {
            diags.push(
                Diagnostic::warning(Code::DuplicateId, &b.source.path, text!("the file name `{s}` makes a web address with spaces or reserved characters", "文件名“{s}”含空格或保留字符，生成的网址不规范", s = &b.slug))
                    .hint(text!("name bulletin files with letters, digits and `-`, e.g. `2025-work-conference.md`", "通报文件名只用字母、数字和 `-`，如 `2025-work-conference.md`")),
            );
        }
    }
}

/// No file published as it is may take a page's place: a file of `static/` or
/// `content/` (published or held back) or a theme's static file at the output path of a
/// generated page is an error naming both sources, at the file. Returns the output
/// paths in question, which must not be written: a page already there may be a hard
/// link to the previous output's file.
pub(crate) fn page_collisions(
    site: &Site,
    pages: &[(String, crate::render::Page)],
    files: &[crate::load::boundary::StaticFile],
    diags: &mut Diagnostics,
) -> HashSet<String> {
    case_collisions(site, pages, files, diags);
    let mut found = HashSet::new();
    let held = site.held.iter().map(|rel| {
        let out = rel.to_string_lossy().replace('\\', "/");
        (out, std::path::Path::new("content").join(rel))
    });
    let candidates: HashMap<String, std::path::PathBuf> = files
        .iter()
        .map(|f| (f.out.clone(), f.source(&site.config.theme)))
        .chain(held)
        .filter(|(out, _)| out.ends_with(".html"))
        .collect();
    if candidates.is_empty() {
        return found;
    }
    for (path, page) in pages {
        if let Some(source) = candidates.get(path) {
            let made_from = crate::render::page_source(site, *page, "404.html");
            diags.push(
                Diagnostic::error(
                    Code::OutputCollision,
                    source,
                    text!(
                        "`{s}` would replace the page `{path}` generated from `{m}`",
                        "“{s}”会替换由“{m}”生成的页面“{path}”",
                        s = source.display(),
                        m = made_from.display()
                    ),
                )
                .hint(text!(
                    "remove or rename the file: bulletin writes this page itself",
                    "删除这个文件或改名：这个页面由 bulletin 生成"
                )),
            );
            found.insert(path.clone());
        }
    }
    found
}

/// Two output paths that differ only in case (`2025-Report/` and `2025-report/`, a
/// `static/Index.html` beside the generated `index.html`) are one file on a Windows or
/// macOS server, where the web team often copies the output: a warning naming both
/// sources, at the later one (a Linux server keeps both, so it is not an error).
fn case_collisions(
    site: &Site,
    pages: &[(String, crate::render::Page)],
    files: &[crate::load::boundary::StaticFile],
    diags: &mut Diagnostics,
) {
    // Output paths first (pages, then static files); where one came from is worked out
    // only for a collision: 110,000 source paths made to be dropped were most of this.
    let outs: Vec<&str> = pages
        .iter()
        .map(|(out, _)| out.as_str())
        .chain(files.iter().map(|f| f.out.as_str()))
        .collect();
    let source = |i: usize| match pages.get(i) {
        Some((_, page)) => crate::render::page_source(site, *page, "404.html"),
        None => files[i - pages.len()].source(&site.config.theme),
    };
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(outs.len());
    for (i, out) in outs.iter().enumerate() {
        let key = out.to_lowercase();
        match seen.get(&key) {
            Some(&j) if outs[j] != *out => {
                let (source, first_source) = (source(i), source(j));
                diags.push(
                    Diagnostic::warning(
                        Code::OutputCollision,
                        &source,
                        text!(
                            "`{out}` (from `{s}`) and `{o}` (from `{f}`) differ only in case: on a Windows or macOS server they are one file, and one replaces the other",
                            "“{out}”（来自“{s}”）和“{o}”（来自“{f}”）只有大小写不同：在 Windows 或 macOS 服务器上是同一个文件，一个会覆盖另一个",
                            s = source.display(),
                            o = outs[j],
                            f = first_source.display()
                        ),
                    )
                    .hint(text!(
                        "rename one of them; web addresses are best in lower case",
                        "给其中一个改名；网址最好全用小写"
                    )),
                );
            }
            Some(_) => {}
            None => {
                seen.insert(key, i);
            }
        }
    }
}

/// `base_url` becomes every page's canonical link: an `http(s)` address only, by the
/// link policy.
fn base_url(site: &Site, diags: &mut Diagnostics) {
    let url = &site.config.base_url;
    let fine = crate::links::classify(url) == crate::links::Dest::External
        && ["http://", "https://"].iter().any(|p| {
            url.get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        });
    if fine {
        return;
    }
    let mut d = Diagnostic::error(
        Code::UnsafeLink,
        "site.yaml",
        text!(
            "`base_url: {u}` is not an http(s) address",
            "`base_url: {u}` 不是 http(s) 网址",
            u = url.escape_debug()
        ),
    )
    .expected(text!(
        "the column's address, e.g. `https://www.example.gov.cn/tjgb/`",
        "栏目的网址，如 `https://www.example.gov.cn/tjgb/`"
    ))
    .hint(text!(
        "every page's canonical link is made from it",
        "每个页面的规范链接都由它生成"
    ));
    if let Some(position) = site.config.file.locate(&[Seg::Key("base_url")]) {
        d = d.at(position);
    }
    diags.push(d);
}

/// The footer fields a Chinese government website must show (GB/T 37668, 政府网站发展指引).
fn footer(site: &Site, diags: &mut Diagnostics) {
    let f = &site.config.footer;
    for (value, key, name) in [
        (&f.sponsor, "sponsor", "主办单位"),
        (&f.site_code, "site_code", "网站标识码"),
        (&f.icp, "icp", "ICP备案号"),
        (&f.police, "police", "公安机关备案号"),
    ] {
        if value.trim().is_empty() {
            diags.push(
                Diagnostic::warning(
                    Code::SiteConfig,
                    "site.yaml",
                    text!("the footer has no {name}", "页脚缺少{name}"),
                )
                .expected(text!(
                    "`footer: {{ {key}: … }}` in site.yaml",
                    "在 site.yaml 中写 `footer: {{ {key}: … }}`"
                ))
                .hint(text!(
                    "government websites must show it; ask the web team for the value",
                    "政府网站必须显示这一项，请向网站管理部门索取"
                )),
            );
        }
    }
}

/// The 政府网站 page metadata (`render::meta`) a site gives must be of the form the
/// platforms read: the 网站标识码 (SiteIDCode, `footer.site_code`) is ten digits (a
/// government portal: its region code and a number) or `bm` and eight digits (a
/// department's site); `meta.site_domain` is a host name, without scheme or path.
fn page_meta(site: &Site, diags: &mut Diagnostics) {
    let code = site.config.footer.site_code.trim();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let code_fine = code.is_empty()
        || digits(code, 10)
        || code
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case("bm") && digits(&code[2..], 8));
    if !code_fine {
        push_at(
            site,
            &[Seg::Key("footer"), Seg::Key("site_code")],
            Diagnostic::error(
                Code::SiteConfig,
                "site.yaml",
                text!(
                    "`{c}` is not a 网站标识码 (SiteIDCode)",
                    "“{c}”不是网站标识码（SiteIDCode）",
                    c = code.escape_debug()
                ),
            )
            .expected(text!(
                "ten digits (`3415000001`), or `bm` and eight digits (`bm29000002`)",
                "10位数字（如 `3415000001`），或 `bm` 加8位数字（如 `bm29000002`）"
            ))
            .hint(text!(
                "every page's SiteIDCode meta is printed from it: copy the code the web team was given",
                "每个页面的 SiteIDCode 元数据都由它生成：请照抄网站管理部门给出的标识码"
            )),
            diags,
        );
    }
    let domain = &site.config.meta.site_domain;
    // Empty only when `base_url` has no host, which its own check reports.
    let domain_fine = domain.is_empty()
        || domain.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c == '-' || c.is_alphanumeric())
        });
    if !domain_fine {
        push_at(
            site,
            &[Seg::Key("meta"), Seg::Key("site_domain")],
            Diagnostic::error(
                Code::SiteConfig,
                "site.yaml",
                text!(
                    "`{d}` is not a host name (SiteDomain)",
                    "“{d}”不是域名（SiteDomain）",
                    d = domain.escape_debug()
                ),
            )
            .expected(text!(
                "the website's domain alone, e.g. `www.example.gov.cn`",
                "只写网站域名，如 `www.example.gov.cn`"
            ))
            .hint(text!(
                "leave `meta: {{ site_domain }}` out to use the host of `base_url`",
                "不写 `meta: {{ site_domain }}` 时取 `base_url` 的域名"
            )),
            diags,
        );
    }
}

/// `d`, at the value of `path` in site.yaml when it is there.
fn push_at(site: &Site, path: &[Seg<'_>], mut d: Diagnostic, diags: &mut Diagnostics) {
    if let Some(position) = site.config.file.locate(path) {
        d = d.at(position);
    }
    diags.push(d);
}

/// A count (家, 个, 项, 人…) is a whole number: a fractional value or level target of a
/// `kind: count` indicator is an error at the figure (issue 13, point 2). A count in a
/// unit of ten thousands or more (2.6万户, 1.2亿人次) is a rounded figure and may have
/// decimals.
fn whole_counts(at: &Located<'_>, diags: &mut Diagnostics) {
    let ind = at.ind;
    if ind.kind != Kind::Count || ind.unit.starts_with(['十', '百', '千', '万', '亿']) {
        return;
    }
    let fractional = |v: &Decimal| !v.fract().is_zero();
    let mut report = |section: &'static str, key: String, field: &'static str, v: Decimal| {
        diags.push(
            at.error(
                Code::ImpossibleValue,
                &[Seg::Key(section), Seg::Key(&key), Seg::Key(field)],
                text!(
                    "{l}: a count of {v}{u} is not a whole number",
                    "{z}：计数指标的数值{v}{u}不是整数",
                    l = at.label(),
                    z = at.zh(),
                    u = &ind.unit
                ),
            )
            .expected(text!("a whole number of {u}", "以{u}计的整数", u = &ind.unit))
            .hint(text!(
                "a count (`kind: count`) counts things; for an amount or an average use `kind: amount`",
                "计数指标（`kind: count`）只数个数；总量或平均数请用 `kind: amount`"
            )),
        );
    };
    for (period, value) in &ind.values {
        if let Some(v) = value.value.filter(fractional) {
            report("values", period.to_string(), "value", v);
        }
    }
    for (period, target) in &ind.targets {
        match *target {
            Target::Level { value, .. } if fractional(&value) => {
                report("targets", period.to_string(), "value", value);
            }
            Target::Range { low, high } => {
                for v in [low, high].into_iter().filter(fractional) {
                    report("targets", period.to_string(), "range", v);
                }
            }
            _ => {}
        }
    }
}

/// A total with `parts:` must be the sum of those 其中 items — its values and its level
/// targets — for every period all of them have, within the rounding of the figures as written (half a unit of the last digit
/// per figure, as for `sum_of_children`); the error names every figure. A 其中 list
/// without `parts:` is never summed: most 其中 items are a selection, not a partition.
fn partition(unit: &Unit, at: &Located<'_>, diags: &mut Diagnostics) {
    let ind = at.ind;
    if ind.parts.is_empty() {
        return;
    }
    let parts: Vec<&Indicator> = ind.parts.iter().map(|&p| &unit.indicators[p]).collect();
    if let Some(odd) = parts
        .iter()
        .find(|p| p.unit != ind.unit || p.kind != ind.kind)
    {
        diags.push(at.error(
            Code::UnitMismatch,
            &[Seg::Key("parts")],
            text!(
                "{l} is a {k} in {u}, its part `{o}` a {ok} in {ou}: parts of a total share its kind and unit",
                "{z}是以{u}计的{kz}，其中项 `{o}` 是以{ou}计的{okz}：总量和其中项的类型、单位必须相同",
                l = at.label(),
                z = at.zh(),
                k = kind_name(ind.kind),
                kz = kind_zh(ind.kind),
                u = &ind.unit,
                o = &odd.id,
                ok = kind_name(odd.kind),
                okz = kind_zh(odd.kind),
                ou = &odd.unit
            ),
        ));
        return;
    }
    // a value, or a level target
    let shown = |i: &Indicator, p: &Period, target: bool| {
        if target {
            match i.targets.get(p)? {
                Target::Level { value, .. } => Some(*value),
                _ => None,
            }
        } else {
            i.value(*p)
                .filter(|v| !v.confidential)
                .and_then(|v| v.value)
        }
    };
    let periods = ind
        .values
        .keys()
        .map(|p| (p, false))
        .chain(ind.targets.keys().map(|p| (p, true)));
    for (period, target) in periods {
        let Some(total) = shown(ind, period, target) else {
            continue;
        };
        let Some(figures) = parts
            .iter()
            .map(|p| shown(p, period, target))
            .collect::<Option<Vec<Decimal>>>()
        else {
            continue;
        };
        let sum: Decimal = figures.iter().sum();
        let half = Decimal::new(5, ind.decimals + 1);
        let tolerance = half * Decimal::from(parts.len() + 1);
        if (sum - total).abs() > tolerance {
            let named: Vec<String> = parts
                .iter()
                .zip(&figures)
                .map(|(p, v)| format!("`{}` ({}) {v}", p.id, p.name))
                .collect();
            let key = period.to_string();
            let what = if target {
                format!("the {} target", period.label())
            } else {
                period.label()
            };
            diags.push(
                at.error(
                    Code::SumMismatch,
                    &[
                        Seg::Key(if target { "targets" } else { "values" }),
                        Seg::Key(&key),
                    ],
                    text!(
                        "{l}: {what} is {total}{u}, but its parts add up to {sum}{u}: {n}",
                        "{z}：{what_zh}为{total}{u}，但各其中项合计为{sum}{u}：{n}",
                        l = at.label(),
                        z = at.zh(),
                        u = &ind.unit,
                        n = named.join(" + "),
                        what_zh = if target { format!("{}目标", period.label()) } else { period.label() }
                    ),
                )
                .expected(text!("{sum} (rounding allows ±{t})", "{sum}（允许舍入误差±{t}）", t = tolerance.normalize()))
                .hint(text!(
                    "correct the total or a part; remove `parts:` if the 其中 items are a selection, not a partition",
                    "改正总量或某个其中项；如果各其中项只是列举、不是完整划分，删去 `parts:`"
                )),
            );
        }
    }
}

/// Typing slips a proof-reader would query (warnings): a rate or share typed as a
/// fraction (0.714 where the series is 71.4), a level more than ten times its prior
/// period's or its parent unit's (a 万元 figure typed into an 亿元 series).
fn plausibility(site: &Site, unit: &Unit, at: &Located<'_>, diags: &mut Diagnostics) {
    let ind = at.ind;
    // a value typed in another unit is already an error (`unit-mismatch`)
    let own_unit = |v: &crate::model::Value| v.unit.is_empty() || v.unit == ind.unit;
    let shown = |p: &Period| ind.value(*p).filter(|v| own_unit(v)).and_then(|v| v.value);
    let warn = |diags: &mut Diagnostics, period: &Period, message: Text, hint: Text| {
        let key = period.to_string();
        diags.push(
            at.warning(
                Code::ImpossibleValue,
                &[Seg::Key("values"), Seg::Key(&key)],
                message,
            )
            .hint(hint),
        );
    };
    let percent = matches!(ind.kind, Kind::Rate | Kind::Share) && ind.unit == "%";
    let levels = matches!(ind.kind, Kind::Amount | Kind::Index | Kind::Count);
    for (period, value) in &ind.values {
        let Some(v) = value.value.filter(|v| !v.is_zero() && own_unit(value)) else {
            continue;
        };
        if percent && v.abs() < Decimal::ONE {
            // the nearest other figure of the series that is a percentage
            let other = ind
                .values
                .iter()
                .filter(|(p, _)| *p != period)
                .filter_map(|(p, o)| o.value.map(|o| (p, o)))
                .filter(|(_, o)| o.abs() >= Decimal::from(5))
                .min_by_key(|(p, _)| (p.month_span().0 - period.month_span().0).abs());
            if let Some((p, o)) = other {
                let ratio = v * Decimal::ONE_HUNDRED / o;
                if ratio >= Decimal::new(5, 1) && ratio <= Decimal::TWO {
                    warn(
                        diags,
                        period,
                        text!(
                            "{l}: {pl} is {v}%, {ol} is {o}%: a share typed as a fraction?",
                            "{z}：{pl}为{v}%，{ol}为{o}%：是不是把百分数写成了小数？",
                            l = at.label(),
                            z = at.zh(),
                            pl = period.label(),
                            ol = p.label()
                        ),
                        text!(
                            "write the percentage: {w}",
                            "请写百分数：{w}",
                            w = (v * Decimal::ONE_HUNDRED).normalize()
                        ),
                    );
                }
            }
        }
        if !levels {
            continue;
        }
        let jump = |other: Decimal| -> Option<Decimal> {
            if other <= Decimal::ZERO || v <= Decimal::ZERO {
                return None;
            }
            if ind.kind == Kind::Count && (v < Decimal::TEN || other < Decimal::TEN) {
                return None;
            }
            let ratio = if v > other { v / other } else { other / v };
            (ratio > Decimal::TEN).then_some(ratio)
        };
        if let Some(prior) = period.prior()
            && let Some(u) = shown(&prior)
            && let Some(ratio) = jump(u)
        {
            warn(
                diags,
                period,
                text!(
                    "{l}: {pl} is {v}{unit}, {ql} was {u}{unit} ({r}×): a slip in typing?",
                    "{z}：{pl}为{v}{unit}，{ql}为{u}{unit}（相差{r}倍）：是否录入有误？",
                    l = at.label(),
                    z = at.zh(),
                    pl = period.label(),
                    ql = prior.label(),
                    r = ratio.round_dp(0),
                    unit = &ind.unit
                ),
                likely_cause(ratio, v > u, &ind.unit),
            );
        }
        if let Some(parent) = unit.parent.map(|p| &site.units[p])
            && let Some(total) = parent
                .indicator(&ind.id)
                .and_then(|i| parent.indicators[i].value(*period))
                .and_then(|t| t.value)
            && v > total
            && let Some(ratio) = jump(total)
        {
            warn(
                diags,
                period,
                text!(
                    "{l}: {pl} is {v}{unit} in {n}, {r}× the {total}{unit} of {pn} it belongs to: a slip in typing?",
                    "{z}：{n}{pl}为{v}{unit}，是所属{pn}（{total}{unit}）的{r}倍：是否录入有误？",
                    l = at.label(),
                    z = at.zh(),
                    pl = period.label(),
                    n = unit.display_name(),
                    r = ratio.round_dp(0),
                    pn = parent.display_name(),
                    unit = &ind.unit
                ),
                likely_cause(ratio, true, &ind.unit),
            );
        }
    }
}

/// The likely cause of a level `ratio` times its neighbour: 万 for 亿 near 10,000, a
/// decimal point near a power of ten, or a digit.
fn likely_cause(ratio: Decimal, larger: bool, unit: &str) -> Text {
    let near = |power: i64| {
        let p = Decimal::from(power);
        ratio >= p * Decimal::new(7, 1) && ratio <= p * Decimal::new(13, 1)
    };
    if near(10_000) && unit.starts_with('亿') {
        let base = &unit['亿'.len_utf8()..];
        if larger {
            text!(
                "likely a figure in 万{base} typed into a series in 亿{base}: divide it by 10,000",
                "可能把以万{base}计的数填进了以亿{base}计的序列：请除以10000"
            )
        } else {
            text!(
                "likely a figure in 亿{base} typed where the series is in 万{base}, or a lost digit",
                "可能把以亿{base}计的数填进了以万{base}计的序列，或漏了一位数"
            )
        }
    } else if near(10) || near(100) || near(1_000) || near(10_000) {
        text!(
            "likely a misplaced decimal point or a figure in another unit",
            "可能小数点位置错了，或用了别的计量单位"
        )
    } else {
        text!("check the figure against its source", "请与原始资料核对")
    }
}

/// A report dated before its period ends cannot hold that period's results: a typo in
/// `date:` or `period:` (plans, documents and their interpretations are written before
/// their period, and are not asked).
fn dates(site: &Site, diags: &mut Diagnostics) {
    for b in &site.bulletins {
        if b.layout != crate::model::Layout::News || b.interprets.is_some() {
            continue;
        }
        let dated = i64::from(b.date.year) * 12 + i64::from(b.date.month);
        let ends = b.period.month_span().1;
        if dated > ends {
            continue;
        }
        let (year, month) = ((ends - 1).div_euclid(12), (ends - 1).rem_euclid(12) + 1);
        let at = b.front_positions.locate(&[Seg::KeyNamed("date")]);
        let d = Diagnostic::warning(
            Code::BadPeriod,
            &b.source.path,
            text!(
                "this report is dated {y}-{m:02}-{d:02}, before its period {p} ends ({year}-{month:02})",
                "这篇通报的日期是{y}-{m:02}-{d:02}，早于所报告的{p}结束（{year}-{month:02}）",
                y = b.date.year,
                m = b.date.month,
                d = b.date.day,
                p = b.period.label()
            ),
        )
        .hint(text!(
            "a typo in `date:` or `period:`? a report of results is dated after its period",
            "`date:` 或 `period:` 是否写错？报告结果的通报应在所报告期间结束之后发布"
        ));
        diags.push(match at {
            Some(p) => d.at(p),
            None => d,
        });
    }
}
