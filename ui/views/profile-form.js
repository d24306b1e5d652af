// The profile form shared by the first-run screen and Settings.
import { h, field, select, typedNumber } from '../dom.js';
import * as api from '../api.js';
import { showError, clearFieldErrors } from '../messages.js';

let optionsCache = null;
/** The sets, limits and defaults the form offers, asked of the backend once. */
export async function profileOptions() {
  optionsCache ??= await api.profileOptions();
  return optionsCache;
}

/** The label of `value` in one of the option sets. */
export const optionLabel = (pairs, value) => (pairs.find(([v]) => v === value) ?? [value, value])[1];

/**
 * Renders the form with `opts` from `profileOptions()`. `onSubmit(input)`
 * receives the raw values; the backend validates them; a refusal thrown by
 * `onSubmit` is shown beside its input.
 */
export function profileForm(profile, opts, { submitLabel, onSubmit }) {
  const p = { interviewDate: '', ...opts.defaults, ...(profile ?? {}) };
  const date = h('input', { type: 'date', name: 'interviewDate', value: p.interviewDate, required: true });
  const target = select(opts.targetLevels, p.targetLevel, { name: 'targetLevel' });
  const track = select(opts.tracks, p.track, { name: 'track' });
  const current = select(opts.currentLevels, p.currentLevel, { name: 'currentLevel' });
  const hours = h('input', { type: 'number', name: 'hoursPerWeek', min: opts.minHours, max: opts.maxHours, step: 1, value: String(p.hoursPerWeek), required: true });
  const risk = select(opts.risks, p.risk, { name: 'risk' });
  const days = opts.weekdays.map(([value, label]) =>
    h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'prepDays', value, checked: p.prepDays.includes(value) }),
      label));

  const form = h('form', { class: 'card form', novalidate: true },
    field('Interview date', date, 'The day of your loop. Your schedule runs up to the day before.'),
    h('div', { class: 'row' },
      field('Target level', target, 'L6: senior engineer, or manager of 2-4 teams. L7: principal engineer, or senior manager across several orgs.'),
      field('Role track', track)),
    h('div', { class: 'row' },
      field('Current level', current),
      field('Hours per week', hours, `What you can really give each week, ${opts.minHours} to ${opts.maxHours}.`)),
    h('fieldset', { class: 'days', dataset: { field: 'prepDays' }, tabindex: '-1' }, h('legend', {}, 'Preparation days'), h('div', { class: 'day-list' }, days)),
    field('Risk tolerance', risk, 'Used when little time is left: a low tolerance makes Loopready suggest moving the date.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, submitLabel)));

  // A refusal goes under the input it is about (messages.js); the number
  // is sent as typed, so 7.5 hours is refused by name rather than cut to 7.
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    try {
      await onSubmit({
        interviewDate: date.value,
        targetLevel: target.value,
        track: track.value,
        currentLevel: current.value,
        // An empty box goes as empty, so it is asked for rather than refused as 0.
        hoursPerWeek: hours.value.trim() === '' ? null : typedNumber(hours),
        prepDays: days.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value),
        risk: risk.value,
      });
    } catch (err) {
      showError(err, form);
    }
  });
  return form;
}
