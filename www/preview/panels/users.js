// Users and login: the simulated user (switching reloads as the other user: own openid,
// own storage), their flags at the dev server's WeChat stand-in, the login codes it
// issued and the session key's age, as the stand-in reports them.

import { $, durationText, h } from '../dom.js';

export function usersPanel(rt, { visible, switchUser }) {
  $('user-name').value = rt.user;
  $('user-switch').addEventListener('submit', (event) => {
    event.preventDefault();
    switchUser($('user-name').value.trim());
  });
  const showError = (error) => { $('user-error').textContent = error ? String(error.message ?? error) : ''; };

  const flags = async (change) => {
    try {
      const now = await rt.markUser(change);
      $('user-tester').checked = now.tester;
      $('user-blocked').checked = now.blocked;
      showError();
    } catch (error) {
      showError(error);
    }
  };
  $('user-tester').addEventListener('change', () => flags({ tester: $('user-tester').checked }));
  $('user-blocked').addEventListener('change', () => flags({ blocked: $('user-blocked').checked }));

  let drawing;
  const draw = async () => {
    if (!visible() || drawing) return;
    drawing = (async () => {
      try {
        const state = await rt.loginState();
        const session = state.session;
        $('session-line').textContent = session
          ? `session key generation ${session.generation} · key age ${durationText(session.keyAgeMs)} · idle ${durationText(session.idleMs)}`
          : 'No session: wx.login has not been exchanged for one yet.';
        $('code-rows').replaceChildren(...state.codes.map(({ code, issuedAt, state: codeState }) => h('tr', {},
          h('td', { className: 'wb-mono' }, code),
          h('td', {}, new Date(issuedAt).toLocaleTimeString('en-GB')),
          h('td', { className: `code-${codeState}` }, codeState))));
        showError();
      } catch (error) {
        showError(error);
      } finally {
        drawing = undefined;
      }
    })();
  };
  flags({});
  // Codes change with the app's logins and the backend's exchanges; ages with time.
  rt.watchCalls((call) => {
    if (call.state !== 'pending' && /^(login|checkSession|request)$/.test(call.name)) draw();
  });
  setInterval(draw, 2000);
  return { draw };
}
