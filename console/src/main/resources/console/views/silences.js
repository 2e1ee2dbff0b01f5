// Silences from the notifier's Alertmanager API v2: the list (active and pending first, then the
// recently expired), expire, and the form to create one (pre-filled from an alert's labels).
import {actor, call} from '../api.js';
import {fill, h, say, time} from '../dom.js';

const ORDER = {active: 0, pending: 1, expired: 2};

const REFRESH_MS = 5000;

export function render(root) {
  const list = h('div', {id: 'silence-list', 'aria-busy': 'true'});
  fill(root,
    h('h2', {}, 'Silences'),
    h('p', {}, h('a', {class: 'button', href: '#/silences/new'}, 'New silence')),
    list);
  let shown = null;
  let timer = null;
  let stopped = false;
  const load = async () => {
    clearTimeout(timer);
    try {
      const silences = await call('notifier', '/api/v2/silences');
      silences.sort((a, b) => ORDER[a.status.state] - ORDER[b.status.state] || b.endsAt.localeCompare(a.endsAt));
      // rebuilt only when a silence changed: a keyboard user's focus stays where it is
      const key = JSON.stringify(silences.map((s) => [s.id, s.status.state, s.endsAt]));
      if (!stopped && key !== shown) {
        shown = key;
        fill(list, silences.length === 0
          ? h('p', {class: 'empty'}, 'No silences.')
          : h('ul', {class: 'silences'}, silences.map((s) => silence(s, load))));
      }
    } catch (e) {
      say(e.message, true);
    } finally {
      list.setAttribute('aria-busy', 'false');
      if (!stopped) timer = setTimeout(load, REFRESH_MS);
    }
  };
  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function silence(s, reload) {
  const state = s.status.state;
  const expire = async (e) => {
    e.currentTarget.disabled = true;
    try {
      await call('notifier', `/api/v2/silence/${encodeURIComponent(s.id)}`, {method: 'DELETE'});
      say('Silence expired.');
      await reload();
    } catch (err) {
      say(err.message, true);
    }
  };
  return h('li', {class: `silence ${state}`, dataset: {id: s.id}},
    h('span', {class: `badge ${state}`}, state), ' ',
    h('code', {class: 'matchers'}, s.matchers.map(matcherText).join(', ')),
    h('p', {}, `${time(s.startsAt)} → ${time(s.endsAt)} · by ${s.createdBy}`, s.comment ? ` · ${s.comment}` : ''),
    state !== 'expired' ? h('button', {type: 'button', class: 'expire', onclick: expire, 'aria-label': `Expire silence ${s.id}`}, 'Expire') : null);
}

function matcherText(m) {
  const op = m.isRegex ? (m.isEqual === false ? '!~' : '=~') : (m.isEqual === false ? '!=' : '=');
  return `${m.name}${op}"${m.value}"`;
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

/** name="value" lines → API matchers; throws naming the bad line. */
export function parseMatchers(text) {
  const lines = text.split('\n').filter((l) => l.trim());
  if (lines.length === 0) throw new Error('at least one matcher is needed');
  return lines.map((l, i) => {
    const m = MATCHER.exec(l);
    if (!m) throw new Error(`matcher ${i + 1} is not name="value" (operators =, !=, =~, !~): ${l}`);
    return {name: m[1], value: m[3].replace(/\\(.)/g, '$1'), isRegex: m[2].includes('~'), isEqual: !m[2].startsWith('!')};
  });
}

export function renderNew(root, params) {
  const matchers = h('textarea', {id: 'matchers', name: 'matchers', rows: 5, required: true, 'aria-describedby': 'matchers-help'},
    params.get('matchers') || '');
  const hours = h('input', {id: 'duration', name: 'duration', type: 'number', min: '0.25', step: '0.25', value: '2', required: true});
  const comment = h('input', {id: 'comment', name: 'comment', required: true, value: params.get('comment') || ''});
  const error = h('p', {class: 'error', id: 'silence-error', role: 'alert'});
  const form = h('form', {id: 'silence-form', class: 'stacked'},
    h('label', {for: 'matchers'}, 'Matchers'),
    matchers,
    h('p', {class: 'hint', id: 'matchers-help'}, 'One per line: name="value"; also !=, =~ (regex), !~.'),
    h('label', {for: 'duration'}, 'Duration (hours)'), hours,
    h('label', {for: 'comment'}, 'Comment'), comment,
    error,
    h('button', {type: 'submit'}, 'Create silence'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      const start = new Date();
      const end = new Date(start.getTime() + Number(hours.value) * 3600_000);
      const body = {
        matchers: parseMatchers(matchers.value),
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
        createdBy: actor(),
        comment: comment.value,
      };
      const made = await call('notifier', '/api/v2/silences', {method: 'POST', body});
      say(`Silence ${made.silenceID} created.`);
      location.hash = '#/silences';
    } catch (err) {
      error.textContent = err.message;
    }
  });
  fill(root, h('p', {}, h('a', {href: '#/silences'}, '← Silences')), h('h2', {}, 'New silence'), form);
  (params.get('matchers') ? comment : matchers).focus();
  return () => {};
}
