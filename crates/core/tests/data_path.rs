//! `setData` data paths: parsing rules and how applying them reshapes page data.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

// Named like the module so `cargo test data_path` selects these tests.
mod data_path {
    use proptest::prelude::*;
    use wxrt_core::data_path::{
        apply_all, apply_key, apply_path, parse_path, DataPathError, DataTree, MemoryNode,
        MemoryTree, NodeKind, PathSegment, MAX_INDEX,
    };

    fn f(name: &str) -> PathSegment {
        PathSegment::Field(name.into())
    }

    fn i(index: usize) -> PathSegment {
        PathSegment::Index(index)
    }

    fn parsed(key: &str) -> Vec<PathSegment> {
        parse_path(key).unwrap()
    }

    /// A tree whose root data object holds `prop: <initial>`.
    fn data_with(initial: MemoryNode) -> (MemoryTree, usize) {
        let mut tree = MemoryTree::new();
        let data = tree.new_object();
        let value = tree.add(initial);
        tree.set_field(&data, "prop", value);
        (tree, data)
    }

    /// Applies `key = 1` to `{prop: initial}` and renders the result.
    fn set_one(initial: MemoryNode, key: &str) -> String {
        let (mut tree, data) = data_with(initial);
        let one = tree.add(MemoryNode::Number(1.0));
        apply_key(&mut tree, &data, key, one).unwrap();
        tree.render(&data)
    }

    fn array_of(tree: &mut MemoryTree, numbers: &[f64]) -> MemoryNode {
        MemoryNode::Array(
            numbers
                .iter()
                .map(|&n| tree.add(MemoryNode::Number(n)))
                .collect(),
        )
    }

    // --- parsing ---

    #[test]
    fn splits_on_dots_and_indexes() {
        assert_eq!(parsed("a.b[2].c"), vec![f("a"), f("b"), i(2), f("c")]);
        assert_eq!(parsed("a[0][12]"), vec![f("a"), i(0), i(12)]);
        assert_eq!(parsed("list[007]"), vec![f("list"), i(7)]);
        assert_eq!(parsed("a[1]b"), vec![f("a"), i(1), f("b")]);
    }

