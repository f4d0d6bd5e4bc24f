//! The theme: Tera templates parsed once, static files, and the theme's strings.
//! Built-in themes are compiled into the binary (`themes/` of this repository); a site's
//! own `themes/<name>/` overrides them file by file. Template errors become diagnostics
//! naming the template file, line and column (and the page, for render errors); an
//! include cycle, a component calling itself without end and a render past
//! [`RENDER_BUDGET`] are errors too, not a hang ([`watchdog`] ends a render that runs on
//! without writing). A link in a site's theme folder is read through inside the site
//! and an error outside it.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Position};
use crate::lang::Text;
use crate::model::theme::ThemeSources;

/// Template names every theme must provide.
pub const REQUIRED: [&str; 4] = ["index.html", "unit.html", "bulletin.html", "404.html"];

/// The template a site may add to set tables its own way; without it, tables are written
/// by [`write_table`](super::table_html::write_table), the one built-in table writer.
pub const TABLE_TEMPLATE: &str = "components/table.html";

pub struct Theme {
    pub tera: tera::Tera,
    /// Output path (relative) → bytes of the theme's static files.
    pub statics: Vec<(PathBuf, Vec<u8>)>,
    /// The strings a table prints, for [`write_table`](super::table_html::write_table).
    pub table_strings: super::table_html::TableStrings,
    /// The site has no [`TABLE_TEMPLATE`] of its own, so tables are written by
    /// [`write_table`](super::table_html::write_table); with one, through Tera.
    pub built_in_table: bool,
    /// Every template is the built-in one: their links are all made from unit and
    /// bulletin paths (whose names the loader keeps to plain characters) and `base_url`
    /// (checked where it is written), so the rendered page needs no scan for script
    /// links; a site's own template does (issue 12).
    pub all_built_in: bool,
    /// Of every file of the theme and the language: a page's `Site` input includes it.
    pub fingerprint: u128,
    /// Template name → file shown in diagnostics.
    origins: BTreeMap<String, PathBuf>,
    /// Components that call themselves (file, position, name): where a "recursion
    /// depth exceeded" from Tera, which names none, is reported.
    self_calls: Vec<(PathBuf, Position, String)>,
    /// The header and footer are the built-in ones, so [`chrome`](Self::chrome) keeps
    /// them.
    chrome_once: bool,
    /// `root` → the navigation, header and footer of pages at that folder depth, other
    /// pages first, then the home page.
    chrome: RwLock<HashMap<String, [Option<Arc<Chrome>>; 2]>>,
}

/// The site's header and footer templates, around every page.
const CHROME: [&str; 2] = ["partials/site_header.html", "partials/site_footer.html"];

/// What pages at one folder depth share: `nav`, `site_header_html`, `site_footer_html`.
struct Chrome {
    nav: tera::Value,
    header: tera::Value,
    footer: tera::Value,
}

