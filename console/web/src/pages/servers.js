// Servers and logs: the server's status (rethinkdb.server_status) and its log (rethinkdb.logs),
// newest first, filtered by level and text.
import { run, r } from '../api.js';
import { h, fill, notice, show, duration } from '../dom.js';

const LEVELS = ['debug', 'info', 'notice', 'warn', 'error'];
const SHOWN = 500;

export function servers(main) {
  const status = h('div', { id: 'server-status' });
  const logs = h('div', { id: 'logs' });
  const level = h('select', { name: 'level', onchange: () => loadLogs() },
    h('option', { value: '' }, 'all levels'), LEVELS.map((l) => h('option', { value: l }, `${l} and above`)));
  const text = h('input', { name: 'filter', type: 'search', placeholder: 'filter messages', oninput: () => loadLogs() });
  fill(main,
    h('h1', {}, 'Servers and logs'),
    h('section', {}, h('h2', {}, 'Server status'), status),
    h('section', {}, h('h2', {}, 'Log'), h('div', { class: 'inline' }, level, ' ', text,
      ' ', h('button', { class: 'secondary small', onclick: () => loadLogs() }, 'Refresh')), logs));

  async function loadStatus() {
    try {
      const list = await run(r.db('rethinkdb').table('server_status').coerceTo('array'));
      fill(status, list.map((s) => h('div', { class: 'server' },
        h('h3', {}, s.name),
        h('dl', { class: 'facts' }, [
          ['Id', s.id], ['Version', s.process.version], ['Host', s.network.hostname],
          ['Driver port', s.network.reql_port], ['Process', s.process.pid],
          ['Command line', (s.process.argv || []).join(' ')], ['Cache', `${s.process.cache_size_mb} MB`],
          ['Started', show(s.process.time_started)],
          ['Uptime', duration(Date.now() / 1000 - s.process.time_started.epoch_time)],
        ].flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])),
        h('details', {}, h('summary', {}, 'All fields'), h('pre', {}, JSON.stringify(s, null, 2))))));
    } catch (e) {
      fill(status, notice(e.message, true));
    }
  }

  let loading = 0;
  async function loadLogs() {
    const mine = ++loading;
    try {
      let q = r.db('rethinkdb').table('logs');
      const minimum = LEVELS.indexOf(level.value);
      if (minimum > 0) q = q.filter((row) => r.expr(LEVELS.slice(minimum)).contains(row('level')));
      if (text.value) q = q.filter((row) => row('message').match(`(?i)${text.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      const rows = await run(q.orderBy(r.desc('timestamp')).limit(SHOWN).coerceTo('array'));
      if (mine !== loading) return;
      fill(logs, rows.length === 0 ? h('p', {}, 'No log entries match.') : h('table', { class: 'log' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Time'), h('th', {}, 'Level'), h('th', {}, 'Message'))),
        h('tbody', {}, rows.map((e) => h('tr', { class: `level-${e.level}` },
          h('td', { class: 'time' }, show(e.timestamp)), h('td', {}, e.level), h('td', { class: 'message' }, e.message))))));
    } catch (e) {
      if (mine === loading) fill(logs, notice(e.message, true));
    }
  }

  loadStatus();
  loadLogs();
  const timer = setInterval(loadStatus, 5000);
  return () => clearInterval(timer);
}
