// Builds elements without innerHTML, so text from the API is always text, never markup.

/** h('a', { href: '#/', class: 'card' }, 'text', child): attributes, "on…" listeners, then children. */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.flat().filter(child => child !== null && child !== undefined && child !== false));
  return element;
}

/** Shows a message (or hides the element when there is none). */
export function say(element, text, kind = 'info') {
  element.textContent = text ?? '';
  element.hidden = !text;
  element.dataset.kind = kind;
}

/** A hash link to a page of the site: '#/places/alzhir'. */
export const link = (...segments) => '#/' + segments.map(encodeURIComponent).join('/');

/** Runs an action from a button or form, keeping it disabled meanwhile and showing a failure readably. */
export async function busy(control, message, action) {
  control.disabled = true;
  try {
    await action();
  } catch (error) {
    say(message, error.message, 'error');
  } finally {
    control.disabled = false;
  }
}
