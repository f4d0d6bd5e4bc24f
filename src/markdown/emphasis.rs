//! Chinese bold lead-ins. `**（一）总体运行稳中有进。**全年……` is how the seeds write a
//! lead-in, but CommonMark's flanking rules leave it as literal asterisks: a closing `**`
//! after `。` and before a CJK letter is not right-flanking (commonmark-spec#650).
//! pulldown-cmark has merged `ENABLE_CJK_FRIENDLY_EMPHASIS` (#1059) but 0.13.6 does not
//! ship it; until a release does, this pass pairs the `**` that the parser left as text
//! within one run of inline content, as the markdown-cjk-friendly amendment would.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Spanned;

/// Replaces pairs of leftover `**` inside one inline run with `<strong>`.
pub fn pair_leftover_strong(events: Vec<Spanned<'_>>) -> Vec<Spanned<'_>> {
    // Find the markers: (event index, byte offset in its text). A run ends at any tag
    // boundary, so a pair never straddles a link, a cell or a paragraph.
    let mut pairs: Vec<((usize, usize), (usize, usize))> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut in_code = false;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(_) | Event::End(_) => open = None,
            Event::Text(text) if !in_code => {
                let mut from = 0;
                while let Some(at) = find_pair(&text.as_bytes()[from..]) {
                    let at = from + at;
                    match open.take() {
                        Some(o) => pairs.push((o, (i, at))),
                        None => open = Some((i, at)),
                    }
                    from = at + 2;
                }
            }
            _ => {}
        }
    }
    if pairs.is_empty() {
        return events;
    }
    // Cut points per event: (offset, is_open).
    let mut cuts: Vec<Vec<(usize, bool)>> = vec![Vec::new(); events.len()];
    for ((oi, oa), (ci, ca)) in pairs {
        cuts[oi].push((oa, true));
        cuts[ci].push((ca, false));
    }
    let mut out = Vec::with_capacity(events.len() + 4);
    for (i, (event, range)) in events.into_iter().enumerate() {
        if cuts[i].is_empty() {
            out.push((event, range));
            continue;
        }
        let Event::Text(text) = event else {
            unreachable!("cuts are only made in text")
        };
        cuts[i].sort_unstable();
        let mut from = 0;
        for &(at, is_open) in &cuts[i] {
            if at > from {
                out.push((
                    Event::Text(CowStr::from(text[from..at].to_string())),
                    range.clone(),
                ));
            }
            let marker = if is_open {
                Event::Start(Tag::Strong)
            } else {
                Event::End(TagEnd::Strong)
            };
            out.push((marker, range.clone()));
            from = at + 2;
        }
        if from < text.len() {
            out.push((
                Event::Text(CowStr::from(text[from..].to_string())),
                range.clone(),
            ));
        }
    }
    out
}

/// Where the first `**` of `text` starts: at a `*` followed by another (memchr, no
/// finder to build for each text).
fn find_pair(text: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'*', text).find(|&i| text.get(i + 1) == Some(&b'*'))
}
