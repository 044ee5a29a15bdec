#!/usr/bin/env node
'use strict';
// ReqlDB's conformance runner: runs RethinkDB's polyglot YAML tests (test/rql_test/src) against a
// server through the official JavaScript driver and counts what passes. conformance/README.md
// describes the test forms and the rules results are judged by.

const fs = require('fs');
const path = require('path');

const USAGE = `usage: node conformance/run.js [options] PATH...

PATH is a test file or a folder searched for *.yaml. A test is named
<path relative to the folder>#<index in the file's tests list>.

  --host HOST          server address (default 127.0.0.1)
  --port PORT          server driver port (default 28015)
  --filter REGEX       only tests whose name matches (earlier entries of the
                       same file still run, unreported: later ones need them)
  --write-pass FILE    write the names of the passing tests, sorted
  --expect-pass FILE   exit 1, printing "REGRESSION <name>", when a test
                       listed there (# comments allowed) ran and did not pass
  --timeout-ms MS      time limit of one query (default 10000)`;

function usageError(message) {
  process.stderr.write(`conformance: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArguments(args) {
  const options = { host: '127.0.0.1', port: 28015, filter: null, writePass: null, expectPass: null, timeoutMs: 10000, paths: [] };
  const setters = {
    '--host': (v) => { options.host = v; },
    '--port': (v) => {
      options.port = Number(v);
      if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) usageError(`bad port: ${v}`);
    },
    '--filter': (v) => {
      try {
        options.filter = new RegExp(v);
      } catch (e) {
        usageError(`bad --filter: ${e.message}`);
      }
    },
    '--write-pass': (v) => { options.writePass = v; },
    '--expect-pass': (v) => { options.expectPass = v; },
    '--timeout-ms': (v) => {
      options.timeoutMs = Number(v);
      if (!(options.timeoutMs > 0)) usageError(`bad --timeout-ms: ${v}`);
    },
  };
  for (let i = 0; i < args.length; i++) {
    const [name, inlineValue] = args[i].startsWith('--') && args[i].includes('=')
      ? [args[i].slice(0, args[i].indexOf('=')), args[i].slice(args[i].indexOf('=') + 1)] : [args[i], undefined];
    if (name === '-h' || name === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (setters[name]) {
      const value = inlineValue !== undefined ? inlineValue : args[++i];
      if (value === undefined) usageError(`${name} needs a value`);
      setters[name](value);
    } else if (name.startsWith('-')) {
      usageError(`unknown option ${name}`);
    } else {
      options.paths.push(name);
    }
  }
  if (!options.paths.length) usageError('no PATH given');
  return options;
}

const byteOrder = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** [{ abs, rel }] of the test files under the paths, each folder's in byte order of their names. */
function testFiles(paths) {
  const files = [];
  for (const given of paths) {
    if (!fs.existsSync(given)) usageError(`no such file or folder: ${given}`);
    const root = path.resolve(given);
    if (!fs.statSync(root).isDirectory()) {
      files.push({ abs: root, rel: path.basename(root) });
      continue;
    }
    const found = [];
    const walk = (dir) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile() && entry.name.endsWith('.yaml')) found.push({ abs: full, rel: path.relative(root, full).split(path.sep).join('/') });
      }
    };
    walk(root);
    files.push(...found.sort((a, b) => byteOrder(a.rel, b.rel)));
  }
  if (!files.length) usageError('no .yaml files found');
  return files;
}

function readExpectedPasses(file) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').map((s) => s.trim()).filter((s) => s && !s.startsWith('#'));
  } catch (e) {
    return usageError(`cannot read ${file}: ${e.message}`);
  }
}

const oneLine = (text, max = 300) => {
  const flat = String(text === undefined || text === null ? '' : text).replace(/\s*\n\s*/g, ' ⏎ ');
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
};

function printFailures(rel, results) {
  const notRun = new Map(); // reason -> indexes of tests that failed before any query ran
  for (const t of results.filter((x) => x.status === 'failed')) {
    if (!t.failures || !t.failures.length) {
      if (t.failures) console.log(`  FAIL ${rel}#${t.index} (line ${t.line}): ${oneLine(t.reason)}`);
      else notRun.set(t.reason, (notRun.get(t.reason) || []).concat(t.index));
      continue;
    }
    console.log(`  FAIL ${rel}#${t.index} (line ${t.line})`);
    for (const f of t.failures) {
      console.log(`       js:       ${oneLine(f.command.js)}`);
      console.log(`       expected: ${oneLine(f.command.expected || 'anything()')}`);
      if (f.actual !== undefined) console.log(`       actual:   ${oneLine(f.actual)}`);
      if (f.why && !String(f.actual || '').includes(f.why)) console.log(`       why:      ${oneLine(f.why)}`);
    }
  }
  for (const [reason, indexes] of notRun) {
    console.log(`  FAIL ${indexes.length} test(s) not run: ${oneLine(reason)}`);
    console.log(`       ${indexes.map((i) => `${rel}#${i}`).join(' ')}`);
  }
}

