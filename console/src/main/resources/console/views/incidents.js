// Incidents with filters (status, severity, assignee), updated live from the incident stream
// (Server-Sent Events through the proxy): each change re-reads the current page of the list.
import {call} from '../api.js';
import {ago, fill, h, say} from '../dom.js';

export function render(root, params) {
  const status = params.get('status') ?? 'open,acknowledged';
  const form = h('form', {class: 'filters', 'aria-label': 'Filter incidents'},
    field('Status', h('select', {id: 'f-status', name: 'status'},
      option('', 'any', status), option('open,acknowledged', 'open or acknowledged', status),
      option('open', 'open', status), option('acknowledged', 'acknowledged', status), option('resolved', 'resolved', status))),
    field('Severity', h('input', {id: 'f-severity', name: 'severity', value: params.get('severity') || '', placeholder: 'e.g. critical'})),
    field('Assignee', h('input', {id: 'f-assignee', name: 'assignee', value: params.get('assignee') || ''})),
    h('button', {type: 'submit'}, 'Filter'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) q.set(k, v);
    location.hash = `#/incidents?${q}`;
  });
  const live = h('span', {class: 'live', id: 'live'}, 'connecting…');
  const table = h('div', {id: 'incident-list', 'aria-live': 'polite', 'aria-busy': 'true'});
  fill(root, h('h2', {}, 'Incidents ', live), form, table);

  const query = new URLSearchParams({limit: '100'});
  for (const k of ['severity', 'assignee']) if (params.get(k)) query.set(k, params.get(k));
  if (status) query.set('status', status);
  let pending = null;
  const load = async () => {
    try {
      show(table, await call('incidents', `/api/v1/incidents?${query}`));
    } catch (e) {
      say(e.message, true);
    } finally {
      table.setAttribute('aria-busy', 'false');
    }
  };
  load();
  const stream = new EventSource('/proxy/incidents/api/v1/incidents/stream');
  stream.onopen = () => { live.textContent = 'live'; live.classList.add('on'); };
  stream.onerror = () => { live.textContent = 'reconnecting…'; live.classList.remove('on'); };
  const changed = () => {
    // a burst of changes reloads once
    clearTimeout(pending);
    pending = setTimeout(load, 150);
  };
  for (const type of ['created', 'updated', 'escalated', 'acknowledged', 'resolved']) stream.addEventListener(type, changed);
  return () => {
    stream.close();
    clearTimeout(pending);
  };
}

function field(label, input) {
  return h('label', {}, h('span', {}, label), input);
}

function option(value, text, selected) {
  return h('option', {value, selected: value === selected}, text);
}

function show(table, page) {
  if (page.items.length === 0) {
    fill(table, h('p', {class: 'empty'}, 'No incidents match.'));
    return;
  }
  fill(table, h('table', {class: 'incidents'},
    h('caption', {}, `${page.items.length} of ${page.total} incidents`),
    h('thead', {}, h('tr', {}, ['#', 'Title', 'Status', 'Severity', 'Assignee', 'Opened'].map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, page.items.map((i) =>
      h('tr', {dataset: {id: i.id}},
        h('td', {}, i.id),
        h('td', {}, h('a', {href: `#/incident/${i.id}`}, i.title)),
        h('td', {}, h('span', {class: `badge ${i.status}`}, i.status)),
        h('td', {}, i.severity || ''),
        h('td', {}, i.assignee || '—'),
        h('td', {}, ago(i.createdAt)))))));
}