impl Theme {
    /// The theme made of `sources` (read by `load::theme`): templates parsed and checked,
    /// strings set, static files kept.
    pub fn build(sources: ThemeSources, diags: &mut Diagnostics) -> Option<Theme> {
        let ThemeSources {
            name,
            language,
            files,
            strings,
            default_strings,
        } = sources;
        let errors_before = diags.error_count();
        let mut hash = xxhash_rust::xxh3::Xxh3::new();
        hash.update(language.as_bytes());
        for f in &files {
            hash.update(f.rel.to_string_lossy().as_bytes());
            hash.update(&(f.bytes.len() as u64).to_le_bytes());
            hash.update(&f.bytes);
        }
        let mut templates = Vec::new();
        let mut statics = Vec::new();
        let mut origins = BTreeMap::new();
        // Templates byte for byte the built-in theme's.
        let mut unchanged = std::collections::HashSet::new();
        for f in files {
            let rel = f.rel.to_string_lossy().replace('\\', "/");
            if let Some(t) = rel.strip_prefix("templates/") {
                match String::from_utf8(f.bytes) {
                    Ok(text) => {
                        if f.built_in {
                            unchanged.insert(t.to_string());
                        }
                        origins.insert(t.to_string(), f.origin);
                        templates.push((t.to_string(), text));
                    }
                    Err(_) => diags.push(Diagnostic::error(
                        Code::Template,
                        f.origin,
                        text!(
                            "the template is not UTF-8 text",
                            "模板不是 UTF-8 编码的文本"
                        ),
                    )),
                }
            } else if let Some(s) = rel.strip_prefix("static/") {
                statics.push((PathBuf::from(s), f.bytes));
            }
        }
        // The line breaker's dictionary loads (about 0.1 s) while the templates are parsed
        // and the pages planned, not on the first page's thread.
        std::thread::spawn(super::linebreak::warm);
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        // The theme's strings are the same on every page: converted once, not per render.
        tera.global_context().insert("t", &strings);
        // The theme's stylesheets as text, for a page that cannot link them (404.html,
        // served at any address); `</` is written `<\/` (the same in CSS), so nothing in
        // them can close the `<style>` element.
        let css: BTreeMap<String, String> = statics
            .iter()
            .filter(|(path, _)| path.extension().is_some_and(|e| e == "css"))
            .map(|(path, bytes)| {
                let path = path.to_string_lossy().replace('\\', "/");
                (path, String::from_utf8_lossy(bytes).replace("</", "<\\/"))
            })
            .collect();
        tera.global_context().insert("theme_css", &css);
        // Printed before `</body>`: empty, except for `serve`, which sets its live-reload
        // script (so `build` output never carries it).
        tera.global_context().insert("reload_script", "");
        // `{{ title | wbr }}`: the text escaped, with `<wbr>` between its words.
        tera.register_filter("wbr", |text: &str, _: tera::Kwargs, _: &tera::State| {
            tera::Value::safe_string(&super::linebreak::html(text))
        });
        if let Err(e) =
            tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            let d = match e.kind() {
                tera::ErrorKind::CircularInclude { include_chain, .. } => {
                    circular_include(include_chain, &templates, &origins)
                }
                _ => template_error(&e, &origins),
            };
            diags.push(d);
            return None;
        }
        // A site that copied the theme (this repository's own example does) but left a
        // template as it is keeps its fast path.
        let built_in = |template: &str| unchanged.contains(template);
        let self_calls = templates
            .iter()
            .flat_map(|(n, t)| {
                let file = origins.get(n).cloned().unwrap_or_else(|| PathBuf::from(n));
                self_calling_components(t)
                    .into_iter()
                    .map(move |(p, c)| (file.clone(), p, c))
            })
            .collect();
        let theme = Theme {
            self_calls,
            table_strings: super::table_html::TableStrings::from_strings(
                &strings,
                &default_strings,
            ),
            built_in_table: !templates.iter().any(|(n, _)| n == TABLE_TEMPLATE),
            chrome_once: CHROME.iter().all(|t| built_in(t)),
            all_built_in: templates.iter().all(|(n, _)| built_in(n)),
            chrome: RwLock::default(),
            tera,
            statics,
            fingerprint: hash.digest128(),
            origins,
        };
        for required in REQUIRED {
            if !theme.tera.contains_template(required) {
                diags.push(
                    Diagnostic::error(Code::MissingTemplate, format!("themes/{name}/templates/{required}"), text!("the theme `{name}` has no template `{required}`", "主题“{name}”缺少模板“{required}”"))
                        .expected(text!("a file themes/{name}/templates/{required}", "文件 themes/{name}/templates/{required}"))
                        .hint(text!("copy it from the built-in theme (see the built-in theme in the bulletin repository) and edit it", "从内置主题复制一份再修改（内置主题见 bulletin 代码库）")),
                );
            }
        }
        (diags.error_count() == errors_before).then_some(theme)
    }

    /// What is the same on every page of `site` (`lang`, `site`, `favicon`), given to the
    /// templates once rather than converted for each page.
    pub fn set_site(&mut self, site: &crate::model::Site) {
        let c = &site.config;
        let favicon = self.favicon(&site.root);
        let search = c.search && self.has_template("search.html");
        // whether the page links an icon depends on the file being there
        self.fingerprint ^= u128::from(!favicon.is_empty());
        let globals = self.tera.global_context();
        globals.insert("favicon", favicon);
        globals.insert("lang", &c.language);
        globals.insert(
            "site",
            &super::view::SiteView {
                title: &c.title,
                subtitle: &c.subtitle,
                organisation: &c.organisation,
                base_url: &c.base_url,
                footer: &c.footer,
                search,
            },
        );
    }

    /// The icon pages link, relative to the site root: `favicon.ico` when the site's
    /// `static/` or the theme has one (a plain file: a link in `static/` is for the
    /// output's copy to judge), else empty and no `<link rel="icon">`. The one look at
    /// the site folder outside `load`: whether a file is there, not what it holds.
    fn favicon(&self, root: &std::path::Path) -> &'static str {
        const ICON: &str = "favicon.ico";
        let in_theme = self
            .statics
            .iter()
            .any(|(p, _)| p == std::path::Path::new(ICON));
        let in_site = std::fs::symlink_metadata(root.join("static").join(ICON))
            .is_ok_and(|m| m.is_file() && m.len() > 0);
        if in_theme || in_site { ICON } else { "" }
    }

    /// `serve`'s live-reload script, printed before `</body>` of every page.
    pub fn set_reload_script(&mut self, script: &str) {
        self.tera.global_context().insert("reload_script", script);
    }

    /// Puts `nav`, `site_header_html` and `site_footer_html` into a page's finished
    /// context. The built-in header and footer depend only on the folder depth (`root`),
    /// on whether the page is the home page, and on what every page shares, so they are
    /// rendered once for each pair (with the navigation, they were a twentieth of the
    /// time of a build; ARCHITECTURE.md, "Performance"); a site's own are rendered for every page, seeing all of
    /// its context. `nav` is called only when the navigation is not kept yet.
    pub fn chrome(
        &self,
        ctx: &mut tera::Context,
        root: &str,
        home: bool,
        nav: impl FnOnce() -> Vec<super::view::Link>,
    ) -> Result<(), Box<Diagnostic>> {
        let kept = self.chrome_once.then(|| {
            let chrome = self.chrome.read().unwrap_or_else(PoisonError::into_inner);
            chrome.get(root).and_then(|c| c[usize::from(home)].clone())
        });
        if let Some(c) = kept.flatten() {
            ctx.insert_value("nav", c.nav.clone());
            ctx.insert_value("site_header_html", c.header.clone());
            ctx.insert_value("site_footer_html", c.footer.clone());
            return Ok(());
        }
        ctx.insert("nav", &nav());
        // A theme of the site's own may have neither (its base template then has its own).
        let part = |name: &str| -> Result<tera::Value, Box<Diagnostic>> {
            let html = if self.has_template(name) {
                self.render(name, ctx)?
            } else {
                String::new()
            };
            Ok(tera::Value::safe_string(&html))
        };
        let header = part(CHROME[0])?;
        let footer = part(CHROME[1])?;
        if let (true, Some(nav)) = (self.chrome_once, ctx.get("nav").cloned()) {
            let chrome = Chrome {
                nav,
                header: header.clone(),
                footer: footer.clone(),
            };
            let mut kept = self.chrome.write().unwrap_or_else(PoisonError::into_inner);
            kept.entry(root.to_string()).or_default()[usize::from(home)] = Some(Arc::new(chrome));
        }
        ctx.insert_value("site_header_html", header);
        ctx.insert_value("site_footer_html", footer);
        Ok(())
    }

    /// Renders `name`, or a located diagnostic.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Box<Diagnostic>> {
        let mut out = Vec::new();
        self.render_to(name, context, &mut out)?;
        String::from_utf8(out).map_err(|_| {
            Box::new(Diagnostic::error(
                Code::Template,
                self.origin(name),
                text!(
                    "template `{name}` wrote text that is not UTF-8",
                    "模板“{name}”输出了非 UTF-8 的文本"
                ),
            ))
        })
    }

    /// Where diagnostics say template `name` comes from.
    fn origin(&self, name: &str) -> PathBuf {
        self.origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name))
    }

    /// Renders `name` onto the end of `out`. Tera writes UTF-8; handing the bytes on
    /// unchanged spares re-validating every page as a `String` (ARCHITECTURE.md, "Performance").
    pub fn render_to(
        &self,
        name: &str,
        context: &tera::Context,
        out: &mut Vec<u8>,
    ) -> Result<(), Box<Diagnostic>> {
        let deadline = Instant::now() + RENDER_BUDGET;
        let budget = Budget {
            out,
            deadline,
            writes: 0,
        };
        let _watched = watchdog::Watched::new(deadline, name, self.origin(name));
        self.tera.render_to(name, context, budget).map_err(|e| {
            Box::new(match e.kind() {
                tera::ErrorKind::Io(std::io::ErrorKind::TimedOut) => Diagnostic::error(
                    Code::Template,
                    self.origin(name),
                    text!(
                        "template `{name}` ran past its time budget of {s} s",
                        "模板“{name}”运行超过了{s}秒的时限",
                        s = RENDER_BUDGET.as_secs()
                    ),
                )
                .hint(text!(
                    "a loop in the template (or a template it includes) runs too long",
                    "模板（或它包含的模板）中有循环运行太久"
                )),
                tera::ErrorKind::Msg(m) if m.contains("recursion depth") => {
                    let d = match self.self_calls.first() {
                        Some((file, at, component)) => Diagnostic::error(
                            Code::Template,
                            file,
                            text!(
                                "component `{component}` calls itself without end, in template `{name}`",
                                "模板“{name}”中的组件“{component}”无休止地调用自身"
                            ),
                        )
                        .at(*at),
                        None => Diagnostic::error(
                            Code::Template,
                            self.origin(name),
                            text!(
                                "template `{name}`: components call each other without end",
                                "模板“{name}”：组件之间无休止地相互调用"
                            ),
                        ),
                    };
                    d.hint(text!(
                        "a component may call itself only under a condition that stops it",
                        "组件只能在会终止的条件下调用自身"
                    ))
                }
                _ => template_error(&e, &self.origins),
            })
        })
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }
}

