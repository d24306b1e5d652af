// Today: the days left to the interview and the profile at a glance.
import { h, mount } from '../dom.js';
import { LEVELS, TRACKS } from './profile-form.js';

const label = (pairs, value) => (pairs.find(([v]) => v === value) ?? [value, value])[1];

function formatDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}

export function render(root, app) {
  const { profile, daysLeft } = app.state.profile;
  const weeks = Math.floor(daysLeft / 7);
  const countdown = daysLeft === 0 ? 'Interview day' : `${daysLeft} ${daysLeft === 1 ? 'day' : 'days'} left`;
  mount(root,
    h('header', { class: 'view-head' },
      h('p', { class: 'eyebrow' }, formatDate(app.state.profile.today)),
      h('h1', {}, 'Today')),
    h('section', { class: 'card hero', 'aria-label': 'Countdown' },
      h('p', { class: 'big', id: 'days-left' }, countdown),
      h('p', { class: 'muted' },
        `Interview on ${formatDate(profile.interviewDate)}`,
        daysLeft >= 7 ? ` · about ${weeks} ${weeks === 1 ? 'week' : 'weeks'}` : '')),
    h('section', { class: 'card', 'aria-label': 'Your profile' },
      h('h2', {}, 'Your profile'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Target level'), h('dd', {}, profile.targetLevel),
        h('dt', {}, 'Track'), h('dd', {}, label(TRACKS, profile.track)),
        h('dt', {}, 'Current level'), h('dd', {}, label(LEVELS, profile.currentLevel)),
        h('dt', {}, 'Hours per week'), h('dd', {}, String(profile.hoursPerWeek)),
        h('dt', {}, 'Preparation days'), h('dd', {}, profile.prepDays.join(', ')),
        h('dt', {}, 'Risk tolerance'), h('dd', {}, profile.risk)),
      h('p', {}, h('a', { href: '#settings' }, 'Change in Settings'))));
}
