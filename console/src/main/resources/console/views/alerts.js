// Firing alerts grouped as the notifier groups them (/api/v2/alerts/groups), with silenced and
// inhibited state and a chart of each alert's series. Refreshed every few seconds.
import {call} from '../api.js';
import {ago, fill, h, labels, safeUrl, say} from '../dom.js';
import {alertChart, ruleQueries} from './series.js';

const REFRESH_MS = 3000;

export function render(root) {
  const list = h('div', {id: 'alert-groups', 'aria-busy': 'true'});
  fill(root,
    h('h2', {}, 'Firing alerts'),
    h('p', {class: 'hint'}, 'Grouped as the notifier groups them; refreshed every few seconds.'),
    list);
  let timer = null;
  let stopped = false;
  const charts = new Map(); // fingerprint → chart element, kept between refreshes
  const last = {key: null};
  const refresh = async () => {
    try {
      const [groups, queries] = await Promise.all([
        call('notifier', '/api/v2/alerts/groups'),
        ruleQueries().catch(() => new Map()),
      ]);
      if (stopped) return;
      show(list, groups, queries, charts, last);
    } catch (e) {
      say(e.message, true);
    } finally {
      list.setAttribute('aria-busy', 'false');
      if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
    }
  };
  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function show(list, groups, queries, charts, last) {
  const shown = new Set();
  for (const g of groups) for (const a of g.alerts) {
    shown.add(a.fingerprint);
    refreshChart(a, queries, charts);
  }
  for (const fp of [...charts.keys()]) if (!shown.has(fp)) charts.delete(fp);
  // rebuilt only when something shown changed: a keyboard user's focus stays where it is
  const key = JSON.stringify(groups.map((g) => [g.labels, g.receiver, g.alerts.map((a) => [a.fingerprint, a.status, a.annotations, a.startsAt])]));
  if (key === last.key) return;
  last.key = key;
  const nonEmpty = groups.filter((g) => g.alerts.length > 0);
  if (nonEmpty.length === 0) {
    fill(list, h('p', {class: 'empty'}, 'Nothing is firing.'));
    return;
  }
  fill(list, nonEmpty.map((g) => group(g, charts)));
}

function refreshChart(a, queries, charts) {
  let slot = charts.get(a.fingerprint);
  if (!slot) {
    slot = h('div', {class: 'chart-slot'}, h('p', {class: 'chart-empty'}, 'loading chart…'));
    charts.set(a.fingerprint, slot);
  }
  alertChart(a, queries).then((c) => fill(slot, c));
}

function group(g, charts) {
  const title = Object.entries(g.labels).map(([k, v]) => `${k}="${v}"`).join(', ') || 'all alerts';
  return h('section', {class: 'group', 'aria-label': `group ${title}`},
    h('h3', {}, title, ' ', h('span', {class: 'receiver'}, `→ ${g.receiver.name}`)),
    g.alerts.map((a) => alert(a, charts)));
}

function stateOf(a) {
  if (a.status.silencedBy.length > 0) return 'silenced';
  if (a.status.inhibitedBy.length > 0) return 'inhibited';
  return a.status.state === 'active' ? 'firing' : a.status.state;
}

function alert(a, charts) {
  const state = stateOf(a);
  const runbook = safeUrl(a.annotations.runbook_url);
  const matchers = Object.entries(a.labels).map(([k, v]) => `${k}="${v}"`).join('\n');
  const chart = charts.get(a.fingerprint);
  return h('article', {class: `alert state-${state}`, dataset: {fingerprint: a.fingerprint, alertname: a.labels.alertname || ''}},
    h('header', {},
      h('h4', {}, a.labels.alertname || '(no alertname)'),
      h('span', {class: `badge ${state}`}, state),
      h('span', {class: 'since'}, `since ${ago(a.startsAt)}`)),
    a.annotations.summary ? h('p', {class: 'summary'}, a.annotations.summary) : null,
    labels(a.labels, ['alertname']),
    a.status.silencedBy.length ? h('p', {class: 'muted-by'}, `silenced by ${a.status.silencedBy.join(', ')}`) : null,
    a.status.inhibitedBy.length ? h('p', {class: 'muted-by'}, `inhibited by ${a.status.inhibitedBy.join(', ')}`) : null,
    chart,
    h('p', {class: 'actions'},
      runbook ? h('a', {href: runbook, rel: 'noopener noreferrer', target: '_blank'}, 'Runbook') : null,
      state === 'firing'
        ? h('a', {class: 'button silence', href: `#/silences/new?${new URLSearchParams({matchers})}`}, 'Silence…')
        : null));
}
