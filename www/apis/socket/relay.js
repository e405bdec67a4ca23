// Where a socket connects: straight to its URL, or through the dev server's relay when the
// page runs under `wxrt serve` and the URL is another origin's, as requests go through its
// proxy. Only the relay can send the `header` WeChat lets a mini-program set (browsers
// cannot set WebSocket request headers), so it goes along in the relay's query.

/** The URL to hand `new WebSocket` for the mini-program's `url` and `header`. */
export function socketUrl(host, url, header) {
  const relay = host.socketRelay;
  const page = globalThis.location;
  if (!relay || !page) return url;
  const target = new URL(url);
  const sameOrigin = target.host === page.host
    && (target.protocol === 'wss:') === (page.protocol === 'https:');
  if (sameOrigin) return url;
  const through = new URL(relay, page.href);
  through.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  through.searchParams.set('url', url);
  if (header && typeof header === 'object' && Object.keys(header).length) {
    through.searchParams.set('header', JSON.stringify(header));
  }
  return through.href;
}
