//! What WeChat's template compiler accepts with a warning, wxrt accepts too: each case
//! compiles, does what WeChat does with it, and says so at `file:line:column`.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

// Named like the module so `cargo test wxml` selects these tests.
mod wxml_lenient {
    use wxrt_core::wxml::{compile, undeclared_tags, WxmlWarning};

    const PAGE: &str = "pages/index/index.wxml";

    /// The code of `render` (trimmed lines) and the warnings as `line:column: message`.
    fn lenient(source: &str) -> (String, Vec<String>) {
        let compiled = compile(PAGE, source).unwrap_or_else(|e| panic!("{e}"));
        let start = compiled
            .code
            .find("render: function (D, W, $C) {\n")
            .unwrap()
            + 30;
        let end = compiled.code.rfind("    }\n  };\n  return S;\n})").unwrap();
        let render = compiled.code[start..end]
            .lines()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("\n");
        let warnings = compiled
            .warnings
            .iter()
            .map(|w| {
                assert_eq!(w.file, PAGE);
                format!("{}:{}: {}", w.line, w.column, w.message)
            })
            .collect();
        (render, warnings)
    }

    fn warned(source: &str) -> Vec<String> {
        lenient(source).1
    }

    #[test]
    fn clean_files_have_no_warnings() {
        let source = "<view wx:for=\"{{l}}\" wx:key=\"id\" class=\"a {{b}}\">{{item.n}}</view>";
        assert_eq!(compile(PAGE, source).unwrap().warnings, []);
    }

    #[test]
    fn a_duplicate_attribute_keeps_its_first_value() {
        // TDesign's side-bar-item.wxml writes `aria-label` twice with different values.
        let (render, warnings) = lenient("<view\n  a=\"1\" b a=\"{{x}}\" b=\"2\"/>");
        assert_eq!(
            render,
            "$C.push(R.el(\"view\", {\"a\": \"1\", \"b\": true}, []));"
        );
        assert_eq!(
            warnings,
            [
                "2:11: duplicate attribute `a`: the first value is used",
                "2:21: duplicate attribute `b`: the first value is used"
            ]
        );
        // Directives too: the first `wx:if` is the condition.
        let (render, warnings) = lenient("<a wx:if=\"{{x}}\" wx:if=\"{{y}}\"/>");
        assert!(render.starts_with("if (R.g(D, \"x\")) {"), "{render}");
        assert_eq!(
            warnings,
            ["1:18: duplicate attribute `wx:if`: the first value is used"]
        );
    }

    #[test]
    fn a_computed_loop_name_is_ignored() {
        // A real timetable page: `wx:for-item="{{day_lesson}}"`, never used in the loop.
        let (render, warnings) = lenient(
            "<a wx:for=\"{{l}}\" wx:for-item=\"{{day}}\" wx:for-index=\"{{i}}\">{{item}}{{index}}</a>",
        );
        assert!(render.contains("function (v_item, v_index)"), "{render}");
        assert_eq!(
            warnings,
            [
                "1:32: `wx:for-item` cannot be computed (`{{ }}`): it is ignored, and the loop's name is `item`",
                "1:55: `wx:for-index` cannot be computed (`{{ }}`): it is ignored, and the loop's name is `index`",
            ]
        );
    }

    #[test]
    fn a_bare_wx_key_keys_nothing() {
        // A real blog app: `<view wx:for="{{posts}}" wx:key>`.
        let (render, warnings) = lenient("<a wx:for=\"{{l}}\" wx:key>{{item}}</a>");
        assert_eq!(
            render,
            lenient("<a wx:for=\"{{l}}\">{{item}}</a>").0,
            "the same as no key"
        );
        assert_eq!(
            warnings,
            ["1:19: `wx:key` without a value: the rows are not keyed"]
        );
    }

    #[test]
    fn a_loop_name_that_is_no_name_reaches_nothing() {
        // As in glass-easel (`InvalidScopeName`): kept, so `item` is the page's own field.
        let (render, warnings) = lenient("<a wx:for=\"{{l}}\" wx:for-item=\"a.b\">{{item}}</a>");
        assert!(render.contains("function (v_a$2e$b, v_index)"), "{render}");
        assert!(render.contains("R.g(D, \"item\")"), "{render}");
        assert_eq!(
            warnings,
            ["1:32: `wx:for-item` should be a name, like `item`: no expression can use `a.b`"]
        );
        assert_eq!(
            warned("<a wx:for=\"{{l}}\" wx:for-item=\"true\"/>"),
            ["1:32: `wx:for-item` should be a name, like `item`: no expression can use `true`"]
        );
    }

