// `wx.loadFontFace` through the browser's FontFace API. WeChat scopes a font to the page
// unless `global`; the page's document here is shared by every page, so the font is
// added to it either way and a page-scoped one is also usable by later pages.

export async function loadFontFace(rules, failure, { family, source, desc = {} }) {
  const fail = (reason) => Object.assign(failure('loadFontFace', reason), { status: 'error' });
  if (typeof FontFace === 'undefined' || typeof document === 'undefined') throw fail('no FontFace here');
  const font = new FontFace(family, rules.fontSource(source), desc);
  try {
    await font.load();
  } catch (cause) {
    throw fail(cause?.message ?? 'the font did not load');
  }
  document.fonts.add(font);
  return { status: 'loaded', errMsg: 'loadFontFace:ok' };
}
