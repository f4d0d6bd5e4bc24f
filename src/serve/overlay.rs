//! The error overlay: while the site does not build, every HTML page the preview serves
//! carries a box fixed at the top of the window listing each error with its file, line,
//! column, message, what was expected and the hint, and the source snippet the terminal
//! shows. Every text from a diagnostic is HTML-escaped. The box is a `<details>`
//! element, so it folds away without JavaScript. Builds a string; serves nothing.

use std::fmt::Write;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::render::xml::escape_into;

/// The overlay for the errors among `diags` (None when there are none), in `lang`.
pub(crate) fn html(root: &Path, diags: &Diagnostics, lang: Lang) -> Option<String> {
    let mut only_errors = Diagnostics::default();
    for d in diags.iter().filter(|d| d.is_error()) {
        only_errors.push(d.clone());
    }
    let total = only_errors.error_count();
    // Capped like the terminal's list: a page over 100,000 errors is no use to anyone.
    let errors = only_errors.into_shown(|_| true);
    if errors.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(4096);
    out.push_str(concat!(
        r#"<details open id="bulletin-serve-errors" role="alert" style="position:fixed;top:0;left:0;right:0;z-index:2147483647;"#,
        r#"max-height:70vh;overflow:auto;margin:0;padding:12px 20px;background:#fff8f6;color:#1b1b1b;"#,
        r#"border-bottom:4px solid #b3261e;box-shadow:0 4px 16px rgba(0,0,0,.35);"#,
        r#"font:16px/1.6 system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;text-align:left">"#,
        r#"<summary style="cursor:pointer;font-weight:bold;color:#b3261e;font-size:18px">"#,
    ));
    let _ = match lang {
        Lang::En => write!(
            out,
            "构建失败 · the site does not build: {} error{}. The pages shown are the last good build.",
            total,
            if total == 1 { "" } else { "s" }
        ),
        Lang::Zh => write!(
            out,
            "生成失败：共 {total} 个错误。下面显示的是上次成功生成的页面。"
        ),
    };
    out.push_str("</summary><ol style=\"margin:8px 0 0;padding-left:24px\">");
    for d in &errors {
        item(&mut out, root, d, lang);
    }
    out.push_str("</ol></details>");
    Some(out)
}

fn item(out: &mut String, root: &Path, d: &Diagnostic, lang: Lang) {
    let file = d.file.display().to_string();
    let (line, col) = d
        .position
        .map_or((None, None), |p| (Some(p.line), Some(p.col)));
    out.push_str(r#"<li style="margin:8px 0" data-file=""#);
    escape_into(out, &file);
    if let (Some(line), Some(col)) = (line, col) {
        let _ = write!(out, r#"" data-line="{line}" data-col="{col}"#);
    }
    out.push_str(r#""><code style="font-weight:bold">"#);
    escape_into(out, &d.location());
    out.push_str(lang.pick(
        "</code> <span style=\"color:#b3261e\">error[",
        "</code> <span style=\"color:#b3261e\">错误[",
    ));
    escape_into(out, d.code.as_str());
    out.push_str(lang.pick("]</span>: ", "]</span>："));
    escape_into(out, d.message.get(lang));
    if let Some(expected) = &d.expected {
        out.push_str(lang.pick("<br><b>expected:</b> ", "<br><b>应为：</b>"));
        escape_into(out, expected.get(lang));
    }
    if let Some(hint) = &d.hint {
        out.push_str(lang.pick("<br><b>hint:</b> ", "<br><b>提示：</b>"));
        escape_into(out, hint.get(lang));
    }
    if let Some(source) = crate::source_for(root, d).filter(|_| d.position.is_some()) {
        out.push_str(concat!(
            r#"<pre style="margin:6px 0 0;padding:8px;background:#fff;border:1px solid #e0c9c5;overflow:auto;"#,
            r#"font:14px/1.4 ui-monospace,'Sarasa Mono SC',Menlo,Consolas,monospace;white-space:pre">"#
        ));
        escape_into(out, &d.render_in(lang, Some(&source), false));
        out.push_str("</pre>");
    }
    out.push_str("</li>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Position};

    #[test]
    fn lists_errors_escaped_with_their_location() {
        let mut diags = Diagnostics::default();
        diags.push(
            Diagnostic::error(
                Code::UnknownIndicator,
                "content/demo/x.md",
                "no indicator `<gpd>`",
            )
            .at(Position::new(3, 7))
            .hint("did you mean `gdp`?"),
        );
        diags.push(Diagnostic::warning(Code::Io, "static/a", "only a warning"));
        let html = html(Path::new("/nonexistent"), &diags, Lang::En).unwrap();
        assert!(html.contains("content/demo/x.md:3:7"));
        assert!(html.contains(r#"data-line="3" data-col="7""#));
        assert!(html.contains("no indicator `&lt;gpd&gt;`"));
        assert!(html.contains("did you mean `gdp`?"));
        assert!(html.contains("1 error."));
        assert!(!html.contains("only a warning"));
        assert!(!html.contains("<gpd>"));
    }

    /// The overlay speaks the site's language; the code and place stay as they are.
    #[test]
    fn in_chinese() {
        let mut diags = Diagnostics::default();
        diags.push(
            Diagnostic::error(
                Code::UnknownIndicator,
                "content/demo/x.md",
                crate::text!("no indicator `gpd`", "没有指标“gpd”"),
            )
            .at(Position::new(3, 7))
            .hint(crate::text!("did you mean `gdp`?", "是否应为“gdp”？")),
        );
        let html = html(Path::new("/nonexistent"), &diags, Lang::Zh).unwrap();
        assert!(html.contains("生成失败：共 1 个错误"), "{html}");
        assert!(html.contains("content/demo/x.md:3:7"));
        assert!(
            html.contains("错误[unknown-indicator]</span>：没有指标“gpd”"),
            "{html}"
        );
        assert!(html.contains("<b>提示：</b>是否应为“gdp”？"), "{html}");
        assert!(!html.contains("did you mean"));
    }

    #[test]
    fn no_errors_no_overlay() {
        assert_eq!(
            html(Path::new("."), &Diagnostics::default(), Lang::En),
            None
        );
    }
}
