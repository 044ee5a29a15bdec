'use strict';
// The server under test, seen through the official JavaScript driver: connections with deadlines,
// a check that it still answers after a timeout, and the state RethinkDB's test runner keeps
// between files (its Server.clean(): a `test_user`, an empty `_debug_scratch`, no leftovers).

const r = require('rethinkdb');
const { show } = require('./expectations');

class Timeout extends Error {
  constructor(what, ms) {
    super(`no answer within ${ms} ms ${what}`);
    this.name = 'Timeout';
  }
}

class ServerGone extends Error {
  constructor(reason) {
    super(`server unavailable: ${reason}`);
    this.name = 'ServerGone';
  }
}

/** An exception thrown inside the driver's socket handling (bytes it cannot parse, say). */
class DriverCrash extends Error {
  constructor(cause) {
    super(`exception inside the driver: ${cause && cause.stack ? cause.stack.split('\n').slice(0, 3).join(' | ') : cause}`);
    this.name = 'DriverCrash';
  }
}

// Waits in progress: a driver crash has no caller to reach, so it fails all of them.
const waiting = new Set();

process.on('uncaughtException', (e) => {
  const crash = new DriverCrash(e);
  if (!waiting.size) console.log(`warning: ${crash.message}`);
  for (const fail of [...waiting]) fail(crash);
});
process.on('unhandledRejection', () => { /* late answers to waits that already timed out */ });

