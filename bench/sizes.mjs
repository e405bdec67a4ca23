// Download size of the runtime: what a page fetches, each file gzipped at
// level 9 as a server would send it.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Size in bytes of `data` (a Buffer or string) after gzip -9. */
export function gzipSize(data) {
  return gzipSync(data, { level: 9 }).length;
}

/**
 * The files the preview page downloads before its first page, relative to the repository
 * root: the wasm and the minified script (pkg/wxrt-preview.js: the runtime, the renderer,
 * the wasm-bindgen glue and the workbench's frame, as the build bundles them). The
 * workbench's panels are a chunk the page loads after the first page's onReady; each
 * feature a page may not use (www/render/features.js: canvas, animations, picker-view,
 * the rarer elements, overlays…) is a chunk loaded only by a project that names it. The
 * tools build (pkg/tools/: compilers, in-page WeChat stand-in) is not among them: the
 * dev server compiles and stands in for WeChat.
 */
export function bundleFiles() {
  return { wasm: 'pkg/wxrt_wasm_bg.wasm', js: ['pkg/wxrt-preview.js'] };
}

/** Raw and gzipped sizes of the bundle under `root`. */
export function bundleSizes(root) {
  const files = bundleFiles();
  const wasm = readFileSync(join(root, files.wasm));
  const js = files.js.map((f) => {
    const data = readFileSync(join(root, f));
    return { file: f, bytes: data.length, gzip_bytes: gzipSize(data) };
  });
  const wasmGzip = gzipSize(wasm);
  const jsGzip = js.reduce((sum, f) => sum + f.gzip_bytes, 0);
  return {
    bundle_gzip_bytes: wasmGzip + jsGzip,
    bundle_wasm_bytes: wasm.length,
    bundle_wasm_gzip_bytes: wasmGzip,
    bundle_js_gzip_bytes: jsGzip,
    files: [{ file: files.wasm, bytes: wasm.length, gzip_bytes: wasmGzip }, ...js],
  };
}
