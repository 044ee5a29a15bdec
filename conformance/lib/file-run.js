'use strict';
// Runs the plan of one file against the server, as RethinkDB's driver.js runs its generated
// script: tables created first, then every entry in order in one scope (later tests use what
// earlier ones defined or stored), each query's result (cursors and feeds read into arrays) held
// against its expected value, and the tables dropped at the end.

const r = require('rethinkdb');
const { expectationOf, show } = require('./expectations');
const { evaluate, define, withoutLeakedGlobals, Fetch, Wait } = require('./sandbox');
const { Timeout, ServerGone, DriverCrash, within, sleep, closeQuietly } = require('./server');

// the class every ReQL term is an instance of, reached as driver.js reaches it
const ReqlTerm = Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf(r.table('')))).constructor;

const NO_MORE_ROWS = 'No more rows in the cursor.';

/** runopts as driver.js passes them to run(): values evaluated, snake_case keys camelCased, 3 rows a batch. */
function runOptions(source, timeoutMs) {
  const given = evaluate(`(${source})`, Object.create(null), timeoutMs) || {};
  const user = given.user ? String(given.user) : 'admin';
  const options = {};
  for (const [key, value] of Object.entries(given)) {
    let v = value;
    if (typeof v === 'string') {
      try {
        v = evaluate(v, Object.create(null), timeoutMs);
      } catch (e) { /* the text itself */ }
    }
    options[key] = v;
  }
  if (!('maxBatchRows' in options)) options.maxBatchRows = 3;
  for (const key of Object.keys(options)) {
    // driver.js camelCases only the first snake_case part of a key
    const camel = key.replace(/([a-z]+)_([a-z]+)/, (m, head, tail) => head + tail.charAt(0).toUpperCase() + tail.slice(1));
    if (camel !== key) {
      options[camel] = options[key];
      delete options[key];
    }
  }
  delete options.user;
  return { options, user };
}

