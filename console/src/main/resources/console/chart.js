// A small line chart as inline SVG: no library, readable by screen readers through its title.
import {h} from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 240;
const H = 56;
const PAD = 3;

function svg(tag, attrs) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/**
 * points: [[unixSeconds, "value"], ...]; threshold: number or null (dashed line).
 * Returns a figure with the chart and a caption naming the range and last value.
 */
export function lineChart(points, threshold, label) {
  const values = points.map((p) => Number(p[1])).filter((v) => Number.isFinite(v));
  if (values.length === 0) return h('p', {class: 'chart-empty'}, 'no samples in the range the rule engine keeps');
  const times = points.map((p) => Number(p[0]));
  let lo = Math.min(...values, threshold ?? Infinity);
  let hi = Math.max(...values, threshold ?? -Infinity);
  if (lo === hi) { lo -= 1; hi += 1; }
  const t0 = times[0];
  const t1 = times[times.length - 1] === t0 ? t0 + 1 : times[times.length - 1];
  const x = (t) => PAD + ((t - t0) / (t1 - t0)) * (W - 2 * PAD);
  const y = (v) => H - PAD - ((v - lo) / (hi - lo)) * (H - 2 * PAD);
  const last = values[values.length - 1];
  const title = `${label}: ${values.length} points from ${new Date(t0 * 1000).toLocaleTimeString()}, min ${fmt(Math.min(...values))}, max ${fmt(Math.max(...values))}, last ${fmt(last)}`;
  const root = svg('svg', {viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', class: 'chart'});
  const t = svg('title', {});
  t.textContent = title;
  root.append(t);
  if (threshold !== null && threshold !== undefined) {
    root.append(svg('line', {x1: PAD, x2: W - PAD, y1: y(threshold), y2: y(threshold), class: 'threshold'}));
  }
  const d = points
    .filter((p) => Number.isFinite(Number(p[1])))
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(Number(p[0])).toFixed(1)},${y(Number(p[1])).toFixed(1)}`)
    .join(' ');
  root.append(svg('path', {d, class: 'series'}));
  return h('figure', {class: 'chart-box'}, root,
    h('figcaption', {}, `last ${fmt(last)}`, threshold !== null && threshold !== undefined ? ` (threshold ${fmt(threshold)})` : ''));
}

function fmt(v) {
  return Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : String(Math.round(v * 1000) / 1000);
}
