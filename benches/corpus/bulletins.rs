//! One bulletin, written for both sites at once: front matter (title, kicker, date,
//! byline, key figures) and commentary (openings, six themed sections of figure sentences
//! with bold lead-ins, a ```yoy and a ```targets table, closings).

use std::fmt::Write as _;

use crate::CUR;
use crate::doc::{Doc, quoted, yaml};
use crate::indicators::{DEFS, Kind, Series, Target, def_index};
use crate::phrasing::{Part, key_figure_yaml, rank_text};
use crate::pools::{
    CLOSINGS, GIVEN, HEADINGS, HEADLINES, NUMERALS, OPENINGS, SUMMARIES, SURNAMES, Topic,
    theme_text,
};
use crate::rng::Lcg;
use crate::tables::{md_targets, md_yoy};
use crate::tree::Unit;

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
    pub(crate) fn figures(self) -> usize {
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

pub(crate) fn bulletin(unit: &Unit, topic: &Topic, rng: &mut Lcg) -> (String, String) {
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
