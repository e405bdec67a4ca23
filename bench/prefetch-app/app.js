// The app `npm run bench` times from navigation to its data in hand, two ways, chosen by
// the launch query: `mode=prefetch` reads the data WeChat prefetched while the code
// loaded; `mode=request` asks for it in the first page's onLoad, as most apps do.

function dataInHand(source) {
  globalThis.benchDataAt ??= { ms: performance.now(), source };
}

App({
  onLaunch({ query }) {
    if (query.mode !== 'prefetch') return;
    wx.onBackgroundFetchData(() => dataInHand('listener'));
    wx.getBackgroundFetchData({ fetchType: 'pre', success: () => dataInHand('get'), fail: () => {} });
  },
});
