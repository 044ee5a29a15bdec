'use strict';
// Turns one polyglot file into a plan for JavaScript: for every entry of its `tests:` list, the
// definitions to evaluate and the queries to run with their expected values, in the JavaScript
// RethinkDB's test runner generates (its JsLang rules: None/True/False become null/true/false,
// snake_case becomes camelCase, `x = expr` stores a result in `x`), or why the entry is skipped.

const path = require('path');
const { Source, isSource, isMap, readPolyglot } = require('./polyglot-reader');

// Python's \w and \b are Unicode-aware; JavaScript's are not, so they are spelled out.
const W = '[\\p{L}\\p{N}_]';
const WORD_START = `(?<!${W})(?=${W})`;
const WORD_END = `(?<=${W})(?!${W})`;
const BOUNDARY = `(?:${WORD_START}|${WORD_END})`;

const PY_WORDS = { None: 'null', nil: 'null', True: 'true', False: 'false' };
// a word of PY_WORDS, left alone when quoted by itself ('True' stays a string)
const PY_WORD = new RegExp(`(["']?)${WORD_START}(None|nil|True|False)${WORD_END}\\1`, 'gu');
// snake_case identifiers of lower-case letters (and $), left alone when quoted by themselves
const SNAKE_NAME = new RegExp(`(["'\`]?)\\$?${BOUNDARY}[a-z$]+(?:_[a-z$]+)+${BOUNDARY}\\$?\\1`, 'gu');
// `name = expression` (also `'name' = ...`), as the runner's variableRegex reads it
const ASSIGNMENT = new RegExp(
  `^\\s*(['"]?)\\s*([a-zA-Z][\\p{L}\\p{N}_\\[\\]{}'"]*)\\s*=\\s*([^=][\\s\\S]+)\\1\\s*(?:(?=\\n)|$)`, 'u');

const JS_FORMS = ['js16.14', 'js16', 'js', 'cd']; // the keys JavaScript reads, in order of preference
const OTHER_FORMS = /^(?:py|rb|jrb)[\d.]*$/;

function pythonStrip(text) {
  return text.replace(/^[\s\x1c-\x1f]+/u, '').replace(/[\s\x1c-\x1f]+$/u, '');
}

function pythonWordsToJs(text) {
  return text.replace(PY_WORD, (whole, quote, word) => (quote ? whole : PY_WORDS[word]));
}

function camelCase(text) {
  const camel = text.replace(SNAKE_NAME, (whole, quote) =>
    (quote ? whole : whole.replace(/_(.)/gu, (m, next) => next.toUpperCase())));
  return camel.replace(/__/g, '_');
}

/** The JavaScript a source text becomes; an object literal is parenthesised so eval reads it as one. */
function toJs(text, translateNames) {
  let js = pythonWordsToJs(pythonStrip(String(text)));
  if (translateNames) js = camelCase(js);
  return js.startsWith('{') ? `(${js})` : js;
}

