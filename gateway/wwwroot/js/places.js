// Place summaries as cards (search results, tag pages, related places, the home page).
import { h, link } from './dom.js';

export function placeCards(places, label) {
  return h('ul', { class: 'cards', 'aria-label': label }, places.map(place => h('li', { class: 'card' },
    h('a', { href: link('places', place.id) }, h('span', { class: 'card-name' }, place.name)),
    h('span', { class: 'card-where' }, [place.city, place.country].filter(Boolean).join(', ')),
    place.subtitle ? h('p', { class: 'card-subtitle' }, place.subtitle) : null)));
}

/** "51.0731, 70.9792": four decimals, about 10 m, as a reader would type them into a map. */
export const coordinates = location => `${location.latitude.toFixed(4)}, ${location.longitude.toFixed(4)}`;
