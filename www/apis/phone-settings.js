// The simulated phone's settings as the workbench's Phone panel lists them: what each is
// called, what it may be, and its default. Each family owns its section; the families read
// the values through `host.phone` (phone.js). The handle (`wxrt.phone.set`) takes the same
// keys and values.

/**
 * `{key, family, label, kind, choices?, default}`: `kind` is `'choice'` (one of `choices`,
 * `[value, label]` pairs), `'text'`, `'number'` or `'json'` (any JSON value).
 */
export const PHONE_SETTINGS = [
  // phone: scope
  {
    key: 'authorize',
    family: 'scope',
    label: 'Permission dialogs',
    kind: 'choice',
    choices: [['ask', 'Ask me'], ['allow', 'Always allow'], ['deny', 'Always deny']],
    default: 'ask',
  },
  // phone: files
  // phone: location
  // phone: frame
  // phone: device
  // phone: socket
  // phone: media
  // phone: open
];
