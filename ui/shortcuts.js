// Keyboard shortcuts for the main actions, and the help overlay that lists
// them ("?"). Ctrl on Linux and Windows, ⌘ on macOS.
import { h, mount, MAC, MOD, loadStyle } from './dom.js';
import * as api from './api.js';
import { showError } from './messages.js';
import { parseHash } from './links.js';

// Waits for a control to appear after a view change (views render async,
// and a view's first visit loads its module first: up to 5 s on a busy
// machine).
async function whenPresent(selector, tries = 200) {
  for (let i = 0; i < tries; i += 1) {
    const el = document.querySelector(selector);
    if (el) return el;
    await new Promise((r) => setTimeout(r, 25));
  }
  return null;
}

async function go(app, id) {
  await app.go(id);
}

// On the Mock timer view, draws it again where it stands and says so: the
// hash may carry what a link opened there (#timer?design=…), which going
// to a plain '#timer' would drop.
async function redrawTimer(app) {
  if (parseHash(location.hash).id !== 'timer') return false;
  await app.go(location.hash.slice(1));
  return true;
}

async function toggleTimer(app) {
  const status = await api.timerStatus();
  if (status && !status.finished) {
    await (status.state.state === 'paused' ? api.timerResume() : api.timerPause());
    await redrawTimer(app);
    return;
  }
  if (!(await redrawTimer(app))) await go(app, 'timer');
  (await whenPresent('#start-round'))?.focus();
}

/** The actions the keys, the native menu and the tray share, by name. */
const ACTIONS = {
  'new-story': async (app) => {
    await go(app, 'stories');
    (await whenPresent('.story-list button.primary'))?.click();
  },
  search: async (app) => {
    await go(app, 'stories');
    (await whenPresent('.story-list input[type=search]'))?.focus();
  },
  log: async (app) => {
    await go(app, 'log');
    (await whenPresent('#view form select, #view form input'))?.focus();
  },
  shortcuts: () => openHelp(),
};

/** [keys shown, description, match(event), action(app)] */
function table(views) {
  const viewKeys = views.slice(0, 9).map((v, i) => [
    `${MOD}+${i + 1}`, `Go to ${v.title}`,
    (e) => e.mod && !e.shiftKey && e.key === String(i + 1),
    (app) => go(app, v.id),
  ]);
  return [
    ...viewKeys,
    [`${MOD}+,`, 'Go to Settings', (e) => e.mod && e.key === ',', (app) => go(app, 'settings')],
    [`${MOD}+N`, 'New story', (e) => e.mod && !e.shiftKey && e.key.toLowerCase() === 'n', ACTIONS['new-story']],
    [`${MOD}+F or /`, 'Search stories', (e) => (e.mod && e.key.toLowerCase() === 'f') || (e.plain && e.key === '/'), ACTIONS.search],
    [`${MOD}+L`, 'Log practice', (e) => e.mod && e.key.toLowerCase() === 'l', ACTIONS.log],
    [`${MOD}+Shift+P`, 'Pause or resume the mock round, or set one up', (e) => e.mod && e.shiftKey && e.key.toLowerCase() === 'p', toggleTimer],
    ['Space', 'Pause or resume the round (on the Mock timer view)', () => false, null],
    // Handled by views/rehearse.js while a rehearsal card is open.
    ['Space', 'Show or hide the story (on the Rehearse view)', () => false, null],
    ['1–4', 'Rate the rehearsal: again, hard, good, easy (on the Rehearse view)', () => false, null],
    [`${MOD}+S`, 'Save the story now (in the editor)', () => false, null],
    ['?', 'Show these shortcuts', (e) => e.plain && e.key === '?', ACTIONS.shortcuts],
    ['Esc', 'Close this list', () => false, null],
  ];
}

let dialog = null;
let rows = [];

async function openHelp() {
  // Its rules are in views.css, which may still be on its way.
  await loadStyle('views.css');
  if (!dialog) {
    dialog = h('dialog', { class: 'shortcuts', 'aria-labelledby': 'shortcuts-title' });
    document.body.appendChild(dialog);
  }
  mount(dialog,
    h('h2', { id: 'shortcuts-title', tabindex: '-1', autofocus: true }, 'Keyboard shortcuts'),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Keys'), h('th', { scope: 'col' }, 'Action'))),
      h('tbody', {}, rows.map(([keys, what]) => h('tr', {}, h('td', {}, h('kbd', {}, keys)), h('td', {}, what))))),
    h('form', { method: 'dialog', class: 'actions end' }, h('button', { class: 'primary' }, 'Close')));
  if (!dialog.open) dialog.showModal();
}

/**
 * Runs a choice from the native menu or the tray (see src-tauri/menu.rs):
 * the same actions as the keys, by name.
 */
export async function runMenuAction(app, name) {
  if (name.startsWith('view:')) return go(app, name.slice(5));
  if (name === 'timer-changed') {
    await redrawTimer(app);
    return undefined;
  }
  return Object.hasOwn(ACTIONS, name) ? ACTIONS[name](app) : undefined;
}

/** What a key press does, if it is a shortcut. */
function onKey(app, e) {
  if (e.defaultPrevented || e.repeat) return;
  const typing = e.target.closest?.('input, select, textarea, [contenteditable]');
  const ev = {
    key: e.key,
    shiftKey: e.shiftKey,
    mod: MAC ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey,
    plain: !typing && !e.ctrlKey && !e.metaKey && !e.altKey,
  };
  if (dialog?.open) return;
  const hit = rows.find(([, , match, action]) => action && match(ev));
  if (!hit) return;
  e.preventDefault();
  Promise.resolve(hit[3](app)).catch(showError);
}

/**
 * Installs the shortcuts for `views` (the navigation's order), then acts on
 * `early`: the keys pressed before this module had loaded, in order.
 */
export function install(app, views, early = []) {
  rows = table(views);
  document.addEventListener('keydown', (e) => onKey(app, e));
  for (const e of early) onKey(app, e);
}
