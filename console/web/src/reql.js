// ReQL in JavaScript syntax, turned into the wire protocol's JSON by the official driver's term
// builder, in the browser: the server only ever receives JSON queries, never code to evaluate.
import './node-globals.js';
import r from 'rethinkdb';

export { r };

/** The JSON term of a query typed as JavaScript (`r.table('x').filter(...)`). */
export function buildTerm(code) {
  const text = code.trim().replace(/;\s*$/, '').replace(/\.run\(\s*[A-Za-z_$]*\s*\)\s*$/, '');
  if (!text) throw new Error('Type a query, for example r.dbList()');
  // eslint-disable-next-line no-new-func
  const value = new Function('r', `"use strict"; return (${text}\n);`)(r);
  const term = value && typeof value.build === 'function' ? value : r.expr(value);
  return term.build();
}

/** Every ReQL term name the driver knows, for completion. */
export function termNames() {
  const names = new Set();
  for (const k of Object.keys(r)) if (/^[a-z]/.test(k)) names.add(k);
  const proto = Object.getPrototypeOf(r.expr(1));
  for (let p = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const k of Object.getOwnPropertyNames(p)) if (/^[a-z]/.test(k) && k !== 'constructor') names.add(k);
  }
  ['build', 'compose', 'run', 'toString', 'showRunWarning'].forEach((k) => names.delete(k));
  return [...names].sort();
}
