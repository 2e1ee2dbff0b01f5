// Who is on call now and next for each schedule: /api/v1/oncall, then each schedule's shifts over
// the coming two weeks for the next hand-over.
import {call} from '../api.js';
import {ago, fill, h, say, time} from '../dom.js';

const AHEAD_DAYS = 14;

export function render(root) {
  const body = h('div', {id: 'oncall', 'aria-busy': 'true'});
  fill(root, h('h2', {}, 'On call'), body);
  (async () => {
    try {
      const now = await call('incidents', '/api/v1/oncall');
      const from = new Date();
      const to = new Date(from.getTime() + AHEAD_DAYS * 86400_000);
      const rows = await Promise.all(now.oncall.map(async (e) => {
        const qs = new URLSearchParams({from: from.toISOString(), to: to.toISOString()});
        const shifts = await call('incidents', `/api/v1/schedules/${encodeURIComponent(e.schedule)}/shifts?${qs}`)
          .then((d) => d.shifts).catch(() => []);
        const next = shifts.find((s) => e.end && s.start >= e.end) || shifts.find((s) => s.user !== e.user && new Date(s.start) > from);
        return {e, next};
      }));
      fill(body, rows.length === 0 ? h('p', {class: 'empty'}, 'No schedules are configured.') : h('table', {class: 'oncall'},
        h('caption', {}, `as of ${time(now.at)}`),
        h('thead', {}, h('tr', {}, ['Schedule', 'On call now', 'Until', 'Next'].map((c) => h('th', {scope: 'col'}, c)))),
        h('tbody', {}, rows.map(({e, next}) => h('tr', {dataset: {schedule: e.schedule}},
          h('th', {scope: 'row'}, e.schedule),
          h('td', {class: 'now'}, e.user || 'nobody'),
          h('td', {}, e.end ? `${time(e.end)} (${ago(e.end)})` : '—'),
          h('td', {class: 'next'}, next ? `${next.user} from ${time(next.start)}` : '—'))))));
    } catch (err) {
      say(err.message, true);
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  })();
  return () => {};
}
