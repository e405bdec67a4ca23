// Open capabilities: account info, other mini-programs, payment, subscription messages, sharing, addresses, invoices, analytics, ads: simulated, each outcome chosen on the simulated phone. Core's `apis::open` decides; this family only performs.

/** This family's `wx` methods for the runtime of `host`; `rules` is the families' wasm. */
export function install(host, rules) {
  return {};
}
