#![allow(clippy::unwrap_used)]
//! Every ordering row of the App/Page lifecycle and route tables (wx-api-spec.md §2.5,
//! §3.5, §3.6), and the background state transitions with a fake clock.

use std::collections::HashMap;

use wxrt_core::lifecycle::{
    AppEvent, AppEventArg, AppState, LaunchRequest, Lifecycle, PageHook, RouteError, RouteTable,
    Step, MAX_PAGES,
};

/// A and B are tab pages; C, D and the numbered pages are not.
fn routes() -> RouteTable {
    let mut pages: Vec<String> = ["A", "B", "C", "D"].map(String::from).to_vec();
    pages.extend((1..=MAX_PAGES).map(|n| format!("P{n}")));
    RouteTable {
        pages,
        tab_pages: vec!["A".into(), "B".into()],
        entry: "A".into(),
        lazy_pages: false,
    }
}

/// Renders steps as `App.onShow`, `+C` (create), `C.onLoad`, remembering page routes
/// across calls so later steps name their pages.
#[derive(Default)]
struct Log {
    routes: HashMap<u32, String>,
}

impl Log {
    fn render(&mut self, steps: &[Step]) -> Vec<String> {
        steps
            .iter()
            .map(|step| match step {
                Step::LoadApp { .. } => "load".to_owned(),
                Step::LoadPage { route } => format!("run {route}"),
                Step::Destroy => "destroy".to_owned(),
                Step::App(event, _) => format!("App.{}", event.hook_name()),
                Step::CreatePage { id, route, .. } => {
                    self.routes.insert(*id, route.clone());
                    format!("+{route}")
                }
                Step::Page(id, hook) => format!("{}.{}", self.routes[id], hook.hook_name()),
                Step::ShowNotFound { path } => format!("not found {path}"),
            })
            .collect()
    }
}

fn launched(search: &str) -> (Lifecycle, Log) {
    let mut app = Lifecycle::new(routes(), LaunchRequest::from_search(search).unwrap());
    let mut log = Log::default();
    app.launch();
    // Name the pages the launch created.
    log.routes
        .extend(app.pages().iter().map(|p| (p.id, p.route.clone())));
    (app, log)
}

fn stack(app: &Lifecycle) -> Vec<&str> {
    app.pages().iter().map(|page| page.route.as_str()).collect()
}

#[test]
fn cold_start_order() {
    let mut app = Lifecycle::new(routes(), LaunchRequest::default());
    let steps = app.launch();
    assert_eq!(
        Log::default().render(&steps),
        [
            "load",
            "App.onLaunch",
            "App.onShow",
            "+A",
            "A.onLoad",
            "A.onShow",
            "A.onReady"
        ]
    );
    assert_eq!(app.state(), AppState::Foreground);
    // A second launch while running changes nothing.
    assert!(app.launch().is_empty());
}

#[test]
fn every_page_module_runs_at_launch_without_lazy_code_loading() {
    let mut app = Lifecycle::new(routes(), LaunchRequest::default());
    let steps = app.launch();
    let Step::LoadApp { pages } = &steps[0] else {
        panic!("{steps:?}");
    };
    assert_eq!(pages, &routes().pages);
    let mut log = Log::default();
    log.routes.insert(1, "A".to_owned());
    assert_eq!(
        log.render(&app.navigate_to("C").unwrap())[..2],
        ["A.onHide", "+C"]
    );
}