// driver.js doubles the first backslash inside regex('...') before evaluating an expected value
function withRegexQuirk(source) {
  return source.replace(/(regex\((['"])(.*?)\1\))/g, (call) => call.replace('\\', '\\\\'));
}

class FileRun {
  constructor(plan, server, housekeeping, timeoutMs) {
    Object.assign(this, { plan, server, housekeeping, timeoutMs });
    this.connections = new Map(); // user -> connection
    this.scope = Object.create(null);
    this.notes = [];
  }

  async connection(user) {
    const known = this.connections.get(user);
    if (known && known.open) return known;
    closeQuietly(known);
    const conn = await this.server.connect(user);
    this.connections.set(user, conn);
    return conn;
  }

  closeConnections() {
    for (const conn of this.connections.values()) closeQuietly(conn);
    this.connections.clear();
  }

  async setUp() {
    const admin = await this.connection('admin');
    const run = (query, what) => this.server.run(admin, query, what);
    const dbs = await run(r.dbList(), 'listing databases');
    if (!dbs.includes('test')) await run(r.dbCreate('test'), 'creating database test');
    await this.housekeeping.beforeFile(admin);
    if (!this.plan.tables.length) return;
    const existing = await run(r.db('test').tableList(), 'listing tables');
    for (const { variable, table } of this.plan.tables) {
      if (existing.includes(table)) await run(r.db('test').tableDrop(table), `dropping leftover table ${table}`);
      const created = await run(r.db('test').tableCreate(table), `creating table ${table}`);
      if (!created || created.tables_created !== 1) throw new Error(`creating table test.${table} returned ${show(created)}`);
      this.scope[variable] = r.db('test').table(table);
    }
  }

  async tearDown() {
    if (this.server.goneReason) return this.closeConnections();
    try {
      const admin = await this.connection('admin');
      const run = (query, what) => this.server.run(admin, query, what);
      for (const { table } of this.plan.tables) {
        try {
          if ((await run(r.db('test').tableList(), 'listing tables')).includes(table)) {
            await run(r.db('test').tableDrop(table), `dropping table ${table}`);
          }
        } catch (e) {
          this.notes.push(`tear-down: dropping test.${table}: ${show(e)}`);
        }
      }
      for (const what of await this.housekeeping.afterFile(admin)) this.notes.push(`clean-up: dropped ${what} the file left`);
    } catch (e) {
      this.notes.push(`tear-down failed: ${show(e)}`);
    }
    return this.closeConnections();
  }

  runDefinition(def) {
    const admin = this.connections.get('admin');
    if (admin) this.scope.conn = admin;
    define(def.variable, def.js, this.scope, this.timeoutMs);
  }

  /** Reads a cursor or feed into an array: `limit` rows, or all of them. */
  async readRows(cursor, deadline, limit, rowFilter) {
    const rows = [];
    while (!limit || rows.length < limit) {
      let row;
      try {
        row = await within(deadline - Date.now(), `reading row ${rows.length + 1} of the cursor`, cursor.next(), this.timeoutMs);
      } catch (e) {
        if (!limit && e && e.message === NO_MORE_ROWS) break;
        throw e;
      }
      if (rowFilter) {
        row = rowFilter(row);
        if (row === undefined) continue; // the filter dropped it
      }
      rows.push(row);
    }
    return rows;
  }

  /** The outcome of one query: the value it gave, or the error it raised. */
  async outcome(code, conn, runopts, testopts) {
    const deadline = Date.now() + this.timeoutMs;
    let value = evaluate(code, this.scope, this.timeoutMs);
    let limit = 0;
    if (value instanceof Wait) {
      await sleep(Math.max(0, value.seconds * 1000));
      return { waited: true };
    }
    if (value instanceof Fetch) {
      if (value.limit) {
        limit = parseInt(value.limit, 10);
        if (Number.isNaN(limit)) throw new Error('the limit of fetch must be null or a number');
      }
      value = value.cursor;
    } else if (value instanceof ReqlTerm) {
      value = await within(deadline - Date.now(), 'to the query', value.run(conn, runopts), this.timeoutMs);
    } else if (value && typeof value.then === 'function') {
      value = await within(deadline - Date.now(), 'from a promise', value, this.timeoutMs);
    }
    if (testopts.variable) {
      this.scope[String(testopts.variable)] = value; // kept unread: later fetch() calls read it
    } else if (value instanceof Object && typeof value.each === 'function') {
      const rowFilter = !limit && testopts.rowfilter ? new Function('input', testopts.rowfilter) : null; // eslint-disable-line no-new-func
      value = await this.readRows(value, deadline, limit, rowFilter);
      if (!limit && testopts.arrayfilter) value = new Function('input', testopts.arrayfilter)(value); // eslint-disable-line no-new-func
    }
    return { value };
  }

  /** After a timeout or driver crash: keep going on a connection that answers, or give up on the server. */
  async recover(error, user, conn) {
    const answering = await this.server.stillAnswers(error instanceof DriverCrash ? null : conn);
    if (!answering) {
      this.closeConnections();
      return ` (and then: ${this.server.goneReason})`;
    }
    if (answering !== conn) {
      closeQuietly(conn);
      this.connections.delete(user);
      if (user === 'admin') this.connections.set('admin', answering);
      else closeQuietly(answering);
    }
    return '';
  }

  /** Runs one query of a test; returns { ok, why, actual }. */
  async runCommand(command) {
    let runopts;
    let user;
    let testopts;
    try {
      ({ options: runopts, user } = runOptions(command.runopts, this.timeoutMs));
      testopts = evaluate(`(${command.testopts})`, Object.create(null), this.timeoutMs) || {};
    } catch (e) {
      return { ok: false, why: `cannot read runopts/testopts: ${show(e)}` };
    }
    let conn;
    try {
      conn = await this.connection(user);
    } catch (e) {
      return { ok: false, why: e instanceof ServerGone ? e.message : `cannot connect as ${user}: ${show(e)}` };
    }
    this.scope.conn = conn;

    // the expected value is evaluated before the query runs, as in driver.js
    const options = testopts.precision !== undefined ? { precision: testopts.precision } : {};
    let expectation;
    let expectedProblem = null;
    try {
      expectation = expectationOf(evaluate(withRegexQuirk(command.expected || 'anything()'), this.scope, this.timeoutMs), options);
    } catch (e) {
      expectedProblem = e;
    }

    let result;
    try {
      result = await this.outcome(command.js, conn, runopts, testopts);
    } catch (e) {
      result = { error: e };
    }
    const { error } = result;
    if (error instanceof Timeout || error instanceof DriverCrash) {
      return { ok: false, why: error.message + await this.recover(error, user, conn), actual: show(error) };
    }
    if (result.waited) return { ok: true };
    const actual = show(error || result.value);
    if (expectedProblem) return { ok: false, why: `the expected value cannot be evaluated: ${show(expectedProblem)}`, actual };
    if (error instanceof ServerGone) return { ok: false, why: error.message, actual };
    if (error && !expectation.acceptsErrors) return { ok: false, why: 'an error instead of a value', actual };
    let why;
    try {
      why = expectation.verdict(error || result.value);
    } catch (e) {
      why = `the comparison failed: ${show(e)}`;
    }
    return { ok: why === null, why, actual };
  }
}

/**
 * Runs the entries of `plan` up to the last one `selected` picks; returns the results of the
 * selected tests ({ index, line, status: passed|failed|skipped, reason, failures }) and notes.
 */
async function runFile(plan, server, housekeeping, timeoutMs, selected) {
  const results = [];
  const report = (entry, status, fields = {}) => {
    if (selected(entry.index)) results.push({ index: entry.index, line: entry.line, status, ...fields });
  };
  const fileRun = new FileRun(plan, server, housekeeping, timeoutMs);
  const done = () => ({ results, notes: fileRun.notes });

  if (plan.problem) {
    report({ index: 0, line: null }, 'failed', { reason: plan.problem });
    return done();
  }
  const chosen = plan.entries.filter((e) => selected(e.index));
  const last = chosen.length ? chosen[chosen.length - 1].index : -1;
  const failFrom = (from, reason) => {
    for (const e of plan.entries.slice(from, last + 1)) {
      if (e.kind === 'skip') report(e, 'skipped', { reason: e.skipReason });
      else if (e.kind === 'test') report(e, 'failed', { reason });
    }
  };
  if (!chosen.some((e) => e.kind === 'test')) {
    for (const e of chosen) if (e.kind === 'skip') report(e, 'skipped', { reason: e.skipReason });
    return done();
  }
  if (server.goneReason) {
    failFrom(0, new ServerGone(server.goneReason).message);
    return done();
  }

  await withoutLeakedGlobals(async () => {
    try {
      try {
        await fileRun.setUp();
      } catch (e) {
        failFrom(0, e instanceof ServerGone ? e.message : `setup failed: ${show(e)}`);
        return;
      }
      for (const entry of plan.entries.slice(0, last + 1)) {
        if (server.goneReason && entry.kind === 'test') {
          failFrom(entry.index, new ServerGone(server.goneReason).message);
          return;
        }
        let defProblem = null;
        for (const def of entry.defs) {
          try {
            fileRun.runDefinition(def);
          } catch (e) {
            defProblem = defProblem || `definition \`${def.variable} = ${def.js}\` failed: ${show(e)}`;
          }
        }
        if (entry.kind === 'skip') report(entry, 'skipped', { reason: entry.skipReason });
        if (entry.kind === 'setup') {
          if (defProblem) fileRun.notes.push(`#${entry.index} (line ${entry.line}): ${defProblem}`);
          for (const command of entry.commands) await fileRun.runCommand(command);
        }
        if (entry.kind !== 'test') continue;
        const failures = [];
        for (const command of entry.commands) {
          const outcome = server.goneReason
            ? { ok: false, why: new ServerGone(server.goneReason).message }
            : await fileRun.runCommand(command);
          if (!outcome.ok) failures.push({ command, ...outcome });
        }
        const reason = entry.problem || defProblem || (failures.length ? failures[0].why || 'mismatch' : null);
        report(entry, reason ? 'failed' : 'passed', { reason, failures });
      }
    } finally {
      await fileRun.tearDown();
    }
  });
  return done();
}

module.exports = { runFile };
