// Rehearse: say a story or answer a bank question aloud with the text
// hidden and a count-up timer running, then rate the delivery. The backend
// schedules the next rehearsal with FSRS; due items show here and on Today.
// Keys as in Anki: Space shows the story, 1-4 rate.
import { h, mount, field, select } from '../dom.js';
import * as api from '../api.js';
import { showError } from '../messages.js';
import { shortDate, plural, clock } from '../format.js';

// Set by another view (Today's queue) before it navigates here.
let pending = null;

/** Opens the view on `target` ({ kind: 'story'|'question', id }). */
export function choose(target) {
  pending = target;
}

const RATINGS = [
  ['again', 'Again', 'Blanked, rambled or lost the thread'],
  ['hard', 'Hard', 'Got through it, with effort'],
  ['good', 'Good', 'Clear, in order, with the numbers'],
  ['easy', 'Easy', 'Fluent and inside the time'],
];

// The card's keys, as in Anki: Space shows or hides the story and 1-4 rate
// in RATINGS' order. One listener for the module's life acts on the newest
// card while it is in the document, so leaving the view or drawing it again
// needs no clean-up and never adds a second listener.
let cardKeys = null; // { card, reveal: button or null, rate: Map key -> button }

function onCardKey(e) {
  if (!cardKeys?.card.isConnected || e.defaultPrevented || e.repeat) return;
  // Ctrl/⌘ digits go to the views (shortcuts.js); a dialog keeps its keys.
  if (e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
  const target = e.target instanceof Element ? e.target : null;
  if (target?.closest('input, select, textarea, [contenteditable]')) return;
  let button = cardKeys.rate.get(e.key);
  if (e.key === ' ') {
    // A focused button or link takes Space itself: the browser presses it.
    if (target?.closest('button, a, summary')) return;
    button = cardKeys.reveal;
  }
  if (!button || button.disabled) return;
  e.preventDefault();
  button.click();
}
document.addEventListener('keydown', onCardKey);

/** A key shown on the button it presses; aria-keyshortcuts names it to screen readers. */
const keyCap = (key) => h('kbd', { 'aria-hidden': 'true' }, key);

function when(item) {
  if (!item.due) return 'new';
  if (item.daysOverdue === 0) return 'due today';
  return `${plural(item.daysOverdue, 'day')} overdue`;
}

function queueItem(item, onPick) {
  return h('li', {},
    h('button', { type: 'button', class: 'link-button', onclick: () => onPick(item) },
      h('span', { class: 'tag' }, item.kind === 'story' ? 'Story' : 'Question'),
      ' ', item.prompt),
    h('span', { class: 'muted' }, ` · ${when(item)}`,
      item.principles.length ? ` · ${item.principles.join(', ')}` : ''));
}

/**
 * The "due today" list, shared with the Today view: the items fetched (the
 * first few, most overdue first), then, when the queue holds more, either
 * `more` (a link elsewhere) or a button that fetches and lists the next page.
 */
export function queueList(queue, onPick, { more = null } = {}) {
  if (queue.items.length === 0) {
    return h('p', { class: 'muted' }, 'Nothing to rehearse today. Write a story, or ask yourself a question by principle.');
  }
  const list = h('ul', { class: 'rehearse-queue' }, queue.items.map((item) => queueItem(item, onPick)));
  const rest = queue.total - queue.items.length;
  if (rest <= 0) return list;
  if (more) return h('div', {}, list, h('p', { class: 'muted' }, `and ${rest} more · `, more));
  let shown = queue.items.length;
  const next = h('button', { type: 'button' });
  const label = (left) => { next.textContent = `Show ${Math.min(SHOWN, left)} more (${left} left)`; };
  label(rest);
  next.addEventListener('click', async () => {
    try {
      const page = await api.rehearsalQueue(SHOWN, shown);
      list.append(...page.items.map((item) => queueItem(item, onPick)));
      shown += page.items.length;
      if (page.items.length === 0 || shown >= page.total) next.parentElement.remove();
      else label(page.total - shown);
    } catch (err) { showError(err); }
  });
  return h('div', {}, list, h('p', {}, next));
}

/** How many queue items a view lists, and fetches at each "Show more". */
export const SHOWN = 30;

// The session card: prompt, hidden text, timer, ratings.
function sessionCard(target, prompt, standard, onRated) {
  const started = performance.now();
  let stopped = null;
  const elapsed = () => Math.round(((stopped ?? performance.now()) - started) / 1000);
  const display = h('p', { class: 'timer-big rehearse-clock', role: 'timer', 'aria-label': 'Time speaking' }, '0:00');
  const tick = setInterval(() => {
    if (!display.isConnected) { clearInterval(tick); return; }
    display.textContent = clock(elapsed());
  }, 250);

  // Checking the text (or rating) ends the spoken attempt.
  const stop = () => {
    stopped ??= performance.now();
    clearInterval(tick);
    display.textContent = clock(elapsed());
  };
  const reveal = h('div', { class: 'rehearse-text', hidden: true });
  // The name stays the words alone (the key is aria-keyshortcuts).
  const revealLabel = h('span', {}, 'Show the story');
  const revealButton = target.kind === 'story'
    ? h('button', { type: 'button', 'aria-label': 'Show the story', 'aria-keyshortcuts': 'Space', onclick: async () => {
      stop();
      try {
        if (reveal.hidden && !reveal.firstChild) {
          const story = await api.getStory(target.id);
          const d = story.draft;
          mount(reveal, [['Situation', d.situation], ['Task', d.task], ['Action', d.action], ['Result', d.result], ['Metrics', d.metrics]]
            .map(([label, text]) => h('div', {}, h('h3', {}, label), h('p', {}, text || '—'))));
        }
        reveal.hidden = !reveal.hidden;
        revealLabel.textContent = reveal.hidden ? 'Show the story' : 'Hide the story';
        revealButton.setAttribute('aria-label', revealLabel.textContent);
      } catch (err) { showError(err); }
    } }, revealLabel, ' ', keyCap('Space'))
    : null;

  const result = h('p', { role: 'status' });
  const buttons = RATINGS.map(([id, label, hint], i) => h('button', {
    type: 'button',
    class: id === 'good' ? 'primary' : '',
    title: hint,
    'aria-label': label,
    'aria-keyshortcuts': String(i + 1),
    onclick: async () => {
      stop();
      // Off while it saves: a second press or key must not record twice.
      for (const b of buttons) b.disabled = true;
      let out;
      try {
        out = await api.recordRehearsal(target, id, elapsed());
      } catch (err) {
        for (const b of buttons) b.disabled = false;
        showError(err);
        return;
      }
      const fit = out.fit === 'within' ? 'inside' : out.fit === 'under' ? 'shorter than' : 'longer than';
      result.textContent = `Saved: ${label.toLowerCase()}, ${clock(out.record.seconds)} spoken (${fit} the standard answer). `
        + `Next rehearsal ${shortDate(out.state.due)} (in ${plural(out.state.intervalDays, 'day')}).`;
      try {
        await onRated();
      } catch (err) {
        showError(err);
      }
    },
  }, label, ' ', keyCap(String(i + 1))));

  const card = h('section', { class: 'card', 'aria-label': 'Rehearsal' },
    h('p', { class: 'eyebrow' }, target.kind === 'story' ? 'Tell this story' : 'Answer this question'),
    // Focused when the card opens (tabindex -1), so that Space and 1-4
    // reach the card rather than pressing the button that opened it.
    h('h2', { id: 'rehearse-prompt', tabindex: '-1' }, prompt),
    h('p', { class: 'muted' }, target.kind === 'story'
      ? 'The text is hidden. Tell it aloud as you would in the room; showing the text stops the clock.'
      : 'Pick a story from your bank and answer aloud.',
    ` Standard answer at your level: ${clock(standard.min)}–${clock(standard.max)}.`),
    display,
    revealButton, reveal,
    h('h3', {}, 'How did it go?'),
    h('div', { class: 'actions', role: 'group', 'aria-label': 'Rate the delivery' }, buttons),
    h('p', { class: 'hint' }, RATINGS.map(([, label, hint]) => `${label}: ${hint.toLowerCase()}.`).join(' ')),
    result);
  // The newest card takes the keys.
  cardKeys = { card, reveal: revealButton, rate: new Map(buttons.map((b, i) => [String(i + 1), b])) };
  return card;
}

/** What the queue holds: the items due and the new stories offered. */
export function queueCounts(q) {
  const fresh = q.total - q.dueCount;
  const due = q.dueCount ? `${q.dueCount} due` : 'nothing due';
  return fresh > 0 ? `${due}, ${fresh} new` : due;
}

/** The queue's heading: what is due today, and that the rest comes after. */
function queueHeading(q) {
  return `Rehearse next · ${queueCounts(q)} today`;
}

export async function render(root) {
  const [queue, list, principles] = await Promise.all([api.rehearsalQueue(SHOWN), api.listStories(), api.principles()]);
  const session = h('div', {});
  const queueCard = h('section', { class: 'card', 'aria-label': 'Due today' });

  async function refreshQueue() {
    const q = await api.rehearsalQueue(SHOWN);
    mount(queueCard, h('h2', {}, queueHeading(q)), queueList(q, start));
  }

  function start(item) {
    const target = { kind: item.kind, id: item.id };
    mount(session, sessionCard(target, item.prompt, queue.standardAnswer, refreshQueue));
    session.scrollIntoView({ block: 'start' });
    session.querySelector('#rehearse-prompt').focus({ preventScroll: true });
  }

  async function askQuestion(principle) {
    try {
      const q = await api.rehearsalQuestion(principle);
      start({ kind: 'question', id: q.id, prompt: q.text });
    } catch (err) { showError(err); }
  }

  const storyPick = select([['', 'Choose a story'], ...list.stories.map((s) => [s.id, s.title])], '');
  const principlePick = select(principles.map((p) => [p.id, p.name]), principles[0]?.id);
  const chooser = h('section', { class: 'card', 'aria-label': 'Choose what to rehearse' },
    h('h2', {}, 'Choose'),
    h('div', { class: 'row' },
      field('Story', storyPick),
      h('div', { class: 'actions end' }, h('button', { type: 'button', onclick: () => {
        const s = list.stories.find((x) => x.id === storyPick.value);
        if (!s) { showError({ message: 'Choose a story to rehearse first.' }); return; }
        start({ kind: 'story', id: s.id, prompt: s.title });
      } }, 'Rehearse this story'))),
    h('div', { class: 'row' },
      field('Leadership Principle', principlePick),
      h('div', { class: 'actions end' },
        h('button', { type: 'button', onclick: () => askQuestion(principlePick.value) }, 'Ask me a question'))));

  mount(queueCard, h('h2', {}, queueHeading(queue)), queueList(queue, start));
  mount(root,
    h('header', { class: 'view-head' },
      h('h1', {}, 'Rehearse'),
      h('p', { class: 'muted' }, 'Spaced repetition (FSRS): what you find hard comes back sooner. Due dates are calendar days.')),
    session, queueCard, chooser);

  if (pending) {
    const item = queue.items.find((i) => i.kind === pending.kind && i.id === pending.id);
    pending = null;
    if (item) start(item);
  }
}
