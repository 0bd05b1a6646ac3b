import { ApiError, getJson, sendJson } from './api.js';
import { byId, fill, h } from './dom.js';

/**
 * Signing in with login name and password. The session lives in an HttpOnly cookie the page cannot read: the
 * page asks the API who it is (GET /sessions/current) and shows the name, or the form. `onChange(caller)` is
 * told of every change (null: signed out).
 */

const ROLE = { reporter: '报送人', approver: '审核人', reader: '查看者', admin: '管理员' };

let caller = null;
/** Who is signed in (actor, role, regions), or null. */
export const currentCaller = () => caller;

export async function setUpLogin({ onChange }) {
  const form = byId('login-form');
  const who = byId('signed-in');
  const message = byId('login-message');

  const show = (next) => {
    caller = next;
    form.hidden = Boolean(next);
    who.hidden = !next;
    if (next) document.body.dataset.user = next.actor.name;
    else delete document.body.dataset.user;
    fill(
      byId('signed-in-name'),
      next
        ? `${next.actor.name}（${ROLE[next.role] ?? next.role}${next.regions.length ? ` · ${next.regions.join('、')}` : ''}）`
        : '',
    );
    onChange(next);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fill(message);
    const login = byId('login-name').value.trim();
    const password = byId('login-password').value;
    try {
      await sendJson('/sessions', 'POST', { login, password });
      byId('login-password').value = '';
      show(await getJson('/sessions/current'));
    } catch (error) {
      fill(
        message,
        h(
          'span',
          { class: 'error', role: 'alert' },
          error instanceof ApiError ? error.message : String(error),
        ),
      );
    }
  });

  byId('logout').addEventListener('click', async () => {
    try {
      await sendJson('/sessions/current', 'DELETE');
    } catch {
      // Already ended (expired, revoked): signed out either way.
    }
    show(null);
  });

  // A session from earlier in this browser (the cookie): no answer but 200 means signed out.
  try {
    const known = await getJson('/sessions/current');
    show(known.actor.kind === 'user' ? known : null);
  } catch {
    show(null);
  }
}
