// The console's shell: sign-in, the navigation bar and the page the location's hash names.
import './style.css';
import { currentSession, signIn, signOut, whenSignedOut } from './api.js';
import { h, fill, notice } from './dom.js';
import { dashboard } from './pages/dashboard.js';
import { tables } from './pages/tables.js';
import { explorer } from './pages/explorer.js';
import { servers } from './pages/servers.js';
import { backups } from './pages/backups.js';

const PAGES = [
  ['dashboard', 'Dashboard', dashboard],
  ['tables', 'Tables', tables],
  ['explorer', 'Data explorer', explorer],
  ['backups', 'Backups and migration', backups],
  ['servers', 'Servers and logs', servers],
];

const app = document.getElementById('app');
let user = null;
let leave = null;   // the shown page's clean-up (stops its timers and feeds)

function signInPage(message) {
  const name = h('input', { name: 'user', autocomplete: 'username', value: 'admin', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password' });
  const status = h('div');
  const form = h('form', {
    class: 'signin',
    onsubmit: async (e) => {
      e.preventDefault();
      try {
        user = (await signIn(name.value, password.value)).user;
        route();
      } catch (err) {
        fill(status, notice(err.message, true));
      }
    },
  },
  h('h1', {}, 'ReqlDB'),
  h('label', {}, 'User', name),
  h('label', {}, 'Password', password),
  h('button', { type: 'submit' }, 'Sign in'),
  status);
  if (message) status.append(notice(message, true));
  fill(app, form);
  name.focus();
}

async function route() {
  if (leave) { leave(); leave = null; }
  if (!user) { signInPage(); return; }
  const key = (location.hash.replace(/^#\/?/, '') || 'dashboard').split('/')[0];
  const page = PAGES.find((p) => p[0] === key) || PAGES[0];
  const main = h('main', { id: `page-${page[0]}` });
  const nav = h('nav', {},
    h('span', { class: 'brand' }, 'ReqlDB'),
    PAGES.map(([k, title]) => h('a', { href: `#/${k}`, class: k === page[0] ? 'active' : '' }, title)),
    h('span', { class: 'user' }, user),
    h('button', { class: 'link', onclick: async () => { await signOut(); user = null; route(); } }, 'Sign out'));
  fill(app, nav, main);
  document.title = `${page[1]} · ReqlDB`;
  leave = page[2](main) || null;
}

whenSignedOut(() => { user = null; if (leave) { leave(); leave = null; } signInPage('Your session ended: sign in again.'); });
window.addEventListener('hashchange', route);
// A closed tab stops its page's feeds, which would otherwise hold a request on the server.
window.addEventListener('pagehide', () => { if (leave) { leave(); leave = null; } });
currentSession().then((s) => { user = s && s.user; route(); });
