// The WXS chunk (features.js): what a project with `.wxs` modules or `<wxs>` tags needs,
// its source as WeChat reads it and its response events.

export { wxsSource } from './wxs-source.js';
export { callWxsHandler, observeWxsProperties, restoreWxsStyle, withWxsClasses } from './wxs-events.js';
