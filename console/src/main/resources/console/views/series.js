// The series behind an alert: its rule's expression from the rule engine, charted over the
// minutes the engine keeps, through the engine's Prometheus-compatible /api/v1/query_range.
import {call} from '../api.js';
import {lineChart} from '../chart.js';
import {h} from '../dom.js';

const RANGE_SECONDS = 10 * 60;
const STEP_SECONDS = 10;
// "lhs > 100": chart lhs and draw 100 as the threshold (a comparison's own result only has points
// while the condition holds)
const COMPARISON = /^\s*(.+?)\s*(>=|<=|==|!=|>|<)\s*(-?[0-9.]+(?:e[+-]?[0-9]+)?)\s*$/i;

/** alertname → rule query, from GET /api/v1/rules; refreshed at most every 30 s. */
let rules = {at: 0, byName: new Map()};

export async function ruleQueries() {
  if (Date.now() - rules.at < 30_000) return rules.byName;
  const doc = await call('rules', '/api/v1/rules');
  const byName = new Map();
  for (const g of doc.data.groups) {
    for (const r of g.rules) if (r.type === 'alerting' && !byName.has(r.name)) byName.set(r.name, r.query);
  }
  rules = {at: Date.now(), byName};
  return byName;
}

/** What to chart for a rule query: {query, threshold}. */
export function plotOf(query) {
  const m = COMPARISON.exec(query);
  if (m && !/\bbool\b/.test(m[1])) return {query: m[1], threshold: Number(m[3])};
  return {query, threshold: null};
}

/** A chart (or a short note) for one alert; never throws. */
export async function alertChart(alert, queries) {
  const query = queries.get(alert.labels.alertname);
  if (!query) return h('p', {class: 'chart-empty'}, 'no rule of this name in the rule engine');
  const plot = plotOf(query);
  const end = Math.floor(Date.now() / 1000);
  const qs = new URLSearchParams({query: plot.query, start: end - RANGE_SECONDS, end, step: STEP_SECONDS});
  try {
    const doc = await call('rules', `/api/v1/query_range?${qs}`);
    const series = doc.data.result.find((s) => matches(s.metric, alert.labels)) || doc.data.result[0];
    if (!series) return h('p', {class: 'chart-empty'}, 'no samples in the range the rule engine keeps');
    return lineChart(series.values, plot.threshold, plot.query);
  } catch (e) {
    return h('p', {class: 'chart-empty'}, `chart unavailable: ${e.message}`);
  }
}

/** A series belongs to the alert when every label it has (but its name) is the alert's. */
function matches(metric, alertLabels) {
  return Object.entries(metric).every(([k, v]) => k === '__name__' || alertLabels[k] === v);
}
