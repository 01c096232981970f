// Sign in and join. Both end signed in, back on the page the reader came from (?next=/places/alzhir).
import { api } from '../api.js';
import { busy, h, say } from '../dom.js';
import { session } from '../session.js';

export function signInView(root, next) {
  const email = field('Email', { type: 'email', name: 'email', autocomplete: 'email', required: true, maxlength: 254 });
  const password = field('Password', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  authForm(root, 'Sign in', [email, password], next, async () => {
    await signIn(email.input.value.trim(), password.input.value);
  }, h('p', {}, 'New here? ', h('a', { href: `#/join${nextQuery(next)}` }, 'Join AtlasGrains')));
}

export function joinView(root, next) {
  const displayName = field('Display name', { name: 'displayName', autocomplete: 'nickname', required: true, maxlength: 60 });
  const email = field('Email', { type: 'email', name: 'email', autocomplete: 'email', required: true, maxlength: 254 });
  const password = field('Password (at least 10 characters)', { type: 'password', name: 'password', autocomplete: 'new-password', required: true, minlength: 10 });
  authForm(root, 'Join', [displayName, email, password], next, async () => {
    await api('POST', '/api/accounts', { email: email.input.value.trim(), password: password.input.value, displayName: displayName.input.value.trim() });
    await signIn(email.input.value.trim(), password.input.value);
  }, h('p', {}, 'Already a member? ', h('a', { href: `#/signin${nextQuery(next)}` }, 'Sign in')));
}

async function signIn(email, password) {
  const token = await api('POST', '/api/auth/token', { email, password });
  // The profile needs the token, so it is stored first; the header shows the name once it is known.
  session.signIn(token.accessToken, token.expiresIn, '');
  const me = await api('GET', '/api/me');
  session.signIn(token.accessToken, token.expiresIn, me.displayName);
}

function authForm(root, title, fields, next, submit, footer) {
  document.title = `${title} – AtlasGrains`;
  const button = h('button', { type: 'submit' }, title);
  const message = h('p', { class: 'message', role: 'alert', hidden: true });
  const form = h('form', { class: 'auth', novalidate: true }, h('h1', {}, title), fields.map(f => f.label), button, message, footer);
  form.addEventListener('submit', event => {
    event.preventDefault();
    say(message, '');
    busy(button, message, async () => {
      await submit();
      location.hash = `#${safeNext(next)}`;
    });
  });
  root.append(form);
  fields[0].input.focus();
}

function field(text, attributes) {
  const input = h('input', attributes);
  return { input, label: h('label', {}, h('span', {}, text), input) };
}

/** Only a path of this site (never another origin) is a place to go back to. */
const safeNext = next => (next && /^\/[\w\-/]*$/.test(next) ? next : '/');

const nextQuery = next => (next ? `?next=${encodeURIComponent(next)}` : '');
