// The shell: loads the profile, shows the first-run screen or the app, and
// switches views from the navigation (location hash).
import { h, mount, MOD, loadStyle } from './dom.js';
import * as api from './api.js';
import { showError, showBanner, roundLine } from './messages.js';
import * as round from './round.js';
import { parseHash } from './links.js';

// Start-up milestones on the page's clock, for the performance harness.
const pageMarks = { SCRIPT: performance.now() };

// Linux gets a font stack of fontconfig's names only (styles.css): WebKitGTK
// looks up every family it is given, and the macOS and Windows faces it
// never has cost each size and weight two failed lookups in the first
// layout. Set before anything is laid out.
if (navigator.platform.startsWith('Linux')) document.documentElement.dataset.os = 'linux';

// Any content-security-policy violation is recorded (the end-to-end tests
// fail on one) and shown, since it means part of the page silently broke.
window.__loopreadyCspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__loopreadyCspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`);
});

// Each view's module loads on its first visit, so a start fetches and
// compiles only the shell and the view it opens on. `css` names a style
// sheet of a view's own; views.css holds the rules of every view but
// Today, which styles.css carries with the shell's.
const VIEWS = [
  { id: 'today', title: 'Today', load: () => import('./views/today.js') },
  { id: 'plan', title: 'Plan', load: () => import('./views/plan.js') },
  { id: 'stories', title: 'Stories', load: () => import('./views/stories.js') },
  { id: 'rehearse', title: 'Rehearse', load: () => import('./views/rehearse.js') },
  { id: 'timer', title: 'Mock timer', load: () => import('./views/timer.js') },
  { id: 'log', title: 'Log', load: () => import('./views/log.js') },
  { id: 'dashboard', title: 'Dashboard', load: () => import('./views/dashboard.js') },
  { id: 'sheet', title: 'Interview day', load: () => import('./views/sheet.js') },
  { id: 'assessment', title: 'Assessment', load: () => import('./views/assessment.js') },
  { id: 'reference', title: 'Reference', load: () => import('./views/reference.js'), css: 'reference.css' },
  { id: 'problems', title: 'Problems', load: () => import('./views/problems.js') },
  { id: 'settings', title: 'Settings', load: () => import('./views/settings.js') },
];
const WELCOME = { id: 'welcome', load: () => import('./views/welcome.js') };

const app = {
  state: { profile: null },
  async go(id) {
    if (location.hash !== `#${id}`) location.hash = id;
    else await render();
  },
};

// Most starts open on Today: its module and its agenda are fetched while
// the profile is. The agenda is taken once, by the first paint; a start
// with no profile yet has none, and that refusal is not an error.
if ((parseHash(location.hash).id || 'today') === 'today') {
  VIEWS[0].load();
  const early = api.todayAgenda().catch(() => null);
  app.firstAgenda = () => { app.firstAgenda = null; return early; };
}

/** A view's module, with the style sheets it needs loaded. */
async function viewModule(entry) {
  const [view] = await Promise.all([
    entry.load(),
    entry.id === 'today' ? null : loadStyle('views.css'),
    entry.css ? loadStyle(entry.css) : null,
  ]);
  return view;
}

// The story editor saves what was typed before the window changes view or
// closes; it has nothing to save until its module has loaded.
let storiesView = null;
async function flushStories() {
  if (storiesView) await storiesView.flush();
}

function renderNav(current, enabled) {
  mount(document.getElementById('nav-links'),
    VIEWS.map(({ id, title }, i) => h('li', {},
      h('a', {
        href: `#${id}`,
        class: id === current ? 'active' : '',
        'aria-current': id === current ? 'page' : false,
        'aria-disabled': enabled ? false : 'true',
        'aria-keyshortcuts': i < 9 ? `${MOD === 'Ctrl' ? 'Control' : 'Meta'}+${i + 1}` : false,
        title: i < 9 ? `${title} (${MOD}+${i + 1})` : false,
        tabindex: enabled ? false : '-1',
      }, title))),
    h('li', { class: 'nav-help' }, h('button', {
      type: 'button', class: 'link-button', 'aria-keyshortcuts': 'Shift+?',
      onclick: () => document.dispatchEvent(new KeyboardEvent('keydown', { key: '?' })),
    }, 'Keyboard shortcuts (?)')));
}

// The view on screen, so a new view starts at its top while a repaint of
// the same view keeps the reader's place.
let shownView = null;

async function render() {
  const root = document.getElementById('view');
  try {
    await flushStories();
    app.state.profile = await api.getProfile();
    pageMarks.PROFILE ??= performance.now();
    if (!app.state.profile) {
      renderNav(null, false);
      await (await viewModule(WELCOME)).render(root, app);
      return;
    }
    const { id, params } = parseHash(location.hash);
    // What a link asked the view to open (a problem, a story, a template).
    app.params = params;
    const entry = VIEWS.find((v) => v.id === (id || 'today')) ?? VIEWS[0];
    renderNav(entry.id, true);
    document.title = `${entry.title} · Loopready`;
    const view = await viewModule(entry);
    if (entry.id === 'stories') storiesView = view;
    // A view may draw its first part and the rest after it (`rest`).
    const drawn = await view.render(root, app);
    app.rest = drawn?.rest ?? Promise.resolve();
    if (shownView !== entry.id) root.scrollTop = 0;
    shownView = entry.id;
  } catch (err) {
    showError(err);
  }
}

