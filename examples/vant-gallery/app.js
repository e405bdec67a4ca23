App({
  globalData: {
    library: '@vant/weapp',
  },
});
