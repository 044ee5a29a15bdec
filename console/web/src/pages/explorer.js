// Data explorer: ReQL typed as JavaScript in a CodeMirror editor, completed with ReQL's terms and
// this server's database and table names; results as a tree, a table or raw JSON, the profile,
// paging through cursors, changefeeds that update live, and a history kept in the browser.
import { EditorView, basicSetup } from 'codemirror';
import { keymap } from '@codemirror/view';
import { javascript } from '@codemirror/lang-javascript';
import { autocompletion } from '@codemirror/autocomplete';
import { start, run, r } from '../api.js';
import { buildTerm, termNames } from '../reql.js';
import { h, fill, notice } from '../dom.js';
import { treeView, tableView, rawView } from '../results.js';

const HISTORY_KEY = 'reqldb-console-history';
const HISTORY_MAX = 50;
const TERMS = termNames();

function history() {
  try { return JSON.parse(localStorage.getItem(HISTORY_KEY)) || []; } catch { return []; }
}

function remember(text) {
  const list = [text, ...history().filter((q) => q !== text)].slice(0, HISTORY_MAX);
  localStorage.setItem(HISTORY_KEY, JSON.stringify(list));
}

/** Completion: names of databases after r.db(', of tables after .table(', terms after a dot or r. */
function completer(names) {
  return (ctx) => {
    const quoted = ctx.matchBefore(/\.(db|table)\(\s*['"][\w-]*$/);
    if (quoted) {
      const isDb = quoted.text.startsWith('.db');
      const from = quoted.from + quoted.text.search(/['"]/) + 1;
      const options = (isDb ? names.dbs : names.tables).map((n) => ({ label: n, type: isDb ? 'namespace' : 'class' }));
      return { from, options, validFor: /^[\w-]*$/ };
    }
    const word = ctx.matchBefore(/(\.|\br\.)\w*$/);
    if (!word) return null;
    const from = word.from + word.text.lastIndexOf('.') + 1;
    return { from, options: TERMS.map((t) => ({ label: t, type: 'function', apply: t })), validFor: /^\w*$/ };
  };
}

export function explorer(main) {
  const names = { dbs: [], tables: [] };
  Promise.all([run(r.dbList()), run(r.db('rethinkdb').table('table_config').pluck('db', 'name').coerceTo('array'))])
    .then(([dbs, tables]) => { names.dbs = dbs; names.tables = [...new Set(tables.map((t) => t.name))]; })
    .catch(() => {});

  const results = h('div', { id: 'results' });
  const meta = h('div', { id: 'result-meta' });
  const more = h('div', { id: 'result-more' });
  const historyList = h('ol', { id: 'history' });
  const tabs = ['tree', 'table', 'raw', 'profile'];
  let view = 'tree';
  let rows = [];
  let atom = null;
  let profile = null;
  let cursor = null;
  let stopped = false;

  const profileBox = h('input', { type: 'checkbox', id: 'profile' });
  const editor = new EditorView({
    doc: "r.dbList()",
    extensions: [
      basicSetup, javascript(), autocompletion({ override: [completer(names)] }),
      keymap.of([{ key: 'Mod-Enter', run: () => { execute(); return true; } }]),
    ],
  });
  const tabBar = h('div', { class: 'tabs', role: 'tablist' }, tabs.map((t) =>
    h('button', { class: t === view ? 'tab active' : 'tab', 'data-view': t, onclick: () => { view = t; render(); } }, t[0].toUpperCase() + t.slice(1))));

  fill(main,
    h('h1', {}, 'Data explorer'),
    h('div', { class: 'explorer' },
      h('div', { class: 'editor-column' },
        h('div', { class: 'editor', id: 'editor' }, editor.dom),
        h('div', { class: 'actions' },
          h('button', { id: 'run', onclick: () => execute() }, 'Run'), ' ',
          h('label', {}, profileBox, ' Profile'), ' ',
          h('button', { id: 'stop', class: 'secondary', onclick: () => stop() }, 'Stop'), ' ',
          h('span', { class: 'hint' }, 'Ctrl+Enter runs; the default database is test.')),
        tabBar, meta, results, more),
      h('aside', {}, h('h2', {}, 'History'), historyList)));

  function renderHistory() {
    fill(historyList, history().map((q) => h('li', {}, h('button', { class: 'link history-item', onclick: () => {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: q } });
    } }, q))));
  }

  function render() {
    for (const b of tabBar.children) b.className = b.dataset.view === view ? 'tab active' : 'tab';
    const value = atom !== null ? atom.value : rows;
    if (view === 'tree') fill(results, treeView(value));
    else if (view === 'table') fill(results, tableView(atom !== null ? (Array.isArray(atom.value) ? atom.value : [atom.value]) : rows));
    else if (view === 'raw') fill(results, rawView(value));
    else fill(results, profile ? rawView(profile) : h('p', {}, 'Tick "Profile" and run the query again to see its profile.'));
  }

  function showMore() {
    if (!cursor || !cursor.hasMore || stopped) { fill(more); return; }
    if (cursor.isFeed) { fill(more, h('span', { class: 'live' }, '● Changefeed: changes appear as they happen.')); return; }
    fill(more, h('button', { id: 'more', onclick: async () => {
      try { rows = rows.concat(await cursor.next()); } catch (e) { fill(meta, notice(e.message, true)); }
      fill(meta, `${rows.length} rows`); render(); showMore();
    } }, 'More results'));
  }

  async function follow(c) {
    // A feed's CONTINUE waits for changes; keep asking until the feed is stopped or replaced.
    while (cursor === c && c.hasMore && !stopped) {
      try {
        const batch = await c.next();
        if (cursor !== c) return;
        rows = rows.concat(batch);
        fill(meta, `${rows.length} changes`);
        render();
      } catch (e) {
        if (cursor === c) fill(meta, notice(e.message, true));
        return;
      }
    }
  }

  async function stop() {
    stopped = true;
    if (cursor) { const c = cursor; await c.stop().catch(() => {}); }
    showMore();
  }

  async function execute() {
    const text = editor.state.doc.toString();
    if (cursor && cursor.hasMore) await stop();
    stopped = false; rows = []; atom = null; profile = null; cursor = null;
    fill(more);
    let term;
    try {
      term = buildTerm(text);
    } catch (e) {
      fill(meta, notice(`Not a query: ${e.message}`, true)); fill(results); return;
    }
    remember(text);
    renderHistory();
    fill(meta, 'Running…');
    const began = performance.now();
    try {
      const c = await start(term, profileBox.checked ? { profile: true } : {});
      cursor = c;
      profile = c.profile || null;
      if (c.isAtom) atom = { value: c.last.r[0] };
      else rows = [...c.last.r];
      const ms = (performance.now() - began).toFixed(0);
      fill(meta, c.isAtom ? `1 value · ${ms} ms` : `${rows.length} ${c.isFeed ? 'changes' : 'rows'}${c.hasMore && !c.isFeed ? ' so far' : ''} · ${ms} ms`);
      render();
      showMore();
      if (c.isFeed) follow(c);
    } catch (e) {
      fill(meta, notice(e.message, true)); fill(results);
    }
  }

  renderHistory();
  editor.focus();
  return () => { if (cursor && cursor.hasMore) cursor.stop().catch(() => {}); cursor = null; };
}