/// How long one template may take to render one page: a page takes milliseconds, so
/// this catches a runaway loop, not a large page (issue 12).
pub const RENDER_BUDGET: Duration = Duration::from_secs(1);

/// The net under [`Budget`], for a template that loops without writing
/// (`{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}`
/// ran for hours): Tera cannot be stopped from outside a render, so a thread watches the
/// renders in flight, and one past its deadline by [`watchdog::GRACE`] ends the run —
/// the error names the template and the page, the staging folder is removed and the
/// output is left as it was, exit 1. In `serve` this ends the preview, with the same
/// error: a preview that stops and says why beats one that hangs.
pub(crate) mod watchdog {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::sync::{Mutex, OnceLock, PoisonError};
    use std::thread::ThreadId;
    use std::time::{Duration, Instant};

    use crate::diagnostic::{Code, Diagnostic};

    /// How long past its budget a render may run before the run is ended.
    pub(crate) const GRACE: Duration = Duration::from_millis(250);

    /// The exit code of a run the watchdog ends: 1, a failed build; `check` says 2, its
    /// code for errors.
    static EXIT_CODE: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(1);

    pub(crate) fn exit_code(code: i32) {
        EXIT_CODE.store(code, std::sync::atomic::Ordering::Relaxed);
    }

    /// What to do before a run is ended (the engine removes the staging folder of the
    /// build in progress); set once.
    static BEFORE_EXIT: OnceLock<fn()> = OnceLock::new();