#[test]
fn lazy_code_loading_runs_a_page_module_when_the_page_first_opens() {
    let lazy = RouteTable {
        lazy_pages: true,
        ..routes()
    };
    let mut app = Lifecycle::new(lazy, LaunchRequest::default());
    let mut log = Log::default();
    let steps = app.launch();
    assert_eq!(steps[0], Step::LoadApp { pages: vec![] });
    assert_eq!(
        log.render(&steps),
        [
            "load",
            "App.onLaunch",
            "App.onShow",
            "run A",
            "+A",
            "A.onLoad",
            "A.onShow",
            "A.onReady"
        ]
    );
    assert_eq!(
        log.render(&app.navigate_to("C").unwrap())[..3],
        ["A.onHide", "run C", "+C"]
    );
    // Once per launch: a second instance of C, or A again, runs nothing.
    assert_eq!(
        log.render(&app.navigate_to("C").unwrap())[..2],
        ["C.onHide", "+C"]
    );
    let relaunched = log.render(&app.re_launch("A").unwrap());
    assert!(
        relaunched.contains(&"+A".to_owned()) && !relaunched.iter().any(|s| s.starts_with("run")),
        "{relaunched:?}"
    );
    // A cold start runs them afresh.
    app.hide(0);
    log.render(&app.tick(300_000));
    assert_eq!(log.render(&app.show(400_000))[3..5], ["run A", "+A"]);
}

#[test]
fn launch_options_reach_on_launch_on_show_and_on_load() {
    let mut app = Lifecycle::new(
        routes(),
        LaunchRequest::from_search("path=C&query=id%3D3&scene=1011").unwrap(),
    );
    let steps = app.launch();
    let Step::App(AppEvent::Launch, AppEventArg::Options(options)) = &steps[1] else {
        panic!("{steps:?}");
    };
    assert_eq!(options.path, "C");
    assert_eq!(options.scene, 1011);
    assert_eq!(options.query, vec![("id".to_owned(), "3".to_owned())]);
    assert_eq!(
        steps[2],
        Step::App(AppEvent::Show, AppEventArg::Options(options.clone()))
    );
    let Step::CreatePage { route, query, .. } = &steps[3] else {
        panic!("{steps:?}");
    };
    assert_eq!((route.as_str(), query), ("C", &options.query));
    assert_eq!(app.launch_options(), Some(options));
    assert_eq!(app.enter_options(), Some(options));
}

#[test]
fn launch_of_a_missing_page_asks_page_not_found_handlers_first() {
    let (mut app, mut log) = launched("path=pages/gone&query=a%3D1");
    assert!(app.pages().is_empty());
    let mut fresh = Lifecycle::new(
        routes(),
        LaunchRequest::from_search("path=pages/gone").unwrap(),
    );
    let steps = fresh.launch();
    assert_eq!(
        steps.last(),
        Some(&Step::App(
            AppEvent::PageNotFound,
            AppEventArg::NotFound {
                path: "pages/gone".into(),
                query: vec![],
                is_entry_page: true
            }
        ))
    );
    // A handler that redirects synchronously opens a page; no "not found" view.
    let redirect = app.redirect_to("/C?from=404").unwrap();
    assert_eq!(
        log.render(&redirect),
        ["+C", "C.onLoad", "C.onShow", "C.onReady"]
    );
    assert!(app.finish_page_not_found().is_empty());
    // Without a redirect the view says so, once.
    assert_eq!(
        fresh.finish_page_not_found(),
        [Step::ShowNotFound {
            path: "pages/gone".into()
        }]
    );
    assert!(fresh.finish_page_not_found().is_empty());
}

#[test]
fn background_and_foreground_order() {
    let (mut app, mut log) = launched("");
    assert_eq!(log.render(&app.hide(1_000)), ["A.onHide", "App.onHide"]);
    assert_eq!(app.state(), AppState::Background { since_ms: 1_000 });
    // Hiding twice does nothing.
    assert!(app.hide(2_000).is_empty());
    assert_eq!(log.render(&app.show(5_000)), ["App.onShow", "A.onShow"]);
    assert!(app.show(6_000).is_empty());
}