async function main() {
  process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); });
  process.noDeprecation = true; // test code uses Buffer() and the like
  const options = parseArguments(process.argv.slice(2));
  const files = testFiles(options.paths);
  const expected = options.expectPass ? readExpectedPasses(options.expectPass) : null;

  const { planFile } = require('./lib/test-plan');
  const { runFile } = require('./lib/file-run');
  const { Server, Housekeeping } = require('./lib/server');
  const server = new Server(options.host, options.port, options.timeoutMs);
  const housekeeping = new Housekeeping(server, console.log);
  await housekeeping.start();

  const counts = { passed: 0, failed: 0, skipped: 0 };
  const passing = [];
  const skipReasons = {};
  for (const file of files) {
    const selected = (index) => !options.filter || options.filter.test(`${file.rel}#${index}`);
    const plan = planFile(fs.readFileSync(file.abs, 'utf8'), file.rel);
    if (!plan.problem && !plan.entries.some((e) => selected(e.index))) continue;
    if (plan.problem && !selected(0)) continue;
    const started = Date.now();
    const { results, notes } = await runFile(plan, server, housekeeping, options.timeoutMs, selected);
    const fileCounts = { passed: 0, failed: 0, skipped: 0 };
    for (const t of results) {
      fileCounts[t.status] += 1;
      counts[t.status] += 1;
      if (t.status === 'passed') passing.push(`${file.rel}#${t.index}`);
      if (t.status === 'skipped') skipReasons[t.reason] = (skipReasons[t.reason] || 0) + 1;
    }
    const mark = fileCounts.failed ? 'FAIL' : fileCounts.passed ? 'ok  ' : 'skip';
    console.log(`${mark} ${file.rel}: ${fileCounts.passed} passed, ${fileCounts.failed} failed, ${fileCounts.skipped} skipped (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    for (const note of notes) console.log(`     note: ${oneLine(note)}`);
    printFailures(file.rel, results);
  }

  passing.sort(byteOrder);
  if (options.writePass) fs.writeFileSync(options.writePass, passing.map((id) => `${id}\n`).join(''));
  if (Object.keys(skipReasons).length) {
    console.log(`skipped by reason: ${Object.entries(skipReasons).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  }
  if (server.goneReason) console.log(`server: ${oneLine(server.goneReason, 1000)}`);

  let exitCode = 0;
  if (expected) {
    const ran = new Set(files.map((f) => f.rel));
    const passed = new Set(passing);
    const inRun = (id) => ran.has(id.includes('#') ? id.slice(0, id.lastIndexOf('#')) : id) && (!options.filter || options.filter.test(id));
    const regressions = expected.filter((id) => inRun(id) && !passed.has(id));
    for (const id of regressions) console.log(`REGRESSION ${id}`);
    const unchecked = expected.filter((id) => !inRun(id)).length;
    if (unchecked) console.log(`note: ${unchecked} name(s) in ${options.expectPass} are not part of this run and were not checked`);
    if (regressions.length) exitCode = 1;
  }
  console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  return exitCode;
}

main().then(
  // queries abandoned after a timeout must not keep the process alive
  (code) => process.stdout.write('', () => process.exit(code)),
  (e) => {
    process.stderr.write(`conformance: internal error: ${e && e.stack ? e.stack : e}\n`);
    process.exit(3);
  },
);
