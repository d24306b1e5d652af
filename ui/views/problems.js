// Problems: the built-in coding and system-design problems the plan draws
// on, with what the practice log says of each. The filters and the open
// problems stay as they were when the view is drawn again (the shell
// re-renders on focus); a link (#problems?n=1, #problems?design=id) opens one.
import { h, mount, field, select } from '../dom.js';
import * as api from '../api.js';
import { shortDate, plural } from '../format.js';
import { href, replaceLink } from '../links.js';

const DIFFICULTIES = [['', 'All difficulties'], ['easy', 'Easy'], ['medium', 'Medium'], ['hard', 'Hard']];
const DIFFICULTY_LABEL = { easy: 'Easy', medium: 'Medium', hard: 'Hard' };
const STATUSES = [['', 'All'], ['new', 'Not tried'], ['well', 'Solved well'], ['again', 'Needs another go'], ['due', 'Due again']];
const STATUS_TEST = {
  new: (p) => p.attempts.length === 0,
  well: (p) => p.solvedWell,
  // Tried, but never optimal within the target time.
  again: (p) => p.attempts.length > 0 && !p.solvedWell,
  due: (p, today) => Boolean(p.dueAgain) && p.dueAgain <= today,
};
const LEVELS = [['L6', 'L6 services'], ['L7', 'L7 platforms']];

const filters = { topic: '', difficulty: '', status: '', text: '' };
let openNumber = null;
const openDesigns = new Set();

/** Today as a local ISO date, the form dueAgain is compared in. */
function todayIso() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function matches(p, today) {
  if (filters.topic && !p.categories.includes(filters.topic)) return false;
  if (filters.difficulty && p.difficulty !== filters.difficulty) return false;
  if (filters.status && !STATUS_TEST[filters.status](p, today)) return false;
  const text = filters.text.trim().toLowerCase().replace(/^#\s*/, '');
  if (!text) return true;
  // Digits are the start of a number ("12" finds 121 and 125) or in a name ("3Sum").
  return (/^\d+$/.test(text) && String(p.number).startsWith(text)) || p.name.toLowerCase().includes(text);
}

const difficultyTag = (d) => h('span', { class: `tag difficulty-${d}` }, DIFFICULTY_LABEL[d] ?? d);
const yesNo = (b) => (b ? 'yes' : 'no');

/** ✓ for a problem solved well, with words for screen readers. */
const wellMark = (p) => (p.solvedWell
  ? h('span', { class: 'problem-well', title: 'Solved well' }, h('span', { 'aria-hidden': 'true' }, '✓'), h('span', { class: 'ref-sr' }, 'Solved well'))
  : null);

/** "2 attempts · last Tue, Mar 3", or "Not tried". */
function attemptsLine(p) {
  const last = p.attempts.at(-1);
  return last ? `${plural(p.attempts.length, 'attempt')} · last ${shortDate(last.date)}` : 'Not tried';
}

const dueTag = (p, today) => (STATUS_TEST.due(p, today) ? h('span', { class: 'tag due' }, 'Due again') : null);

/** The attempts, newest first, as the Log lists them; `columns` are [label, cell(attempt)]. */
function attemptTable(attempts, columns) {
  if (!attempts.length) return h('p', { class: 'muted' }, 'Not tried yet');
  return h('table', { class: 'problem-attempts' },
    h('thead', {}, h('tr', {}, columns.map(([label]) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, [...attempts].reverse().map((a) => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(a)))))));
}

