// A few helpers for building the pages with plain DOM calls.

/** An element: h('button', {onclick, class: 'x'}, 'text', child...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** A value for people: ReQL times as ISO text, other pseudo-types as their JSON. */
export function show(value) {
  if (value && value.$reql_type$ === 'TIME') return new Date(value.epoch_time * 1000).toISOString();
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A message line: ok or error. */
export function notice(text, error = false) {
  return h('p', { class: error ? 'notice error' : 'notice', role: error ? 'alert' : 'status' }, text);
}

/** Seconds as "3d 4h 5m 6s". */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const parts = [[86400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']];
  const out = [];
  let left = s;
  for (const [n, u] of parts) {
    if (left >= n || (u === 's' && out.length === 0)) { out.push(Math.floor(left / n) + u); left %= n; }
  }
  return out.join(' ');
}
