// The console's router: #/alerts, #/incidents, #/incident/<id>, #/silences, #/silences/new,
// #/oncall, #/rules. Each view renders into <main> and returns a function that stops its timers
// and streams when the operator moves on.
import {actor, setActor} from './api.js';
import {say} from './dom.js';
import * as alerts from './views/alerts.js';
import * as incident from './views/incident.js';
import * as incidents from './views/incidents.js';
import * as oncall from './views/oncall.js';
import * as rules from './views/rules.js';
import * as silences from './views/silences.js';

const ROUTES = [
  {re: /^\/alerts$/, nav: 'alerts', title: 'Alerts', view: alerts.render},
  {re: /^\/incidents$/, nav: 'incidents', title: 'Incidents', view: incidents.render},
  {re: /^\/incident\/(\d+)$/, nav: 'incidents', title: 'Incident', view: incident.render},
  {re: /^\/silences$/, nav: 'silences', title: 'Silences', view: silences.render},
  {re: /^\/silences\/new$/, nav: 'silences', title: 'New silence', view: silences.renderNew},
  {re: /^\/oncall$/, nav: 'oncall', title: 'On call', view: oncall.render},
  {re: /^\/rules$/, nav: 'rules', title: 'Rules', view: rules.render},
];

let stop = () => {};

function route() {
  const hash = location.hash.replace(/^#/, '') || '/alerts';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const r = ROUTES.find((x) => x.re.test(path));
  if (!r) {
    location.hash = '#/alerts';
    return;
  }
  stop();
  say('');
  const main = document.getElementById('view');
  delete main.dataset.incident;
  const args = path.match(r.re).slice(1);
  document.title = `${r.title}${args.length ? ` ${args[0]}` : ''} · Alerting console`;
  for (const a of document.querySelectorAll('nav a')) {
    if (a.dataset.view === r.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  stop = r.view(main, params, ...args) || (() => {});
}

const actorInput = document.getElementById('actor');
actorInput.value = actor() === 'console' ? '' : actor();
actorInput.addEventListener('change', () => setActor(actorInput.value));
document.getElementById('actor-form').addEventListener('submit', (e) => {
  e.preventDefault();
  setActor(actorInput.value);
});
window.addEventListener('hashchange', route);
route();
