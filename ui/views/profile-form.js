// The profile form shared by the first-run screen and Settings.
import { h, field, select, typedNumber } from '../dom.js';
import { showError, clearFieldErrors } from '../messages.js';

const WEEKDAYS = [
  ['Mon', 'Monday'], ['Tue', 'Tuesday'], ['Wed', 'Wednesday'], ['Thu', 'Thursday'],
  ['Fri', 'Friday'], ['Sat', 'Saturday'], ['Sun', 'Sunday'],
];

export const LEVELS = [
  ['engineer', 'Software engineer'],
  ['senior-engineer', 'Senior engineer'],
  ['principal', 'Principal / staff engineer'],
  ['manager', 'Engineering manager'],
  ['senior-manager', 'Senior manager or above'],
];

export const TRACKS = [
  ['ic', 'Individual contributor (senior or principal engineer)'],
  ['manager', 'Engineering manager'],
];

export const RISKS = [
  ['low', 'Low: I would rather move the date than go in under-prepared'],
  ['medium', 'Medium'],
  ['high', 'High: I will interview on this date whatever happens'],
];

const DEFAULTS = {
  interviewDate: '',
  targetLevel: 'L6',
  track: 'ic',
  currentLevel: 'senior-engineer',
  hoursPerWeek: 15,
  prepDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  risk: 'medium',
};

/**
 * Renders the form. `onSubmit(input)` receives the raw values; the backend
 * validates them; a refusal thrown by `onSubmit` is shown beside its input.
 */
export function profileForm(profile, { submitLabel, onSubmit }) {
  const p = { ...DEFAULTS, ...(profile ?? {}) };
  const date = h('input', { type: 'date', name: 'interviewDate', value: p.interviewDate, required: true });
  const target = select([['L6', 'L6'], ['L7', 'L7']], p.targetLevel, { name: 'targetLevel' });
  const track = select(TRACKS, p.track, { name: 'track' });
  const current = select(LEVELS, p.currentLevel, { name: 'currentLevel' });
  const hours = h('input', { type: 'number', name: 'hoursPerWeek', min: 1, max: 80, step: 1, value: String(p.hoursPerWeek), required: true });
  const risk = select(RISKS, p.risk, { name: 'risk' });
  const days = WEEKDAYS.map(([value, label]) =>
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
      field('Hours per week', hours, 'What you can really give each week, 1 to 80.')),
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
        hoursPerWeek: typedNumber(hours),
        prepDays: days.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value),
        risk: risk.value,
      });
    } catch (err) {
      showError(err, form);
    }
  });
  return form;
}
