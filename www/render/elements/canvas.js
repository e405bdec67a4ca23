// `canvas`: a browser canvas inside `wx-canvas`, sized by its CSS box (WeChat's default
// 300×150). With `type="2d"` (or `webgl`) its node, from a selector query's `node()`, is
// the canvas itself with WeChat's additions (`createImage`, `requestAnimationFrame`);
// without a type it is drawn through `wx.createCanvasContext(canvasId, component)`.
// A chunk of its own with that context (features.js).

import { installElementStyle } from './common.js';

export { CanvasContext } from '../canvas-context.js';

const STYLE = `
wx-canvas { display: inline-block; position: relative; width: 300px; height: 150px; }
wx-canvas > canvas { display: block; width: 100%; height: 100%; }
`;

const canvas = {
  create() {
    installElementStyle(document, 'canvas', STYLE);
    const dom = document.createElement('wx-canvas');
    const el = document.createElement('canvas');
    dom.append(el);
    dom.wxCanvas = el;
    // The 2d/webgl node: drawing size set by the code (canvas.width), shown at the CSS size.
    dom.wxNodeApi = Object.assign(el, {
      createImage: () => new Image(),
      createImageData: (width, height) => new ImageData(width, height),
      requestAnimationFrame: (callback) => requestAnimationFrame(callback),
      cancelAnimationFrame: (id) => cancelAnimationFrame(id),
    });
    return dom;
  },
  ownsChildren: true,
};

/** The elements this feature draws, by tag (features.js). */
export const elements = { canvas };
