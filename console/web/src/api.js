// The console's HTTP API: sign-in, and queries in the wire protocol's JSON form, each answered
// with the server's own JSON response. Every POST carries the session's CSRF token.
import { r } from './reql.js';

const START = 1, CONTINUE = 2, STOP = 3;
const SUCCESS_ATOM = 1, SUCCESS_SEQUENCE = 2, SUCCESS_PARTIAL = 3;
const FEED_NOTES = [1, 2, 3, 4];
const ERROR_NAMES = { 16: 'ReqlClientError', 17: 'ReqlCompileError', 18: 'ReqlRuntimeError' };
const RUNTIME_ERRORS = {
  1000000: 'ReqlInternalError', 2000000: 'ReqlResourceLimitError', 3000000: 'ReqlQueryLogicError',
  3100000: 'ReqlNonExistenceError', 4100000: 'ReqlOpFailedError', 4200000: 'ReqlOpIndeterminateError',
  5000000: 'ReqlUserError', 6000000: 'ReqlPermissionError',
};

let csrf = null;
let onSignedOut = () => {};

export function whenSignedOut(handler) { onSignedOut = handler; }

async function post(path, body, extra = {}, keepalive = false) {
  const res = await fetch(path, {
    method: 'POST', credentials: 'same-origin', body, keepalive,
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf || '', ...extra },
  });
  if (res.status === 401 && path !== '/api/signin') onSignedOut();
  return res;
}

export async function currentSession() {
  const res = await fetch('/api/session', { credentials: 'same-origin' });
  if (!res.ok) return null;
  const s = await res.json();
  csrf = s.csrf;
  return s;
}

export async function signIn(user, password) {
  const res = await post('/api/signin', JSON.stringify({ user, password }));
  const body = await res.json();
  if (!res.ok) throw new Error(body.error);
  csrf = body.csrf;
  return body;
}

export async function signOut() {
  await post('/api/signout', '');
  csrf = null;
}

/** Starts a toolkit job (dump, restore, index-rebuild); returns its state. */
export async function startJob(kind, body, query = '') {
  const res = await post(`/api/jobs/${kind}${query}`, body, body instanceof Blob ? { 'Content-Type': 'application/gzip' } : {});
  const state = await res.json();
  if (!res.ok) throw new Error(state.error);
  return state;
}

export async function jobState(id) {
  return (await fetch(`/api/jobs/${id}`, { credentials: 'same-origin' })).json();
}

export async function info() {
  return (await fetch('/api/info', { credentials: 'same-origin' })).json();
}

/** A ReQL error from a response, named as the drivers name it. */
export class ReqlError extends Error {
  constructor(response) {
    const name = response.t === 18 ? (RUNTIME_ERRORS[response.e] || 'ReqlRuntimeError') : ERROR_NAMES[response.t] || 'ReqlError';
    super(`${name}: ${response.r && response.r[0]}`);
    this.reqlName = name;
  }
}

// STOP is sent with keepalive, so that it still leaves when the tab is closing.
async function send(query, token) {
  const res = await post('/api/query' + (token ? `?token=${token}` : ''), JSON.stringify(query), {}, query[0] === STOP);
  if (res.status === 204) return null;
  if (!res.ok) {
    let message = res.statusText;
    try { message = (await res.json()).error; } catch { /* not JSON */ }
    throw new Error(message);
  }
  return { token: Number(res.headers.get('X-Reql-Token')), response: await res.json() };
}

/**
 * A running query: the first response, then more with next() while it is partial (a changefeed
 * is partial until stopped), stop() to end it early.
 */
export class Cursor {
  constructor(token, response) {
    this.token = token;
    this.last = response;
  }

  get isFeed() { return (this.last.n || []).some((n) => FEED_NOTES.includes(n)); }

  get hasMore() { return this.last.t === SUCCESS_PARTIAL; }

  get isAtom() { return this.last.t === SUCCESS_ATOM; }

  get profile() { return this.last.p; }

  async next() {
    const answer = await send([CONTINUE], this.token);
    this.last = answer.response;
    if (this.last.t > 3) throw new ReqlError(this.last);
    return this.last.r;
  }

  async stop() {
    if (this.hasMore) await send([STOP], this.token);
    this.last = { ...this.last, t: SUCCESS_SEQUENCE };
  }
}

/** Starts a query from its JSON term; throws the ReQL error the server answered. */
export async function start(term, optargs = {}) {
  const opts = {};
  for (const [k, v] of Object.entries(optargs)) opts[k] = v;
  const answer = await send([START, term, opts]);
  if (answer.response.t > 3) throw new ReqlError(answer.response);
  return new Cursor(answer.token, answer.response);
}

/** Runs a query built with the driver's `r` and returns its whole value (every batch). */
export async function run(query) {
  const cursor = await start(query.build());
  if (cursor.isAtom) return cursor.last.r[0];
  const out = [...cursor.last.r];
  while (cursor.hasMore) out.push(...await cursor.next());
  return out;
}

export { r };
