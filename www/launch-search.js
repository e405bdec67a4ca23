// Launch options as the preview URL's query string, the form core reads them in.

/** The query parameters that make up a launch. */
export const LAUNCH_PARAMS = ['path', 'query', 'scene', 'shareTicket', 'referrerAppId', 'referrerExtraData'];

/**
 * `launch` is a URL query string (`?path=...&scene=1011`) or `{path, query, scene,
 * shareTicket, referrerInfo}`; both reach core as the query string the preview page has.
 */
export function launchSearch(launch) {
  if (launch === undefined || typeof launch === 'string') return launch ?? '';
  const params = new URLSearchParams();
  const { path, query, scene, shareTicket, referrerInfo } = launch;
  if (path !== undefined) params.set('path', path);
  if (query !== undefined) {
    params.set('query', typeof query === 'string' ? query : new URLSearchParams(query).toString());
  }
  if (scene !== undefined) params.set('scene', String(scene));
  if (shareTicket !== undefined) params.set('shareTicket', shareTicket);
  if (referrerInfo?.appId !== undefined) params.set('referrerAppId', referrerInfo.appId);
  if (referrerInfo?.extraData !== undefined) params.set('referrerExtraData', JSON.stringify(referrerInfo.extraData));
  return `?${params}`;
}
