'use strict';
// What an `ot:` may say, and how a result is held against it. The helpers (err, bag, partial,
// uuid, ...) and the equality follow RethinkDB's drivers/driver.js; where driver.js is lenient by
// evident mistake, the rule of its Python and Ruby drivers is used instead (marked "stricter").

const r = require('rethinkdb');

/** A helper's verdict on a result: null when it matches, else why not. */
class Expectation {
  constructor(text, verdict, acceptsErrors = false) {
    this.text = text;
    this.verdict = verdict;
    this.acceptsErrors = acceptsErrors;
  }

  toString() {
    return this.text;
  }
}

const TRAILING_ASSERTION = /\nFailed assertion[\s\S]*/;

const isDate = (x) => x instanceof Date;
const isBuffer = (x) => Buffer.isBuffer(x);

function precisionOf(options) {
  const p = options && options.precision !== undefined && options.precision !== null ? parseFloat(options.precision) : NaN;
  return Number.isNaN(p) ? null : p;
}

function sameNumber(expected, actual, options) {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  if (expected === actual) return true;
  const precision = precisionOf(options);
  return precision !== null && Math.abs(expected - actual) <= precision;
}

/**
 * Does `actual` equal `expected`? Objects must have the same keys, or with `subset` the
 * expected keys only. Expectations nested anywhere judge their own part.
 */
function matches(expected, actual, options, subset = false) {
  if (expected instanceof Expectation) return expected.verdict(actual) === null;
  // a plain function is a predicate (driver.js calls it); ReQL terms are callable objects but
  // not Functions, and are compared as values
  if (expected instanceof Function) return Boolean(expected(actual));
  if (actual instanceof Function) return false; // stricter: driver.js would call the result
  if (typeof expected !== typeof actual) return false;
  switch (typeof expected) {
    case 'number': return sameNumber(expected, actual, options);
    case 'string': return expected.replace(TRAILING_ASSERTION, '') === actual.replace(TRAILING_ASSERTION, '');
    case 'object': break;
    default: return expected === actual;
  }
  if (expected === null || actual === null) return expected === actual;
  if (Array.isArray(expected)) {
    // stricter: driver.js compares an array with anything by index
    return Array.isArray(actual) && expected.length === actual.length
      && expected.every((item, i) => matches(item, actual[i], options));
  }
  if (isBuffer(expected)) return isBuffer(actual) && expected.equals(actual);
  if (isDate(expected)) {
    // stricter: driver.js finds any two Dates equal (they have no own keys)
    if (!isDate(actual)) return false;
    const [a, b] = [expected.getTime(), actual.getTime()];
    return a === b || (Number.isNaN(a) && Number.isNaN(b));
  }
  if (Array.isArray(actual) || isBuffer(actual) || isDate(actual)) return false;
  const expectedKeys = Object.keys(expected);
  const actualKeys = new Set(Object.keys(actual));
  if (!subset && expectedKeys.length !== actualKeys.size) return false;
  return expectedKeys.every((k) => actualKeys.has(k) && matches(expected[k], actual[k], options));
}

// --- bag and partial lists: items matched one to one, in any order ---------------------------------

function holdsExpectations(x) {
  if (x instanceof Expectation || typeof x === 'function') return true;
  if (Array.isArray(x)) return x.some(holdsExpectations);
  if (x !== null && typeof x === 'object' && !isBuffer(x) && !isDate(x)) return Object.values(x).some(holdsExpectations);
  return false;
}

/** A text equal for two plain values exactly when `matches` (without precision) holds. */
function fingerprint(x) {
  if (x === undefined) return 'u';
  if (x === null) return 'n';
  switch (typeof x) {
    case 'number': return Number.isNaN(x) ? 'NaN' : `#${x === 0 ? 0 : x}`;
    case 'string': return `s${JSON.stringify(x.replace(TRAILING_ASSERTION, ''))}`;
    case 'boolean': return String(x);
    case 'object': break;
    default: return `?${typeof x}:${String(x)}`;
  }
  if (isBuffer(x)) return `b${x.toString('hex')}`;
  if (isDate(x)) return `d${x.getTime()}`;
  if (Array.isArray(x)) return `[${x.map(fingerprint).join(',')}]`;
  return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${fingerprint(x[k])}`).join(',')}}`;
}

