// The home page: the most popular places, then the newest.
import { get } from '../api.js';
import { h } from '../dom.js';
import { placeCards } from '../places.js';

export async function homeView(root) {
  const [popular, latest] = await Promise.all([get('/api/places?sort=popular&limit=8'), get('/api/places?sort=latest&limit=8')]);
  root.append(
    h('section', { class: 'hero' },
      h('h1', {}, 'Discover the world’s hidden wonders'),
      h('p', {}, 'Curious places, marked and listed by readers. Search above, or try ', h('a', { href: '#/random' }, 'a random place'), '.')),
    h('h2', {}, 'Popular places'), placeCards(popular.items, 'Popular places'),
    h('h2', {}, 'Newest places'), placeCards(latest.items, 'Newest places'));
}
