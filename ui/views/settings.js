// Settings: edit the profile, check notifications, see where data lives.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { showError, showInfo } from '../banner.js';
import { profileForm } from './profile-form.js';

export async function render(root, app) {
  const info = await api.appInfo();
  const testButton = h('button', {
    type: 'button',
    onclick: async () => {
      try {
        await api.sendTestNotification();
        showInfo('Test notification sent. If nothing appeared, check your system’s notification settings.');
      } catch (err) {
        showError(err);
      }
    },
  }, 'Send test notification');

  mount(root,
    h('header', { class: 'view-head' }, h('h1', {}, 'Settings')),
    h('section', { 'aria-label': 'Profile' },
      h('h2', {}, 'Profile'),
      profileForm(app.state.profile.profile, {
        submitLabel: 'Save profile',
        onSubmit: async (input) => {
          try {
            app.state.profile = await api.saveProfile(input);
            showInfo('Profile saved.');
          } catch (err) {
            showError(err);
          }
        },
      })),
    h('section', { class: 'card', 'aria-label': 'Notifications' },
      h('h2', {}, 'Notifications'),
      h('p', { class: 'muted' }, 'Loopready announces each phase of a mock round on your desktop and in this window.'),
      testButton),
    h('section', { class: 'card', 'aria-label': 'About' },
      h('h2', {}, 'About'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Version'), h('dd', {}, info.version),
        h('dt', {}, 'Data folder'), h('dd', { class: 'mono' }, info.dataDir))));
}