    #[test]
    fn unknown_wx_attributes_are_ignored() {
        // TDesign's drawer.wxml: `wx:item="item"` beside `wx:for`.
        let (render, warnings) =
            lenient("<view wx:for=\"{{l}}\" wx:item=\"item\" wx:fro=\"x\">{{item}}</view>");
        assert!(render.contains("R.each(R.g(D, \"l\")"), "{render}");
        assert!(render.contains("R.el(\"view\", {}, c"), "{render}");
        assert_eq!(
            warnings,
            [
                "1:22: unknown directive `wx:item` is ignored",
                "1:37: unknown directive `wx:fro` is ignored"
            ]
        );
    }

    #[test]
    fn directives_on_definitions_are_ignored() {
        let source = "<import src=\"a\" wx:if=\"{{x}}\"/>\n\
                      <template name=\"t\" wx:for=\"{{l}}\"><b/></template>\n\
                      <wxs module=\"m\" wx:if=\"{{y}}\">module.exports = 1</wxs>";
        let compiled = compile(PAGE, source).unwrap();
        assert_eq!(compiled.imports, ["pages/index/a.wxml"]);
        assert!(compiled.code.contains("T[\"t\"] = function"));
        let warnings: Vec<String> = compiled
            .warnings
            .iter()
            .map(WxmlWarning::to_string)
            .collect();
        assert_eq!(
            warnings,
            [
                "pages/index/index.wxml:1:17: `wx:if` means nothing on `<import>` and is ignored",
                "pages/index/index.wxml:2:20: `wx:for` means nothing on `<template>` and is ignored",
                "pages/index/index.wxml:3:17: `wx:if` means nothing on `<wxs>` and is ignored"
            ]
        );
    }

    #[test]
    fn a_misplaced_else_shows_its_element_always() {
        let misplaced = "`wx:elif` and `wx:else` must follow an element with `wx:if` or \
                         `wx:elif`: ignored, the element always shows";
        let (render, warnings) = lenient("<a/>\n<b wx:else/>");
        assert_eq!(
            render,
            "$C.push(R.el(\"a\", {}, []));\n$C.push(R.el(\"b\", {}, []));"
        );
        assert_eq!(warnings, [format!("2:4: {misplaced}")]);
        // Text between ends the chain.
        let (render, warnings) = lenient("<a wx:if=\"{{x}}\"/>text<b wx:elif=\"{{y}}\"/>");
        assert!(
            render.ends_with("$C.push(R.el(\"b\", {}, []));"),
            "{render}"
        );
        assert!(!render.contains("else"), "{render}");
        assert_eq!(warnings, [format!("1:26: {misplaced}")]);
        // A second `wx:else` after a complete chain.
        let (render, warnings) = lenient("<a wx:if=\"{{x}}\"/><b wx:else/><c wx:else/>");
        assert!(
            render.ends_with("}\n$C.push(R.el(\"c\", {}, []));"),
            "{render}"
        );
        assert_eq!(warnings, [format!("1:34: {misplaced}")]);
        // An element with wx:for and wx:if tests per iteration, so it starts no chain.
        let (render, warnings) = lenient("<a wx:for=\"{{l}}\" wx:if=\"{{x}}\"/><b wx:else/>");
        assert!(
            render.ends_with("$C.push(R.el(\"b\", {}, []));"),
            "{render}"
        );
        assert_eq!(warnings, [format!("1:37: {misplaced}")]);
    }

    #[test]
    fn of_several_conditions_wx_if_then_wx_elif_counts() {
        let (render, warnings) = lenient("<a wx:else wx:if=\"{{x}}\"/>");
        assert!(render.starts_with("if (R.g(D, \"x\")) {"), "{render}");
        assert!(!render.contains("else"), "{render}");
        assert_eq!(warnings, ["1:4: `wx:else` is ignored: `wx:if` is used"]);
        let (render, warnings) =
            lenient("<a wx:if=\"{{x}}\"/><b wx:else wx:elif=\"{{y}}\"/><c wx:else/>");
        assert!(
            render.contains("} else if (R.g(D, \"y\")) {") && render.contains("} else {"),
            "{render}"
        );
        assert_eq!(warnings, ["1:22: `wx:else` is ignored: `wx:elif` is used"]);
    }

