// "Random place": asks the API for one and shows it (replacing #/random in the history, so Back works).
import { get } from '../api.js';
import { h, link } from '../dom.js';

export async function randomView(root) {
  root.append(h('p', { class: 'loading' }, 'Finding a random place…'));
  const place = await get('/api/places/random');
  location.replace(link('places', place.id));
}
