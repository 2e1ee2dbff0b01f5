// The rule engine's rules with their state, health and last evaluation (/api/v1/rules).
import {call} from '../api.js';
import {ago, fill, h, say} from '../dom.js';

export function render(root) {
  const body = h('div', {id: 'rules', 'aria-busy': 'true'});
  fill(root, h('h2', {}, 'Rules'), body);
  (async () => {
    try {
      const doc = await call('rules', '/api/v1/rules');
      fill(body, doc.data.groups.map((g) => h('section', {class: 'rule-group'},
        h('h3', {}, g.name, ' ', h('span', {class: 'hint'}, `every ${g.interval}s · ${g.file}`)),
        h('table', {class: 'rules'},
          h('thead', {}, h('tr', {}, ['Rule', 'State', 'Health', 'Last evaluation', 'Expression'].map((c) => h('th', {scope: 'col'}, c)))),
          h('tbody', {}, g.rules.map((r) => h('tr', {dataset: {rule: r.name}},
            h('th', {scope: 'row'}, r.name, r.type === 'recording' ? h('span', {class: 'hint'}, ' (recording)') : null),
            h('td', {}, r.type === 'alerting' ? h('span', {class: `badge ${r.state}`}, `${r.state}${r.alerts.length ? ` (${r.alerts.length})` : ''}`) : '—'),
            h('td', {}, h('span', {class: `badge ${r.health}`}, r.health), r.lastError ? h('p', {class: 'error'}, r.lastError) : null),
            h('td', {}, ago(r.lastEvaluation)),
            h('td', {}, h('code', {}, r.query)))))))));
    } catch (err) {
      fill(body, h('p', {class: 'error'}, err.message));
      say(err.message, true);
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  })();
  return () => {};
}
