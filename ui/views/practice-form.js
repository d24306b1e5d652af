// The practice-entry form (Today's quick entry and the Log view's editor)
// and the minimums/streak block both show. Validation happens in Rust; the
// form only collects fields and shows the refusal beside the form.
import { h, field, select, uid, typedNumber } from '../dom.js';
import * as api from '../api.js';
import { plural, longDate } from '../format.js';
import { showError, clearFieldErrors, fieldError } from '../messages.js';

let optionsCache = null;
/** The kinds, patterns, difficulties and rounds, asked once. */
export async function options() {
  optionsCache ??= await api.practiceOptions();
  return optionsCache;
}

let bankNamesCache = null;
/** The problem bank's coding problem names, asked once. */
function bankNames() {
  bankNamesCache ??= api.problemBank().then((bank) => bank.coding.map((p) => p.name));
  return bankNamesCache;
}

const todayIso = () => {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/**
 * A form for one entry. `initial` is an entry as the backend sends it (or
 * null for a new one); `onSubmit(entry)` returns a promise and may throw
 * `{ message }`, shown in the form.
 */
export function entryForm(opts, { initial = null, submitText = 'Log practice', compact = false, interviewDate = null, resetAfter = !initial, onSubmit, onCancel }) {
  const kind = select(opts.kinds, initial?.kind ?? 'coding');
  const name = h('input', { type: 'text', maxlength: String(opts.maxNameChars), value: initial?.name ?? '', dataset: { field: 'name' } });
  const minutesIn = h('input', { type: 'number', min: '1', max: String(opts.maxMinutes), step: '1', value: initial?.minutes ? String(initial.minutes) : '', dataset: { field: 'minutes' } });
  const pattern = select(opts.patterns, initial?.pattern ?? 'other');
  const difficulty = select(opts.difficulties, initial?.difficulty ?? 'medium');
  const optimal = h('input', { type: 'checkbox', checked: initial?.optimal ?? false });
  const completeness = h('input', { type: 'number', min: '0', max: '100', step: '5', value: String(initial?.completenessPct ?? 100), dataset: { field: 'completeness-pct' } });
  const tradeoffs = h('input', { type: 'checkbox', checked: initial?.tradeoffs ?? false });
  const round = select(opts.rounds, initial?.round ?? 'coding');
  const score = h('input', { type: 'number', min: '1', max: '5', step: '1', value: initial?.score ? String(initial.score) : '', dataset: { field: 'score' } });
  const date = h('input', { type: 'date', value: initial?.date ?? todayIso(), dataset: { field: 'date' } });
  // A date after the interview is allowed (a retake, a late note) but said.
  const dateNote = h('p', { class: 'hint warn-text', id: `${uid('date')}-note`, hidden: true });
  const paintDateNote = () => {
    const after = interviewDate && date.value > interviewDate;
    dateNote.hidden = !after;
    dateNote.textContent = after ? `This is after your interview on ${longDate(interviewDate)}.` : '';
  };
  date.addEventListener('input', paintDateNote);
  paintDateNote();
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });

  // A coding problem from the bank offers its name and brings its
  // difficulty and pattern, so a known Easy problem is not logged as Medium.
  const names = h('datalist', { id: uid('bank-names') });
  name.setAttribute('list', names.id);
  name.addEventListener('focus', async () => {
    if (kind.value !== 'coding' || names.childElementCount) return;
    names.replaceChildren(...(await bankNames()).map((n) => h('option', { value: n })));
  });
  // The log's own rule says which problem a name means ("LC 76" too).
  name.addEventListener('input', async () => {
    const asked = name.value;
    if (kind.value !== 'coding' || !asked.trim()) return;
    const known = await api.matchCodingProblem(asked);
    if (!known || name.value !== asked) return;
    difficulty.value = known.difficulty;
    if ([...pattern.options].some((o) => o.value === known.pattern)) pattern.value = known.pattern;
  });

  const groups = {
    name: field('Name', name),
    pattern: field('Pattern', pattern),
    difficulty: field('Difficulty', difficulty),
    optimal: h('label', { class: 'check' }, optimal, 'Solved optimally'),
    completeness: field('Completeness %', completeness),
    tradeoffs: h('label', { class: 'check' }, tradeoffs, 'Trade-offs discussed'),
    round: field('Round', round),
    score: field('Score (1-5)', score),
  };
  const shown = {
    coding: ['name', 'pattern', 'difficulty', 'optimal'],
    design: ['name', 'completeness', 'tradeoffs'],
    'lp-study': [],
    'story-practice': [],
    'external-mock': ['round', 'score'],
  };
  const sync = () => {
    for (const [key, el] of Object.entries(groups)) el.hidden = !(shown[kind.value] ?? []).includes(key);
  };
  kind.addEventListener('change', sync);
  sync();

  const entry = () => {
    const k = kind.value;
    // Numbers go as typed, so the backend refuses "-5" or "7.5" minutes by name.
    const base = { date: date.value, kind: k, minutes: typedNumber(minutesIn) };
    if (k === 'coding') return { ...base, name: name.value, pattern: pattern.value, difficulty: difficulty.value, optimal: optimal.checked };
    if (k === 'design') return { ...base, name: name.value, completenessPct: typedNumber(completeness), tradeoffs: tradeoffs.checked };
    if (k === 'external-mock') return { ...base, round: round.value, score: typedNumber(score) };
    return base;
  };

  const form = h('form', {
    class: compact ? 'practice-form compact' : 'practice-form',
    'aria-label': initial ? 'Edit log entry' : 'Log practice',
    // The backend validates and names the field; the browser's own bubbles would not.
    novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      error.hidden = true;
      clearFieldErrors(form);
      // An empty box is a missing answer, not the backend's "0 minutes".
      if (minutesIn.value.trim() === '') {
        fieldError(minutesIn, 'Enter how many minutes it took.');
        return;
      }
      try {
        await onSubmit(entry());
        // Logged: a fresh form, so the same entry is not sent twice.
        if (resetAfter) reset();
      } catch (err) {
        // Beside its input when the backend named one; under the form otherwise.
        if (!err.field || !showError(err, form)) {
          error.textContent = err.message;
          error.hidden = false;
        }
      }
    },
  },
  h('div', { class: 'practice-fields' },
    field('Kind', kind), groups.name, names, field('Minutes', minutesIn), h('div', { class: 'field' }, h('label', { for: date.id || (date.id = uid('date')) }, 'Date'), date, dateNote),
    groups.pattern, groups.difficulty, groups.completeness, groups.round, groups.score,
    groups.optimal, groups.tradeoffs),
  error,
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'primary' }, submitText),
    onCancel ? h('button', { type: 'button', onclick: onCancel }, 'Cancel') : null));

  // After a logged entry: the name, minutes and outcome are emptied; the
  // kind, date and pattern stay for the next of the same sitting.
  function reset() {
    name.value = '';
    minutesIn.value = '';
    optimal.checked = false;
    score.value = '';
    completeness.value = '100';
    tradeoffs.checked = false;
  }
  return form;
}

