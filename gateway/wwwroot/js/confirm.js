// Confirms a newsletter subscription with the token from the mail's link (/newsletters/confirm?token=…).
import { api } from './api.js';
import { say } from './dom.js';

const message = document.getElementById('confirm-message');
const token = new URLSearchParams(location.search).get('token');

if (!token) {
  say(message, 'This link has no confirmation token. Please open the link from the email exactly as it is.', 'error');
} else {
  api('POST', '/api/newsletters/subscriptions/confirm', { token })
    .then(() => say(message, 'You’re subscribed. Thank you for confirming!', 'success'))
    .catch(error => say(message, error.status === 410
      ? 'This confirmation link has expired. Please sign up again from any page of the site.'
      : error.message, 'error'));
}
