// Search results and tag pages: lists of place cards.
import { get } from '../api.js';
import { h } from '../dom.js';
import { placeCards } from '../places.js';

export async function searchView(root, q) {
  document.querySelector('#search-form input[name=q]').value = q;
  if (!q.trim()) {
    root.append(h('h1', {}, 'Search'), h('p', {}, 'Type a name, a tag, a city or a country in the search box.'));
    return;
  }

  const result = await get(`/api/search?${new URLSearchParams({ q, limit: 20 })}`);
  document.title = `Search: ${q} – AtlasGrains`;
  root.append(...(result.items.length > 0
    ? [h('h1', {}, `Search results for “${q}”`), placeCards(result.items, 'Search results')]
    : [h('h1', { class: 'no-results' }, `No search results found for "${q}"`), h('p', {}, 'Check the spelling, or try fewer or other words.')]));
}

export async function tagView(root, tag) {
  let page;
  try {
    page = await get(`/api/tags/${encodeURIComponent(tag)}/places?limit=50`);
  } catch (error) {
    if (error.status !== 404) throw error;
    page = { items: [] };
  }

  document.title = `${tag} – AtlasGrains`;
  root.append(h('h1', {}, `Places tagged “${tag}”`),
    page.items.length > 0 ? placeCards(page.items, `Places tagged ${tag}`) : h('p', {}, 'No place carries this tag.'));
}
