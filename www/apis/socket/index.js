// Sockets: `wx.connectSocket` returning a SocketTask over the browser's WebSocket, and the
// legacy single-socket functions, which act on the most recent task as WeChat's do once
// several exist. Core's `SocketRules` decides (url, domain list, five at most, what may
// be sent or closed); this family opens the sockets and delivers their events.

import { asyncApi } from '../../async-api.js';
import { Listeners } from '../../listeners.js';
import { socketUrl } from './relay.js';

// Results reach callbacks after the call returned, as every WeChat API's do.
function settle(options, run) {
  asyncApi(() => run())({
    success: options?.success,
    fail: options?.fail,
    complete: options?.complete,
  });
}

/** This family's `wx` methods for the runtime of `host`; `rules` is the families' wasm. */
export function install(host, rules) {
  const sockets = new rules.SocketRules(host.requestDomains ?? []);
  const tasks = new Map();
  // The legacy functions' listeners: they hear the latest task.
  const legacy = { Open: new Listeners(), Error: new Listeners(), Message: new Listeners(), Close: new Listeners() };

  const emit = (task, event, payload) => {
    task.listeners[event].emit(payload, host.guard);
    if (sockets.latest() === task.id || task.closedLatest) legacy[event].emit(payload, host.guard);
  };

  const sendOn = (id, options) => {
    sockets.send(id);
    tasks.get(id).socket.send(options.data);
    return { errMsg: 'sendSocketMessage:ok' };
  };

  const closeOn = (id, options = {}) => {
    const code = sockets.close(id, options.code, options.reason ?? '');
    // No socket yet when the browser refused the URL outright: its failure is on its way.
    tasks.get(id)?.socket?.close(code, options.reason ?? '');
    return { errMsg: 'closeSocket:ok' };
  };

  // Checked as `wx.sendSocketMessage`'s options are, whichever way it was reached.
  const checked = (api, options, run) => () => {
    rules.checkOptions(api, options ?? {});
    return run();
  };

  class SocketTask {
    constructor(id) {
      this.id = id;
      this.listeners = { Open: new Listeners(), Error: new Listeners(), Message: new Listeners(), Close: new Listeners() };
    }

    send(options) {
      settle(options, checked('sendSocketMessage', options, () => sendOn(this.id, options)));
    }

    close(options) {
      settle(options, checked('closeSocket', options, () => closeOn(this.id, options)));
    }

    onOpen(listener) { this.listeners.Open.add(listener); }

    onError(listener) { this.listeners.Error.add(listener); }

    onMessage(listener) { this.listeners.Message.add(listener); }

    onClose(listener) { this.listeners.Close.add(listener); }
  }

  const open = (task, url, options) => {
    let socket;
    try {
      socket = new WebSocket(socketUrl(host, url, options.header), options.protocols ?? []);
    } catch {
      // A URL the browser refuses outright (a blocked port, a bad protocol name): a failed connection.
      setTimeout(() => dropped(task));
      return;
    }
    socket.binaryType = 'arraybuffer';
    task.socket = socket;
    // The timeout bounds the handshake: a socket still connecting then is dropped, which
    // the browser reports as a failed connection.
    const app = host.program()?.appJson?.networkTimeout?.connectSocket;
    const number = (value) => (typeof value === 'number' ? value : undefined);
    setTimeout(() => {
      if (sockets.state(task.id) === 'connecting') socket.close();
    }, rules.SocketRules.timeout(number(options.timeout), number(app)));
    socket.addEventListener('open', () => {
      sockets.opened(task.id);
      emit(task, 'Open', { header: {}, profile: {} });
    });
    socket.addEventListener('message', (event) => emit(task, 'Message', { data: event.data }));
    socket.addEventListener('error', () => {
      emit(task, 'Error', { errMsg: rules.SocketRules.droppedMessage() });
    });
    socket.addEventListener('close', (event) => {
      const wasLatest = sockets.latest() === task.id;
      sockets.closed(task.id);
      tasks.delete(task.id);
      task.closedLatest = wasLatest;
      emit(task, 'Close', { code: event.code, reason: event.reason });
    });
  };

  const dropped = (task) => {
    const wasLatest = sockets.latest() === task.id;
    sockets.closed(task.id);
    tasks.delete(task.id);
    task.closedLatest = wasLatest;
    emit(task, 'Error', { errMsg: rules.SocketRules.droppedMessage() });
    emit(task, 'Close', { code: 1006, reason: '' });
  };

  const connectSocket = (options) => {
    let task;
    try {
      rules.checkOptions('connectSocket', options);
      const id = sockets.connect(options.url);
      task = new SocketTask(id);
      tasks.set(id, task);
      open(task, options.url, options);
    } catch (failure) {
      // WeChat still returns a task; it never opens, and its onError hears why.
      const orphan = new SocketTask(0);
      setTimeout(() => orphan.listeners.Error.emit({ errMsg: failure.errMsg ?? String(failure) }, host.guard));
      settle(options, () => { throw failure; });
      return orphan;
    }
    settle(options, () => ({ errMsg: 'connectSocket:ok' }));
    return task;
  };

  return {
    connectSocket,
    onSocketOpen: (listener) => legacy.Open.add(listener),
    onSocketError: (listener) => legacy.Error.add(listener),
    onSocketMessage: (listener) => legacy.Message.add(listener),
    onSocketClose: (listener) => legacy.Close.add(listener),
    // Registered as `later` methods: families.js checks their options and gives them
    // WeChat's callback/Promise shape.
    sendSocketMessage: (options) => sendOn(sockets.latest(), options),
    closeSocket: (options) => closeOn(sockets.latest(), options),
  };
}