// Marks drawn from common text fonts (emoji fonts are often missing on
// Linux): met, within 80 %, below, and rest day.
const MARK = { ok: '✓', warn: '!', below: '✗', rest: '–' };
const STATE = { ok: 'met', warn: 'nearly met', below: 'not met yet', rest: 'rest day' };

/** A minimum as a list item: mark, label, actual of target, percent. */
function minimumItem(m, rest) {
  return h('li', { class: `minimum status-${m.status}`, dataset: { kind: m.kind } },
    h('span', { class: 'minimum-mark', 'aria-hidden': 'true' }, MARK[m.status] ?? ''),
    h('span', { class: 'minimum-label' }, m.label),
    h('span', { class: 'minimum-figure' }, `${m.actual} of ${m.target} · ${rest ? 'rest day' : `${m.pct}%`}`));
}

/** Today's minimums and the streak, as Today and the Dashboard show them. */
export function dailyBlock(status) {
  const { daily, streak } = status;
  return h('div', { class: 'minimums', 'aria-label': 'Daily minimums' },
    h('h3', {}, daily.applies ? `Daily minimums: ${STATE[daily.status] ?? daily.status}` : 'Daily minimums — rest day'),
    h('ul', { class: 'minimum-list', id: 'daily-minimums' }, daily.items.map((m) => minimumItem(m, !daily.applies))),
    h('p', { class: 'streak', id: 'streak' },
      `Streak: ${plural(streak.days, 'day')} (best ${streak.longest})`,
      streak.todayPending ? ' · meet today\'s minimums to keep it going' : ''));
}

export function weeklyBlock(status) {
  const { weekly } = status;
  return h('div', { class: 'minimums', 'aria-label': 'Weekly minimums' },
    h('h3', {}, `This week's minimums: ${STATE[weekly.status] ?? weekly.status}`),
    h('ul', { class: 'minimum-list', id: 'weekly-minimums' }, weekly.items.map((m) => minimumItem(m, false))));
}
