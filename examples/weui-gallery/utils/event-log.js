// Every handler in the gallery shows the event it received on the page, so whoever taps
// (a person or a test) sees the component's name for it and the `detail` it carried.
function logEvent(page, name, detail) {
  const text = detail === undefined ? '' : JSON.stringify(detail);
  page.setData({ lastEvent: `${name} ${text}`.trim() });
}

module.exports = { logEvent };
