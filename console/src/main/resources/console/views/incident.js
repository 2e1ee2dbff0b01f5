// One incident: its alerts with runbook links, the timeline, and the actions acknowledge,
// assign, add a note, resolve (each a POST to the incident API as the operator named in the header).
import {actor, call} from '../api.js';
import {fill, h, labels, safeUrl, say, time} from '../dom.js';

export function render(root, params, id) {
  const load = async () => {
    try {
      show(root, await call('incidents', `/api/v1/incidents/${encodeURIComponent(id)}`), load);
    } catch (e) {
      fill(root, h('h2', {}, `Incident ${id}`), h('p', {class: 'error'}, e.message));
    }
  };
  load();
  // follow changes made elsewhere (escalation steps, another operator)
  const stream = new EventSource('/proxy/incidents/api/v1/incidents/stream');
  let pending = null;
  const changed = (e) => {
    try {
      const data = JSON.parse(e.data);
      if (data.id !== undefined && String(data.id) !== String(id)) return;
    } catch {
      // not JSON: reload anyway
    }
    clearTimeout(pending);
    pending = setTimeout(load, 150);
  };
  for (const type of ['updated', 'escalated', 'acknowledged', 'resolved']) stream.addEventListener(type, changed);
  return () => {
    stream.close();
    clearTimeout(pending);
  };
}

function show(root, i, reload) {
  const act = (path, body, done) => async (e) => {
    e.preventDefault();
    const button = e.submitter || e.currentTarget;
    button.disabled = true;
    try {
      await call('incidents', `/api/v1/incidents/${i.id}/${path}`, {method: 'POST', body: {by: actor(), ...body()}});
      say(done);
      if (path === 'notes') document.getElementById('note').value = '';
      await reload();
    } catch (err) {
      say(err.message, true);
      button.disabled = false;
    }
  };
  const resolved = i.status === 'resolved';
  // a refresh (an escalation step, another operator) keeps what is being typed and where the focus is
  const same = root.dataset.incident === String(i.id);
  const typed = same
    ? {assignee: document.getElementById('assignee')?.value, note: document.getElementById('note')?.value, focus: document.activeElement?.id}
    : {};
  const assignee = h('input', {id: 'assignee', name: 'assignee', required: true, value: typed.assignee ?? (i.assignee || '')});
  const note = h('textarea', {id: 'note', name: 'note', required: true, rows: 2}, typed.note ?? '');
  fill(root,
    h('p', {}, h('a', {href: '#/incidents'}, '← Incidents')),
    h('h2', {}, `#${i.id} ${i.title}`),
    h('dl', {class: 'facts'},
      h('dt', {}, 'Status'), h('dd', {}, h('span', {id: 'incident-status', class: `badge ${i.status}`}, i.status)),
      h('dt', {}, 'Severity'), h('dd', {}, i.severity || '—'),
      h('dt', {}, 'Assignee'), h('dd', {id: 'incident-assignee'}, i.assignee || '—'),
      h('dt', {}, 'Opened'), h('dd', {}, time(i.createdAt)),
      i.acknowledgedAt ? [h('dt', {}, 'Acknowledged'), h('dd', {}, time(i.acknowledgedAt))] : null,
      i.resolvedAt ? [h('dt', {}, 'Resolved'), h('dd', {}, time(i.resolvedAt))] : null),
    h('div', {class: 'actions'},
      h('button', {id: 'ack', type: 'button', disabled: i.status !== 'open', onclick: act('acknowledge', () => ({}), 'Acknowledged.')}, 'Acknowledge'),
      h('button', {id: 'resolve', type: 'button', disabled: resolved, onclick: act('resolve', () => ({}), 'Resolved.')}, 'Resolve')),
    h('div', {class: 'forms'},
      h('form', {id: 'assign-form', onsubmit: act('assign', () => ({assignee: assignee.value}), 'Assigned.')},
        h('label', {for: 'assignee'}, 'Assign to'), assignee, h('button', {type: 'submit'}, 'Assign')),
      h('form', {id: 'note-form', onsubmit: act('notes', () => ({text: note.value}), 'Note added.')},
        h('label', {for: 'note'}, 'Note'), note, h('button', {type: 'submit'}, 'Add note'))),
    h('h3', {}, 'Alerts'),
    h('ul', {class: 'incident-alerts'}, i.alerts.map((a) => {
      const runbook = safeUrl(a.annotations.runbook_url);
      return h('li', {},
        h('span', {class: `badge ${a.status}`}, a.status), ' ',
        h('strong', {}, a.labels.alertname || a.fingerprint), ' ',
        a.annotations.summary || '',
        runbook ? [' ', h('a', {href: runbook, rel: 'noopener noreferrer', target: '_blank'}, 'Runbook')] : null,
        labels(a.labels, ['alertname']));
    })),
    i.runbooks && i.runbooks.length
      ? [h('h3', {}, 'Runbooks'), h('ul', {}, i.runbooks.map((r) => {
          const u = safeUrl(r);
          return h('li', {}, u ? h('a', {href: u, rel: 'noopener noreferrer', target: '_blank'}, r) : r);
        }))]
      : null,
    h('h3', {}, 'Timeline'),
    h('ol', {class: 'timeline', id: 'timeline'}, i.timeline.map((t) =>
      h('li', {class: `entry ${t.type}`},
        h('time', {datetime: t.at}, time(t.at)), ' ',
        h('span', {class: 'type'}, t.type), ' ',
        t.actor ? h('span', {class: 'actor'}, t.actor) : null, ' ',
        t.message || ''))));
  root.dataset.incident = String(i.id);
  if (typed.focus) document.getElementById(typed.focus)?.focus();
}