#[test]
fn hot_start_enter_options_name_the_current_page() {
    let (mut app, _) = launched("scene=1007");
    app.navigate_to("C?id=9").unwrap();
    app.hide(0);
    let steps = app.show(10);
    let Step::App(AppEvent::Show, AppEventArg::Options(options)) = &steps[0] else {
        panic!("{steps:?}");
    };
    assert_eq!(options.path, "C");
    assert_eq!(options.query, vec![("id".to_owned(), "9".to_owned())]);
    assert_eq!(options.scene, 1007);
    assert_eq!(app.enter_options(), Some(options));
    assert_eq!(app.launch_options().unwrap().path, "A");
}

#[test]
fn five_minutes_in_the_background_destroys_the_app() {
    let (mut app, mut log) = launched("");
    log.render(&app.navigate_to("C").unwrap());
    app.hide(0);
    assert!(app.tick(299_999).is_empty());
    assert_eq!(log.render(&app.tick(300_000)), ["destroy"]);
    assert_eq!(app.state(), AppState::Destroyed);
    assert!(app.pages().is_empty());
    assert_eq!(app.launch_options(), None);
    // The next show is a cold start on the launch page, with fresh page ids.
    assert_eq!(
        log.render(&app.show(400_000)),
        [
            "load",
            "App.onLaunch",
            "App.onShow",
            "+A",
            "A.onLoad",
            "A.onShow",
            "A.onReady"
        ]
    );
    assert_eq!(stack(&app), ["A"]);
    assert_eq!(app.pages()[0].id, 3);
}

#[test]
fn show_after_the_limit_is_a_cold_start_without_a_tick() {
    let (mut app, mut log) = launched("");
    app.set_destroy_after_ms(1_000);
    app.hide(0);
    let steps = log.render(&app.show(1_000));
    assert_eq!(steps[..3], ["destroy", "load", "App.onLaunch"]);
}

#[test]
fn navigate_to_hides_the_old_page_before_the_new_one_loads() {
    let (mut app, mut log) = launched("");
    let steps = app.navigate_to("/C?id=1").unwrap();
    assert_eq!(
        log.render(&steps),
        ["A.onHide", "+C", "C.onLoad", "C.onShow", "C.onReady"]
    );
    assert_eq!(stack(&app), ["A", "C"]);
    assert_eq!(
        app.pages()[1].query,
        vec![("id".to_owned(), "1".to_owned())]
    );
}

#[test]
fn the_stack_holds_ten_pages() {
    let (mut app, _) = launched("");
    for n in 1..MAX_PAGES {
        app.navigate_to(&format!("/P{n}")).unwrap();
    }
    assert_eq!(app.pages().len(), MAX_PAGES);
    let error = app.navigate_to("/C").unwrap_err();
    assert_eq!(error, RouteError::StackFull);
    assert_eq!(error.to_string(), "webview count limit exceed");
    assert_eq!(app.pages().len(), MAX_PAGES);
    // redirectTo replaces, so it still works at the limit.
    app.redirect_to("/C").unwrap();
    assert_eq!(app.pages().len(), MAX_PAGES);
}

#[test]
fn redirect_unloads_the_current_page() {
    let (mut app, mut log) = launched("");
    log.render(&app.navigate_to("/C").unwrap());
    let steps = app.redirect_to("/D?x=1").unwrap();
    assert_eq!(
        log.render(&steps),
        ["C.onUnload", "+D", "D.onLoad", "D.onShow", "D.onReady"]
    );
    assert_eq!(stack(&app), ["A", "D"]);
}

#[test]
fn navigate_back_unloads_each_popped_page_from_the_top() {
    let (mut app, mut log) = launched("");
    log.render(&app.navigate_to("/C").unwrap());
    log.render(&app.navigate_to("/D").unwrap());
    log.render(&app.navigate_to("/P1").unwrap());
    let steps = app.navigate_back(2).unwrap();
    assert_eq!(
        log.render(&steps),
        ["P1.onUnload", "D.onUnload", "C.onShow"]
    );
    assert_eq!(stack(&app), ["A", "C"]);
}

