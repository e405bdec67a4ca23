//! WXSS, WeChat's stylesheet language, compiled to CSS a browser applies to the runtime's
//! DOM.
//!
//! The runtime renders each WXML element as a custom element named after its tag
//! (`<view>` → `<wx-view>`, `<my-comp>` → `<wx-my-comp>`), each page's root as
//! `<wx-page wxrt-sheets="<sheet> …">`, and gives each element the classes of its style
//! scope (see [`Scope`]): `class="a"` becomes `a` in the shared scope, `<scope>--a` in a
//! component's own. So the compiler:
//!
//! - turns `rpx` lengths into `calc(N * var(--wxrt-rpx))` ([`RPX_VARIABLE`]; the runtime
//!   sets it to the screen width / 750 in `px`), and `0rpx` into `0`;
//! - rewrites tag selectors to the custom elements and `page` to the page root;
//! - renames class selectors for scopes of their own, and confines a page's rules (and a
//!   shared component's) to the pages that show them, without adding specificity;
//! - inlines `@import`ed files, compiled with the importer's scope;
//! - points `url(…)`s at project files from the project root (`url.rs`);
//! - drops comments and keeps strings, `@keyframes` selectors and unknown at-rules as
//!   written.
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
//!     ":where(wx-page[wxrt-sheets~=\"p-index\"]) wx-text{color:#333}\n\
//!      wx-page:where([wxrt-sheets~=\"p-index\"]){background:#f6f6f6}\n\
//!      :where(wx-page[wxrt-sheets~=\"p-index\"]) .card>wx-view{margin:0 calc(20 * var(--wxrt-rpx))}\n"
//! );
//!
//! let css = compile("c/c.wxss", ".a:hover{}", Scope::Component("c1"), &files).unwrap();
//! assert_eq!(css, ".c1--a:hover{}\n");
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
mod url;

pub use error::WxssError;
pub use rpx::{RPX_VARIABLE, VH_VARIABLE};

/// The attribute of a page root (`<wx-page wxrt-sheets="p1 c3">`) that names the
/// stylesheets confined to it: the page's own and those of the shared components it
/// shows. Confined rules start with `:where(wx-page[wxrt-sheets~="p1"])`, which adds no
/// specificity, so a page's `.a` weighs what it weighs in WeChat.
pub const SHEETS_ATTRIBUTE: &str = "wxrt-sheets";

/// Whose stylesheet is being compiled, which decides how its selectors are scoped.
///
/// WeChat gives each element's classes a *style scope*: a page or component compiled
/// with its own scope renames `.a` to `.<scope>--a` (and its elements carry
/// `<scope>--a`); one in the shared scope keeps `.a` (and its elements carry `a`), as
/// `app.wxss` does. `styleIsolation` picks the scope: `isolated` and `apply-shared`
/// components and `page-isolated` and `page-apply-shared` pages have their own, `shared`
/// components and every other page the shared one (glass-easel-miniprogram-adapter's
/// `prepareComponentOptions`). Tag, id and attribute selectors are never renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// `app.wxss`: applies everywhere. Class selectors stay as written; `page` is every
    /// page's root, `wx-page`.
    Global,
    /// A page's stylesheet in the shared scope (a page's default): class selectors stay
    /// as written, and every rule is confined to the page whose root names the sheet in
    /// [`SHEETS_ATTRIBUTE`]. `page` is that root.
    Page(&'a str),
    /// A `page-isolated` or `page-apply-shared` page: like [`Scope::Page`], with class
    /// selectors renamed `.<scope>--<class>`.
    IsolatedPage(&'a str),
    /// An `isolated` or `apply-shared` component (the default): class selectors become
    /// `.<scope>--<class>`, and `:host` becomes `.<scope>-host`, a class the runtime
    /// gives the component's host element. Not confined: only this component's elements
    /// carry its classes.
    Component(&'a str),
    /// A `shared` component: class selectors stay as written (they reach the page and
    /// the other shared and apply-shared components there), confined like a page's to
    /// the pages showing the component; `:host` as in [`Scope::Component`].
    SharedComponent(&'a str),
}

impl<'a> Scope<'a> {
    /// The prefix of renamed classes, for scopes that rename them.
    pub(crate) fn class_prefix(self) -> Option<&'a str> {
        match self {
            Scope::IsolatedPage(name) | Scope::Component(name) => Some(name),
            _ => None,
        }
    }

    /// The sheet name of a confined stylesheet.
    pub(crate) fn confined_to(self) -> Option<&'a str> {
        match self {
            Scope::Page(name) | Scope::IsolatedPage(name) | Scope::SharedComponent(name) => {
                Some(name)
            }
            _ => None,
        }
    }

    /// The component whose host `:host` names.
    pub(crate) fn host(self) -> Option<&'a str> {
        match self {
            Scope::Component(name) | Scope::SharedComponent(name) => Some(name),
            _ => None,
        }
    }
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
    compile_with_warnings(path, source, scope, load).map(|(css, _)| css)
}

/// [`compile`], with what WeChat's compiler accepts but points out (an `@import` line
/// without its `;`), each located like an error.
pub fn compile_with_warnings(
    path: &str,
    source: &str,
    scope: Scope<'_>,
    load: &dyn Fn(&str) -> Option<String>,
) -> Result<(String, Vec<WxssError>), WxssError> {
    sheet::Compiler::new(scope, load).run(path, source)
}