// Python's repr() of what the runner writes into its generated file for block-valued expected
// values and for runopts/testopts mappings: single-quoted strings, escapes as Python makes them.
function pythonRepr(value) {
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (isMap(value)) return `{${Object.keys(value).map((k) => `${pythonRepr(k)}: ${pythonRepr(value[k])}`).join(', ')}}`;
  const text = String(value);
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const named = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (named[ch]) out += named[ch];
    else if (ch === quote) out += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code > 0x7f && /[\p{C}\p{Z}]/u.test(ch) && ch !== ' ') {
      const hex = code.toString(16);
      out += code <= 0xff ? `\\x${hex.padStart(2, '0')}` : code <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`;
    } else out += ch;
  }
  return quote + out + quote;
}

function optionsJs(options) {
  return Object.keys(options).length ? pythonWordsToJs(pythonRepr(options)) : '{}';
}

// --- choosing the JavaScript parts of an entry (the runner's get_lang_entries) -------------------

function noParts() {
  return { command: null, definition: null, expected: null, runopts: Object.create(null), testopts: Object.create(null) };
}

const isBlank = (v) => v === null || v === undefined || (Array.isArray(v) && !v.length) || (isMap(v) && !Object.keys(v).length);

/** Right's parts win unless blank. */
function merge(left, right) {
  const out = {};
  for (const key of Object.keys(noParts())) out[key] = isBlank(right[key]) ? left[key] : right[key];
  out.runopts = out.runopts || Object.create(null);
  out.testopts = out.testopts || Object.create(null);
  return out;
}

function jsForm(map) {
  const key = JS_FORMS.find((k) => k in map);
  return key === undefined ? undefined : map[key];
}

function optionsMap(value, name) {
  if (value === null || value === undefined) return {};
  if (!isMap(value)) throw new Error(`${name} must be an indented mapping, got: ${value}`);
  return value;
}

function partsOf(node, role) {
  let parts = noParts();
  if (node === null || node === undefined) return parts;
  if (!isMap(node)) {
    if (role === 'expected') parts.expected = node;
    else parts[role] = Array.isArray(node) ? node.slice() : [node];
    return parts;
  }
  if (role === 'command') {
    if ('runopts' in node) Object.assign(parts.runopts, optionsMap(node.runopts, 'runopts'));
    if ('testopts' in node) Object.assign(parts.testopts, optionsMap(node.testopts, 'testopts'));
    if ('def' in node) parts = merge(parts, partsOf(node.def, 'definition'));
    if ('ot' in node) parts = merge(parts, partsOf(node.ot, 'expected'));
    const form = JS_FORMS.find((k) => k in node);
    if (form !== undefined) parts = merge(parts, partsOf(node[form], 'command'));
  } else {
    const form = jsForm(node);
    if (form !== undefined) parts[role] = partsOf(form, role)[role];
  }
  return parts;
}

function languagesOf(entry) {
  if (entry === null || entry === undefined) return [];
  if (!isMap(entry)) return ['any'];
  return Object.keys(entry).filter((k) => JS_FORMS.includes(k) || OTHER_FORMS.test(k));
}

// --- file names: name.<languages>.yaml runs only for those languages ------------------------------

function fileTags(fileName) {
  const stem = fileName.replace(/\.yaml$/, '');
  const dot = stem.indexOf('.');
  if (dot < 0) return { base: stem, languages: null };
  const languages = stem.slice(dot + 1).split(',').map((tag) => (/^\+?([a-zA-Z]+)/.exec(tag) || ['', tag])[1].toLowerCase());
  return { base: stem.slice(0, dot), languages };
}

// --- the plan -------------------------------------------------------------------------------------

const NETWORK_CALL = /\.\s*http\s*\(/;
const COMPILE_ERROR_EXPECTED = /^\s*err(?:_regex)?\(\s*["'](?:Reql|Rql)(?:Driver|Server)?CompileError["']/;
const ONLY_NULL = /^\(?\s*(?:null|undefined)\s*\)?$/;
const ONLY_WAIT = /^wait\s*\(/;

function lineOf(node) {
  if (isSource(node)) return node.line;
  const children = Array.isArray(node) ? node : isMap(node) ? Object.values(node) : [];
  const lines = children.map(lineOf).filter((n) => n !== null);
  return lines.length ? Math.min(...lines) : null;
}

function expectedJs(expected) {
  if (expected === null || expected === undefined) return null;
  return toJs(isSource(expected) ? expected.text : pythonRepr(expected), false);
}

/**
 * kind: 'test' (counted), 'skip' (counted as skipped, with `skipReason`), 'setup' (definitions
 * or waits only: run, not counted) or 'none' (nothing to do).
 */
function planEntry(node, index, fileSkipReason) {
  const entry = { index, line: lineOf(node), kind: 'test', skipReason: null, defs: [], commands: [], problem: null };
  const languages = languagesOf(node);
  if (fileSkipReason) {
    entry.kind = languages.length ? 'skip' : 'none';
    entry.skipReason = fileSkipReason;
    return entry;
  }
  let parts;
  try {
    parts = partsOf(node, 'command');
  } catch (e) {
    entry.problem = `cannot read test entry: ${e.message}`;
    return entry;
  }

  for (const def of parts.definition || []) {
    const assignment = ASSIGNMENT.exec(String(def));
    if (!assignment) {
      entry.problem = `def entry missing variable name: ${def}`;
      continue;
    }
    entry.defs.push({ variable: camelCase(pythonWordsToJs(pythonStrip(assignment[2]))), js: toJs(assignment[3], true) });
  }

  // the runner writes the testopts per query as they are at that moment: once a query has set
  // `variable`, the entry's later queries carry it too
  const testopts = parts.testopts;
  for (const command of parts.command || []) {
    let text = String(command);
    const assignment = ASSIGNMENT.exec(text);
    if (assignment) {
      testopts.variable = new Source(camelCase(assignment[2]), lineOf(command));
      text = assignment[3];
    }
    entry.commands.push({
      js: toJs(text, true),
      expected: expectedJs(parts.expected),
      runopts: optionsJs(parts.runopts),
      testopts: optionsJs(testopts),
      line: lineOf(command) || entry.line,
    });
  }

  const commands = entry.commands;
  if (!commands.length) {
    if (!entry.problem) {
      if (languages.length) Object.assign(entry, { kind: 'skip', skipReason: 'no js form' });
      else entry.kind = entry.defs.length ? 'setup' : 'none';
    }
    return entry;
  }
  const anyExpected = commands.some((c) => c.expected);
  if (!anyExpected && commands.every((c) => ONLY_NULL.test(c.js))) {
    // `js: null` is how the suite turns a test off for JavaScript
    return Object.assign(entry, { kind: 'skip', skipReason: 'no js form (js: null)' });
  }
  if (!anyExpected && commands.every((c) => ONLY_WAIT.test(c.js))) entry.kind = 'setup';
  if (commands.some((c) => NETWORK_CALL.test(c.js) && !(c.expected && COMPILE_ERROR_EXPECTED.test(c.expected)))) {
    // r.http reaches the outside network, except when the driver rejects the call before that
    Object.assign(entry, { kind: 'skip', skipReason: 'needs outside network (r.http)' });
  }
  return entry;
}

/** The plan of a file's `text`; `relPath`, its path in the suite, names its tests and tables. */
function planFile(text, relPath) {
  const tags = fileTags(path.posix.basename(relPath));
  const fileSkipReason = tags.languages && !tags.languages.includes('js')
    ? `language-specific file (${tags.languages.join(',')})` : null;
  const plan = { relPath, tables: [], entries: [], problem: null };

  let doc;
  try {
    doc = readPolyglot(text);
    if (!isMap(doc) || !Array.isArray(doc.tests)) throw new Error('the file has no `tests` list');
  } catch (e) {
    plan.problem = `cannot read the file: ${e.message}`;
    return plan;
  }

  const dir = path.posix.dirname(relPath);
  const tableStem = `polyglot_${(dir === '.' ? tags.base : `${dir}/${tags.base}`).replace(/[^A-Za-z0-9_]/g, '_')}`;
  const names = doc.table_variable_name;
  const variables = isSource(names) ? names.text.match(/[a-zA-Z\d._-]+/g) || [] : Array.isArray(names) ? names.map(String) : [];
  plan.tables = variables.map((v, i) => ({
    variable: camelCase(pythonWordsToJs(pythonStrip(v))),
    table: i ? `${tableStem}_tbl${i}` : tableStem,
  }));

  plan.entries = doc.tests.map((node, index) => planEntry(node, index, fileSkipReason));
  return plan;
}

module.exports = { planFile, camelCase, toJs, pythonRepr };
