// Log: every practice entry by day, newest first. Typed-in entries can be
// edited in place or deleted (with Undo in the banner); story refinements
// and mock rounds come from the story bank and the timer and are read-only.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { showBanner, showError, showInfo } from '../banner.js';
import { longDate } from '../format.js';
import { replaceLink } from '../links.js';
import { entryForm, options } from './practice-form.js';

// The kinds a link may ask to log (#log?kind=coding&name=…), such as the
// Problems view's "Log an attempt".
const LINK_KINDS = ['coding', 'design', 'lp-study', 'story-practice'];

/** The entry a link asks for, as entryForm's `initial`, or null. */
function linkedEntry(params) {
  const kind = params?.get('kind');
  if (!LINK_KINDS.includes(kind)) return null;
  const minutes = Number(params.get('minutes'));
  return {
    kind,
    name: params.get('name') ?? '',
    pattern: params.get('pattern'),
    difficulty: params.get('difficulty'),
    minutes: Number.isInteger(minutes) && minutes > 0 ? minutes : 0,
  };
}

/** The form's Minutes input, found by its label. */
function minutesInput(form) {
  const label = [...form.querySelectorAll('label')].find((l) => l.textContent === 'Minutes');
  return label ? form.querySelector(`[id="${label.htmlFor}"]`) : null;
}

function byDay(rows) {
  const days = new Map();
  for (const row of rows) {
    if (!days.has(row.date)) days.set(row.date, []);
    days.get(row.date).push(row);
  }
  return [...days.entries()];
}

export async function render(root, app) {
  const opts = await options();
  const linked = linkedEntry(app?.params);
  const list = h('div', { class: 'log-days' });
  let editing = null;
  // The newest lines first; years of history load a page at a time.
  const PAGE = 100; // LOG_PAGE in commands/practice.rs
  let limit = PAGE;

  async function paint() {
    const rows = await api.practiceLog(limit);
    if (rows.length === 0) {
      mount(list, h('p', { class: 'muted' }, 'Nothing logged yet. Log practice from Today or below.'));
      return;
    }
    const more = rows.length >= limit
      ? h('button', { type: 'button', onclick: async () => { limit += PAGE; await paint(); } }, 'Show older entries')
      : null;
    mount(list, byDay(rows).map(([date, entries]) => h('section', { class: 'card log-day', 'aria-label': longDate(date) },
      h('h2', {}, longDate(date)),
      h('ul', { class: 'log-list' }, entries.map((row) => entryItem(row))))), more);
  }

  function entryItem(row) {
    if (row.id && editing === row.id) {
      return h('li', { class: 'log-entry editing' }, entryForm(opts, {
        initial: row,
        submitText: 'Save entry',
        onSubmit: async (entry) => {
          await api.editPractice(row.id, entry);
          editing = null;
          showInfo('Entry saved.');
          await paint();
        },
        onCancel: async () => { editing = null; await paint(); },
      }));
    }
    const actions = row.derived
      ? h('span', { class: 'tag' }, { 'mock-session': 'from the mock timer', 'story-practice': 'from a rehearsal' }[row.kind] ?? 'from a story revision')
      : h('span', { class: 'log-actions' },
        h('button', { type: 'button', 'aria-label': `Edit ${row.summary}`, onclick: async () => { editing = row.id; await paint(); } }, 'Edit'),
        h('button', { type: 'button', 'aria-label': `Delete ${row.summary}`, onclick: () => remove(row) }, 'Delete'));
    return h('li', { class: 'log-entry', dataset: { kind: row.kind } },
      h('span', { class: 'log-kind' }, row.kindLabel),
      h('span', { class: 'log-summary' }, row.summary),
      actions);
  }

  async function remove(row) {
    try {
      await api.deletePractice(row.id);
      await paint();
      const banner = showBanner(`Deleted: ${row.kindLabel} — ${row.summary}`, 'info');
      const undo = h('button', {
        type: 'button',
        onclick: async () => {
          try {
            await api.restorePractice(row.id);
            banner.remove();
            await paint();
          } catch (err) {
            showError(err);
          }
        },
      }, 'Undo');
      banner.insertBefore(undo, banner.lastChild);
    } catch (err) {
      showError(err);
    }
  }

  const add = entryForm(opts, {
    initial: linked,
    onSubmit: async (entry) => {
      await api.addPractice(entry);
      showInfo('Practice logged.');
      // Logged: a repaint (the shell re-renders on focus) starts empty.
      if (linked) replaceLink({ view: 'log' });
      await paint();
    },
  });
  // Pre-filled from a link, it still adds a new entry rather than editing one.
  add.setAttribute('aria-label', 'Log practice');

  await paint();
  mount(root,
    h('header', { class: 'view-head' },
      h('h1', {}, 'Practice log'),
      h('p', { class: 'lede' }, 'Coding problems, designs, Leadership Principles study, STAR practice and external mocks. Story refinements and timed mock rounds appear here by themselves.')),
    h('section', { class: 'card', 'aria-label': 'Add to the log' }, h('h2', {}, 'Add to the log'), add),
    list);
  // The link named the problem; the minutes are the one thing left to type.
  if (linked && !linked.minutes) minutesInput(add)?.focus();
}
