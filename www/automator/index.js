// WeChat DevTools' automation protocol, answered inside the preview page. The protocol is
// what `miniprogram-automator` speaks (../shared in the README's "Running your automator
// tests on wxrt"); `wxrt auto` owns the WebSocket and forwards every `App.*`, `Page.*`,
// `Element.*` and `Tool.native` request here, through `wxrt.automator()`, and sends back
// what `request` resolves with, already in the wire's `{result}` / `{error: {message}}`
// shape. Events go back through the binding `wxrt auto` installs (`__wxrtAutomatorEvent`).
//
// A chunk of its own: only an automated page loads it.

import { preview } from '../call-log.js';
import { loadEveryFeature } from '../render/features.js';
import { appMethods } from './app.js';
import { elementMethods } from './element.js';
import { nativeMethods } from './native.js';
import { pageMethods } from './page.js';
import { Registry } from './registry.js';

/** A JSON-safe copy of `value` (the wire is JSON): cycles and functions as the call log shows them. */
function wire(value) {
  try {
    return JSON.parse(JSON.stringify(value ?? {})) ?? {};
  } catch {
    return preview(value);
  }
}

const messageOf = (error) => (error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(wire(error)));

/** The automation endpoint of the runtime `handle` (what `wxrt.automator()` resolves with). */
export function createAutomator(handle) {
  const emit = (method, params) => globalThis.__wxrtAutomatorEvent?.(JSON.stringify({ method, params: wire(params) }));
  const session = { handle, wx: handle.wx, program: handle.program, registry: new Registry(handle.program), emit };
  const methods = {
    ...appMethods(session),
    ...pageMethods(session),
    ...elementMethods(session),
    ...nativeMethods(session),
  };
  reportExceptions(session);
  // DevTools' app service has every API loaded; here the families and render features a
  // project's text does not name load on first use, too late for a synchronous call.
  const everything = Promise.all([handle.loadApis(), loadEveryFeature()]);
  return {
    /** Answers one request; never rejects. */
    async request(method, params, context = {}) {
      try {
        // DevTools answers only once the app service is up: requests sent earlier wait.
        await handle.launched;
        await everything;
        const run = Object.hasOwn(methods, method) ? methods[method] : undefined;
        if (!run) throw new Error(`${String(method).startsWith('App.') ? 'appservice' : 'webview'} ${method} unimplemented`);
        return { result: wire(await run(params ?? {}, context ?? {})) };
      } catch (error) {
        return { error: { message: messageOf(error) } };
      }
    },
    /** The phone's screen in the page, in CSS pixels: what a screenshot shows. */
    screenRect() {
      const phone = document.getElementById('phone') ?? document.documentElement;
      const { x, y, width, height } = phone.getBoundingClientRect();
      return { x: x + scrollX, y: y + scrollY, width, height };
    },
  };
}

// `App.exceptionThrown` needs no request: every error reported to the app's onError is one.
// The errors from before the first request go too: the client listens from its start, and
// an error of the launch is the one a test most needs to see.
function reportExceptions({ handle, emit }) {
  let sent = 0;
  const flush = () => {
    const errors = handle.errors();
    for (const { message, stack } of errors.slice(sent)) {
      // DevTools strips the error's kind, as its error reporter does.
      const text = String(message).replace(/^(?:[A-Z]\w*Error|Error):\s*/, '');
      emit('App.exceptionThrown', { message: text, stack: String(stack ?? message) });
    }
    sent = errors.length;
  };
  handle.watch(flush);
  flush();
}