/** null when every expected item has its own actual item (and, unless `extraAllowed`, no item is left). */
function matchItems(expected, actual, options, extraAllowed) {
  if (!Array.isArray(actual)) return 'not an array';
  if (extraAllowed ? actual.length < expected.length : actual.length !== expected.length) {
    return `expected ${extraAllowed ? 'at least ' : ''}${expected.length} items, got ${actual.length}`;
  }
  let free = actual.map((_, i) => i);
  let hard = expected;
  if (precisionOf(options) === null) {
    // plain expected items find their partner by fingerprint; only the rest need a search
    const byPrint = new Map();
    actual.forEach((item, i) => {
      const print = fingerprint(item);
      byPrint.set(print, (byPrint.get(print) || []).concat(i));
    });
    const taken = new Set();
    hard = [];
    for (const item of expected) {
      if (holdsExpectations(item)) {
        hard.push(item);
        continue;
      }
      const candidates = byPrint.get(fingerprint(item)) || [];
      const partner = candidates.find((i) => !taken.has(i));
      if (partner === undefined) return `no item equals ${show(item)}`;
      taken.add(partner);
    }
    free = free.filter((i) => !taken.has(i));
  }
  // bipartite matching by augmenting paths
  const owner = new Map(); // actual index -> index in hard
  const fits = (e, a) => matches(hard[e], actual[a], options);
  const place = (e, visited) => free.some((a) => {
    if (visited.has(a) || !fits(e, a)) return false;
    visited.add(a);
    if (owner.has(a) && !place(owner.get(a), visited)) return false;
    owner.set(a, e);
    return true;
  });
  for (let e = 0; e < hard.length; e++) {
    if (!place(e, new Set())) return `no item matches ${show(hard[e])}`;
  }
  return null;
}

// --- the helpers test files use -------------------------------------------------------------------

function bag(expected, options, partialList) {
  if (!Array.isArray(expected)) throw new TypeError(`bag() takes an array, got: ${show(expected)}`);
  // stricter: driver.js lets every bag have extra items
  const extraAllowed = partialList === true;
  return new Expectation(`${extraAllowed ? 'partial' : 'bag'}(${show(expected)})`,
    (actual) => matchItems(expected, actual, options, extraAllowed));
}

function partial(expected, options) {
  if (Array.isArray(expected)) return bag(expected, options, true);
  if (expected === null || typeof expected !== 'object') throw new TypeError(`partial() takes an array or object, got: ${typeof expected}`);
  return new Expectation(`partial(${show(expected)})`,
    (actual) => (matches(expected, actual, options, true) ? null : 'the expected keys differ'));
}

function errorClass(name) {
  if (typeof name === 'function' && name.prototype instanceof Error) return name;
  if (typeof name === 'string') {
    const isErrorClass = (c) => typeof c === 'function' && (c === Error || c.prototype instanceof Error);
    if (isErrorClass(r.Error[name])) return r.Error[name];
    if (isErrorClass(globalThis[name])) return globalThis[name];
  }
  throw new TypeError(`not the name of an error class: ${String(name)}`);
}

/** The message driver.js compares: the server's first lines, up to one ending in ":". */
function comparedMessage(error) {
  const raw = error.msg || error.message;
  return String(raw === undefined || raw === null ? '' : raw)
    .replace(/^([^\n]*?)(?: in)?:\n[\s\S]*$/, '$1:')
    .replace(/\nFailed assertion: .*/, '')
    .replace(/\nStack:\n[\s\S]*$/, '');
}

