// "Add to list": my lists as checkboxes (checked = the place is in it), and a form to make a new list with the place in it.
import { api, get } from './api.js';
import { busy, h, say } from './dom.js';

/** onChanged gets the ids of my lists that hold the place after a change. */
export function listPicker(placeId, currentListIds, onChanged) {
  const placePath = encodeURIComponent(placeId);
  const lists = h('ul', { class: 'list-choices' });
  const title = h('input', { name: 'title', required: true, maxlength: 120, autocomplete: 'off' });
  const visibility = h('select', { name: 'visibility' }, h('option', { value: 'public' }, 'Public'), h('option', { value: 'private' }, 'Private'));
  const create = h('button', { type: 'submit' }, 'Create list and add');
  const form = h('form', { class: 'new-list' },
    h('label', {}, 'New list title ', title), h('label', {}, 'Visibility ', visibility), create);
  const element = h('section', { class: 'list-picker', 'aria-label': 'Add to list', hidden: true },
    h('h2', {}, 'Add to list'), lists, form);
  let message = null;
  let held = new Set();

  function choice(list) {
    const box = h('input', { type: 'checkbox', checked: held.has(list.id) });
    box.addEventListener('change', () => busy(box, message, async () => {
      try {
        await api(box.checked ? 'PUT' : 'DELETE', `/api/lists/${encodeURIComponent(list.id)}/items/${placePath}`);
      } catch (error) {
        box.checked = !box.checked;
        throw error;
      }
      if (box.checked) held.add(list.id);
      else held.delete(list.id);
      say(message, box.checked ? `Added to “${list.title}”.` : `Removed from “${list.title}”.`);
      await onChanged([...held]);
    }));
    return h('li', {}, h('label', {}, box, ` ${list.title}`));
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    busy(create, message, async () => {
      const list = await api('POST', '/api/lists', { title: title.value.trim(), visibility: visibility.value });
      await api('PUT', `/api/lists/${encodeURIComponent(list.id)}/items/${placePath}`);
      held.add(list.id);
      lists.append(choice(list));
      form.reset();
      say(message, `Added to “${list.title}”.`);
      await onChanged([...held]);
    });
  });

  return {
    element,
    async open(messageElement) {
      message = messageElement;
      held = new Set(currentListIds());
      element.hidden = false;
      lists.replaceChildren(h('li', {}, 'Loading your lists…'));
      try {
        const mine = await get('/api/me/lists?limit=100');
        lists.replaceChildren(...mine.items.map(choice));
        title.focus();
      } catch (error) {
        lists.replaceChildren();
        say(message, error.message, 'error');
      }
    },
    close() {
      element.hidden = true;
    },
  };
}
