App({
  globalData: {
    library: 'weui-miniprogram',
  },
});
