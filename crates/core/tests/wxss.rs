//! WXSS to CSS: every rewriting rule as input → exact output, errors with their
//! locations, `@import` resolution, and a property test that compiling never panics.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

// Named like the module so `cargo test wxss` selects these tests.
mod wxss {
    use proptest::prelude::*;
    use wxrt_core::wxss::{
        compile, compile_with_warnings, Scope, WxssError, RPX_VARIABLE, VH_VARIABLE,
    };

    /// A `page-isolated` page: its own class scope, confined to its root.
    const PAGE: Scope<'static> = Scope::IsolatedPage("p");
    const COMPONENT: Scope<'static> = Scope::Component("c");

    fn no_files(_: &str) -> Option<String> {
        None
    }

    fn css(source: &str, scope: Scope<'_>) -> String {
        compile("pages/a/a.wxss", source, scope, &no_files).unwrap()
    }

    fn check(scope: Scope<'_>, cases: &[(&str, &str)]) {
        for (source, expected) in cases {
            assert_eq!(css(source, scope), *expected, "{source:?} in {scope:?}");
        }
    }

    fn error(source: &str) -> String {
        compile("app.wxss", source, Scope::Global, &no_files)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn converts_vh_to_the_page_window() {
        assert_eq!(VH_VARIABLE, "--wxrt-vh");
        check(
            Scope::Global,
            &[
                (
                    "a{min-height:100vh}",
                    "wx-a{min-height:calc(100 * var(--wxrt-vh))}\n",
                ),
                ("a{top:0vh}", "wx-a{top:0}\n"),
                (
                    "a{background:url(a-10vh.png)}",
                    "wx-a{background:url(/pages/a/a-10vh.png)}\n",
                ),
            ],
        );
    }

    #[test]
    fn converts_rpx_lengths() {
        assert_eq!(RPX_VARIABLE, "--wxrt-rpx");
        check(
            Scope::Global,
            &[
                (
                    "a{width:750rpx}",
                    "wx-a{width:calc(750 * var(--wxrt-rpx))}\n",
                ),
                (
                    "a{margin:-10rpx}",
                    "wx-a{margin:calc(-10 * var(--wxrt-rpx))}\n",
                ),
                ("a{top:.5rpx}", "wx-a{top:calc(.5 * var(--wxrt-rpx))}\n"),
                ("a{top:1.5rpx}", "wx-a{top:calc(1.5 * var(--wxrt-rpx))}\n"),
                ("a{top:1.5RPX}", "wx-a{top:calc(1.5 * var(--wxrt-rpx))}\n"),
                ("a{top:0rpx}", "wx-a{top:0}\n"),
                ("a{top:-0.0rpx}", "wx-a{top:0}\n"),
                (
                    "a{padding:0rpx 20rpx 10px -4rpx}",
                    "wx-a{padding:0 calc(20 * var(--wxrt-rpx)) 10px calc(-4 * var(--wxrt-rpx))}\n",
                ),
                (
                    "a{width:calc(100% - 20rpx)}",
                    "wx-a{width:calc(100% - calc(20 * var(--wxrt-rpx)))}\n",
                ),
                // A bare 0 inside calc() would be a number, not a length.
                (
                    "a{width:calc(100% - 0rpx)}",
                    "wx-a{width:calc(100% - 0px)}\n",
                ),
                ("a{width:max(10px,(0rpx))}", "wx-a{width:max(10px,(0px))}\n"),
                (
                    "a{transform:translate(0rpx,10rpx)}",
                    "wx-a{transform:translate(0,calc(10 * var(--wxrt-rpx)))}\n",
                ),
                (
                    "a{border:2rpx solid #e5e5e5}",
                    "wx-a{border:calc(2 * var(--wxrt-rpx)) solid #e5e5e5}\n",
                ),
                (
                    "a{font:24rpx/1.5 sans-serif}",
                    "wx-a{font:calc(24 * var(--wxrt-rpx))/1.5 sans-serif}\n",
                ),
                ("a{--gap:8rpx}", "wx-a{--gap:calc(8 * var(--wxrt-rpx))}\n"),
                // Not rpx: other units, names, colors, strings, urls.
                ("a{width:10px;height:5em}", "wx-a{width:10px;height:5em}\n"),
                ("a{width:10rpxs}", "wx-a{width:10rpxs}\n"),
                ("a{grid-area:a10rpx}", "wx-a{grid-area:a10rpx}\n"),
                ("a{color:#10rpx0}", "wx-a{color:#10rpx0}\n"),
                (r#"a{content:"10rpx"}"#, "wx-a{content:\"10rpx\"}\n"),
                ("a{content:'0rpx'}", "wx-a{content:'0rpx'}\n"),
                (
                    "a{background:url(a-10rpx.png)}",
                    "wx-a{background:url(/pages/a/a-10rpx.png)}\n",
                ),
                (
                    "a{background:url( \"b 2rpx.png\" )}",
                    "wx-a{background:url(\"/pages/a/b 2rpx.png\")}\n",
                ),
                ("a{width:/* 10rpx */5px}", "wx-a{width:5px}\n"),
                // Not in selectors.
                (
                    ".w-10rpx{top:1rpx}",
                    ".w-10rpx{top:calc(1 * var(--wxrt-rpx))}\n",
                ),
            ],
        );
    }

    #[test]
    fn rewrites_tag_selectors() {
        check(
            Scope::Global,
            &[
                ("view{}", "wx-view{}\n"),
                ("text,button{}", "wx-text,wx-button{}\n"),
                ("my-comp{}", "wx-my-comp{}\n"),
                ("page{}", "wx-page{}\n"),
                ("page view{}", "wx-page wx-view{}\n"),
                ("*{}", "*{}\n"),
                (
                    "view>text+image~icon{}",
                    "wx-view>wx-text+wx-image~wx-icon{}\n",
                ),
                ("view  >  text {}", "wx-view>wx-text{}\n"),
                ("view\n\ttext{}", "wx-view wx-text{}\n"),
                ("#main view{}", "#main wx-view{}\n"),
                ("view#main{}", "wx-view#main{}\n"),
                (
                    "input[type=\"text\" i],[hidden]{}",
                    "wx-input[type=\"text\" i],[hidden]{}\n",
                ),
                ("button:active::after{}", "wx-button:active::after{}\n"),
                ("view:nth-child(2n+1){}", "wx-view:nth-child(2n+1){}\n"),
                ("view:not(text){}", "wx-view:not(wx-text){}\n"),
                (
                    ":is(view, text) image{}",
                    ":is(wx-view,wx-text) wx-image{}\n",
                ),
                // Global: classes and :host stay.
                (".a .b-c{}", ".a .b-c{}\n"),
                (".a:not(.b){}", ".a:not(.b){}\n"),
                (":host{}", ":host{}\n"),
            ],
        );
    }

    #[test]
    fn scopes_page_selectors() {
        check(
            PAGE,
            &[
                ("page{}", "wx-page:where([wxrt-sheets~=\"p\"]){}\n"),
                ("page .a{}", "wx-page:where([wxrt-sheets~=\"p\"]) .p--a{}\n"),
                ("view{}", ":where(wx-page[wxrt-sheets~=\"p\"]) wx-view{}\n"),
                (".a .b{}", ":where(wx-page[wxrt-sheets~=\"p\"]) .p--a .p--b{}\n"),
                (".a.b{}", ":where(wx-page[wxrt-sheets~=\"p\"]) .p--a.p--b{}\n"),
                ("view.a>text{}", ":where(wx-page[wxrt-sheets~=\"p\"]) wx-view.p--a>wx-text{}\n"),
                ("#id{}", ":where(wx-page[wxrt-sheets~=\"p\"]) #id{}\n"),
                ("[data-x]{}", ":where(wx-page[wxrt-sheets~=\"p\"]) [data-x]{}\n"),
                ("*{}", ":where(wx-page[wxrt-sheets~=\"p\"]) *{}\n"),
                (".a::after{}", ":where(wx-page[wxrt-sheets~=\"p\"]) .p--a::after{}\n"),
                (".a:not(.b){}", ":where(wx-page[wxrt-sheets~=\"p\"]) .p--a:not(.p--b){}\n"),
                (
                    ".a, page, view{}",
                    ":where(wx-page[wxrt-sheets~=\"p\"]) .p--a,wx-page:where([wxrt-sheets~=\"p\"]),:where(wx-page[wxrt-sheets~=\"p\"]) wx-view{}\n",
                ),
                (r".md\:flex{}", ":where(wx-page[wxrt-sheets~=\"p\"]) .p--md\\:flex{}\n"),
            ],
        );
    }

    #[test]
    fn scopes_component_selectors() {
        check(
            COMPONENT,
            &[
                (".a{}", ".c--a{}\n"),
                (".a .b > view{}", ".c--a .c--b>wx-view{}\n"),
                (":host{}", ".c-host{}\n"),
                (":host(.dark) .a{}", ".c-host.c--dark .c--a{}\n"),
                (":host(view){}", "wx-view.c-host{}\n"),
                ("#id{}", "#id{}\n"),
                ("view:not(.a){}", "wx-view:not(.c--a){}\n"),
                ("page{}", "wx-page{}\n"),
            ],
        );
    }

    #[test]
    fn keeps_classes_of_shared_pages_and_confines_them() {
        // A page's default scope is the shared one (glass-easel-miniprogram-adapter):
        // its classes match app.wxss's and apply-shared components' elements.
        check(
            Scope::Page("p"),
            &[
                (".a{}", ":where(wx-page[wxrt-sheets~=\"p\"]) .a{}\n"),
                ("page .a{}", "wx-page:where([wxrt-sheets~=\"p\"]) .a{}\n"),
                (
                    ".a:not(.b) > view{}",
                    ":where(wx-page[wxrt-sheets~=\"p\"]) .a:not(.b)>wx-view{}\n",
                ),
            ],
        );
    }

    #[test]
    fn keeps_classes_of_shared_components_and_confines_them() {
        check(
            Scope::SharedComponent("c"),
            &[
                (".a{}", ":where(wx-page[wxrt-sheets~=\"c\"]) .a{}\n"),
                (":host{}", ":where(wx-page[wxrt-sheets~=\"c\"]) .c-host{}\n"),
                (
                    ":host(.dark) .a{}",
                    ":where(wx-page[wxrt-sheets~=\"c\"]) .c-host.dark .a{}\n",
                ),
            ],
        );
    }

    #[test]
    fn points_urls_at_project_files_from_the_root() {
        let source = "@font-face{font-family:i;src:url('./i.woff2') format('woff2'),\
                      url(//cdn.example/i.woff)}\
                      .a{background:url(../img/a.png)} .b{background:url(data:image/png;base64,AA==)}";
        assert_eq!(
            compile("icon/icon.wxss", source, Scope::Component("c"), &no_files).unwrap(),
            "@font-face{font-family:i;src:url('/icon/i.woff2') format('woff2'),url(https://cdn.example/i.woff)}\n\
             .c--a{background:url(/img/a.png)}\n\
             .c--b{background:url(data:image/png;base64,AA==)}\n"
        );
        // An imported file's urls are relative to that file, not to the importer.
        let load =
            |path: &str| (path == "common/fonts.wxss").then(|| ".f{src:url(f.ttf)}".to_string());
        assert_eq!(
            compile(
                "pages/a/a.wxss",
                "@import '/common/fonts';",
                Scope::Global,
                &load
            )
            .unwrap(),
            ".f{src:url(/common/f.ttf)}\n"
        );
    }

    #[test]
    fn compiles_at_rules() {
        check(
            PAGE,
            &[
                (
                    "@media (min-width: 500px) { .a { width: 20rpx } view{} }",
                    "@media (min-width: 500px){\n\
                     :where(wx-page[wxrt-sheets~=\"p\"]) .p--a{width:calc(20 * var(--wxrt-rpx))}\n\
                     :where(wx-page[wxrt-sheets~=\"p\"]) wx-view{}\n}\n",
                ),
                (
                    "@supports (display:grid){@media print{.a{}}}",
                    "@supports (display:grid){\n@media print{\n:where(wx-page[wxrt-sheets~=\"p\"]) .p--a{}\n}\n}\n",
                ),
                (
                    "@keyframes spin { from { transform: rotate(0deg) } 50% { left: 10rpx } to {} }",
                    "@keyframes spin{\n\
                     from{transform:rotate(0deg)}\n\
                     50%{left:calc(10 * var(--wxrt-rpx))}\n\
                     to{}\n}\n",
                ),
                (
                    "@-webkit-keyframes a{view{top:0}}",
                    "@-webkit-keyframes a{\nview{top:0}\n}\n",
                ),
                (
                    "@font-face { font-family: 'x'; src: url(a.woff) format('woff'); }",
                    "@font-face{font-family:'x';src:url(/pages/a/a.woff) format('woff')}\n",
                ),
                ("@charset \"utf-8\";.a{}", "@charset \"utf-8\";\n:where(wx-page[wxrt-sheets~=\"p\"]) .p--a{}\n"),
                (
                    "@unknown foo { bar { baz: 1rpx } }",
                    "@unknown foo{bar { baz: 1rpx }}\n",
                ),
            ],
        );
    }

    #[test]
    fn drops_comments_and_keeps_strings() {
        check(
            Scope::Global,
            &[
                (
                    "/* a */ .a /* b */ { /* c */ color: red /* d */ ; }",
                    ".a{color:red}\n",
                ),
                (
                    ".a{content:\"/* not a comment */\";background:url(//cdn/x.png)}",
                    ".a{content:\"/* not a comment */\";background:url(https://cdn/x.png)}\n",
                ),
                (".a{content:'a\\'b;}'}", ".a{content:'a\\'b;}'}\n"),
                (".a{b:c;;;d:e;}", ".a{b:c;d:e}\n"),
                (".a{color : red ! important}", ".a{color:red ! important}\n"),
                (".a{}\n\n.b{}", ".a{}\n.b{}\n"),
                (".a{};.b{}", ".a{}\n.b{}\n"),
                ("", ""),
                ("/* only */", ""),
            ],
        );
    }

    #[test]
    fn reports_errors_with_locations() {
        let cases = [
            (".a {\n  color: red;\n", "app.wxss:1:4: unclosed {"),
            (".a { color: red; }\n}", "app.wxss:2:1: unexpected }"),
            ("@media print {\n.a{}", "app.wxss:1:14: unclosed {"),
            (".a{}\n  /* open", "app.wxss:2:3: unterminated comment"),
            (
                ".a{content: \"open}\n",
                "app.wxss:1:13: unterminated string",
            ),
            (".a{}\n.b", "app.wxss:2:1: expected { after selector"),
            (
                "@import x;",
                "app.wxss:1:1: expected a file name after @import",
            ),
        ];
        for (source, expected) in cases {
            assert_eq!(error(source), expected, "{source:?}");
        }
        let parts = compile("app.wxss", "\n .a{", Scope::Global, &no_files).unwrap_err();
        assert_eq!(
            parts,
            WxssError {
                file: "app.wxss".into(),
                line: 2,
                column: 4,
                message: "unclosed {".into(),
            }
        );
    }

    fn project(path: &str) -> Option<String> {
        let text = match path {
            "common/base.wxss" => "view{margin:10rpx}",
            "common/theme.wxss" => "@import './base';\n.dark{}",
            "pages/a/local.wxss" => ".local{}",
            "pages/a/cycle1.wxss" => "@import 'cycle2';",
            "pages/a/cycle2.wxss" => ".x{}\n  @import \"cycle1.wxss\";",
            "pages/a/broken.wxss" => ".ok{}\n.broken{",
            _ => return None,
        };
        Some(text.to_string())
    }

    fn import(source: &str, scope: Scope<'_>) -> Result<String, String> {
        compile("pages/a/a.wxss", source, scope, &project).map_err(|error| error.to_string())
    }

    #[test]
    fn inlines_imports_with_the_importers_scope() {
        let cases = [
            ("@import \"local.wxss\";", Ok(".c--local{}\n")),
            ("@import 'local';", Ok(".c--local{}\n")),
            ("@import url(local.wxss);", Ok(".c--local{}\n")),
            ("@import url('./local');", Ok(".c--local{}\n")),
            (
                "@import \"../../common/base.wxss\";",
                Ok("wx-view{margin:calc(10 * var(--wxrt-rpx))}\n"),
            ),
            (
                "@import '/common/theme.wxss';.a{}",
                Ok("wx-view{margin:calc(10 * var(--wxrt-rpx))}\n.c--dark{}\n.c--a{}\n"),
            ),
            (
                "@import 'local' print;",
                Ok("@media print{\n.c--local{}\n}\n"),
            ),
            (
                "@media print{@import 'local';}",
                Ok("@media print{\n.c--local{}\n}\n"),
            ),
            (
                "@media print{@import 'local'}",
                Ok("@media print{\n.c--local{}\n}\n"),
            ),
        ];
        for (source, expected) in cases {
            assert_eq!(
                import(source, COMPONENT),
                expected.map(String::from),
                "{source:?}"
            );
        }
        assert_eq!(
            import("@import 'local';", PAGE).unwrap(),
            ":where(wx-page[wxrt-sheets~=\"p\"]) .p--local{}\n"
        );
    }

    #[test]
    fn an_import_line_without_its_semicolon_is_a_warning() {
        // A real library app's pages start `@import "/templates/…wxss"` and a blank line.
        let (css, warnings) = compile_with_warnings(
            "pages/a/a.wxss",
            "@import \"local.wxss\"\n\n/* note */\n.a { color: red }",
            COMPONENT,
            &project,
        )
        .unwrap();
        assert_eq!(css, ".c--local{}\n.c--a{color:red}\n");
        assert_eq!(
            warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["pages/a/a.wxss:1:1: @import without `;`: it ends with its line, as WeChat reads it"]
        );
        // A rule on the import's own line is no import.
        assert_eq!(
            import("@import 'local' .a { color: red }", COMPONENT),
            Err("pages/a/a.wxss:1:1: expected ; after @import".to_string())
        );
        assert_eq!(
            compile_with_warnings(
                "pages/a/a.wxss",
                "@import 'local';\n.a{}",
                COMPONENT,
                &project
            )
            .unwrap()
            .1,
            []
        );
    }

    #[test]
    fn reports_import_problems_where_they_are() {
        let cases = [
            (
                ".a{}\n  @import 'missing';",
                "pages/a/a.wxss:2:3: cannot import \"missing\": no file pages/a/missing.wxss",
            ),
            (
                "@import '../../../x';",
                "pages/a/a.wxss:1:1: cannot import \"../../../x\": outside the project",
            ),
            (
                "@import 'cycle1';",
                "pages/a/cycle2.wxss:2:3: import cycle: pages/a/cycle1.wxss -> \
                 pages/a/cycle2.wxss -> pages/a/cycle1.wxss",
            ),
            (
                "@import 'a';",
                "pages/a/a.wxss:1:1: import cycle: pages/a/a.wxss -> pages/a/a.wxss",
            ),
            ("@import 'broken';", "pages/a/broken.wxss:2:8: unclosed {"),
        ];
        for (source, expected) in cases {
            assert_eq!(
                import(source, Scope::Global),
                Err(expected.to_string()),
                "{source:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn never_panics_on_any_text(source in ".{0,200}") {
            let _ = compile("a.wxss", &source, Scope::Page("p"), &|_: &str| None);
        }

        #[test]
        fn never_panics_on_css_like_text(parts in proptest::collection::vec(
            prop::sample::select(vec![
                "{", "}", ";", ":", "(", ")", "[", "]", ",", ">", "+", "~", "*", ".", "#", "\\",
                " ", "\n", "\"", "'", "/*", "*/", "/", "-", "0", "5", ".5", "rpx", "a", "view",
                "page", ":host", ":not(", "::after", "url(", "calc(", "@media", "@import",
                "@keyframes", "@font-face", "@x", "é", "😀", "'a'", "\"b\"",
            ]),
            0..60,
        ), scope in 0..3u8) {
            let source: String = parts.concat();
            let scope = match scope {
                0 => Scope::Global,
                1 => Scope::Page("p"),
                2 => Scope::IsolatedPage("p"),
                3 => Scope::SharedComponent("c"),
                _ => Scope::Component("c"),
            };
            let load = |path: &str| (path == "a.wxss" || path == "b.wxss").then(|| source.clone());
            let _ = compile("a.wxss", &source, scope, &load);
        }
    }
}
