// The place page: facts, the buttons with live counts, nearby and related places.
import { get } from '../api.js';
import { h, link } from '../dom.js';
import { coordinates, placeCards } from '../places.js';
import { placeActions } from '../place-actions.js';

export async function placeView(root, id) {
  const place = await get(`/api/places/${encodeURIComponent(id)}`);
  document.title = `${place.name} – AtlasGrains`;
  const actions = placeActions(place);
  const nearby = h('section', { class: 'nearby', 'aria-labelledby': 'nearby-heading' }, h('h2', { id: 'nearby-heading' }, 'Nearby places'));
  const related = h('section', { class: 'related', 'aria-labelledby': 'related-heading' }, h('h2', { id: 'related-heading' }, 'Related places'));

  root.append(h('article', { class: 'place', 'data-place-id': place.id },
    h('header', { class: 'place-header' },
      h('p', { class: 'place-where' }, [place.city, place.region, place.country].filter(Boolean).join(', ')),
      h('h1', {}, place.name),
      place.subtitle ? h('p', { class: 'subtitle' }, place.subtitle) : null,
      actions.element),
    h('div', { class: 'place-body' },
      h('section', { class: 'description' },
        ...place.description.split(/\n+/).filter(Boolean).map(paragraph => h('p', {}, paragraph)),
        place.knowBeforeYouGo ? [h('h2', {}, 'Know before you go'), h('p', {}, place.knowBeforeYouGo)] : null),
      h('aside', { class: 'facts' },
        h('dl', {},
          place.address ? [h('dt', {}, 'Address'), h('dd', {}, place.address)] : null,
          h('dt', {}, 'Coordinates'), h('dd', { class: 'coordinates' }, coordinates(place.location)),
          place.website ? [h('dt', {}, 'Website'), h('dd', {}, h('a', { href: place.website, rel: 'noopener noreferrer' }, place.website))] : null),
        place.tags.length > 0
          ? h('ul', { class: 'tags', 'aria-label': 'Tags' }, place.tags.map(tag => h('li', {}, h('a', { href: link('tags', tag) }, tag))))
          : null)),
    nearby,
    related));

  // The rest of the page fills in as it arrives; a failure there leaves the place itself readable.
  fill(nearby, get(`/api/places/${encodeURIComponent(place.id)}/nearby?limit=3`), result => h('ol', { class: 'nearby-list' },
    result.items.map(item => h('li', {},
      h('a', { href: link('places', item.place.id) }, item.place.name),
      h('span', { class: 'distance' }, ` ${item.distanceMiles.toFixed(1)} miles away`)))));
  fill(related, get(`/api/places/${encodeURIComponent(place.id)}/related?limit=4`), result => placeCards(result.items, 'Related places'));
  return actions.dispose;
}

async function fill(section, request, render) {
  try {
    const result = await request;
    section.append(result.items.length > 0 ? render(result) : h('p', {}, 'None yet.'));
  } catch (error) {
    section.append(h('p', { class: 'message', 'data-kind': 'error' }, error.message));
  }
}
