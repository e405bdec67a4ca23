// The tab bar APIs over core's TabBar: one per app (per MiniProgram), made from app.json's
// `tabBar` at the first call. Its state goes to `program.frame.tabBar` for the frame's
// drawer (the workbench's tab bar), and a redraw is asked for.

export function tabBarApis(host, rules) {
  const bars = new WeakMap();
  // A cold start (program.frame cleared) brings back app.json's tab bar, as WeChat's does.
  const barOf = (program) => {
    if (!bars.has(program) || program.frame?.tabBar === undefined) {
      bars.get(program)?.free();
      bars.set(program, new rules.TabBar(program.appJson?.tabBar));
    }
    return bars.get(program);
  };
  // The checks every tab bar API makes first: a page on top that is a tab page.
  const onTabPage = (api) => {
    const program = host.program();
    const route = program?.currentPages().at(-1)?.route;
    if (!program) throw rules.notTabBarPage(api);
    const bar = barOf(program);
    bar.requireTabPage(api, route);
    return { program, bar };
  };
  const publish = (program, bar, extra = {}) => {
    program.frame = { ...program.frame, ...extra, tabBar: bar.state() };
    program.notify();
  };
  const change = (api, run) => (options) => {
    const { program, bar } = onTabPage(api);
    const extra = run(bar, options);
    publish(program, bar, extra);
    return { errMsg: `${api}:ok` };
  };
  const visibility = (hidden) => (bar, { animation } = {}) => {
    bar.setHidden(hidden);
    return { tabBarAnimation: Boolean(animation) };
  };
  return {
    apis: {
      setTabBarBadge: change('setTabBarBadge', (bar, { index, text }) => bar.setBadge(index, text)),
      removeTabBarBadge: change('removeTabBarBadge', (bar, { index }) => bar.removeBadge(index)),
      showTabBarRedDot: change('showTabBarRedDot', (bar, { index }) => bar.setRedDot('showTabBarRedDot', index, true)),
      hideTabBarRedDot: change('hideTabBarRedDot', (bar, { index }) => bar.setRedDot('hideTabBarRedDot', index, false)),
      setTabBarItem: change('setTabBarItem', (bar, options) => bar.setItem(options)),
      setTabBarStyle: change('setTabBarStyle', (bar, options) => bar.setStyle(options)),
      showTabBar: change('showTabBar', visibility(false)),
      hideTabBar: change('hideTabBar', visibility(true)),
    },
    state: () => host.program()?.frame?.tabBar ?? null,
  };
}
