//! What a page (or any other artifact) can read of the site, named so that a later run
//! can tell whether it changed: rendering records the inputs it reads, the engine keeps
//! each artifact's inputs with their fingerprints, and an artifact is made again only
//! when one of them changed (see `ARCHITECTURE.md`, "Recorded inputs").
//!
//! Names are stable across runs and edits (unit ids and `unit/slug` keys, not indexes),
//! so a record made by one build is read by the next, and serve's records stay true when
//! a bulletin comes or goes.

use serde::{Deserialize, Serialize};

/// One input of an artifact.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Input {
    /// What every page shows: `site.yaml`, the tree of units and their names, the
    /// navigation, the theme (templates, strings, static files) and the build's options.
    Site,
    /// `content/_index.md`.
    Home,
    /// A unit's `_index.md`, by unit id.
    Unit(String),
    /// A unit's `data.yaml` and its spreadsheet (`data.csv`, `data.xlsx`…), by unit id.
    Data(String),
    /// A unit's `tasks.yaml`, by unit id.
    Tasks(String),
    /// A bulletin's whole file, by `unit/slug`.
    Bulletin(String),
    /// A bulletin's front matter alone (what lists and links show of it), by `unit/slug`.
    Front(String),
    /// The bulletins of a unit (by id) in order; of the whole site for `None`.
    List(Option<String>),
    /// Every bulletin's dates (`date` and `published`): what the sitemap's `lastmod`
    /// shows, so that a title edited does not make a 10,000-address sitemap again.
    Dates,
    /// Which bulletin of a unit interprets which (原文 and 政策解读 links), by unit id.
    Relations(String),
    /// What the search index's shards (`search/s/`) are made of: for every bulletin, in
    /// order, its place, its whole file, its unit's name and indicator names and its key
    /// figures' names (`engine::search::doc_id`; one input, not one per bulletin, for the
    /// records' size).
    Search,
}
