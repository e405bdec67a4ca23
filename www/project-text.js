// A project's source files of one kind (`.js`, `.wxml`) as one text, joined once per
// project: what the runtime looks for before the app runs (the feature chunks of
// render/features.js, the API families of apis/families.js) is searched for in the whole
// text at once, not file by file over a UI library's hundreds of files, a loop V8 ends up
// compiling at every boot. The separator is no character a searched name or tag matches.

const joined = new WeakMap();

/** The text of every file of `files` (`{path: text}`) whose path ends with `ext`. */
export function projectText(files, ext) {
  let texts = joined.get(files);
  if (!texts) joined.set(files, (texts = new Map()));
  if (!texts.has(ext)) {
    const paths = Object.keys(files).filter((path) => path.endsWith(ext));
    texts.set(ext, paths.map((path) => files[path]).join('\0'));
  }
  return texts.get(ext);
}
