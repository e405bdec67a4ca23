// Where code the client sends runs (`evaluate`, a mock's function): DevTools runs it in the
// app service's global scope, where `wx`, `getApp` and `getCurrentPages` are globals. The
// preview page has only `wx` as a global, so the others are given as the scope's names.

/** For runtime `handle`: the function whose source text is `declaration`, built in that scope. */
export function appServiceRealm(handle) {
  const names = { wx: handle.wx, getApp: handle.getApp, getCurrentPages: handle.getCurrentPages };
  return (declaration) => new Function(...Object.keys(names), `return (${declaration});`)(...Object.values(names));
}
