// Where in the project's own files an error happened: V8 stack frames of the modules
// (whose sourceURL is the sourceRoot plus the file's path) mapped back to the file,
// line and column a developer opens, and a compiler's `file:line:column: message`.

const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?\s*$/;

/**
 * The frames of `stack` in `files` (the project's paths), innermost first:
 * `[{fn, file, line, column}]`. `firstLineShift` is what the module wrapper adds before
 * a file's first column.
 */
export function projectFrames(stack, { files, sourceRoot = '', firstLineShift = 0 }) {
  const frames = [];
  for (const text of String(stack ?? '').split('\n')) {
    const match = FRAME.exec(text);
    if (!match) continue;
    let [, fn = '', url, line, column] = match;
    if (sourceRoot && url.startsWith(sourceRoot)) url = url.slice(sourceRoot.length);
    if (!(url in files)) continue;
    line = Number(line);
    column = Number(column);
    if (line === 1) column = Math.max(1, column - firstLineShift);
    frames.push({ fn, file: url, line, column });
  }
  return frames;
}

/** `{file, line, column}` from a message that starts `path:line:column: ` with `path` in `files`. */
export function messageLocation(message, files) {
  const match = /^([^\s:]+?):(\d+):(\d+): /.exec(String(message));
  if (!match || !(match[1] in files)) return undefined;
  return { file: match[1], line: Number(match[2]), column: Number(match[3]) };
}
