'use strict';
// The runner's own tests: the reading and translation rules and the comparison helpers on their
// own, then a whole run of fixture/ against the live server on port $REQLDB_TEST_PORT (bin/conformance
// starts one and runs these before the suite).

const assert = require('assert');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { test } = require('node:test');
const { readPolyglot } = require('../lib/polyglot-reader');
const { planFile } = require('../lib/test-plan');
const { expectationOf, helpers } = require('../lib/expectations');

test('values stay source text and nest by indentation, as RethinkDB reads them', () => {
  const doc = readPolyglot("tests:\n  - cd: r.expr({'a': 1})  # not a comment\n    ot: |\n      {'a': 1}\n  - def: x = 1\n");
  assert.strictEqual(doc.tests[0].cd.text, "r.expr({'a': 1})  # not a comment");
  assert.strictEqual(doc.tests[0].ot.text, "{'a': 1}");
  assert.strictEqual(doc.tests[0].cd.line, 2);
  assert.strictEqual(doc.tests[1].def.text, 'x = 1');
});

test('entries become JavaScript as RethinkDB\'s JsLang writes it', () => {
  const plan = planFile([
    'table_variable_name: tbl other_tbl',
    'tests:',
    "  - cd: tbl.get_all(True, index='is_set')",
    '    ot: {"value": None, \'True\': 1}',
    '  - def: my_var = r.expr(None)',
    '  - py: r.expr(1)',
    '  - js: null',
    '  - cd: r.http("x")',
    '  - cd: stored_cursor = tbl.changes()',
    '    runopts:',
    '      max_batch_rows: 1',
  ].join('\n'), 'dir/some_file.yaml');
  assert.deepStrictEqual(plan.tables, [
    { variable: 'tbl', table: 'polyglot_dir_some_file' },
    { variable: 'otherTbl', table: 'polyglot_dir_some_file_tbl1' },
  ]);
  const [query, def, pyOnly, jsNull, http, stored] = plan.entries;
  assert.strictEqual(query.commands[0].js, "tbl.getAll(true, index='is_set')");
  assert.strictEqual(query.commands[0].expected, '({"value": null, \'True\': 1})');
  assert.deepStrictEqual([def.kind, def.defs], ['setup', [{ variable: 'myVar', js: 'r.expr(null)' }]]);
  assert.deepStrictEqual([pyOnly.kind, pyOnly.skipReason], ['skip', 'no js form']);
  assert.deepStrictEqual([jsNull.kind, jsNull.skipReason], ['skip', 'no js form (js: null)']);
  assert.deepStrictEqual([http.kind, http.skipReason], ['skip', 'needs outside network (r.http)']);
  assert.strictEqual(stored.commands[0].js, 'tbl.changes()');
  assert.strictEqual(stored.commands[0].testopts, "{'variable': 'storedCursor'}");
  assert.strictEqual(stored.commands[0].runopts, "{'max_batch_rows': '1'}");
});

test('comparisons follow driver.js, stricter where it is lenient by mistake', () => {
  const ok = (expected, actual, options = {}) => expectationOf(expected, options).verdict(actual) === null;
  assert.ok(ok({ a: [1, 'x'] }, { a: [1, 'x'] }));
  assert.ok(!ok({ a: 1 }, { a: 1, b: 2 }));
  assert.ok(ok(helpers.partial({ a: 1 }), { a: 1, b: 2 }));
  assert.ok(ok(1, 1.0001, { precision: '0.001' }));
  assert.ok(ok(helpers.bag([1, helpers.uuid(), 1]), [1, '01234567-89ab-cdef-0123-456789abcdef', 1]));
  assert.ok(!ok(helpers.bag([1]), [1, 2]), 'a bag has no extra items');
  assert.ok(ok(helpers.partial([2]), [1, 2]));
  assert.ok(!ok(new Date(0), new Date(1)), 'dates compare by time');
  assert.ok(ok(helpers.arrlen(0), []));
  assert.ok(!ok(helpers.uuid(), 'x01234567-89ab-cdef-0123-456789abcdef'));
  // as the driver makes it from a server's answer: the message, then the query and a marker
  const error = Object.assign(Object.create(require('rethinkdb').Error.ReqlQueryLogicError.prototype), { msg: 'Cannot do it in:\nr.expr(1)\n^^' });
  assert.ok(expectationOf(helpers.err('ReqlQueryLogicError', 'Cannot do it:')).verdict(error) === null);
  assert.ok(expectationOf(helpers.err('ReqlRuntimeError', 'Cannot do it:')).verdict(error) === null, 'subclasses match');
  assert.ok(expectationOf(helpers.err('ReqlQueryLogicError', 'Other')).verdict(error) !== null);
});

test('a whole run against the server: counts, names, pass lists and exit codes', { skip: !process.env.REQLDB_TEST_PORT && 'REQLDB_TEST_PORT is not set' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reqldb-runner-'));
  const run = (...args) => {
    try {
      return { code: 0, out: execFileSync('node', [path.join(__dirname, '..', 'run.js'), '--port', process.env.REQLDB_TEST_PORT, ...args, path.join(__dirname, 'fixture')], { encoding: 'utf8', stdio: 'pipe' }) };
    } catch (e) {
      return { code: e.status, out: e.stdout };
    }
  };
  try {
    const passList = path.join(dir, 'pass.txt');
    const all = run('--write-pass', passList);
    assert.strictEqual(all.code, 0, all.out);
    assert.match(all.out, /\n9 passed, 1 failed, 2 skipped\n$/);
    assert.match(all.out, /FAIL runner_check\.yaml#7 \(line 26\)/);
    assert.strictEqual(fs.readFileSync(passList, 'utf8'), [0, 1, 4, 5, 6, 8, 9, 10, 11].map((i) => `runner_check.yaml#${i}\n`).sort().join(''), 'sorted byte by byte');

    fs.writeFileSync(passList, '# must pass\nrunner_check.yaml#6\nrunner_check.yaml#7\nnot_here.yaml#0\n');
    const regression = run('--expect-pass', passList);
    assert.strictEqual(regression.code, 1, regression.out);
    assert.match(regression.out, /\nREGRESSION runner_check\.yaml#7\n/);
    assert.doesNotMatch(regression.out, /REGRESSION runner_check\.yaml#6/);

    const filtered = run('--filter', '#1[01]$', '--expect-pass', passList);
    assert.strictEqual(filtered.code, 0, filtered.out);
    assert.match(filtered.out, /\n2 passed, 0 failed, 0 skipped\n$/, 'earlier entries ran for their effects, unreported');
    assert.strictEqual(run('--no-such-option').code, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