    #[test]
    fn backslash_escapes_only_the_separators_and_itself() {
        assert_eq!(parsed(r"a\.b"), vec![f("a.b")]);
        assert_eq!(parsed(r"a\[0\]"), vec![f("a[0]")]);
        assert_eq!(parsed(r"a\\.b"), vec![f(r"a\"), f("b")]);
        assert_eq!(parsed(r" a\.\*\ b"), vec![f(r" a.\*\ b")]);
        assert_eq!(parsed(r"3c\"), vec![f(r"3c\")]);
    }

    #[test]
    fn digits_spaces_and_unicode_are_literal_in_field_names() {
        assert_eq!(parsed("_2a1.bb.3c"), vec![f("_2a1"), f("bb"), f("3c")]);
        assert_eq!(parsed("0"), vec![f("0")]);
        assert_eq!(parsed(" _ "), vec![f(" _ ")]);
        assert_eq!(parsed("a [0]. [12]"), vec![f("a "), i(0), f(" "), i(12)]);
        assert_eq!(parsed("用户.名字"), vec![f("用户"), f("名字")]);
        assert_eq!(parsed("a]b"), vec![f("a]b")]);
        assert_eq!(parsed("a-b*c"), vec![f("a-b*c")]);
    }

    #[test]
    fn empty_segments_are_dropped() {
        assert_eq!(parsed("a..b"), vec![f("a"), f("b")]);
        assert_eq!(parsed(".a"), vec![f("a")]);
        assert_eq!(parsed("a."), vec![f("a")]);
        assert_eq!(parsed("a.[1]"), vec![f("a"), i(1)]);
    }

    #[test]
    fn a_key_without_segments_is_rejected() {
        for key in ["", ".", "..."] {
            assert_eq!(
                parse_path(key),
                Err(DataPathError::Empty { key: key.into() })
            );
        }
        assert_eq!(
            DataPathError::Empty { key: "".into() }.to_string(),
            r#"setData: data path "" is empty: name the field to set"#
        );
    }

    #[test]
    fn anything_but_digits_inside_brackets_is_an_illegal_index() {
        for (key, at) in [
            ("a[x].b", 2),
            ("a[]", 2),
            ("a[-1]", 2),
            ("a[ 1]", 2),
            ("a[1 ]", 3),
            ("a[1e]", 3),
            ("a[1.5]", 3),
            ("a[０]", 2),
            ("a[", 2),
        ] {
            assert_eq!(
                parse_path(key),
                Err(DataPathError::IllegalIndex {
                    key: key.into(),
                    at
                }),
                "{key}"
            );
        }
        assert_eq!(
            parse_path("a[x].b").unwrap_err().to_string(),
            r#"setData: illegal index in data path "a[x].b" at char 2: only digits 0-9 may appear inside [ ]"#
        );
    }

    #[test]
    fn an_unclosed_bracket_is_rejected() {
        assert_eq!(
            parse_path("a[1"),
            Err(DataPathError::UnclosedBracket { key: "a[1".into() })
        );
        assert_eq!(
            parse_path("a[12").unwrap_err().to_string(),
            r#"setData: unclosed [ in data path "a[12": add the closing ]"#
        );
    }

    #[test]
    fn indexes_past_the_js_array_limit_are_rejected() {
        assert_eq!(
            parsed(&format!("a[{MAX_INDEX}]")),
            vec![f("a"), i(MAX_INDEX)]
        );
        for key in ["a[4294967295]", "a[99999999999999999999999999]"] {
            assert_eq!(
                parse_path(key),
                Err(DataPathError::IndexTooLarge { key: key.into() })
            );
        }
    }

    #[test]
    fn parsing_is_linear_on_hostile_input() {
        let long = "\\".repeat(1 << 20) + &".".repeat(1 << 20) + &"9".repeat(1 << 20);
        assert!(parse_path(&long).is_ok());
        assert!(parse_path(&format!("a[{}]", "9".repeat(1 << 20))).is_err());
    }

    // --- applying: examples from the contract ---

    #[test]
    fn creates_the_whole_path_in_empty_data() {
        let mut tree = MemoryTree::new();
        let data = tree.new_object();
        let one = tree.add(MemoryNode::Number(1.0));
        apply_key(&mut tree, &data, "a.b[0].c", one).unwrap();
        assert_eq!(tree.render(&data), r#"{"a":{"b":[{"c":1}]}}"#);
    }

    #[test]
    fn an_index_into_a_string_replaces_it_with_a_holey_array() {
        let (mut tree, data) = data_with(MemoryNode::String("str".into()));
        let x = tree.add(MemoryNode::String("x".into()));
        apply_key(&mut tree, &data, "prop[2]", x).unwrap();
        assert_eq!(tree.render(&data), r#"{"prop":[undefined,undefined,"x"]}"#);
    }

    #[test]
    fn a_field_on_an_array_replaces_it_with_an_object() {
        let mut tree = MemoryTree::new();
        let data = tree.new_object();
        let array = array_of(&mut tree, &[1.0, 2.0]);
        let array = tree.add(array);
        tree.set_field(&data, "a", array);
        let one = tree.add(MemoryNode::Number(1.0));
        apply_key(&mut tree, &data, "a.x", one).unwrap();
        assert_eq!(tree.render(&data), r#"{"a":{"x":1}}"#);
    }

    // --- applying: creation rules for each kind of intermediate ---

    #[test]
    fn a_field_next_keeps_only_non_array_objects() {
        let replaced = r#"{"prop":{"x":1}}"#;
        assert_eq!(set_one(MemoryNode::Missing, "prop.x"), replaced);
        assert_eq!(set_one(MemoryNode::Null, "prop.x"), replaced);
        assert_eq!(set_one(MemoryNode::Number(3.0), "prop.x"), replaced);
        assert_eq!(set_one(MemoryNode::String("s".into()), "prop.x"), replaced);
        assert_eq!(set_one(MemoryNode::Bool(true), "prop.x"), replaced);
        assert_eq!(set_one(MemoryNode::Array(Vec::new()), "prop.x"), replaced);

        let (mut tree, data) = data_with(MemoryNode::Missing);
        let kept = tree.new_object();
        let two = tree.add(MemoryNode::Number(2.0));
        tree.set_field(&kept, "y", two);
        tree.set_field(&data, "prop", kept);
        let one = tree.add(MemoryNode::Number(1.0));
        apply_key(&mut tree, &data, "prop.x", one).unwrap();
        assert_eq!(tree.render(&data), r#"{"prop":{"x":1,"y":2}}"#);
        assert_eq!(
            tree.field(&data, "prop"),
            kept,
            "the same object is mutated, not copied"
        );
    }

    #[test]
    fn an_index_next_keeps_only_arrays() {
        let replaced = r#"{"prop":[1]}"#;
        assert_eq!(set_one(MemoryNode::Missing, "prop[0]"), replaced);
        assert_eq!(set_one(MemoryNode::Null, "prop[0]"), replaced);
        assert_eq!(set_one(MemoryNode::Number(3.0), "prop[0]"), replaced);
        assert_eq!(set_one(MemoryNode::String("s".into()), "prop[0]"), replaced);
        assert_eq!(set_one(MemoryNode::Bool(false), "prop[0]"), replaced);
        assert_eq!(
            set_one(MemoryNode::Object(Default::default()), "prop[0]"),
            replaced
        );

        let (mut tree, data) = data_with(MemoryNode::Missing);
        let kept = array_of(&mut tree, &[7.0, 8.0]);
        let kept = tree.add(kept);
        tree.set_field(&data, "prop", kept);
        let one = tree.add(MemoryNode::Number(1.0));
        apply_key(&mut tree, &data, "prop[0]", one).unwrap();
        assert_eq!(tree.render(&data), r#"{"prop":[1,8]}"#);
        assert_eq!(tree.field(&data, "prop"), kept);
    }

    #[test]
    fn holes_and_nested_intermediates_follow_the_same_rules() {
        let mut tree = MemoryTree::new();
        let data = tree.new_object();
        let one = tree.add(MemoryNode::Number(1.0));
        apply_key(&mut tree, &data, "a[1][2].b", one).unwrap();
        assert_eq!(
            tree.render(&data),
            r#"{"a":[undefined,[undefined,undefined,{"b":1}]]}"#
        );
        // The hole at a[0] is Missing, so a field path through it creates an object there.
        apply_key(&mut tree, &data, "a[0].c", one).unwrap();
        assert_eq!(
            tree.render(&data),
            r#"{"a":[{"c":1},[undefined,undefined,{"b":1}]]}"#
        );
    }

    #[test]
    fn writing_past_the_end_extends_the_array() {
        let (mut tree, data) = data_with(MemoryNode::Missing);
        let list = array_of(&mut tree, &[1.0]);
        let list = tree.add(list);
        tree.set_field(&data, "list", list);
        let nine = tree.add(MemoryNode::Number(9.0));
        apply_key(&mut tree, &data, "list[1]", nine).unwrap();
        apply_key(&mut tree, &data, "list[4]", nine).unwrap();
        assert_eq!(tree.render(&list), "[1,9,undefined,undefined,9]");
    }

    #[test]
    fn the_last_segment_overwrites_whatever_was_there() {
        let mut tree = MemoryTree::new();
        let data = tree.new_object();
        let one = tree.add(MemoryNode::Number(1.0));
        let null = tree.add(MemoryNode::Null);
        apply_key(&mut tree, &data, "a.b.c", one).unwrap();
        apply_key(&mut tree, &data, "a.b", null).unwrap();
        assert_eq!(tree.render(&data), r#"{"a":{"b":null}}"#);
        apply_key(&mut tree, &data, "a", one).unwrap();
        assert_eq!(tree.render(&data), r#"{"a":1}"#);
    }

    #[test]
    fn a_top_level_index_is_a_property_name_on_data() {
        let mut tree = MemoryTree::new();
        let data = tree.new_object();
        let one = tree.add(MemoryNode::Number(1.0));
        apply_key(&mut tree, &data, "[0]", one).unwrap();
        apply_key(&mut tree, &data, "[1].a", one).unwrap();
        apply_key(&mut tree, &data, "[2][1]", one).unwrap();
        assert_eq!(
            tree.render(&data),
            r#"{"0":1,"1":{"a":1},"2":[undefined,1]}"#
        );
    }

    #[test]
    fn an_empty_path_changes_nothing() {
        let mut tree = MemoryTree::new();
        let data = tree.new_object();
        let one = tree.add(MemoryNode::Number(1.0));
        apply_path(&mut tree, &data, &[], one);
        assert_eq!(tree.render(&data), "{}");
    }

    #[test]
    fn kinds_of_memory_nodes() {
        let mut tree = MemoryTree::new();
        let cases = [
            (MemoryNode::Missing, NodeKind::Missing),
            (MemoryNode::Null, NodeKind::Null),
            (MemoryNode::Bool(true), NodeKind::Other),
            (MemoryNode::Number(0.0), NodeKind::Other),
            (MemoryNode::String(String::new()), NodeKind::Other),
            (MemoryNode::Array(Vec::new()), NodeKind::Array),
            (MemoryNode::Object(Default::default()), NodeKind::Object),
        ];
        for (node, kind) in cases {
            let handle = tree.add(node);
            assert_eq!(tree.kind(&handle), kind);
        }
    }

    // --- several keys in one setData ---

    #[test]
    fn an_illegal_key_is_reported_and_the_rest_still_apply() {
        let mut tree = MemoryTree::new();
        let data = tree.new_object();
        let (one, two, three) = (
            tree.add(MemoryNode::Number(1.0)),
            tree.add(MemoryNode::Number(2.0)),
            tree.add(MemoryNode::Number(3.0)),
        );
        let errors = apply_all(
            &mut tree,
            &data,
            [
                ("a", one),
                ("b[x]", two),
                ("c[0]", three),
                ("", one),
                ("a", two),
            ],
        );
        assert_eq!(
            errors,
            vec![
                DataPathError::IllegalIndex {
                    key: "b[x]".into(),
                    at: 2
                },
                DataPathError::Empty { key: "".into() },
            ]
        );
        assert_eq!(tree.render(&data), r#"{"a":2,"c":[3]}"#);
    }

    #[test]
    fn keys_apply_in_order_so_later_ones_see_earlier_ones() {
        let mut tree = MemoryTree::new();
        let data = tree.new_object();
        let one = tree.add(MemoryNode::Number(1.0));
        let errors = apply_all(
            &mut tree,
            &data,
            vec![("a.b".to_string(), one), ("a[0]".to_string(), one)],
        );
        assert!(errors.is_empty());
        assert_eq!(tree.render(&data), r#"{"a":[1]}"#);
    }

    // --- properties ---

    /// Reads `path` the way JS would, without creating anything.
    fn read(tree: &MemoryTree, root: usize, path: &[PathSegment]) -> usize {
        path.iter()
            .enumerate()
            .fold(root, |node, (depth, segment)| match segment {
                PathSegment::Field(name) => tree.field(&node, name),
                PathSegment::Index(index) if depth == 0 => tree.field(&node, &index.to_string()),
                PathSegment::Index(index) => tree.element(&node, *index),
            })
    }

    fn segment() -> impl Strategy<Value = PathSegment> {
        prop_oneof![
            "[a-z0-9 .\\[\\]\\\\]{1,4}".prop_map(PathSegment::Field),
            (0usize..6).prop_map(PathSegment::Index),
        ]
    }

    /// Writes `path` as a key, escaping what would otherwise split a field name.
    fn key_of(path: &[PathSegment]) -> String {
        let mut key = String::new();
        for segment in path {
            match segment {
                PathSegment::Field(name) => {
                    key.push('.');
                    for c in name.chars() {
                        if matches!(c, '.' | '[' | ']' | '\\') {
                            key.push('\\');
                        }
                        key.push(c);
                    }
                }
                PathSegment::Index(index) => key.push_str(&format!("[{index}]")),
            }
        }
        key
    }

    proptest! {
        #[test]
        fn parse_never_panics(key in any::<String>()) {
            let _ = parse_path(&key);
        }

        #[test]
        fn parse_never_panics_on_path_like_keys(key in "[a\\\\.\\[\\]0-9x ]{0,40}") {
            if let Ok(path) = parse_path(&key) {
                prop_assert!(!path.is_empty());
                prop_assert!(path.iter().all(|s| s != &PathSegment::Field(String::new())));
            }
        }

        #[test]
        fn escaped_keys_round_trip(path in proptest::collection::vec(segment(), 1..6)) {
            prop_assert_eq!(parse_path(&key_of(&path)).unwrap(), path);
        }

        #[test]
        fn applied_values_read_back(
            writes in proptest::collection::vec((proptest::collection::vec(segment(), 1..5), any::<i32>()), 1..8),
        ) {
            let mut tree = MemoryTree::new();
            let data = tree.new_object();
            for (path, n) in &writes {
                let value = tree.add(MemoryNode::Number(f64::from(*n)));
                apply_path(&mut tree, &data, path, value);
                prop_assert_eq!(read(&tree, data, path), value);
            }
        }
    }
}
