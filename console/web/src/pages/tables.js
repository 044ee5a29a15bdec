// Tables: databases and their tables with document counts, primary keys, indexes (status,
// outdated flag), write hooks and first documents; create and drop databases, tables, indexes.
import { run, r } from '../api.js';
import { h, fill, notice } from '../dom.js';

export function tables(main) {
  const status = h('div', { id: 'tables-status' });
  const list = h('div', { id: 'databases' });
  const dbName = h('input', { name: 'db-name', placeholder: 'database name', required: true });
  fill(main,
    h('h1', {}, 'Tables'),
    h('form', { class: 'inline', id: 'create-db', onsubmit: (e) => { e.preventDefault(); act(`Database ${dbName.value} created.`, r.dbCreate(dbName.value)); } },
      dbName, h('button', { type: 'submit' }, 'Create database')),
    status, list);

  async function act(done, query) {
    try {
      await run(query);
      fill(status, notice(done));
      await load();
    } catch (e) {
      fill(status, notice(e.message, true));
    }
  }

  function confirmThen(question, done, query) {
    if (window.confirm(question)) act(done, query);
  }

  async function tableView(db, t) {
    const table = r.db(db).table(t.name);
    const [count, indexes, hook] = await Promise.all([
      run(table.count()), run(table.indexStatus()), run(table.getWriteHook()).catch(() => null)]);
    const docs = h('div', { class: 'docs' });
    const indexName = h('input', { name: 'index-name', placeholder: 'index name', required: true });
    const indexField = h('input', { name: 'index-field', placeholder: 'field (default: the name)' });
    return h('section', { class: 'table', 'data-table': `${db}.${t.name}` },
      h('h3', {}, `${db}.${t.name}`,
        h('button', { class: 'danger small', onclick: () => confirmThen(`Drop table ${db}.${t.name} and all its documents?`, `Table ${db}.${t.name} dropped.`, r.db(db).tableDrop(t.name)) }, 'Drop table')),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Documents'), h('dd', { class: 'count' }, String(count)),
        h('dt', {}, 'Primary key'), h('dd', {}, t.primary_key),
        h('dt', {}, 'Write hook'), h('dd', { class: 'hook' }, hook ? hook.query : 'none')),
      h('table', { class: 'indexes' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Index'), h('th', {}, 'Status'), h('th', {}, 'Multi'), h('th', {}, 'Geo'), h('th', {}, 'Function'), h('th', {}))),
        h('tbody', {}, indexes.length === 0 ? h('tr', {}, h('td', { colspan: 6 }, 'No secondary indexes.')) : indexes.map((i) =>
          h('tr', { 'data-index': i.index },
            h('td', {}, i.index),
            h('td', { class: i.outdated ? 'outdated' : '' }, i.ready ? 'ready' : `building ${i.progress != null ? Math.round(i.progress * 100) + '%' : ''}`, i.outdated ? ' · outdated (run index-rebuild)' : ''),
            h('td', {}, i.multi ? 'yes' : ''), h('td', {}, i.geo ? 'yes' : ''),
            h('td', { class: 'query' }, i.query || ''),
            h('td', {}, h('button', { class: 'danger small', onclick: () => confirmThen(`Drop index ${i.index}?`, `Index ${i.index} dropped.`, table.indexDrop(i.index)) }, 'Drop')))))),
      h('form', { class: 'inline create-index', onsubmit: (e) => { e.preventDefault(); act(`Index ${indexName.value} created.`, table.indexCreate(indexName.value, r.row(indexField.value || indexName.value))); } },
        indexName, indexField, h('button', { type: 'submit' }, 'Create index')),
      h('button', { class: 'small', onclick: async () => {
        try {
          const first = await run(table.limit(10).coerceTo('array'));
          fill(docs, h('pre', {}, first.map((d) => JSON.stringify(d)).join('\n') || '(empty)'));
        } catch (e) { fill(docs, notice(e.message, true)); }
      } }, 'Show first documents'),
      docs);
  }

  async function load() {
    try {
      const [dbs, configs] = await Promise.all([run(r.dbList()), run(r.db('rethinkdb').table('table_config').coerceTo('array'))]);
      const sections = [];
      for (const db of dbs.sort()) {
        const tableName = h('input', { name: 'table-name', placeholder: 'table name', required: true });
        const primaryKey = h('input', { name: 'primary-key', placeholder: 'primary key (id)' });
        const mine = configs.filter((c) => c.db === db).sort((a, b) => a.name.localeCompare(b.name));
        const views = [];
        for (const t of mine) {
          try { views.push(await tableView(db, t)); } catch (e) { views.push(notice(`${db}.${t.name}: ${e.message}`, true)); }
        }
        sections.push(h('section', { class: 'database', 'data-db': db },
          h('h2', {}, db, db === 'rethinkdb' ? '' : h('button', { class: 'danger small', onclick: () => confirmThen(`Drop database ${db} and all its tables?`, `Database ${db} dropped.`, r.dbDrop(db)) }, 'Drop database')),
          db === 'rethinkdb' ? h('p', {}, 'The system database: query it in the Data explorer.') : [
            h('form', { class: 'inline create-table', onsubmit: (e) => { e.preventDefault(); act(`Table ${db}.${tableName.value} created.`, r.db(db).tableCreate(tableName.value, primaryKey.value ? { primaryKey: primaryKey.value } : {})); } },
              tableName, primaryKey, h('button', { type: 'submit' }, 'Create table')),
            views.length ? views : h('p', {}, 'No tables.')]));
      }
      fill(list, sections);
    } catch (e) {
      fill(list, notice(e.message, true));
    }
  }

  load();
  return null;
}
