// Small DOM helpers: build elements without innerHTML (no markup injection from API data).

/** h('a', {href: '#/x', class: 'c'}, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** "12:03:04" today, "2026-12-03 12:03" otherwise; "" for none. */
export function time(iso) {
  if (!iso || iso.startsWith('0001-')) return '';
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString() : d.toLocaleString();
}

/** "3m ago", "in 2h" */
export function ago(iso) {
  if (!iso || iso.startsWith('0001-')) return 'never';
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  const a = Math.abs(s);
  if (a < 5) return 'just now';
  const t = a < 60 ? `${a}s` : a < 3600 ? `${Math.round(a / 60)}m` : a < 86400 ? `${Math.round(a / 3600)}h` : `${Math.round(a / 86400)}d`;
  return s >= 0 ? `${t} ago` : `in ${t}`;
}

/** Labels as name="value" chips, alertname first. */
export function labels(map, skip = []) {
  const names = Object.keys(map || {}).filter((n) => !skip.includes(n)).sort();
  return h('ul', {class: 'labels', 'aria-label': 'labels'},
    names.map((n) => h('li', {}, `${n}="${map[n]}"`)));
}

/** Only http(s) links from API data become hrefs. */
export function safeUrl(u) {
  try {
    const url = new URL(u, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Tells screen readers and sighted users what just happened. */
export function say(message, isError = false) {
  const s = document.getElementById('status');
  s.textContent = message;
  s.classList.toggle('error', isError);
}
