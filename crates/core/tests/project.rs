//! `app.json` and page `.json` validation, from JSON text as developers write it.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

// Named like the module so `cargo test project` selects these tests.
mod project {
    use std::path::PathBuf;

    use wxrt_core::project::{
        AppConfig, BackgroundTextStyle, BorderStyle, CodeLoading, ConfigErrorKind, ConfigErrors,
        NavigationBarTextStyle, NavigationStyle, NetworkTimeout, PageConfig, PathProblem,
        Subpackage, TabBarConfig, TabBarPosition, TabItem, WindowConfig,
    };

    /// Just enough JSON for the fixtures: core takes parsed trees and has no parser.
    mod json {
        use wxrt_core::project::ConfigValue;

        pub fn parse(text: &str) -> ConfigValue {
            let mut parser = Parser {
                text: text.as_bytes(),
                at: 0,
            };
            let value = parser.value();
            parser.skip_space();
            assert_eq!(parser.at, text.len(), "text after the JSON value");
            value
        }

        struct Parser<'a> {
            text: &'a [u8],
            at: usize,
        }

        impl Parser<'_> {
            fn skip_space(&mut self) {
                while self.text.get(self.at).is_some_and(u8::is_ascii_whitespace) {
                    self.at += 1;
                }
            }

            fn eat(&mut self, byte: u8) -> bool {
                self.skip_space();
                let found = self.text.get(self.at) == Some(&byte);
                if found {
                    self.at += 1;
                }
                found
            }

            fn expect(&mut self, byte: u8) {
                assert!(self.eat(byte), "expected {:?} at {}", byte as char, self.at);
            }

            fn value(&mut self) -> ConfigValue {
                self.skip_space();
                match self.text[self.at] {
                    b'{' => {
                        self.at += 1;
                        let mut members = Vec::new();
                        if !self.eat(b'}') {
                            loop {
                                self.skip_space();
                                let key = self.string();
                                self.expect(b':');
                                members.push((key, self.value()));
                                if self.eat(b'}') {
                                    break;
                                }
                                self.expect(b',');
                            }
                        }
                        ConfigValue::Object(members)
                    }
                    b'[' => {
                        self.at += 1;
                        let mut items = Vec::new();
                        if !self.eat(b']') {
                            loop {
                                items.push(self.value());
                                if self.eat(b']') {
                                    break;
                                }
                                self.expect(b',');
                            }
                        }
                        ConfigValue::Array(items)
                    }
                    b'"' => ConfigValue::String(self.string()),
                    _ => self.word(),
                }
            }

