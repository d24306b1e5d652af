// Log: every practice entry by day, newest first. Typed-in entries can be
// edited in place or deleted (with Undo in the banner); story refinements
// and mock rounds come from the story bank and the timer and are read-only.
// Filters (kind, pattern, dates) narrow the list in the backend's query, so
// paging and the count hold across every page.
import { h, mount, field, select } from '../dom.js';
import * as api from '../api.js';
import { showBanner, showError, showInfo } from '../messages.js';
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

// What the list is narrowed to ('' leaves a part open). Kept here, not in
// render(), so that the shell's re-render on focus keeps it.
const filter = { kind: '', pattern: '', from: '', to: '' };

/** The parts of the filter that ask for something, or null for none. */
function askedFilter() {
  const parts = Object.entries(filter).filter(([, value]) => value !== '');
  return parts.length ? Object.fromEntries(parts) : null;
}

/** "1 entry matches", "12 entries match". */
function matchLine(n) {
  return n === 1 ? '1 entry matches' : `${n.toLocaleString()} entries match`;
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
  // A figure elsewhere (a week's bar, a mock's dot) opens its rows here:
  // '#log?from=…&to=…&show=kind' narrows the list once, then leaves the hash.
  const asked = app?.params;
  if (asked && ['from', 'to', 'show'].some((k) => asked.has(k))) {
    Object.assign(filter, { kind: asked.get('show') ?? '', pattern: '', from: asked.get('from') ?? '', to: asked.get('to') ?? '' });
    for (const k of ['from', 'to', 'show']) asked.delete(k);
    replaceLink({ view: 'log', params: Object.fromEntries(asked) });
  }
  const list = h('div', { class: 'log-days' });
  let editing = null;
  // The newest lines first; years of history load a page at a time.
  const PAGE = 100; // LOG_PAGE in commands/practice.rs
  let limit = PAGE;

  // The filters: each change asks the backend again, from the newest page.
  const count = h('p', { class: 'muted', role: 'status' });
  const controls = {
    kind: select([['', 'All kinds'], ...opts.logKinds], filter.kind),
    pattern: select([['', 'All patterns'], ...opts.patterns], filter.pattern),
    from: h('input', { type: 'date', value: filter.from }),
    to: h('input', { type: 'date', value: filter.to }),
  };
  async function refilter() {
    for (const [key, control] of Object.entries(controls)) filter[key] = control.value;
    limit = PAGE;
    try {
      await paint();
    } catch (err) {
      showError(err);
    }
  }
  for (const control of Object.values(controls)) control.addEventListener('change', refilter);
  const clear = h('button', {
    type: 'button',
    onclick: async () => {
      for (const control of Object.values(controls)) control.value = '';
      // The button hides once nothing is filtered: keep focus in the filters.
      controls.kind.focus();
      await refilter();
    },
  }, 'Clear filters');

  // Each paint's turn: an answer that arrives after a newer paint began
  // (filters changed quickly) is dropped rather than drawn over it.
  let turns = 0;

  async function paint() {
    const turn = ++turns;
    const asked = askedFilter();
    const [rows, matching] = await Promise.all([
      api.practiceLog(limit, asked),
      asked ? api.practiceLogCount(asked) : null,
    ]);
    if (turn !== turns) return;
    count.textContent = asked ? matchLine(matching) : '';
    clear.hidden = !asked;
    if (rows.length === 0) {
      mount(list, h('p', { class: 'muted' }, asked
        ? 'No entries match these filters.'
        : 'Nothing logged yet. Log practice from Today or in “Add to the log” above.'));
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
    resetAfter: true,
    interviewDate: app.state.profile?.profile?.interviewDate,
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
      h('p', { class: 'lede' }, 'Coding problems, designs, Leadership Principles study, STAR practice and external mocks. Story refinements, and timed rounds that count as mock interviews (see What counts on the Dashboard), appear here by themselves.')),
    h('section', { class: 'card', 'aria-label': 'Add to the log' }, h('h2', {}, 'Add to the log'), add),
    h('section', { class: 'card', 'aria-label': 'Filter the log' },
      h('h2', {}, 'Filter'),
      h('div', { class: 'row' }, field('Filter by kind', controls.kind), field('Filter by pattern', controls.pattern)),
      h('div', { class: 'row' }, field('From date', controls.from), field('To date', controls.to)),
      h('div', { class: 'actions' }, clear),
      count),
    list);
  // The link named the problem; the minutes are the one thing left to type.
  if (linked && !linked.minutes) minutesInput(add)?.focus();
}
