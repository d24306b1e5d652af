// First run: ask for the profile every plan is built from.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { showError, showInfo } from '../messages.js';
import { profileForm, profileOptions } from './profile-form.js';

export async function render(root, app) {
  const opts = await profileOptions();
  mount(root,
    h('header', { class: 'view-head' },
      h('h1', {}, 'Welcome to Loopready'),
      h('p', { class: 'lede' },
        'Tell Loopready about your interview. It plans your preparation day by day up to that date, and everything stays on this computer.')),
    profileForm(null, opts, {
      submitLabel: 'Start preparing',
      onSubmit: async (input) => {
        await api.saveProfile(input);
        app.go('today');
      },
    }),
    h('section', { class: 'card', 'aria-label': 'Moving from another computer' },
      h('h2', {}, 'Moving from another computer?'),
      h('p', { class: 'muted' }, 'Import the file you exported there (Settings → Export everything) instead of starting over.'),
      h('button', { type: 'button', onclick: async () => {
        try {
          const done = await api.importData('replace');
          if (done) { showInfo(done); app.go('today'); }
        } catch (err) { showError(err); }
      } }, 'Import an export…')));
}
