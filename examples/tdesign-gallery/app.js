App({
  globalData: {
    library: 'tdesign-miniprogram',
  },
});
