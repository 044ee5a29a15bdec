// Backups and migration: dump chosen databases and tables to the standard .tar.gz, restore an
// uploaded archive (--force, --resume), rebuild outdated indexes; each runs the toolkit's own
// command on the server as the signed-in user, its progress (rows, rate, ETA) shown live.
import { run, r, startJob } from '../api.js';
import { followJob } from '../jobs.js';
import { h, fill, notice } from '../dom.js';

export function backups(main) {
  const selection = h('div', { id: 'dump-selection' });
  const dumpJob = h('div', { class: 'job', id: 'dump-job' });
  const restoreJob = h('div', { class: 'job', id: 'restore-job' });
  const rebuildJob = h('div', { class: 'job', id: 'rebuild-job' });
  const outdated = h('div', { id: 'outdated' });
  const file = h('input', { type: 'file', name: 'archive', accept: '.tar.gz,.tgz,application/gzip' });
  const force = h('input', { type: 'checkbox', name: 'force' });
  const resume = h('input', { type: 'checkbox', name: 'resume' });
  const rebuildAll = h('input', { type: 'checkbox', name: 'rebuild-all' });
  const timers = [];

  fill(main,
    h('h1', {}, 'Backups and migration'),
    h('section', {}, h('h2', {}, 'Dump'),
      h('p', {}, 'Archive databases and tables as `reqldb dump` does (the archive RethinkDB\'s tools read). Tick none for everything.'),
      selection, h('button', { id: 'dump', onclick: () => dump() }, 'Dump'), dumpJob),
    h('section', {}, h('h2', {}, 'Restore'),
      h('p', {}, 'Load an archive made by `reqldb dump` or `rethinkdb dump`.'),
      h('div', { class: 'inline' }, file,
        h('label', {}, force, ' --force (into tables that exist)'),
        h('label', {}, resume, ' --resume (continue an interrupted restore of this archive)')),
      h('button', { id: 'restore', onclick: () => restore() }, 'Restore'), restoreJob),
    h('section', {}, h('h2', {}, 'Indexes'), outdated,
      h('div', { class: 'inline' }, h('label', {}, rebuildAll, ' all indexes, not only outdated ones (--force)')),
      h('button', { id: 'index-rebuild', onclick: () => rebuild() }, 'Rebuild indexes'), rebuildJob));

  function follow(box, state) {
    timers.push(followJob(box, state, () => { if (box !== dumpJob) { loadOutdated(); loadSelection(); } }));
  }

  async function dump() {
    const chosen = [...selection.querySelectorAll('input:checked')].map((i) => i.value);
    try { follow(dumpJob, await startJob('dump', JSON.stringify({ tables: chosen }))); } catch (e) { fill(dumpJob, notice(e.message, true)); }
  }

  async function restore() {
    const archive = file.files[0];
    if (!archive) { fill(restoreJob, notice('Choose an archive first.', true)); return; }
    const query = `?name=${encodeURIComponent(archive.name)}${force.checked ? '&force=1' : ''}${resume.checked ? '&resume=1' : ''}`;
    try { follow(restoreJob, await startJob('restore', archive, query)); } catch (e) { fill(restoreJob, notice(e.message, true)); }
  }

  async function rebuild() {
    try { follow(rebuildJob, await startJob('index-rebuild', JSON.stringify({ force: rebuildAll.checked }))); } catch (e) { fill(rebuildJob, notice(e.message, true)); }
  }

  async function loadSelection() {
    try {
      const tables = await run(r.db('rethinkdb').table('table_config').pluck('db', 'name').coerceTo('array'));
      const dbs = [...new Set(tables.map((t) => t.db))].sort();
      fill(selection, dbs.length === 0 ? h('p', {}, 'No tables yet.') : h('ul', { class: 'selection' }, dbs.map((db) => h('li', {},
        h('label', {}, h('input', { type: 'checkbox', value: db }), ` ${db}`),
        h('ul', {}, tables.filter((t) => t.db === db).map((t) => t.name).sort().map((name) =>
          h('li', {}, h('label', {}, h('input', { type: 'checkbox', value: `${db}.${name}` }), ` ${name}`))))))));
    } catch (e) { fill(selection, notice(e.message, true)); }
  }

  async function loadOutdated() {
    try {
      const issues = await run(r.db('rethinkdb').table('current_issues').filter({ type: 'outdated_index' }).coerceTo('array'));
      fill(outdated, issues.length === 0 ? h('p', { class: 'ok' }, 'No outdated indexes.')
        : issues.map((i) => h('p', { class: 'notice error' }, i.description)));
    } catch (e) { fill(outdated, notice(e.message, true)); }
  }

  loadSelection();
  loadOutdated();
  return () => timers.forEach((stop) => stop());
}