    pub(crate) fn before_exit(f: fn()) {
        let _ = BEFORE_EXIT.set(f);
    }

    struct Render {
        deadline: Instant,
        template: String,
        origin: PathBuf,
        page: String,
    }

    fn running() -> &'static Mutex<HashMap<ThreadId, Render>> {
        static RUNNING: OnceLock<Mutex<HashMap<ThreadId, Render>>> = OnceLock::new();
        RUNNING.get_or_init(|| {
            std::thread::Builder::new()
                .name("render-watchdog".into())
                .spawn(watch)
                .expect("start the render watchdog");
            Mutex::new(HashMap::new())
        })
    }

    thread_local! {
        static PAGE: RefCell<String> = const { RefCell::new(String::new()) };
    }

    /// Names the page this thread renders next, for the watchdog's error.
    pub(crate) fn page(path: &str) {
        PAGE.with(|p| path.clone_into(&mut p.borrow_mut()));
    }

    /// A render in flight, watched while this lives.
    pub(crate) struct Watched;

    impl Watched {
        pub(crate) fn new(deadline: Instant, template: &str, origin: PathBuf) -> Watched {
            let page = PAGE.with(|p| p.borrow().clone());
            let render = Render {
                deadline,
                template: template.to_string(),
                origin,
                page,
            };
            running()
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(std::thread::current().id(), render);
            Watched
        }
    }

    impl Drop for Watched {
        fn drop(&mut self) {
            running()
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&std::thread::current().id());
        }
    }

    #[expect(
        clippy::print_stderr,
        reason = "the run is ended from this thread: nothing else can report the error"
    )]
    fn watch() {
        loop {
            std::thread::sleep(Duration::from_millis(50));
            let now = Instant::now();
            let runaway = {
                let running = running().lock().unwrap_or_else(PoisonError::into_inner);
                running
                    .values()
                    .find(|r| now > r.deadline + GRACE)
                    .map(|r| (r.template.clone(), r.origin.clone(), r.page.clone()))
            };
            let Some((template, origin, page)) = runaway else {
                continue;
            };
            let (page, page_zh) = if page.is_empty() {
                (String::new(), String::new())
            } else {
                (
                    format!(" (rendering the page `{page}`)"),
                    format!("（生成页面“{page}”时）"),
                )
            };
            let d = Diagnostic::error(
                Code::Template,
                origin,
                text!(
                    "template `{template}` ran past its time budget of {s} s without writing anything{page}",
                    "模板“{template}”运行超过了{s}秒的时限，什么也没有输出{page_zh}",
                    s = super::RENDER_BUDGET.as_secs()
                ),
            )
            .hint(text!(
                "a loop in the template (or a template it includes) runs too long; nested loops over large ranges or lists multiply",
                "模板（或它包含的模板）中有循环运行太久；对大范围或长列表的嵌套循环耗时成倍增加"
            ));
            if let Some(f) = BEFORE_EXIT.get() {
                f();
            }
            eprintln!("{}", d.render(None, false));
            eprintln!("error: stopped; the previous output was left as it was");
            std::process::exit(EXIT_CODE.load(std::sync::atomic::Ordering::Relaxed));
        }
    }
}