function codingDetail(p, onClose) {
  return h('div', { class: 'problem-detail', id: `problem-${p.number}-detail` },
    h('h3', {}, `${p.number}. ${p.name}`),
    h('p', { class: 'problem-tags' }, difficultyTag(p.difficulty), p.categoryLabels.map((c) => h('span', { class: 'tag' }, c))),
    h('p', {}, p.prompt),
    h('details', { class: 'problem-hint' }, h('summary', {}, 'Hint'), h('p', {}, p.hint)),
    h('p', {}, `Aim for ${p.targetMinutes} minutes`,
      h('span', { class: 'muted' }, ': an optimal solution within them counts as solved well.'),
      p.dueAgain ? h('span', { class: 'muted' }, ` Due again ${shortDate(p.dueAgain)}.`) : null),
    h('h4', {}, 'Attempts'),
    attemptTable(p.attempts, [
      ['Date', (a) => shortDate(a.date)],
      ['Minutes', (a) => String(a.minutes)],
      ['Optimal', (a) => yesNo(a.optimal)],
      ['Within target', (a) => yesNo(a.minutes <= p.targetMinutes)],
    ]),
    h('div', { class: 'actions problem-links' },
      h('a', { href: href({ view: 'log', params: { kind: 'coding', name: p.name, pattern: p.pattern, difficulty: p.difficulty } }) }, 'Log an attempt'),
      onClose ? h('button', { type: 'button', onclick: onClose }, 'Close') : null));
}

function codingRow(p, today, onToggle) {
  const open = p.number === openNumber;
  return h('li', { class: open ? 'problem-row open' : 'problem-row', id: `problem-${p.number}`, dataset: { number: String(p.number) } },
    h('span', { class: 'problem-num' }, `#${p.number}`),
    h('div', { class: 'problem-main' },
      h('div', { class: 'problem-title' },
        h('button', {
          type: 'button',
          class: 'link-button problem-name',
          'aria-expanded': String(open),
          'aria-controls': open ? `problem-${p.number}-detail` : false,
          onclick: () => onToggle(p.number),
        }, p.name),
        difficultyTag(p.difficulty),
        wellMark(p),
        dueTag(p, today)),
      h('span', { class: 'problem-cats muted' }, p.categoryLabels.join(' · '))),
    h('span', { class: 'problem-meta muted' }, attemptsLine(p)),
    open ? codingDetail(p) : null);
}

function designItem(p, today) {
  const item = h('details', { class: 'problem-design', id: `design-${p.id}`, open: openDesigns.has(p.id) },
    h('summary', {},
      h('strong', {}, p.name),
      wellMark(p),
      dueTag(p, today),
      h('span', { class: 'problem-meta muted' }, attemptsLine(p))),
    h('p', { class: 'muted' }, p.scale),
    h('p', {}, p.prompt),
    h('div', { class: 'problem-points' },
      h('div', {}, h('h4', {}, 'A strong L6 answer covers'), h('ul', {}, p.l6.map((t) => h('li', {}, t)))),
      h('div', {}, h('h4', {}, 'A strong L7 answer adds'), h('ul', {}, p.l7.map((t) => h('li', {}, t))))),
    h('h4', {}, 'Attempts'),
    attemptTable(p.attempts, [
      ['Date', (a) => shortDate(a.date)],
      ['Minutes', (a) => String(a.minutes)],
      ['Complete', (a) => yesNo(a.optimal)],
      ['Solved well', (a) => yesNo(a.well)],
    ]),
    h('p', { class: 'problem-links' },
      h('a', { href: href({ view: 'timer', params: { design: p.id, template: p.round } }) }, 'Time a round'),
      ' · ',
      h('a', { href: href({ view: 'log', params: { kind: 'design', name: p.name } }) }, 'Log a design')));
  item.addEventListener('toggle', () => {
    if (item.open) openDesigns.add(p.id);
    else openDesigns.delete(p.id);
  });
  return item;
}

/** Scrolls to what a link opened once the shell has set the view's scroll (it resets it after render). */
function reveal(el) {
  if (el) requestAnimationFrame(() => el.scrollIntoView({ block: 'nearest' }));
}

