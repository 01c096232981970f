// My lists, and one list with its places.
import { get } from '../api.js';
import { h, link } from '../dom.js';
import { session } from '../session.js';

export async function myListsView(root) {
  document.title = 'My lists – AtlasGrains';
  root.append(h('h1', {}, 'My lists'));
  if (!session.token()) {
    root.append(h('p', {}, h('a', { href: '#/signin?next=%2Flists' }, 'Sign in'), ' to see your lists.'));
    return;
  }

  const page = await get('/api/me/lists?limit=100');
  root.append(page.items.length === 0
    ? h('p', {}, 'No lists yet. Open a place and press “Add to list” to start one.')
    : h('ul', { class: 'lists', 'aria-label': 'My lists' }, page.items.map(list => h('li', {},
      h('a', { href: link('lists', list.id) }, list.title),
      h('span', { class: 'list-meta' }, ` ${list.itemCount} ${list.itemCount === 1 ? 'place' : 'places'} · ${list.visibility}`)))));
}

export async function listView(root, id) {
  const list = await get(`/api/lists/${encodeURIComponent(id)}`);
  document.title = `${list.title} – AtlasGrains`;
  root.append(
    h('h1', {}, list.title),
    list.description ? h('p', { class: 'subtitle' }, list.description) : null,
    h('p', { class: 'list-meta' }, `${list.itemCount} ${list.itemCount === 1 ? 'place' : 'places'} · ${list.visibility}`),
    h('ol', { class: 'list-items', 'aria-label': 'Places in this list' }, list.items.map(item => h('li', {},
      item.place ? h('a', { href: link('places', item.placeId) }, item.place.name) : h('span', {}, item.placeId),
      item.note ? h('p', { class: 'note' }, item.note) : null))));
}
