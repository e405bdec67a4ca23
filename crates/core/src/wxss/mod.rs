//! WXSS, WeChat's stylesheet language, compiled to CSS a browser applies to the runtime's
//! DOM.
//!
//! The runtime renders each WXML element as a custom element named after its tag
//! (`<view>` → `<wx-view>`, `<my-comp>` → `<wx-my-comp>`), each page's root as
//! `<wx-page class="<scope>">`, and gives elements scoped class names: in a page,
//! `class="a"` becomes the DOM classes `a <scope>--a`; in a custom component, only
//! `<scope>--a`. So the compiler:
//!
//! - turns `rpx` lengths into `calc(N * var(--wxrt-rpx))` ([`RPX_VARIABLE`]; the runtime
//!   sets it to the screen width / 750 in `px`), and `0rpx` into `0`;
//! - rewrites tag selectors to the custom elements and `page` to the page root;
//! - scopes class selectors for pages and components ([`Scope`]), and confines a page's
//!   rules to that page;
//! - inlines `@import`ed files, compiled with the importer's scope;
//! - drops comments and keeps strings, `url(…)`, `@keyframes` selectors and unknown
//!   at-rules as written.
//!
//! ```
//! use wxrt_core::wxss::{compile, Scope};
//!
//! let files = |path: &str| {
//!     (path == "common/base.wxss").then(|| "text { color: #333; }".to_string())
//! };
//! let source = r#"
//!     @import "/common/base.wxss";
//!     page { background: #f6f6f6; }
//!     .card > view { margin: 0rpx 20rpx; } /* cards */
//! "#;
//! let css = compile("pages/index/index.wxss", source, Scope::Page("p-index"), &files).unwrap();
//! assert_eq!(
//!     css,
//!     "wx-page.p-index wx-text{color:#333}\n\
//!      wx-page.p-index{background:#f6f6f6}\n\
//!      wx-page.p-index .p-index--card>wx-view{margin:0 calc(20 * var(--wxrt-rpx))}\n"
//! );
//!
//! let broken = compile("app.wxss", ".a {\n  color: red;\n", Scope::Global, &files);
//! assert_eq!(broken.unwrap_err().to_string(), "app.wxss:1:4: unclosed {");
//! ```

mod error;
mod import;
mod rpx;
mod scan;
mod selector;
mod sheet;

pub use error::WxssError;
pub use rpx::{RPX_VARIABLE, VH_VARIABLE};

/// Whose stylesheet is being compiled, which decides how its selectors are scoped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// `app.wxss`: applies everywhere in pages. Class selectors stay as written (page
    /// elements keep their plain classes); `page` is every page's root, `wx-page`.
    Global,
    /// A page's stylesheet; the page root is `<wx-page class="<scope>">`. Class
    /// selectors become `.<scope>--<class>`, `page` becomes `wx-page.<scope>`, and a
    /// selector without `page` is prefixed with `wx-page.<scope> ` so that it only
    /// matches inside this page.
    Page(&'a str),
    /// A custom component's stylesheet. Class selectors become `.<scope>--<class>`, and
    /// `:host` becomes `.<scope>-host`, a class the runtime gives the component's host
    /// element. No prefix: component elements only carry scoped classes, which is
    /// WeChat's default `styleIsolation: isolated`.
    Component(&'a str),
}

/// Compiles the WXSS file at `path` (project-relative, `pages/index/index.wxss`) to CSS,
/// one rule a line.
///
/// `load` reads another project file by its project-relative path (`common/base.wxss`),
/// `None` if there is none; `@import`s go through it. Errors name the file, line and
/// column: a `{` never closed, a `}` never opened, an unterminated comment or string, a
/// missing imported file, an import cycle.
pub fn compile(
    path: &str,
    source: &str,
    scope: Scope<'_>,
    load: &dyn Fn(&str) -> Option<String>,
) -> Result<String, WxssError> {
    sheet::Compiler::new(scope, load).run(path, source)
}