/** `promise`'s outcome, or a Timeout after `ms`. */
function within(ms, what, promise, reportedMs = ms) {
  return new Promise((resolve, reject) => {
    const settle = (fn) => (x) => {
      clearTimeout(timer);
      waiting.delete(fail);
      fn(x);
    };
    const fail = settle(reject);
    const timer = setTimeout(() => fail(new Timeout(what, reportedMs)), Math.max(1, ms));
    waiting.add(fail);
    Promise.resolve(promise).then(settle(resolve), fail);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function closeQuietly(conn) {
  if (!conn) return;
  try {
    Promise.resolve(conn.close({ noreplyWait: false })).catch(() => {});
  } catch (e) { /* already closed */ }
}

class Server {
  constructor(host, port, timeoutMs) {
    Object.assign(this, { host, port, timeoutMs });
    this.goneReason = null; // set once the server stops answering; every later test fails at once
  }

  async open(user) {
    const options = { host: this.host, port: this.port, timeout: Math.ceil(this.timeoutMs / 1000) };
    if (user !== 'admin') Object.assign(options, { user, password: '' });
    const conn = await within(this.timeoutMs, `connecting to ${this.host}:${this.port}`, r.connect(options));
    conn.on('error', () => { /* shows as failed queries */ });
    return conn;
  }

  /** A new connection as `user`; two failed attempts in a row mean the server is gone. */
  async connect(user) {
    if (this.goneReason) throw new ServerGone(this.goneReason);
    let failure;
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        return await this.open(user);
      } catch (e) {
        if (e instanceof r.Error.ReqlAuthError) throw e; // that user's problem, not the server's
        failure = e;
        if (attempt === 1) await sleep(250);
      }
    }
    this.goneReason = `cannot connect to ${this.host}:${this.port}: ${show(failure)}`;
    throw new ServerGone(this.goneReason);
  }

  /** Runs a query of the runner itself (setup, cleanup) within the time limit. */
  run(conn, query, what) {
    return within(this.timeoutMs, what, query.run(conn));
  }

  /**
   * After a timeout: does `conn`, or else a new admin connection, still answer? Returns the
   * connection that answers, or null when the server is gone.
   */
  async stillAnswers(conn) {
    const ms = Math.min(this.timeoutMs, 5000);
    const answers = async (c) => (await within(ms, 'to a health check', r.expr(1).run(c))) === 1;
    if (conn && conn.open) {
      try {
        if (await answers(conn)) return conn;
      } catch (e) { /* try a new connection */ }
    }
    let fresh;
    try {
      fresh = await this.open('admin');
      if (await answers(fresh)) return fresh;
      this.goneReason = 'server stopped answering (a health check got a wrong value)';
    } catch (e) {
      this.goneReason = `server stopped answering (health check after a timeout: ${show(e)})`;
    }
    closeQuietly(fresh);
    return null;
  }
}

/**
 * What RethinkDB's runner resets between files. A step the server does not support (no such
 * system table) is reported once and then left out.
 */
class Housekeeping {
  constructor(server, log) {
    Object.assign(this, { server, log });
    this.tablesAtStart = null; // database -> its tables when the run started
    this.unsupported = new Set();
  }

  async start() {
    let conn;
    try {
      conn = await this.server.connect('admin');
    } catch (e) {
      return; // each file reports it
    }
    const run = (query, what) => this.server.run(conn, query, what);
    try {
      const tables = {};
      for (const db of await run(r.dbList(), 'listing databases')) {
        if (db !== 'rethinkdb') tables[db] = Array.from(await run(r.db(db).tableList(), 'listing tables'));
      }
      const stale = (tables.test || []).filter((t) => t.startsWith('polyglot_'));
      for (const t of stale) await run(r.db('test').tableDrop(t), `dropping leftover table ${t}`);
      if (stale.length) {
        this.log(`note: dropped ${stale.length} table(s) test.polyglot_* left by an interrupted run`);
        tables.test = tables.test.filter((t) => !stale.includes(t));
      }
      const others = Object.keys(tables).filter((db) => db !== 'test');
      if (others.length) this.log(`note: databases other than rethinkdb and test exist (${others.join(', ')}); tests listing databases may see them`);
      if (tables.test && tables.test.length) this.log(`note: database test already holds tables (${tables.test.join(', ')}); tests listing tables may see them`);
      this.tablesAtStart = tables;
    } catch (e) {
      this.log(`warning: cannot list databases and tables at start (${show(e)}); leftovers of files are not cleaned up`);
    } finally {
      closeQuietly(conn);
    }
  }

  async step(name, action) {
    if (this.unsupported.has(name) || this.server.goneReason) return;
    try {
      await action();
    } catch (e) {
      if (e instanceof ServerGone || e instanceof Timeout) throw e;
      this.unsupported.add(name);
      this.log(`warning: "${name}" failed and is left out from now on: ${show(e)}`);
    }
  }

  async beforeFile(conn) {
    const run = (query, what) => this.server.run(conn, query, what);
    await this.step('empty rethinkdb._debug_scratch', () => run(r.db('rethinkdb').table('_debug_scratch').delete(), 'emptying _debug_scratch'));
    await this.step('recreate test_user', async () => {
      const users = r.db('rethinkdb').table('users');
      await run(users.get('test_user').delete(), 'removing test_user');
      await run(users.insert({ id: 'test_user', password: false }), 'adding test_user');
      await run(r.grant('test_user', { read: true, write: true, config: true, connect: true }), 'granting test_user');
    });
  }

  /** Drops the databases and tables a file left behind; returns what it dropped. */
  async afterFile(conn) {
    if (!this.tablesAtStart) return [];
    const run = (query, what) => this.server.run(conn, query, what);
    const dropped = [];
    for (const db of await run(r.dbList(), 'listing databases')) {
      if (db === 'rethinkdb') continue;
      if (!(db in this.tablesAtStart) && db !== 'test') {
        await run(r.dbDrop(db), `dropping database ${db}`);
        dropped.push(`database ${db}`);
        continue;
      }
      const keep = this.tablesAtStart[db] || [];
      for (const t of await run(r.db(db).tableList(), 'listing tables')) {
        if (keep.includes(t)) continue;
        await run(r.db(db).tableDrop(t), `dropping table ${db}.${t}`);
        dropped.push(`table ${db}.${t}`);
      }
    }
    return dropped;
  }
}

module.exports = { Server, Housekeeping, Timeout, ServerGone, DriverCrash, within, sleep, closeQuietly };
