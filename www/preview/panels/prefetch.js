// Prefetch: the last prefetch and the last periodic update with every parameter and the
// answer, and buttons to fetch now, as WeChat's DevTools offer.

import { $, h } from '../dom.js';

function describe(fetch) {
  return [
    h('p', { className: 'wb-mono' }, `${fetch.url ?? '(not sent)'}`),
    h('p', { className: 'wb-hint' }, `status ${fetch.status ?? '–'} · ${fetch.bytes ?? 0} bytes · ${fetch.cached ? 'cached' : 'not cached'}${fetch.grey ? ' · grey URL' : ''}`),
    fetch.reason ? h('p', { className: 'wb-error-text' }, fetch.reason) : undefined,
    h('table', {}, h('tbody', {}, Object.entries(fetch.params ?? {}).map(([name, value]) => h('tr', {},
      h('th', { scope: 'row' }, name), h('td', { className: 'wb-mono' }, value))))),
    fetch.preview ? h('pre', { className: 'wb-block' }, fetch.preview) : undefined,
  ];
}

export function prefetchPanel(rt, config) {
  $('fetch-config').textContent = [
    config.prefetch ? 'Prefetch on (wxrt serve --prefetch-url or wxrt.config.json)' : 'No prefetch URL configured',
    config.periodic ? `periodic every ${Math.round(config.periodicIntervalMs / 60000)} min` : 'no periodic URL',
  ].join(' · ');
  const show = (fetch) => {
    if (fetch) $(`fetch-last-${fetch.fetchType}`).replaceChildren(...describe(fetch).filter(Boolean));
  };
  rt.watchBackgroundFetch(show);
  show(rt.lastBackgroundFetch('pre'));
  show(rt.lastBackgroundFetch('periodic'));
  $('fetch-pre').addEventListener('click', () => rt.triggerPrefetch());
  $('fetch-periodic').addEventListener('click', () => rt.triggerPeriodicFetch());
}