#[test]
fn navigate_back_past_the_bottom_stops_at_one_page() {
    let (mut app, mut log) = launched("");
    log.render(&app.navigate_to("/C").unwrap());
    log.render(&app.navigate_to("/D").unwrap());
    let steps = app.navigate_back(99).unwrap();
    assert_eq!(log.render(&steps), ["D.onUnload", "C.onUnload", "A.onShow"]);
    assert_eq!(stack(&app), ["A"]);
    assert_eq!(app.navigate_back(1).unwrap_err(), RouteError::AtFirstPage);
    assert_eq!(
        RouteError::AtFirstPage.to_string(),
        "cannot navigate back at first page."
    );
}

#[test]
fn navigate_back_delta_zero_goes_back_one() {
    let (mut app, _) = launched("");
    app.navigate_to("/C").unwrap();
    app.navigate_back(0).unwrap();
    assert_eq!(stack(&app), ["A"]);
}

#[test]
fn tab_switch_a_to_a_does_nothing() {
    let (mut app, _) = launched("");
    assert!(app.switch_tab("/A").unwrap().is_empty());
}

#[test]
fn tab_switch_a_to_b_first_time_then_again() {
    let (mut app, mut log) = launched("");
    let first = app.switch_tab("/B").unwrap();
    assert_eq!(
        log.render(&first),
        ["A.onHide", "+B", "B.onLoad", "B.onShow", "B.onReady"]
    );
    assert_eq!(stack(&app), ["B"]);
    let back = app.switch_tab("/A").unwrap();
    assert_eq!(log.render(&back), ["B.onHide", "A.onShow"]);
    let again = app.switch_tab("/B").unwrap();
    assert_eq!(log.render(&again), ["A.onHide", "B.onShow"]);
    assert_eq!(stack(&app), ["B"]);
}

#[test]
fn tab_switch_c_to_a_and_c_to_b() {
    let (mut app, mut log) = launched("");
    log.render(&app.navigate_to("/C").unwrap());
    let steps = app.switch_tab("/A").unwrap();
    assert_eq!(log.render(&steps), ["C.onUnload", "A.onShow"]);
    assert_eq!(stack(&app), ["A"]);

    let (mut app, mut log) = launched("");
    log.render(&app.navigate_to("/C").unwrap());
    let steps = app.switch_tab("/B").unwrap();
    assert_eq!(
        log.render(&steps),
        ["C.onUnload", "+B", "B.onLoad", "B.onShow", "B.onReady"]
    );
    assert_eq!(stack(&app), ["B"]);
    // A stayed alive, hidden: switching back only shows it.
    assert_eq!(
        log.render(&app.switch_tab("/A").unwrap()),
        ["B.onHide", "A.onShow"]
    );
}

#[test]
fn tab_switch_d_to_b_unloads_from_the_top() {
    let (mut app, mut log) = launched("");
    log.render(&app.navigate_to("/C").unwrap());
    log.render(&app.navigate_to("/D").unwrap());
    let steps = app.switch_tab("/B").unwrap();
    assert_eq!(
        log.render(&steps),
        [
            "D.onUnload",
            "C.onUnload",
            "+B",
            "B.onLoad",
            "B.onShow",
            "B.onReady"
        ]
    );
}

#[test]
fn tab_switch_from_a_page_entered_by_share() {
    let (mut app, mut log) = launched("path=D&scene=1044");
    assert_eq!(stack(&app), ["D"]);
    let steps = app.switch_tab("/A").unwrap();
    assert_eq!(
        log.render(&steps),
        ["D.onUnload", "+A", "A.onLoad", "A.onShow", "A.onReady"]
    );

    let (mut app, mut log) = launched("path=D&scene=1044");
    let steps = app.switch_tab("/B?ignored=1").unwrap();
    assert_eq!(
        log.render(&steps),
        ["D.onUnload", "+B", "B.onLoad", "B.onShow", "B.onReady"]
    );
    assert!(app.pages()[0].query.is_empty());
}