// The backtrace frames (third argument) are not compared: none of RethinkDB's drivers does.
function err(name, message) {
  const cls = errorClass(name);
  return new Expectation(`err(${String(name)}, ${message instanceof RegExp ? message : JSON.stringify(message)})`, (actual) => {
    if (!(actual instanceof cls)) return `not a ${cls.name}`;
    const text = comparedMessage(actual);
    if (message instanceof RegExp) return message.test(text) ? null : 'the message does not match';
    return !message || String(message) === text ? null : 'the message differs';
  }, true);
}

function errRegex(name, pattern) {
  return err(name, new RegExp(pattern));
}

function builtinErr(name, message) {
  return new Expectation(`${name}(${JSON.stringify(message)})`,
    (actual) => (actual && actual.name === name && actual.message === message ? null : `not ${name}: ${message}`), true);
}

function anything() {
  return new Expectation('anything()', () => null);
}

function arrlen(length, item) {
  // stricter: driver.js fails arrlen(0) and accepts strings
  return new Expectation(`arrlen(${length})`, (actual) => {
    if (!Array.isArray(actual) || actual.length !== length) return `not an array of ${length} items`;
    return item === undefined || actual.every((x) => matches(item, x, {})) ? null : 'an item differs';
  });
}

const UUID = /^[a-z0-9]{8}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{12}$/;

function uuid() {
  // stricter: the whole value, where driver.js searches inside it
  return new Expectation('uuid()', (actual) => (typeof actual === 'string' && UUID.test(actual) ? null : 'not a UUID'));
}

function regex(pattern) {
  // stricter: a string matched from its start, as driver.py does
  const re = new RegExp(`^(?:${pattern})`);
  return new Expectation(`regex(${pattern})`, (actual) => (typeof actual === 'string' && re.test(actual) ? null : 'no match'));
}

// From driver.py: JavaScript has one number type, so an integer is a number without fraction.
function intCmp(value) {
  if (!Number.isInteger(value)) throw new TypeError(`int_cmp takes an integer, got: ${value}`);
  return new Expectation(`int_cmp(${value})`, (actual) => (actual === value ? null : 'a different number'));
}

function floatCmp(value) {
  if (typeof value !== 'number') throw new TypeError(`float_cmp takes a number, got: ${value}`);
  return new Expectation(`float_cmp(${value})`, (actual) => (actual === value ? null : 'a different number'));
}

/** The expectation an evaluated `ot:` stands for. */
function expectationOf(value, options) {
  if (value instanceof Expectation) return value;
  return new Expectation(show(value), (actual) => (matches(value, actual, options) ? null : 'a different value'));
}

// --- showing values in reports --------------------------------------------------------------------

function show(value, depth = 0) {
  if (depth > 20) return '…';
  if (value instanceof Expectation) return value.text;
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `<function ${value.name}>`;
  if (typeof value !== 'object') return Object.is(value, -0) ? '-0' : String(value);
  if (value instanceof Error) return `${value.name}: ${value.msg !== undefined ? value.msg : value.message}`;
  if (isBuffer(value)) return `<binary ${value.toString('hex').slice(0, 64)}${value.length > 32 ? '…' : ''}>`;
  if (isDate(value)) return Number.isNaN(value.getTime()) ? 'Date(invalid)' : `Date(${value.toISOString()})`;
  if (Array.isArray(value)) return `[${value.map((v) => show(v, depth + 1)).join(', ')}]`;
  if (typeof value.next === 'function' && typeof value.each === 'function') return '<cursor>';
  return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}: ${show(value[k], depth + 1)}`).join(', ')}}`;
}

const helpers = {
  anything, arrlen, bag, partial, err, uuid, regex,
  err_regex: errRegex, errRegex, builtin_err: builtinErr, builtinErr,
  int_cmp: intCmp, intCmp, float_cmp: floatCmp, floatCmp,
};

module.exports = { Expectation, expectationOf, helpers, show };
