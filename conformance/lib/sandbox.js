'use strict';
// Evaluates test code as driver.js does: sloppy-mode eval inside `with (defines)`, so the
// definitions and stored results of a file are plain variables to later code, with the helpers
// (r, err, bag, fetch, wait, ...) in scope behind them. Runs in this realm (arrays and objects are
// the driver's own kind) with a time limit on synchronous code.

const vm = require('vm');
const r = require('rethinkdb');
const { helpers } = require('./expectations');

/** `fetch(cursor, n)` in a test: read n rows of a cursor stored earlier (all rows without n). */
class Fetch {
  constructor(cursor, limit) {
    Object.assign(this, { cursor, limit });
  }
}

/** `wait(seconds)` in a test: let time pass. */
class Wait {
  constructor(seconds) {
    this.seconds = Number(seconds);
  }
}

const builtins = Object.assign(Object.create(null), helpers, {
  r,
  True: true,
  False: false,
  require,
  shard: () => undefined,
  fetch: (cursor, limit) => new Fetch(cursor, limit),
  wait: (seconds) => new Wait(seconds),
});

// the code and scope travel through globals: direct eval sees only what is in scope
const HANDOFF = '__reqldbConformance';
const script = new vm.Script(
  `(function () { with (globalThis.${HANDOFF}.builtins) with (globalThis.${HANDOFF}.scope) { return eval(globalThis.${HANDOFF}.code); } })()`,
  { filename: 'test-code' });

/** The value of `code` with `scope`'s properties as variables. */
function evaluate(code, scope, timeoutMs) {
  globalThis[HANDOFF] = { builtins, scope, code };
  try {
    return script.runInThisContext({ timeout: Math.max(1, timeoutMs), displayErrors: false });
  } finally {
    delete globalThis[HANDOFF];
  }
}

/** Assigns `js`'s value to `variable` (which may be `a['b']`) of `scope`. */
function define(variable, js, scope, timeoutMs) {
  evaluate(`globalThis.${HANDOFF}.scope.${variable} = ${js}`, scope, timeoutMs);
}

/** Runs `action`, then removes the globals test code created meanwhile (assignments to undeclared names). */
async function withoutLeakedGlobals(action) {
  const before = new Set(Object.getOwnPropertyNames(globalThis));
  try {
    return await action();
  } finally {
    for (const name of Object.getOwnPropertyNames(globalThis)) {
      if (before.has(name)) continue;
      try {
        delete globalThis[name];
      } catch (e) { /* not deletable */ }
    }
  }
}

module.exports = { evaluate, define, withoutLeakedGlobals, Fetch, Wait };