export async function render(root, app) {
  // What a link opens is taken once: the hash drops it, so a repaint keeps
  // whatever the user opened or closed since.
  const params = app.params ?? new URLSearchParams();
  const linkedNumber = params.has('n') ? Number(params.get('n')) : null;
  const linkedDesign = params.get('design');
  if (params.has('n') || linkedDesign) {
    params.delete('n');
    params.delete('design');
    replaceLink({ view: 'problems' });
  }

  const bank = await api.problemBank();
  const today = todayIso();
  if (bank.coding.some((p) => p.number === linkedNumber)) openNumber = linkedNumber;
  if (linkedDesign && bank.design.some((p) => p.id === linkedDesign)) openDesigns.add(linkedDesign);

  const count = h('p', { class: 'muted problem-count', role: 'status' });
  const outside = h('div', { class: 'problem-outside' });
  const list = h('ul', { class: 'problem-list', 'aria-label': 'Coding problems' });

  const toggle = (number) => {
    openNumber = openNumber === number ? null : number;
    paint();
    const row = list.querySelector(`[data-number="${number}"]`);
    row?.querySelector('.problem-name').focus({ preventScroll: true });
    if (openNumber === number) reveal(row);
  };

  // The open problem shows under its row, or above the list while the
  // filters hide it.
  function paint() {
    const shown = bank.coding.filter((p) => matches(p, today));
    count.textContent = `${shown.length} of ${plural(bank.coding.length, 'problem')}`;
    const open = bank.coding.find((p) => p.number === openNumber);
    mount(outside, open && !shown.includes(open)
      ? [h('p', { class: 'muted' }, 'The filters hide this problem.'), codingDetail(open, () => toggle(open.number))]
      : null);
    mount(list, shown.length
      ? shown.map((p) => codingRow(p, today, toggle))
      : h('li', { class: 'muted' }, 'No problem matches these filters.'));
  }

  const onFilter = (key) => (e) => { filters[key] = e.target.value; paint(); };
  const controls = {
    topic: select([['', 'All topics'], ...bank.topics], filters.topic, { onchange: onFilter('topic') }),
    difficulty: select(DIFFICULTIES, filters.difficulty, { onchange: onFilter('difficulty') }),
    status: select(STATUSES, filters.status, { onchange: onFilter('status') }),
    text: h('input', { type: 'search', value: filters.text, placeholder: 'Name or number', oninput: onFilter('text') }),
  };
  const clear = h('button', {
    type: 'button',
    onclick: () => {
      for (const [key, control] of Object.entries(controls)) {
        filters[key] = '';
        control.value = '';
      }
      paint();
    },
  }, 'Clear filters');

  paint();
  const designs = LEVELS.map(([level, title]) => {
    const items = bank.design.filter((p) => p.level === level);
    return items.length ? h('div', { class: 'problem-level' }, h('h3', {}, title), items.map((p) => designItem(p, today))) : null;
  });

  mount(root,
    h('header', { class: 'view-head' },
      h('p', { class: 'eyebrow' }, 'Problem bank'),
      h('h1', {}, 'Problems'),
      h('p', { class: 'lede' }, 'The coding problems and system designs your plan draws on, with what your log says of each. Log an attempt under the problem\'s name and it counts here.')),
    h('section', { class: 'card', 'aria-label': 'Coding problems' },
      h('h2', {}, 'Coding'),
      h('div', { class: 'problem-filters' },
        field('Topic', controls.topic),
        field('Difficulty', controls.difficulty),
        field('Status', controls.status),
        field('Name or number', controls.text),
        h('div', { class: 'actions end' }, clear)),
      count,
      outside,
      list),
    h('section', { class: 'card', 'aria-label': 'System design problems' },
      h('h2', {}, 'System design'),
      designs));

  if (linkedNumber !== null && openNumber === linkedNumber) {
    reveal(outside.firstChild ? outside : list.querySelector(`[data-number="${linkedNumber}"]`));
  }
  if (openDesigns.has(linkedDesign)) reveal(document.getElementById(`design-${linkedDesign}`));
}