    #[test]
    fn else_beside_for_is_ignored() {
        let (render, warnings) = lenient("<a wx:if=\"{{x}}\"/><b wx:for=\"{{l}}\" wx:else/>");
        assert!(render.starts_with("if (R.g(D, \"x\")) {"), "{render}");
        assert!(render.contains("R.each(R.g(D, \"l\")"), "{render}");
        assert!(!render.contains("else"), "{render}");
        assert_eq!(
            warnings,
            ["1:37: `wx:else` is ignored: it cannot go with `wx:for`"]
        );
    }

    #[test]
    fn an_empty_mustache_is_the_empty_string() {
        let (render, warnings) = lenient("<a x=\"{{}}\" y=\"{{ }}b\">{{\n}}</a>");
        assert_eq!(
            render,
            "var c1 = [];\nc1.push(R.text(\"\"));\n$C.push(R.el(\"a\", {\"x\": \"\", \"y\": \"b\"}, c1));"
        );
        let empty = "empty `{{ }}`: it stands for the empty string";
        assert_eq!(
            warnings,
            [
                format!("1:7: {empty}"),
                format!("1:16: {empty}"),
                format!("1:24: {empty}")
            ]
        );
        let (render, _) = lenient("<template is=\"t\" data=\"{{ }}\"/>");
        assert_eq!(render, "R.tpl(S, \"t\", {}, W, $C);");
    }

    #[test]
    fn a_lone_less_than_is_text() {
        let (render, warnings) = lenient("<a>1 < 2, 3 <= 4</a>");
        assert_eq!(
            render,
            "var c1 = [];\nc1.push(R.text(\"1 < 2, 3 <= 4\"));\n$C.push(R.el(\"a\", {}, c1));"
        );
        let text = "`<` opens no tag here, so it is text (write {{'<'}} to make that clear)";
        assert_eq!(warnings, [format!("1:6: {text}"), format!("1:13: {text}")]);
    }

    #[test]
    fn declarations_are_dropped() {
        let (render, warnings) = lenient("<!DOCTYPE html>\n<a/>");
        assert_eq!(render, "$C.push(R.el(\"a\", {}, []));");
        assert_eq!(
            warnings,
            ["1:1: `<!DOCTYPE html>` is not WXML and is ignored"]
        );
    }

    #[test]
    fn unclosed_and_mismatched_tags_stay_errors() {
        // WeChat's compiler refuses these too (`end tag missing`, `expect end-tag`).
        for source in ["<view>", "<view><text></view>", "</view>"] {
            assert!(compile(PAGE, source).is_err(), "{source}");
        }
    }

    #[test]
    fn undeclared_tags_are_warned_once_each_outside_templates() {
        let source = "<view>\n  <t-button/><t-buton/>\n  <t-buton/><picker-view><picker-view-column/></picker-view>\n</view>\n\
                      <template name=\"row\"><t-cell/></template><slot/><block/>";
        let warnings: Vec<String> = undeclared_tags(PAGE, source, &["t-button"])
            .iter()
            .map(WxmlWarning::to_string)
            .collect();
        assert_eq!(
            warnings,
            [
                "pages/index/index.wxml:2:14: `<t-buton>` is not a built-in component and not in \
              `usingComponents`: it renders as an element without behaviour"
            ]
        );
        // A file that does not parse has its compile error instead.
        assert_eq!(undeclared_tags(PAGE, "<x-y>", &[]), []);
    }

    #[test]
    fn warnings_come_in_source_order() {
        let warnings = warned("<a wx:x=\"1\" y y/>\n<b>{{}}</b>\n<!X>");
        let lines: Vec<&str> = warnings
            .iter()
            .map(|w| w.split(':').next().unwrap())
            .collect();
        assert_eq!(lines, ["1", "1", "2", "3"], "{warnings:?}");
    }
}