// Every timer announcement shows in the window too, whatever the OS does
// with the desktop notification: on one line that each announcement
// rewrites, so a phase change and its warning never stack up.
api.onTimer((message) => {
  round.onTimerMessage(message);
  roundLine(`${message.event.title} — ${message.event.body}`);
  notifyProblem(message.notifyError);
  paintRoundClock();
});

// Why desktop notifications failed is said once, not at every phase of
// every round (it covered the scoring form); a different reason is said
// again.
let toldNotifyProblem = null;
function notifyProblem(text) {
  if (!text || text === toldNotifyProblem) return;
  toldNotifyProblem = text;
  showBanner(text, 'error');
}

// A running round keeps a small clock in the navigation on every other
// view; a click goes back to the timer.
const CLOCK_MS = 500;
function paintRoundClock() {
  const el = document.getElementById('round-clock');
  const s = round.currentStatus();
  // On the timer's own view the big clock is the one to read: two clocks
  // repainted apart could show different seconds.
  const onTimerView = parseHash(location.hash).id === 'timer';
  const show = Boolean(s && !s.finished && app.state.profile && !onTimerView);
  el.hidden = !show;
  if (!show) return;
  const paused = s.state.state === 'paused';
  const left = round.clock(round.remaining(s));
  el.textContent = `${s.phaseName} · ${left}${paused ? ' · paused' : ''}`;
  el.setAttribute('aria-label', `Round clock: ${s.phaseName}, ${left} left in the phase${paused ? ', paused' : ''}. Open the mock timer.`);
}
setInterval(paintRoundClock, CLOCK_MS);
api.timerStatus().then((s) => { round.seedStatus(s); paintRoundClock(); }).catch(() => {});

// The daily reminder shows in the window too, like the timer's messages.
api.onReminder((message) => {
  showBanner(`${message.reminder.title} — ${message.reminder.body}`, 'reminder');
  notifyProblem(message.notifyError);
});

// A problem met in the background (a failed automatic backup) is said once.
api.on('app-problem', (message) => showBanner(message, 'error'));

// The keys' module loads just after the first paint (see the end); keys
// pressed before it arrives are kept and handed to it.
const shortcuts = () => import('./shortcuts.js');
const earlyKeys = [];
const keepKey = (e) => earlyKeys.push(e);
document.addEventListener('keydown', keepKey);

// The native menu and the tray ask for the same actions as the keys.
api.on('menu', (name) => {
  shortcuts().then((m) => m.runMenuAction(app, name)).catch(showError);
});

// The backend asks before the window closes, so a story typed a moment ago
// is saved first.
api.onClosing(async () => {
  try { await flushStories(); } finally { await api.finishClose(); }
});

// The theme: the one chosen in Settings, or the OS's, followed live.
const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
function applyTheme(choice) {
  app.state.theme = choice;
  const dark = choice === 'dark' || (choice === 'system' && darkQuery.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}
app.applyTheme = applyTheme;
darkQuery.addEventListener('change', () => applyTheme(app.state.theme ?? 'system'));
applyTheme('system');
api.theme().then(applyTheme).catch(showError);

// A control reached from the keyboard is brought fully into view: in the
// story editor the webview leaves a focused textarea below the fold.
document.addEventListener('focusin', (e) => {
  const el = e.target;
  if (!(el instanceof Element) || el.id === 'view') return;
  const r = el.getBoundingClientRect();
  if (r.top < 0 || r.bottom > window.innerHeight || r.left < 0 || r.right > window.innerWidth) {
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
});

window.addEventListener('hashchange', render);
// Changes made from the command line while the window was in the background
// show up when the window comes back.
let seenVersion = null;
window.addEventListener('focus', async () => {
  try {
    const version = await api.dataVersion();
    if (seenVersion !== null && version !== seenVersion) await render();
    seenVersion = version;
  } catch (err) {
    showError(err);
  }
});
// Another computer's changes applied by the sync thread: shown at once,
// except over the story editor, which repaints when the window is next
// focused (a repaint would move the caret of someone typing).
api.on('synced', async () => {
  if (document.hasFocus() && parseHash(location.hash).id === 'stories') return;
  await render();
});
render().then(async () => {
  // The performance harness (perf/run.py) times start-up to this point and,
  // when asked, has the page visit every view before it measures memory.
  requestAnimationFrame(() => requestAnimationFrame(async () => {
    // What the first paint did not need, fetched now, before it is asked for.
    shortcuts().then((m) => {
      document.removeEventListener('keydown', keepKey);
      m.install(app, VIEWS, earlyKeys.splice(0));
    }).catch(showError);
    loadStyle('views.css').catch(showError);
    const mode = await api.startupMark('READY', performance.now());
    if (mode) {
      const nav = performance.getEntriesByType('navigation')[0];
      if (nav) await api.startupMark('HTML', nav.responseEnd);
      for (const [stage, at] of Object.entries(pageMarks)) await api.startupMark(stage, at);
      await app.rest;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await api.startupMark('COMPLETE', performance.now());
    }
    if (mode === 'tour') {
      for (const { id } of VIEWS) {
        location.hash = id;
        await render();
        await app.rest;
      }
      await api.startupMark('TOURED');
    }
  }));
  seenVersion = await api.dataVersion();
  for (const notice of await api.startupNotices()) showBanner(notice, 'error');
});
