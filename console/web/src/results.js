// The three views of a result: a tree to unfold, a table of the documents' fields, raw JSON.
import { h } from './dom.js';

export function treeView(value) {
  if (value === null || typeof value !== 'object') return h('span', { class: `leaf ${value === null ? 'null' : typeof value}` }, JSON.stringify(value));
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  const label = Array.isArray(value) ? `[${value.length}]` : `{${entries.length}}`;
  if (entries.length === 0) return h('span', { class: 'leaf' }, Array.isArray(value) ? '[]' : '{}');
  return h('details', { class: 'node', open: true },
    h('summary', {}, label),
    h('ul', {}, entries.map(([k, v]) => h('li', {}, h('span', { class: 'key' }, `${k}: `), treeView(v)))));
}

export function tableView(rows) {
  const docs = rows.map((d) => (d !== null && typeof d === 'object' && !Array.isArray(d) ? d : { value: d }));
  const columns = [];
  for (const d of docs) for (const k of Object.keys(d)) if (!columns.includes(k)) columns.push(k);
  return h('table', { class: 'results' },
    h('thead', {}, h('tr', {}, h('th', {}, '#'), columns.map((c) => h('th', {}, c)))),
    h('tbody', {}, docs.map((d, i) => h('tr', {}, h('td', {}, String(i + 1)), columns.map((c) =>
      h('td', {}, c in d ? (typeof d[c] === 'object' ? JSON.stringify(d[c]) : String(d[c])) : ''))))));
}

export function rawView(value) {
  return h('pre', { class: 'raw' }, JSON.stringify(value, null, 2));
}