            fn word(&mut self) -> ConfigValue {
                let start = self.at;
                while self
                    .text
                    .get(self.at)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b))
                {
                    self.at += 1;
                }
                match std::str::from_utf8(&self.text[start..self.at]).unwrap() {
                    "null" => ConfigValue::Null,
                    "true" => ConfigValue::Bool(true),
                    "false" => ConfigValue::Bool(false),
                    number => ConfigValue::Number(number.parse().unwrap()),
                }
            }

            fn string(&mut self) -> String {
                self.expect(b'"');
                let mut bytes = Vec::new();
                loop {
                    let byte = self.text[self.at];
                    self.at += 1;
                    match byte {
                        b'"' => break,
                        b'\\' => {
                            let escape = self.text[self.at];
                            self.at += 1;
                            let c = match escape {
                                b'n' => '\n',
                                b't' => '\t',
                                b'r' => '\r',
                                b'b' => '\u{8}',
                                b'f' => '\u{c}',
                                b'u' => self.unicode_escape(),
                                other => other as char,
                            };
                            bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                        }
                        _ => bytes.push(byte),
                    }
                }
                String::from_utf8(bytes).unwrap()
            }

            fn unicode_escape(&mut self) -> char {
                let unit = self.hex4();
                if (0xd800..0xdc00).contains(&unit) {
                    self.at += 2; // `\u` of the low surrogate
                    let low = self.hex4();
                    char::from_u32(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)).unwrap()
                } else {
                    char::from_u32(unit).unwrap()
                }
            }

            fn hex4(&mut self) -> u32 {
                let digits = std::str::from_utf8(&self.text[self.at..self.at + 4]).unwrap();
                self.at += 4;
                u32::from_str_radix(digits, 16).unwrap()
            }
        }

        #[test]
        fn parses_the_fixtures_syntax() {
            let value = parse(
                r#" { "a": [1, -2.5e1, true, false, null], "b\"\u00e9\ud83d\ude00": "x\ny" } "#,
            );
            assert_eq!(
                value,
                ConfigValue::object([
                    (
                        "a",
                        ConfigValue::Array(vec![
                            1.into(),
                            (-25.0).into(),
                            true.into(),
                            false.into(),
                            ConfigValue::Null
                        ])
                    ),
                    ("b\"é😀", "x\ny".into()),
                ])
            );
        }
    }

    fn any_file(_: &str) -> bool {
        true
    }

    fn app(text: &str) -> Result<AppConfig, ConfigErrors> {
        AppConfig::from_value(&json::parse(text), &any_file)
    }

    fn app_errors(text: &str) -> Vec<String> {
        app(text).unwrap_err().messages()
    }

    fn app_errors_with_files(text: &str, files: &[&str]) -> Vec<String> {
        AppConfig::from_value(&json::parse(text), &|path| files.contains(&path))
            .unwrap_err()
            .messages()
    }

    fn page(text: &str) -> Result<PageConfig, ConfigErrors> {
        PageConfig::from_value(&json::parse(text), "pages/index/index.json")
    }

    fn page_errors(text: &str) -> Vec<String> {
        page(text).unwrap_err().messages()
    }

    /// `app.json` with two pages and `extra` spliced into the top-level object.
    fn two_pages(extra: &str) -> String {
        format!(r#"{{ "pages": ["pages/index/index", "pages/logs/logs"] {extra} }}"#)
    }

    /// `two_pages` with a tab bar whose members are `tab_bar`.
    fn with_tab_bar(tab_bar: &str) -> String {
        two_pages(&format!(r#", "tabBar": {{ {tab_bar} }}"#))
    }

    const TAB_COLOURS: &str =
        r##""color": "#7a7e83", "selectedColor": "#3cc51f", "backgroundColor": "#ffffff""##;

    // ---------------------------------------------------------------- real projects

    /// WeChat DevTools' "quickstart" JavaScript template.
    const QUICKSTART: &str = r##"{
      "pages": [
        "pages/index/index",
        "pages/logs/logs"
      ],
      "window": {
        "backgroundTextStyle": "light",
        "navigationBarBackgroundColor": "#fff",
        "navigationBarTitleText": "Weixin",
        "navigationBarTextStyle": "black"
      },
      "style": "v2",
      "componentFramework": "glass-easel",
      "sitemapLocation": "sitemap.json",
      "lazyCodeLoading": "requiredComponents"
    }"##;

    #[test]
    fn reads_the_quickstart_template() {
        let files = ["pages/index/index.js", "pages/logs/logs.js"];
        let app = AppConfig::from_value(&json::parse(QUICKSTART), &|p| files.contains(&p)).unwrap();
        assert_eq!(app.pages, ["pages/index/index", "pages/logs/logs"]);
        assert_eq!(app.entry_page_path, "pages/index/index");
        assert_eq!(app.entry_page(), "pages/index/index");
        assert_eq!(
            app.window,
            WindowConfig {
                navigation_bar_background_color: "#fff".into(),
                navigation_bar_text_style: NavigationBarTextStyle::Black,
                navigation_bar_title_text: "Weixin".into(),
                navigation_style: NavigationStyle::Default,
                background_color: "#ffffff".into(),
                background_text_style: BackgroundTextStyle::Light,
                enable_pull_down_refresh: false,
                on_reach_bottom_distance: 50.0,
            }
        );
        assert_eq!(app.tab_bar, None);
        assert!(app.tab_pages().is_empty());
        assert_eq!(app.lazy_code_loading, Some(CodeLoading::RequiredComponents));
        assert_eq!(app.network_timeout, NetworkTimeout::default());
        assert!(app.subpackages.is_empty());
    }

    #[test]
    fn reads_a_tab_bar_app() {
        let text = r##"{
          "pages": ["pages/index/index", "pages/cart/cart", "pages/mine/mine", "pages/detail/detail"],
          "window": { "navigationBarTitleText": "Shop", "enablePullDownRefresh": true,
                      "onReachBottomDistance": 100 },
          "tabBar": {
            "color": "#999999",
            "selectedColor": "#e64340",
            "backgroundColor": "#fafafa",
            "borderStyle": "white",
            "list": [
              { "pagePath": "pages/index/index", "text": "首页",
                "iconPath": "images/home.png", "selectedIconPath": "images/home-active.png" },
              { "pagePath": "pages/cart/cart", "text": "购物车" },
              { "pagePath": "pages/mine/mine", "text": "我的" }
            ]
          },
          "networkTimeout": { "request": 10000, "downloadFile": 30000 }
        }"##;
        let app = app(text).unwrap();
        let tab_bar = app.tab_bar.as_ref().unwrap();
        assert_eq!(tab_bar.color, "#999999");
        assert_eq!(tab_bar.selected_color, "#e64340");
        assert_eq!(tab_bar.background_color, "#fafafa");
        assert_eq!(tab_bar.border_style, BorderStyle::White);
        assert_eq!(tab_bar.position, TabBarPosition::Bottom);
        assert!(!tab_bar.custom);
        assert_eq!(
            tab_bar.list[0],
            TabItem {
                page_path: "pages/index/index".into(),
                text: "首页".into(),
                icon_path: Some("images/home.png".into()),
                selected_icon_path: Some("images/home-active.png".into()),
            }
        );
        assert_eq!(tab_bar.list[1].icon_path, None);
        assert_eq!(
            app.tab_pages(),
            ["pages/index/index", "pages/cart/cart", "pages/mine/mine"]
        );
        assert!(app.is_tab_page("pages/cart/cart"));
        assert!(!app.is_tab_page("pages/detail/detail"));
        assert!(app.has_page("pages/detail/detail"));
        assert!(!app.has_page("/pages/detail/detail"));
        assert!(app.window.enable_pull_down_refresh);
        assert_eq!(app.window.on_reach_bottom_distance, 100.0);
        assert_eq!(
            app.network_timeout,
            NetworkTimeout {
                request: 10000,
                connect_socket: 60000,
                upload_file: 60000,
                download_file: 30000,
            }
        );
    }

    /// The example project shipped in this repository, read from disk.
    #[test]
    fn reads_the_todo_example() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/todo");
        let read = |file: &str| json::parse(&std::fs::read_to_string(root.join(file)).unwrap());
        let has_file = |file: &str| root.join(file).is_file();
        let app = AppConfig::from_value(&read("app.json"), &has_file).unwrap();
        assert_eq!(app.entry_page(), "pages/index/index");
        assert!(app.is_tab_page("pages/index/index"));
        for route in &app.pages {
            let file = format!("{route}.json");
            let page = PageConfig::from_value(&read(&file), &file).unwrap();
            assert!(!app.window_for(&page).navigation_bar_title_text.is_empty());
        }
    }

    #[test]
    fn allows_unknown_keys_everywhere() {
        let text = r##"{
          "pages": ["pages/index/index", "pages/logs/logs"],
          "window": { "backgroundColorTop": "#fff", "pageOrientation": "auto" },
          "tabBar": { "color": "#000", "selectedColor": "#111", "backgroundColor": "#222",
                      "unknown": 1,
                      "list": [{ "pagePath": "pages/index/index", "text": "A", "extra": [] },
                               { "pagePath": "pages/logs/logs", "text": "B" }] },
          "networkTimeout": { "webSocket": "x" },
          "debug": true, "plugins": {}, "permission": { "scope.userLocation": { "desc": "x" } },
          "requiredBackgroundModes": ["audio"], "darkmode": false
        }"##;
        app(text).unwrap();
        page(
            r#"{ "component": true, "styleIsolation": "apply-shared", "pageOrientation": "auto" }"#,
        )
        .unwrap();
    }

    // ---------------------------------------------------------------- the file itself

    #[test]
    fn app_json_must_be_an_object() {
        assert_eq!(
            app_errors("[]"),
            ["app.json: should be an Object, got Array"]
        );
        assert_eq!(
            app_errors("null"),
            ["app.json: should be an Object, got Null"]
        );
    }

    // ---------------------------------------------------------------- pages

    #[test]
    fn pages_is_required() {
        assert_eq!(app_errors("{}"), [r#"app.json: ["pages"] is required"#]);
    }

    #[test]
    fn pages_must_be_a_non_empty_array_of_string() {
        assert_eq!(
            app_errors(r#"{ "pages": 3 }"#),
            [r#"app.json: ["pages"] should be an Array of String, got Number"#]
        );
        assert_eq!(
            app_errors(r#"{ "pages": "pages/index/index" }"#),
            [r#"app.json: ["pages"] should be an Array of String, got String"#]
        );
        assert_eq!(
            app_errors(r#"{ "pages": [] }"#),
            [r#"app.json: ["pages"] should not be empty"#]
        );
        assert_eq!(
            app_errors(r#"{ "pages": ["pages/index/index", 1, null, ""] }"#),
            [
                r#"app.json: ["pages"][1] should be String, got Number"#,
                r#"app.json: ["pages"][2] should be String, got Null"#,
                r#"app.json: ["pages"][3] should not be empty"#,
            ]
        );
    }

    #[test]
    fn pages_are_paths_without_slash_extension_or_query() {
        let text = r#"{ "pages": [
            "/pages/index/index", "pages/index/index.js", "pages/a/a?id=1",
            "pages//b", "pages/c/", "../d/d", "pages\\e\\e", "pages/v1.2/ok"
        ] }"#;
        assert_eq!(
            app_errors(text),
            [
                r#"app.json: ["pages"][0] "/pages/index/index" should not start with "/""#,
                r#"app.json: ["pages"][1] "pages/index/index.js" should not have a file extension"#,
                r#"app.json: ["pages"][2] "pages/a/a?id=1" should not have a query"#,
                r#"app.json: ["pages"][3] "pages//b" should be a path like "pages/index/index""#,
                r#"app.json: ["pages"][4] "pages/c/" should be a path like "pages/index/index""#,
                r#"app.json: ["pages"][5] "../d/d" should be a path like "pages/index/index""#,
                r#"app.json: ["pages"][6] "pages\\e\\e" should be a path like "pages/index/index""#,
            ]
        );
        let error = app(text).unwrap_err().0.remove(0);
        assert_eq!(error.file, "app.json");
        assert_eq!(error.path, r#"["pages"][0]"#);
        assert_eq!(
            error.kind,
            ConfigErrorKind::BadPath {
                value: "/pages/index/index".into(),
                problem: PathProblem::LeadingSlash,
            }
        );
    }

    #[test]
    fn pages_must_not_repeat() {
        assert_eq!(
            app_errors(r#"{ "pages": ["pages/a/a", "pages/b/b", "pages/a/a"] }"#),
            [r#"app.json: ["pages"][2] "pages/a/a" duplicates ["pages"][0]"#]
        );
    }

    #[test]
    fn each_page_needs_its_script() {
        assert_eq!(
            app_errors_with_files(
                r#"{ "pages": ["pages/index/index", "pages/logs/logs", "pages/about/about"] }"#,
                &[
                    "pages/index/index.js",
                    "pages/index/index.wxml",
                    "pages/logs/logs.wxml"
                ],
            ),
            [
                r#"app.json: ["pages"][1] "pages/logs/logs" has no file pages/logs/logs.js"#,
                r#"app.json: ["pages"][2] "pages/about/about" has no file pages/about/about.js"#,
            ]
        );
    }

    #[test]
    fn pages_keep_their_order() {
        let app = app(r#"{ "pages": ["pages/z/z", "pages/a/a", "pages/m/m"] }"#).unwrap();
        assert_eq!(app.pages, ["pages/z/z", "pages/a/a", "pages/m/m"]);
        assert_eq!(app.entry_page(), "pages/z/z");
    }

    // ---------------------------------------------------------------- entryPagePath

    #[test]
    fn entry_page_path_picks_the_launch_page() {
        let app = app(&two_pages(r#", "entryPagePath": "pages/logs/logs""#)).unwrap();
        assert_eq!(app.entry_page_path, "pages/logs/logs");
        assert_eq!(app.entry_page(), "pages/logs/logs");
        assert_eq!(app.pages[0], "pages/index/index");
    }

    #[test]
    fn entry_page_path_must_be_a_page() {
        assert_eq!(
            app_errors(&two_pages(r#", "entryPagePath": "x""#)),
            [r#"app.json: ["entryPagePath"] "x" is not in ["pages"]"#]
        );
        assert_eq!(
            app_errors(&two_pages(r#", "entryPagePath": "/pages/logs/logs""#)),
            [r#"app.json: ["entryPagePath"] "/pages/logs/logs" is not in ["pages"]"#]
        );
        assert_eq!(
            app_errors(&two_pages(
                r#", "entryPagePath": "pages/logs/logs?from=share""#
            )),
            [r#"app.json: ["entryPagePath"] "pages/logs/logs?from=share" should not have a query"#]
        );
        assert_eq!(
            app_errors(&two_pages(r#", "entryPagePath": ["pages/logs/logs"]"#)),
            [r#"app.json: ["entryPagePath"] should be String, got Array"#]
        );
    }

    #[test]
    fn entry_page_path_may_be_a_subpackage_page() {
        let text = two_pages(
            r#", "entryPagePath": "packageA/pages/cat/cat",
                "subpackages": [{ "root": "packageA", "pages": ["pages/cat/cat"] }]"#,
        );
        assert_eq!(app(&text).unwrap().entry_page(), "packageA/pages/cat/cat");
        let text = two_pages(
            r#", "entryPagePath": "pages/cat/cat",
                "subpackages": [{ "root": "packageA", "pages": ["pages/cat/cat"] }]"#,
        );
        assert_eq!(
            app_errors(&text),
            [
                r#"app.json: ["entryPagePath"] "pages/cat/cat" is not in ["pages"] or a subpackage's pages"#
            ]
        );
    }

    // ---------------------------------------------------------------- window

    #[test]
    fn window_defaults_are_wechats() {
        let app = app(&two_pages("")).unwrap();
        assert_eq!(app.window, WindowConfig::default());
        assert_eq!(app.window.navigation_bar_background_color, "#000000");
        assert_eq!(
            app.window.navigation_bar_text_style,
            NavigationBarTextStyle::White
        );
        assert_eq!(app.window.background_color, "#ffffff");
        assert_eq!(app.window.on_reach_bottom_distance, 50.0);
    }

    #[test]
    fn window_reads_every_key() {
        let app = app(&two_pages(
            r##", "window": {
                "navigationBarBackgroundColor": "#123456", "navigationBarTextStyle": "black",
                "navigationBarTitleText": "T", "navigationStyle": "custom",
                "backgroundColor": "#eeeeee", "backgroundTextStyle": "light",
                "enablePullDownRefresh": true, "onReachBottomDistance": 20.5 }"##,
        ))
        .unwrap();
        assert_eq!(
            app.window,
            WindowConfig {
                navigation_bar_background_color: "#123456".into(),
                navigation_bar_text_style: NavigationBarTextStyle::Black,
                navigation_bar_title_text: "T".into(),
                navigation_style: NavigationStyle::Custom,
                background_color: "#eeeeee".into(),
                background_text_style: BackgroundTextStyle::Light,
                enable_pull_down_refresh: true,
                on_reach_bottom_distance: 20.5,
            }
        );
    }

    #[test]
    fn window_keys_are_type_checked() {
        assert_eq!(
            app_errors(&two_pages(r#", "window": []"#)),
            [r#"app.json: ["window"] should be an Object, got Array"#]
        );
        assert_eq!(
            app_errors(&two_pages(
                r#", "window": {
                    "navigationBarBackgroundColor": 0, "navigationBarTextStyle": "red",
                    "navigationBarTitleText": 1, "navigationStyle": "none",
                    "backgroundColor": false, "backgroundTextStyle": "grey",
                    "enablePullDownRefresh": "true", "onReachBottomDistance": "50" }"#
            )),
            [
                r#"app.json: ["window"]["navigationBarBackgroundColor"] should be String, got Number"#,
                r#"app.json: ["window"]["navigationBarTitleText"] should be String, got Number"#,
                r#"app.json: ["window"]["backgroundColor"] should be String, got Boolean"#,
                r#"app.json: ["window"]["enablePullDownRefresh"] should be Boolean, got String"#,
                r#"app.json: ["window"]["onReachBottomDistance"] should be Number, got String"#,
            ]
        );
        assert_eq!(
            app_errors(&two_pages(r#", "window": { "navigationBarTextStyle": 1 }"#)),
            [r#"app.json: ["window"]["navigationBarTextStyle"] should be String, got Number"#]
        );
    }

    #[test]
    fn lazy_code_loading_takes_only_required_components() {
        assert_eq!(app(&two_pages("")).unwrap().lazy_code_loading, None);
        let app = app(&two_pages(r#", "lazyCodeLoading": "all""#)).unwrap();
        assert_eq!(app.lazy_code_loading, None);
        assert_eq!(
            app.warnings
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [
                r#"app.json: ["lazyCodeLoading"] should be "requiredComponents", got "all": ignored, the default applies"#
            ]
        );
    }

    #[test]
    fn an_undocumented_keyword_is_a_warning_and_the_default_applies() {
        // A real music app: `"navigationBarTextStyle": "#fff"`.
        let app = app(&two_pages(
            r##", "tabBar": { "borderStyle": "grey", "position": "left",
                   "list": [{ "pagePath": "pages/index/index", "text": "A" },
                            { "pagePath": "pages/logs/logs", "text": "B" }] },
                  "window": { "navigationBarTextStyle": "#fff", "navigationStyle": "none",
                              "backgroundTextStyle": "grey" }"##,
        ))
        .unwrap();
        assert_eq!(
            app.warnings
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [
                r##"app.json: ["window"]["navigationBarTextStyle"] should be "black" or "white", got "#fff": ignored, the default applies"##,
                r#"app.json: ["window"]["navigationStyle"] should be "default" or "custom", got "none": ignored, the default applies"#,
                r#"app.json: ["window"]["backgroundTextStyle"] should be "dark" or "light", got "grey": ignored, the default applies"#,
                r#"app.json: ["tabBar"]["borderStyle"] should be "black" or "white", got "grey": ignored, the default applies"#,
                r#"app.json: ["tabBar"]["position"] should be "bottom" or "top", got "left": ignored, the default applies"#,
            ]
        );
        assert_eq!(
            app.window.navigation_bar_text_style,
            NavigationBarTextStyle::White
        );
        assert_eq!(app.window.navigation_style, NavigationStyle::Default);
        let tab_bar = app.tab_bar.unwrap();
        assert_eq!(tab_bar.border_style, BorderStyle::Black);
        assert_eq!(tab_bar.position, TabBarPosition::Bottom);
        let page = page(r#"{ "navigationStyle": "fancy" }"#).unwrap();
        assert_eq!(
            page.warnings
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [
                r#"pages/index/index.json: ["navigationStyle"] should be "default" or "custom", got "fancy": ignored, the default applies"#
            ]
        );
        assert_eq!(page.window.navigation_style, None);
    }

    #[test]
    fn theme_variables_stand_for_keywords() {
        // With `"darkmode": true` a value may be `@name` of theme.json, resolved at launch.
        let app = app(&two_pages(
            r#", "darkmode": true, "window": { "navigationBarTextStyle": "@navTxt", "backgroundTextStyle": "@bgTxt" }"#,
        ));
        assert!(app.is_ok(), "{app:?}");
    }

    // ---------------------------------------------------------------- tabBar

    #[test]
    fn tab_bar_defaults() {
        let app = app(&with_tab_bar(&format!(
            r#"{TAB_COLOURS}, "list": [{{ "pagePath": "pages/index/index", "text": "A" }},
                                       {{ "pagePath": "pages/logs/logs", "text": "B" }}]"#
        )))
        .unwrap();
        let tab_bar = app.tab_bar.unwrap();
        assert_eq!(tab_bar.border_style, BorderStyle::Black);
        assert_eq!(tab_bar.position, TabBarPosition::Bottom);
        assert!(!tab_bar.custom);
    }

    #[test]
    fn tab_bar_reads_position_border_and_custom() {
        let app = app(&with_tab_bar(&format!(
            r#"{TAB_COLOURS}, "position": "top", "borderStyle": "white", "custom": true,
               "list": [{{ "pagePath": "pages/index/index", "text": "A" }},
                        {{ "pagePath": "pages/logs/logs", "text": "B" }}]"#
        )))
        .unwrap();
        let tab_bar = app.tab_bar.unwrap();
        assert_eq!(tab_bar.position, TabBarPosition::Top);
        assert_eq!(tab_bar.border_style, BorderStyle::White);
        assert!(tab_bar.custom);
    }

    #[test]
    fn tab_bar_requires_a_list_but_not_its_colours() {
        assert_eq!(
            app_errors(&with_tab_bar("")),
            [r#"app.json: ["tabBar"]["list"] is required"#]
        );
        // WeChat's own example app.json, and real apps, leave the colours out.
        let app = app(&with_tab_bar(
            r#""list": [{ "pagePath": "pages/index/index", "text": "A" },
                        { "pagePath": "pages/logs/logs", "text": "B" }]"#,
        ))
        .unwrap();
        let tab_bar = app.tab_bar.unwrap();
        assert_eq!(
            [
                tab_bar.color,
                tab_bar.selected_color,
                tab_bar.background_color
            ],
            ["", "", ""]
        );
        assert_eq!(
            app_errors(&two_pages(r#", "tabBar": true"#)),
            [r#"app.json: ["tabBar"] should be an Object, got Boolean"#]
        );
    }

    #[test]
    fn tab_bar_keys_are_type_checked() {
        assert_eq!(
            app_errors(&with_tab_bar(
                r#""color": 1, "selectedColor": null, "backgroundColor": [], "list": {},
                   "borderStyle": "grey", "position": "left", "custom": "yes""#
            )),
            [
                r#"app.json: ["tabBar"]["color"] should be String, got Number"#,
                r#"app.json: ["tabBar"]["selectedColor"] should be String, got Null"#,
                r#"app.json: ["tabBar"]["backgroundColor"] should be String, got Array"#,
                r#"app.json: ["tabBar"]["list"] should be an Array of Object, got Object"#,
                r#"app.json: ["tabBar"]["custom"] should be Boolean, got String"#,
            ]
        );
    }

    #[test]
    fn tab_bar_has_two_to_five_tabs() {
        let tabs = |n: usize| {
            let pages: Vec<String> = (0..n).map(|i| format!(r#""pages/p{i}/p{i}""#)).collect();
            let list: Vec<String> = (0..n)
                .map(|i| format!(r#"{{ "pagePath": "pages/p{i}/p{i}", "text": "{i}" }}"#))
                .collect();
            format!(
                r#"{{ "pages": ["pages/x/x", {}], "tabBar": {{ {TAB_COLOURS}, "list": [{}] }} }}"#,
                pages.join(","),
                list.join(",")
            )
        };
        assert_eq!(
            app_errors(&tabs(1)),
            [r#"app.json: ["tabBar"]["list"] should have 2 to 5 items, got 1"#]
        );
        assert_eq!(
            app_errors(&tabs(6)),
            [r#"app.json: ["tabBar"]["list"] should have 2 to 5 items, got 6"#]
        );
        for n in 2..=5 {
            assert_eq!(app(&tabs(n)).unwrap().tab_pages().len(), n);
        }
    }

    #[test]
    fn tab_items_need_a_declared_page() {
        assert_eq!(
            app_errors(&with_tab_bar(&format!(
                r#"{TAB_COLOURS}, "list": [
                    {{ "pagePath": "pages/x/x", "text": "A" }},
                    {{ "text": "B" }},
                    {{ "pagePath": "pages/logs/logs" }},
                    {{ "pagePath": 7, "text": 8, "iconPath": 9, "selectedIconPath": true }},
                    "pages/index/index"
                ]"#
            ))),
            [
                r#"app.json: ["tabBar"]["list"][0]["pagePath"] "pages/x/x" is not in ["pages"]"#,
                r#"app.json: ["tabBar"]["list"][1]["pagePath"] is required"#,
                r#"app.json: ["tabBar"]["list"][3]["pagePath"] should be String, got Number"#,
                r#"app.json: ["tabBar"]["list"][3]["text"] should be String, got Number"#,
                r#"app.json: ["tabBar"]["list"][3]["iconPath"] should be String, got Number"#,
                r#"app.json: ["tabBar"]["list"][3]["selectedIconPath"] should be String, got Boolean"#,
                r#"app.json: ["tabBar"]["list"][4] should be an Object, got String"#,
            ]
        );
        // Tabs of icons alone, as a real news reader has them.
        let app = app(&with_tab_bar(
            r#""list": [{ "pagePath": "pages/index/index", "iconPath": "a.png" },
                        { "pagePath": "pages/logs/logs", "iconPath": "b.png" }]"#,
        ))
        .unwrap();
        let texts: Vec<String> = app
            .tab_bar
            .unwrap()
            .list
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(texts, ["", ""]);
    }

    #[test]
    fn tab_pages_must_not_repeat() {
        assert_eq!(
            app_errors(&with_tab_bar(&format!(
                r#"{TAB_COLOURS}, "list": [
                    {{ "pagePath": "pages/index/index", "text": "A" }},
                    {{ "pagePath": "pages/logs/logs", "text": "B" }},
                    {{ "pagePath": "pages/index/index", "text": "C" }}
                ]"#
            ))),
            [
                r#"app.json: ["tabBar"]["list"][2]["pagePath"] "pages/index/index" duplicates ["tabBar"]["list"][0]["pagePath"]"#
            ]
        );
    }

    #[test]
    fn tab_pages_must_be_in_the_main_package() {
        let text = two_pages(&format!(
            r#", "subpackages": [{{ "root": "packageA", "pages": ["pages/cat/cat"] }}],
               "tabBar": {{ {TAB_COLOURS}, "list": [
                   {{ "pagePath": "pages/index/index", "text": "A" }},
                   {{ "pagePath": "packageA/pages/cat/cat", "text": "B" }} ] }}"#
        ));
        assert_eq!(
            app_errors(&text),
            [
                r#"app.json: ["tabBar"]["list"][1]["pagePath"] "packageA/pages/cat/cat" is not in ["pages"]"#
            ]
        );
    }

    #[test]
    fn tab_pages_are_not_checked_against_unusable_pages() {
        assert_eq!(
            app_errors(&format!(
                r#"{{ "pages": 1, "tabBar": {{ {TAB_COLOURS}, "list": [
                    {{ "pagePath": "pages/a/a", "text": "A" }},
                    {{ "pagePath": "pages/b/b", "text": "B" }} ] }}, "entryPagePath": "pages/c/c" }}"#
            )),
            [r#"app.json: ["pages"] should be an Array of String, got Number"#]
        );
    }

    // ---------------------------------------------------------------- networkTimeout

    #[test]
    fn network_timeout_defaults_to_a_minute() {
        assert_eq!(
            app(&two_pages("")).unwrap().network_timeout,
            NetworkTimeout {
                request: 60000,
                connect_socket: 60000,
                upload_file: 60000,
                download_file: 60000,
            }
        );
        let app = app(&two_pages(
            r#", "networkTimeout": { "request": 1, "connectSocket": 2, "uploadFile": 3, "downloadFile": 0 }"#,
        ))
        .unwrap();
        assert_eq!(
            app.network_timeout,
            NetworkTimeout {
                request: 1,
                connect_socket: 2,
                upload_file: 3,
                download_file: 0,
            }
        );
    }

    #[test]
    fn network_timeouts_are_whole_milliseconds() {
        assert_eq!(
            app_errors(&two_pages(
                r#", "networkTimeout": { "request": "5000", "connectSocket": -1,
                                        "uploadFile": 1.5, "downloadFile": 1e10 }"#
            )),
            [
                r#"app.json: ["networkTimeout"]["request"] should be Number, got String"#,
                r#"app.json: ["networkTimeout"]["connectSocket"] should be a whole number from 0 to 4294967295, got -1"#,
                r#"app.json: ["networkTimeout"]["uploadFile"] should be a whole number from 0 to 4294967295, got 1.5"#,
                r#"app.json: ["networkTimeout"]["downloadFile"] should be a whole number from 0 to 4294967295, got 10000000000"#,
            ]
        );
        assert_eq!(
            app_errors(&two_pages(r#", "networkTimeout": 5000"#)),
            [r#"app.json: ["networkTimeout"] should be an Object, got Number"#]
        );
    }

    // ---------------------------------------------------------------- subpackages

    const WITH_SUBPACKAGES: &str = r#"{
      "pages": ["pages/index/index", "pages/logs/logs"],
      "subpackages": [
        { "root": "packageA", "pages": ["pages/cat/cat", "pages/dog/dog"] },
        { "root": "packageB/", "name": "pack2", "pages": ["pages/apple/apple"], "independent": true }
      ]
    }"#;

    #[test]
    fn subpackage_pages_are_routes() {
        let app = app(WITH_SUBPACKAGES).unwrap();
        assert_eq!(
            app.pages,
            [
                "pages/index/index",
                "pages/logs/logs",
                "packageA/pages/cat/cat",
                "packageA/pages/dog/dog",
                "packageB/pages/apple/apple",
            ]
        );
        assert_eq!(
            app.subpackages,
            [
                Subpackage {
                    root: "packageA".into(),
                    name: None,
                    pages: vec![
                        "packageA/pages/cat/cat".into(),
                        "packageA/pages/dog/dog".into()
                    ],
                    independent: false,
                },
                Subpackage {
                    root: "packageB".into(),
                    name: Some("pack2".into()),
                    pages: vec!["packageB/pages/apple/apple".into()],
                    independent: true,
                },
            ]
        );
        assert!(app.has_page("packageB/pages/apple/apple"));
        assert_eq!(
            app.subpackage_of("packageA/pages/dog/dog")
                .map(|s| s.root.as_str()),
            Some("packageA")
        );
        assert_eq!(app.subpackage_of("pages/index/index"), None);
        assert_eq!(app.entry_page(), "pages/index/index");
    }

    #[test]
    fn sub_packages_is_the_same_key() {
        let text = WITH_SUBPACKAGES.replace("subpackages", "subPackages");
        assert_eq!(app(&text).unwrap(), app(WITH_SUBPACKAGES).unwrap());
    }

    #[test]
    fn subpackages_and_sub_packages_together_is_an_error() {
        assert_eq!(
            app_errors(&two_pages(r#", "subpackages": [], "subPackages": []"#)),
            [r#"app.json: ["subPackages"] cannot be used together with ["subpackages"]"#]
        );
    }

    #[test]
    fn subpackage_pages_need_their_scripts() {
        assert_eq!(
            app_errors_with_files(
                WITH_SUBPACKAGES,
                &[
                    "pages/index/index.js",
                    "pages/logs/logs.js",
                    "packageA/pages/cat/cat.js",
                    "pages/apple/apple.js",
                ],
            ),
            [
                r#"app.json: ["subpackages"][0]["pages"][1] "pages/dog/dog" has no file packageA/pages/dog/dog.js"#,
                r#"app.json: ["subpackages"][1]["pages"][0] "pages/apple/apple" has no file packageB/pages/apple/apple.js"#,
            ]
        );
    }

    #[test]
    fn subpackage_entries_are_type_checked() {
        assert_eq!(
            app_errors(&two_pages(
                r#", "subpackages": [
                    {},
                    { "root": 1, "pages": "pages/a/a", "name": 2, "independent": "yes" },
                    { "root": "", "pages": [3, "/pages/b/b", "pages/b/b.js"] },
                    "packageC"
                ]"#
            )),
            [
                r#"app.json: ["subpackages"][0]["root"] is required"#,
                r#"app.json: ["subpackages"][0]["pages"] is required"#,
                r#"app.json: ["subpackages"][1]["root"] should be String, got Number"#,
                r#"app.json: ["subpackages"][1]["name"] should be String, got Number"#,
                r#"app.json: ["subpackages"][1]["independent"] should be Boolean, got String"#,
                r#"app.json: ["subpackages"][1]["pages"] should be an Array of String, got String"#,
                r#"app.json: ["subpackages"][2]["root"] should not be empty"#,
                r#"app.json: ["subpackages"][2]["pages"][0] should be String, got Number"#,
                r#"app.json: ["subpackages"][2]["pages"][1] "/pages/b/b" should not start with "/""#,
                r#"app.json: ["subpackages"][2]["pages"][2] "pages/b/b.js" should not have a file extension"#,
                r#"app.json: ["subpackages"][3] should be an Object, got String"#,
            ]
        );
        assert_eq!(
            app_errors(&two_pages(r#", "subPackages": {}"#)),
            [r#"app.json: ["subPackages"] should be an Array of Object, got Object"#]
        );
    }

    #[test]
    fn subpackage_roots_must_not_overlap() {
        assert_eq!(
            app_errors(&two_pages(
                r#", "subpackages": [
                    { "root": "packageA", "pages": ["a/a"] },
                    { "root": "packageA/", "pages": ["b/b"] },
                    { "root": "packageA/inner", "pages": ["c/c"] },
                    { "root": "pack", "pages": ["d/d"] },
                    { "root": "/packageE", "pages": ["e/e"] }
                ]"#
            )),
            [
                r#"app.json: ["subpackages"][1]["root"] "packageA/" duplicates ["subpackages"][0]["root"]"#,
                r#"app.json: ["subpackages"][2]["root"] "packageA/inner" overlaps ["subpackages"][0]["root"] "packageA""#,
                r#"app.json: ["subpackages"][4]["root"] "/packageE" should not start with "/""#,
            ]
        );
        assert_eq!(
            app_errors(&two_pages(
                r#", "subpackages": [
                    { "root": "packageA/inner", "pages": ["a/a"] },
                    { "root": "packageA", "pages": ["b/b"] }
                ]"#
            )),
            [
                r#"app.json: ["subpackages"][1]["root"] "packageA" overlaps ["subpackages"][0]["root"] "packageA/inner""#
            ]
        );
    }

    #[test]
    fn subpackage_pages_must_not_repeat() {
        assert_eq!(
            app_errors(&two_pages(
                r#", "subpackages": [{ "root": "packageA", "pages": ["pages/cat/cat", "pages/cat/cat"] }]"#
            )),
            [
                r#"app.json: ["subpackages"][0]["pages"][1] "pages/cat/cat" duplicates ["subpackages"][0]["pages"][0]"#
            ]
        );
    }

    #[test]
    fn main_pages_must_not_be_in_a_subpackage_root() {
        assert_eq!(
            app_errors(
                r#"{ "pages": ["pages/index/index", "packageA/pages/cat/cat"],
                     "subpackages": [{ "root": "packageA", "pages": ["pages/dog/dog"] }] }"#
            ),
            [
                r#"app.json: ["pages"][1] "packageA/pages/cat/cat" is inside ["subpackages"][0]["root"] "packageA""#
            ]
        );
    }

    // ---------------------------------------------------------------- all at once

    #[test]
    fn reports_every_problem_at_once() {
        let text = format!(
            r#"{{
              "pages": ["pages/index/index", "pages/logs/logs.js", "pages/index/index", "pages/gone/gone"],
              "entryPagePath": "pages/home/home",
              "window": {{ "navigationBarTitleText": 1, "enablePullDownRefresh": "yes" }},
              "tabBar": {{ {TAB_COLOURS}, "list": [{{ "pagePath": "pages/x/x", "text": "X" }}] }},
              "networkTimeout": {{ "request": -5 }}
            }}"#
        );
        let errors =
            AppConfig::from_value(&json::parse(&text), &|path| path != "pages/gone/gone.js")
                .unwrap_err();
        let expected = [
            r#"app.json: ["pages"][1] "pages/logs/logs.js" should not have a file extension"#,
            r#"app.json: ["pages"][2] "pages/index/index" duplicates ["pages"][0]"#,
            r#"app.json: ["pages"][3] "pages/gone/gone" has no file pages/gone/gone.js"#,
            r#"app.json: ["entryPagePath"] "pages/home/home" is not in ["pages"]"#,
            r#"app.json: ["window"]["navigationBarTitleText"] should be String, got Number"#,
            r#"app.json: ["window"]["enablePullDownRefresh"] should be Boolean, got String"#,
            r#"app.json: ["tabBar"]["list"] should have 2 to 5 items, got 1"#,
            r#"app.json: ["tabBar"]["list"][0]["pagePath"] "pages/x/x" is not in ["pages"]"#,
            r#"app.json: ["networkTimeout"]["request"] should be a whole number from 0 to 4294967295, got -5"#,
        ];
        assert_eq!(errors.messages(), expected);
        assert_eq!(errors.to_string(), expected.join("\n"));
    }

    // ---------------------------------------------------------------- page json

    #[test]
    fn page_json_sets_window_overrides_and_components() {
        let page = page(
            r#"{
              "navigationBarTitleText": "Logs",
              "enablePullDownRefresh": true,
              "navigationBarTextStyle": "black",
              "disableScroll": true,
              "usingComponents": { "todo-item": "/components/todo-item/todo-item", "van-button": "@vant/weapp/button/index" }
            }"#,
        )
        .unwrap();
        assert_eq!(
            page.window.navigation_bar_title_text.as_deref(),
            Some("Logs")
        );
        assert_eq!(page.window.enable_pull_down_refresh, Some(true));
        assert_eq!(page.window.background_color, None);
        assert!(page.disable_scroll);
        assert_eq!(
            page.using_components,
            [
                (
                    "todo-item".to_string(),
                    "/components/todo-item/todo-item".to_string()
                ),
                (
                    "van-button".to_string(),
                    "@vant/weapp/button/index".to_string()
                ),
            ]
        );
    }

    #[test]
    fn an_empty_page_json_changes_nothing() {
        let page = page("{}").unwrap();
        assert_eq!(page, PageConfig::default());
        assert!(!page.disable_scroll);
        let app = app(QUICKSTART).unwrap();
        assert_eq!(app.window_for(&page), app.window);
    }

    #[test]
    fn window_for_applies_a_page_over_the_app() {
        let app = app(QUICKSTART).unwrap();
        let logs =
            page(r##"{ "navigationBarTitleText": "查看启动日志", "backgroundColor": "#f6f6f6" }"##)
                .unwrap();
        let window = app.window_for(&logs);
        assert_eq!(window.navigation_bar_title_text, "查看启动日志");
        assert_eq!(window.background_color, "#f6f6f6");
        assert_eq!(window.navigation_bar_background_color, "#fff");
        assert_eq!(
            window.navigation_bar_text_style,
            NavigationBarTextStyle::Black
        );
        assert_eq!(window.background_text_style, BackgroundTextStyle::Light);
    }

    #[test]
    fn page_json_errors_name_the_file() {
        assert_eq!(
            page_errors(
                r#"{ "navigationBarTitleText": 1, "navigationStyle": "fancy", "disableScroll": 0,
                     "usingComponents": { "a": "/a", "b": 2 }, "onReachBottomDistance": null }"#
            ),
            [
                r#"pages/index/index.json: ["navigationBarTitleText"] should be String, got Number"#,
                r#"pages/index/index.json: ["onReachBottomDistance"] should be Number, got Null"#,
                r#"pages/index/index.json: ["usingComponents"]["b"] should be String, got Number"#,
                r#"pages/index/index.json: ["disableScroll"] should be Boolean, got Number"#,
            ]
        );
        assert_eq!(
            page_errors(r#"{ "usingComponents": [] }"#),
            [r#"pages/index/index.json: ["usingComponents"] should be an Object, got Array"#]
        );
        assert_eq!(
            PageConfig::from_value(&json::parse("\"x\""), "pages/logs/logs.json")
                .unwrap_err()
                .to_string(),
            "pages/logs/logs.json: should be an Object, got String"
        );
    }

    #[test]
    fn app_using_components_are_read() {
        let app = app(&two_pages(
            r#", "usingComponents": { "nav-bar": "components/nav-bar/index" }"#,
        ))
        .unwrap();
        assert_eq!(
            app.using_components,
            [(
                "nav-bar".to_string(),
                "components/nav-bar/index".to_string()
            )]
        );
    }

    // ---------------------------------------------------------------- built in code

    /// Other modules' tests build configs without `app.json`.
    #[test]
    fn a_config_built_in_code_answers_route_questions() {
        let app = AppConfig {
            pages: vec!["pages/a/a".into(), "pages/b/b".into(), "pages/c/c".into()],
            tab_bar: Some(TabBarConfig {
                list: vec![
                    TabItem {
                        page_path: "pages/a/a".into(),
                        text: "A".into(),
                        ..TabItem::default()
                    },
                    TabItem {
                        page_path: "pages/b/b".into(),
                        text: "B".into(),
                        ..TabItem::default()
                    },
                ],
                ..TabBarConfig::default()
            }),
            ..AppConfig::default()
        };
        assert_eq!(app.entry_page(), "pages/a/a");
        assert_eq!(app.tab_pages(), ["pages/a/a", "pages/b/b"]);
        assert!(app.is_tab_page("pages/b/b"));
        assert!(!app.is_tab_page("pages/c/c"));
        assert!(app.has_page("pages/c/c"));
        assert!(!app.has_page("pages/d/d"));
        let with_entry = AppConfig {
            entry_page_path: "pages/c/c".into(),
            ..app
        };
        assert_eq!(with_entry.entry_page(), "pages/c/c");
        assert_eq!(AppConfig::default().entry_page(), "");
    }
}
