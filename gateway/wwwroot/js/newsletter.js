// The footer's newsletter signup. The API answers every valid request alike (so nobody can learn whether an
// address is subscribed), and so does this form: one thank-you whatever the address.
import { api, get } from './api.js';
import { busy, say } from './dom.js';

export function setUpNewsletter(form) {
  const message = form.querySelector('.form-message');
  const button = form.querySelector('button');
  const catalog = get('/api/newsletters').catch(() => ({ items: [] }));

  form.addEventListener('submit', event => {
    event.preventDefault();
    const fields = new FormData(form);
    const email = String(fields.get('email')).trim();
    if (!email) {
      say(message, 'Please enter your email address.', 'error');
      return;
    }

    busy(button, message, async () => {
      const newsletters = (await catalog).items;
      if (newsletters.length === 0) throw new Error('Newsletters are not available right now. Please try again later.');
      await api('POST', '/api/newsletters/subscriptions', {
        email,
        newsletterIds: [newsletters[0].id],
        source: 'site-footer',
        website: String(fields.get('website') ?? ''),
      });
      form.reset();
      say(message, 'Thanks for signing up! Check your inbox for an email to confirm your subscription.', 'success');
    });
  });
}