/// The page's buffer, refusing writes once the render has run past its deadline: Tera
/// stops at the first failed write, so a loop that writes cannot run on for ever.
struct Budget<'a> {
    out: &'a mut Vec<u8>,
    deadline: Instant,
    /// Writes since the clock was last read.
    writes: u32,
}

/// The clock is read once every this many writes: Tera writes a page in hundreds of
/// small pieces, and reading the clock on each was 2% of a 10,000-bulletin build.
const WRITES_PER_CLOCK: u32 = 256;

impl std::io::Write for Budget<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writes += 1;
        if self.writes == WRITES_PER_CLOCK {
            self.writes = 0;
            if Instant::now() > self.deadline {
                return Err(std::io::ErrorKind::TimedOut.into());
            }
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Templates that include each other in a cycle (Tera finds it when the theme loads),
/// located at the `include` that closes it.
fn circular_include(
    chain: &[String],
    templates: &[(String, String)],
    origins: &BTreeMap<String, PathBuf>,
) -> Diagnostic {
    let (Some(included), Some(includer)) = (chain.last(), chain.iter().rev().nth(1)) else {
        return Diagnostic::error(
            Code::Template,
            "themes",
            text!("templates include each other", "模板相互包含"),
        );
    };
    let file = origins
        .get(includer)
        .cloned()
        .unwrap_or_else(|| PathBuf::from(includer));
    let mut d = Diagnostic::error(
        Code::Template,
        file,
        text!(
            "templates include each other in a cycle: {c}",
            "模板循环包含：{c}",
            c = chain
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(" → ")
        ),
    )
    .hint(text!(
        "remove the `include \"{included}\"` here, or the include that leads back to it",
        "删去这里的 `include \"{included}\"`，或删去回头包含它的那个 include"
    ));
    let source = templates
        .iter()
        .find(|(n, _)| n == includer)
        .map(|(_, t)| t);
    let at = source.and_then(|text| {
        let quoted = [format!("\"{included}\""), format!("'{included}'")];
        let mut from = 0;
        while let Some(i) = text[from..].find("include") {
            let at = from + i;
            let rest = text[at + "include".len()..].trim_start();
            if quoted.iter().any(|q| rest.starts_with(q.as_str())) {
                return Some(at);
            }
            from = at + "include".len();
        }
        None
    });
    if let (Some(text), Some(at)) = (source, at) {
        d = d.at_offset(text, at..at + "include".len());
    }
    d
}

/// `{% component NAME(…) %}` definitions whose body calls `<NAME`: each with the place
/// of its definition.
fn self_calling_components(text: &str) -> Vec<(Position, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("component ") {
        let at = from + i;
        from = at + "component ".len();
        let rest = text[from..].trim_start();
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let Some(end) = text[from..].find("endcomponent") else {
            break;
        };
        if !name.is_empty() && text[from..from + end].contains(&format!("<{name}")) {
            found.push((
                Position::of_offset(text, at).with_len("component".len()),
                name,
            ));
        }
    }
    found
}

/// The page a template error happened on, added to its message.
pub fn on_page(mut d: Box<Diagnostic>, page: &str) -> Box<Diagnostic> {
    if d.code == Code::Template || d.code == Code::MissingTemplate {
        d.message = d.message.map(|m, lang| {
            lang.pick(
                format!("{m} (rendering the page `{page}`)"),
                format!("{m}（生成页面“{page}”时）"),
            )
        });
    }
    d
}

/// A Tera error as a diagnostic on the template's file, line and column.
fn template_error(e: &tera::Error, origins: &BTreeMap<String, PathBuf>) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let file = origins
                .get(r.filename())
                .cloned()
                .unwrap_or_else(|| PathBuf::from(r.filename()));
            let span = r.span();
            Diagnostic::error(
                Code::Template,
                file,
                text!(
                    "template `{f}`: {m}",
                    "模板“{f}”有错误（{m}）",
                    f = r.filename(),
                    m = r.message()
                ),
            )
            .at(Position::new(span.start_line.max(1), span.start_col + 1)
                .with_len(span.range.len()))
        }
        tera::ErrorKind::TemplateNotFound(name) => Diagnostic::error(
            Code::MissingTemplate,
            "themes",
            text!("template `{name}` not found", "找不到模板“{name}”"),
        )
        .hint(text!(
            "add themes/<theme>/templates/{name}, or fix the name in `extends`/`include`",
            "添加 themes/<主题>/templates/{name}，或改正 `extends`/`include` 中的名称"
        )),
        tera::ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            Code::MissingTemplate,
            origins
                .get(current)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(current)),
            text!(
                "template `{current}` extends `{parent}`, which does not exist",
                "模板“{current}”继承的“{parent}”不存在"
            ),
        ),
        _ => {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            Diagnostic::error(
                Code::Template,
                "themes",
                Text::new(&message, format!("模板有错误（{message}）")),
            )
        }
    }
}