#[test]
fn relaunch_unloads_every_page_including_hidden_tabs() {
    let (mut app, mut log) = launched("");
    log.render(&app.switch_tab("/B").unwrap());
    log.render(&app.navigate_to("/C").unwrap());
    let steps = app.re_launch("/A?fresh=1").unwrap();
    assert_eq!(
        log.render(&steps),
        [
            "C.onUnload",
            "B.onUnload",
            "A.onUnload",
            "+A",
            "A.onLoad",
            "A.onShow",
            "A.onReady"
        ]
    );
    assert_eq!(stack(&app), ["A"]);
}

#[test]
fn route_rules_refuse_with_wechat_reasons() {
    let (mut app, _) = launched("");
    let cases = [
        (
            app.navigate_to("/B").unwrap_err(),
            "can not navigateTo a tabbar page",
        ),
        (
            app.redirect_to("/A").unwrap_err(),
            "can not redirectTo a tabbar page",
        ),
        (
            app.switch_tab("/C").unwrap_err(),
            "can not switch to no-tabBar page",
        ),
        (
            app.navigate_to("/nope").unwrap_err(),
            "page \"nope\" is not found",
        ),
        (
            app.re_launch("nope?x=1").unwrap_err(),
            "page \"nope\" is not found",
        ),
        (
            app.navigate_to("").unwrap_err(),
            "parameter error: parameter.url should be String instead of empty String;",
        ),
    ];
    for (error, reason) in cases {
        assert_eq!(error.to_string(), reason);
    }
    // Nothing moved.
    assert_eq!(stack(&app), ["A"]);
}

#[test]
fn relative_urls_resolve_against_the_current_page() {
    let mut app = Lifecycle::new(
        RouteTable {
            pages: vec!["pages/a/a".into(), "pages/b/b".into()],
            tab_pages: vec![],
            entry: "pages/a/a".into(),
            lazy_pages: false,
        },
        LaunchRequest::default(),
    );
    app.launch();
    app.navigate_to("../b/b?k=v").unwrap();
    assert_eq!(app.current().unwrap().route, "pages/b/b");
}

#[test]
fn routes_fail_before_launch_and_after_destruction() {
    let mut app = Lifecycle::new(routes(), LaunchRequest::default());
    assert_eq!(app.navigate_to("/C").unwrap_err(), RouteError::NotRunning);
    assert!(app.hide(0).is_empty());
    assert!(app.show(0).is_empty());
    app.launch();
    app.hide(0);
    app.tick(u64::MAX);
    assert_eq!(app.navigate_back(1).unwrap_err(), RouteError::NotRunning);
    assert!(app.memory_warning(10).is_empty());
}

#[test]
fn restart_is_a_cold_start_without_hide_hooks() {
    let (mut app, mut log) = launched("");
    log.render(&app.navigate_to("/C").unwrap());
    assert_eq!(
        log.render(&app.restart()),
        [
            "destroy",
            "load",
            "App.onLaunch",
            "App.onShow",
            "+A",
            "A.onLoad",
            "A.onShow",
            "A.onReady"
        ]
    );
    assert_eq!(stack(&app), ["A"]);
    let mut stopped = Lifecycle::new(routes(), LaunchRequest::default());
    assert!(stopped.restart().is_empty());
}

#[test]
fn memory_warning_reaches_listeners_while_running() {
    let (app, _) = launched("");
    assert_eq!(
        app.memory_warning(15),
        [Step::App(
            AppEvent::MemoryWarning,
            AppEventArg::MemoryLevel(15)
        )]
    );
}

#[test]
fn page_ids_are_never_reused() {
    let (mut app, _) = launched("");
    app.navigate_to("/C").unwrap();
    let first = app.current().unwrap().id;
    app.navigate_back(1).unwrap();
    assert!(!app.is_alive(first));
    app.navigate_to("/C").unwrap();
    assert_ne!(app.current().unwrap().id, first);
    assert!(app.is_alive(app.current().unwrap().id));
    let _ = PageHook::Ready;
}
