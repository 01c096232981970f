// The site's entry point: hash routes (#/places/alzhir, #/search?q=…, #/lists), the header and the footer.
import { h } from './dom.js';
import { session } from './session.js';
import { setUpNewsletter } from './newsletter.js';
import { homeView } from './views/home.js';
import { placeView } from './views/place.js';
import { searchView, tagView } from './views/search.js';
import { randomView } from './views/random.js';
import { signInView, joinView } from './views/auth.js';
import { myListsView, listView } from './views/lists.js';

const routes = [
  [/^$/, () => homeView],
  [/^places\/([^/]+)$/, ([id]) => root => placeView(root, id)],
  [/^search$/, (_, query) => root => searchView(root, query.get('q') ?? '')],
  [/^tags\/([^/]+)$/, ([tag]) => root => tagView(root, tag)],
  [/^random$/, () => randomView],
  [/^signin$/, (_, query) => root => signInView(root, query.get('next'))],
  [/^join$/, (_, query) => root => joinView(root, query.get('next'))],
  [/^lists$/, () => myListsView],
  [/^lists\/([^/]+)$/, ([id]) => root => listView(root, id)],
];

const main = document.getElementById('view');
let navigation = 0;
let leaveView = null;

/** Renders the page the hash names into a fresh container, so a slow page can't draw over the next one. */
async function render() {
  const current = ++navigation;
  leaveView?.();
  leaveView = null;
  const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const query = new URLSearchParams(search);
  const container = h('div', { class: 'page' });
  main.replaceChildren(container);
  document.title = 'AtlasGrains: curious places';
  const route = routes.map(([pattern, view]) => [path.match(pattern), view]).find(([match]) => match);
  if (!route) {
    container.append(h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the home page')));
    return;
  }

  const [match, view] = route;
  try {
    const leave = await view(match.slice(1).map(decodeURIComponent), query)(container);
    if (current === navigation) leaveView = leave ?? null;
    else leave?.();
  } catch (error) {
    if (current === navigation) {
      container.replaceChildren(h('h1', {}, error.status === 404 ? 'Not found' : 'Something went wrong'), h('p', { class: 'message', 'data-kind': 'error', role: 'alert' }, error.message));
    }
  }
}

function showSession() {
  const signedIn = session.current();
  document.querySelectorAll('[data-signed-in]').forEach(element => { element.hidden = !signedIn; });
  document.querySelectorAll('[data-signed-out]').forEach(element => { element.hidden = !!signedIn; });
  document.querySelector('.who').textContent = signedIn ? `Signed in as ${signedIn.displayName}` : '';
}

document.getElementById('search-form').addEventListener('submit', event => {
  event.preventDefault();
  const q = new FormData(event.target).get('q').trim();
  if (q) location.hash = `#/search?${new URLSearchParams({ q })}`;
});
document.getElementById('sign-out').addEventListener('click', () => session.signOut());
session.onChange(() => {
  showSession();
  // The sign-in and join pages move on by themselves; every other page redraws for the new reader (or none).
  if (!/^#\/(signin|join)\b/.test(location.hash)) render();
});
window.addEventListener('hashchange', render);
setUpNewsletter(document.getElementById('newsletter-form'));
showSession();
render();
