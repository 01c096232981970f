// The buttons of a place page: Been Here, Want to go (toggles), Add to list; their counts follow the place live.
import { api, get } from './api.js';
import { busy, h, say } from './dom.js';
import { session } from './session.js';
import { followStats } from './live.js';
import { listPicker } from './list-picker.js';

const marks = [
  { segment: 'been-here', field: 'beenHere', label: 'Been Here' },
  { segment: 'want-to-go', field: 'wantToGo', label: 'Want to go' },
];

export function placeActions(place) {
  const placePath = encodeURIComponent(place.id);
  const message = h('p', { class: 'message', role: 'alert', hidden: true });
  const counts = {};
  const mine = { beenHere: false, wantToGo: false, listIds: [] };

  const markButtons = marks.map(mark => {
    counts[mark.field] = h('span', { class: 'count', 'data-testid': `${mark.segment}-count` });
    const button = h('button', { type: 'button', class: 'action', 'aria-pressed': 'false', 'data-testid': mark.segment },
      h('span', { class: 'action-label' }, mark.label), counts[mark.field]);
    button.addEventListener('click', () => {
      if (!requireSignIn()) return;
      say(message, '');
      busy(button, message, async () => {
        const marked = !mine[mark.field];
        const result = await api(marked ? 'PUT' : 'DELETE', `/api/me/${mark.segment}/${placePath}`);
        mine[mark.field] = result[mark.field];
        button.setAttribute('aria-pressed', String(result[mark.field]));
        showStats(result.stats);
      });
    });
    return [mark.field, button];
  });

  counts.lists = h('span', { class: 'count', 'data-testid': 'lists-count' });
  const picker = listPicker(place.id, () => mine.listIds, async listIds => {
    mine.listIds = listIds;
    showStats((await get(`/api/places/${placePath}`)).stats);
  });
  const addToList = h('button', { type: 'button', class: 'action', 'aria-expanded': 'false', 'data-testid': 'add-to-list' },
    h('span', { class: 'action-label' }, 'Add to list'), counts.lists);
  addToList.addEventListener('click', () => {
    if (!requireSignIn()) return;
    const open = addToList.getAttribute('aria-expanded') !== 'true';
    addToList.setAttribute('aria-expanded', String(open));
    if (open) picker.open(message);
    else picker.close();
  });

  const live = h('span', { class: 'live', 'data-testid': 'live', hidden: true }, 'Live');
  const element = h('div', { class: 'place-actions' },
    h('div', { class: 'buttons' }, markButtons.map(([, button]) => button), addToList, live), message, picker.element);

  function showStats(stats) {
    for (const field of ['beenHere', 'wantToGo', 'lists']) counts[field].textContent = String(stats[field]);
  }

  function requireSignIn() {
    if (session.token()) return true;
    const next = encodeURIComponent(`/places/${place.id}`);
    message.replaceChildren(h('a', { href: `#/signin?next=${next}` }, 'Sign in'), ' or ', h('a', { href: `#/join?next=${next}` }, 'join'),
      ' to mark places and keep lists.');
    message.hidden = false;
    message.dataset.kind = 'info';
    return false;
  }

  async function loadMine() {
    if (!session.token()) return;
    try {
      const state = await get(`/api/me/places/${placePath}`);
      Object.assign(mine, state);
      for (const [field, button] of markButtons) button.setAttribute('aria-pressed', String(state[field]));
    } catch (error) {
      say(message, error.message, 'error');
    }
  }

  showStats(place.stats);
  loadMine();
  const stopFollowing = followStats(place.id, showStats, state => {
    live.hidden = state !== 'connected';
    element.dataset.live = state;
  });
  return { element, dispose: stopFollowing };
}
