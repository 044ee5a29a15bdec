// Dashboard: who this server is, how long it has run, its data, live reads/writes per second
// (from rethinkdb.stats) and the current issues.
import { run, info, r, startJob } from '../api.js';
import { followJob } from '../jobs.js';
import { h, fill, notice, duration, show } from '../dom.js';
import { rateChart } from '../chart.js';

export function dashboard(main) {
  const identity = h('dl', { class: 'facts', id: 'identity' });
  const data = h('dl', { class: 'facts', id: 'data' });
  const rates = h('div', { class: 'rates', id: 'rates' });
  const issues = h('div', { id: 'issues' });
  const chart = rateChart();
  fill(main,
    h('h1', {}, 'Dashboard'),
    h('div', { class: 'cards' },
      h('section', {}, h('h2', {}, 'Server'), identity),
      h('section', {}, h('h2', {}, 'Data'), data)),
    h('section', {}, h('h2', {}, 'Reads and writes per second'), h('p', { class: 'legend' },
      h('span', { class: 'reads' }, '■ reads'), ' ', h('span', { class: 'writes' }, '■ writes')), chart.svg, rates),
    h('section', {}, h('h2', {}, 'Current issues'), issues));

  let started = null;
  const facts = (dl, rows) => fill(dl, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));

  async function loadStatic() {
    try {
      const [status, about, counts] = await Promise.all([
        run(r.db('rethinkdb').table('server_status').nth(0)),
        info(),
        run(r.db('rethinkdb').table('table_config').map((t) => r.db(t('db')).table(t('name')).count()).coerceTo('array')),
      ]);
      started = status.process.time_started.epoch_time;
      facts(identity, [
        ['Name', status.name], ['Id', status.id], ['Version', status.process.version],
        ['Driver port', status.network.reql_port], ['Process', status.process.pid],
        ['Started', show(status.process.time_started)], ['Uptime', h('span', { id: 'uptime' }, duration(Date.now() / 1000 - started))],
      ]);
      facts(data, [
        ['Directory', about.directory], ['Data format', `${about.formatVersion} (ReqlDB ${about.release})`],
        ['Databases', String((await run(r.dbList())).length)], ['Tables', String(counts.length)],
        ['Documents', String(counts.reduce((a, b) => a + b, 0))],
      ]);
    } catch (e) {
      fill(identity, notice(e.message, true));
    }
  }

  async function tick() {
    try {
      const stats = await run(r.db('rethinkdb').table('stats').get(['cluster']));
      const q = (stats && stats.query_engine) || {};
      const reads = q.read_docs_per_sec || 0, writes = q.written_docs_per_sec || 0;
      chart.add(reads, writes);
      fill(rates, `${reads.toFixed(1)} reads/s · ${writes.toFixed(1)} writes/s · ${q.client_connections ?? '?'} connections`);
      if (started) { const u = document.getElementById('uptime'); if (u) u.textContent = duration(Date.now() / 1000 - started); }
    } catch (e) {
      fill(rates, notice(e.message, true));
    }
  }

  // index-rebuild, the toolkit's command, run by the console as the signed-in user.
  const rebuildJob = h('div', { class: 'job', id: 'rebuild-job' });
  let rebuilding = false;
  let stopFollowing = () => {};
  async function rebuild() {
    rebuilding = true;
    try {
      stopFollowing = followJob(rebuildJob, await startJob('index-rebuild', JSON.stringify({ force: false })), () => {
        rebuilding = false;
        setTimeout(loadIssues, 1500);   // the job's output stays a moment, then the issues are read again
      });
    } catch (e) {
      rebuilding = false;
      fill(rebuildJob, notice(e.message, true));
    }
  }

  async function loadIssues() {
    try {
      const list = await run(r.db('rethinkdb').table('current_issues').coerceTo('array'));
      // Outdated indexes first: they are what a migration leaves to do.
      list.sort((a, b) => (b.type === 'outdated_index') - (a.type === 'outdated_index'));
      if (rebuilding) return;   // keep the rebuild's output on screen until it ends
      fill(issues, list.length === 0 ? h('p', { class: 'ok' }, 'No issues.') : h('ul', {}, list.map((i) =>
        h('li', { class: `issue ${i.critical ? 'critical' : ''}` }, h('strong', {}, i.type), ': ', i.description,
          i.type === 'outdated_index' ? h('div', {}, h('button', { id: 'rebuild-outdated', onclick: rebuild }, 'Rebuild outdated indexes'), rebuildJob) : null))));
    } catch (e) {
      fill(issues, notice(e.message, true));
    }
  }

  loadStatic();
  loadIssues();
  tick();
  const timer = setInterval(tick, 1000);
  const issuesTimer = setInterval(loadIssues, 10000);
  return () => { clearInterval(timer); clearInterval(issuesTimer); stopFollowing(); };
}
