// Calls the services through the console's same-origin proxy (/proxy/<service>/...).
// A 401 asks the operator for a bearer token (kept in sessionStorage: this tab only) and retries.

const TOKEN_KEY = 'alerting.token';
const ACTOR_KEY = 'alerting.actor';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The name recorded on acknowledgements, notes and silences. */
export function actor() {
  return localStorage.getItem(ACTOR_KEY) || 'console';
}

export function setActor(name) {
  if (name && name.trim()) localStorage.setItem(ACTOR_KEY, name.trim());
  else localStorage.removeItem(ACTOR_KEY);
}

/** JSON from service ('rules', 'notifier', 'incidents', 'ingest') at path; throws ApiError. */
export async function call(service, path, {method = 'GET', body} = {}) {
  let refused = false;
  for (;;) {
    const headers = {Accept: 'application/json'};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = `Bearer ${token}`;
    const init = {method, headers};
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const r = await fetch(`/proxy/${service}${path}`, init);
    if (r.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      await askToken(refused || token ? 'That token was refused. ' : '');
      refused = true;
      continue;
    }
    const text = await r.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!r.ok) {
      const why = json && (json.detail || json.error || json.message || json.title);
      throw new ApiError(r.status, `${service}: ${r.status} ${why || r.statusText}`);
    }
    return json;
  }
}

/** Shows the token form; resolves when a token is entered, rejects on cancel. */
function askToken(prefix) {
  const form = document.getElementById('token-form');
  const input = document.getElementById('token');
  const cancel = document.getElementById('token-cancel');
  document.getElementById('token-reason').textContent =
    `${prefix}This action needs a bearer token with the right role (write for acknowledging and silences). It is kept for this browser tab only.`;
  form.hidden = false;
  input.value = '';
  input.focus();
  return new Promise((resolve, reject) => {
    const done = () => {
      form.removeEventListener('submit', submit);
      cancel.removeEventListener('click', stop);
      form.hidden = true;
    };
    const submit = (e) => {
      e.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, input.value.trim());
      done();
      resolve();
    };
    const stop = () => {
      done();
      reject(new ApiError(401, 'no token given: the action was not done'));
    };
    form.addEventListener('submit', submit);
    cancel.addEventListener('click', stop);
  });
}
