//! Substring finders built once. `memchr::memmem::find` builds a finder on every call,
//! which costs more than the search itself on the short texts components and sentences
//! are (ARCHITECTURE.md, "Performance").

use std::sync::LazyLock;

use memchr::memmem::Finder;

/// `{{`, the start of a component.
pub static OPEN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("{{"));
/// `}}`, the end of a component.
pub static CLOSE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("}}"));
/// ` id="`, an element id in rendered HTML.
pub static ID_ATTR: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" id=\""));
