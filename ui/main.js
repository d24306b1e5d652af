// The shell: loads the profile, shows the first-run screen or the app, and
// switches views from the navigation (location hash).
import { h, mount } from './dom.js';
import * as api from './api.js';
import { showError, showBanner, roundLine } from './messages.js';
import * as welcome from './views/welcome.js';
import * as today from './views/today.js';
import * as settings from './views/settings.js';
import * as plan from './views/plan.js';
import * as assessment from './views/assessment.js';
import * as reference from './views/reference.js';
import * as timer from './views/timer.js';
import * as stories from './views/stories.js';
import * as sheet from './views/sheet.js';
import * as log from './views/log.js';
import * as dashboard from './views/dashboard.js';
import * as rehearse from './views/rehearse.js';
import * as problems from './views/problems.js';
import { parseHash } from './links.js';
import { install as installShortcuts, runMenuAction, MOD } from './shortcuts.js';

// Any content-security-policy violation is recorded (the end-to-end tests
// fail on one) and shown, since it means part of the page silently broke.
window.__loopreadyCspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__loopreadyCspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`);
});

const VIEWS = [
  { id: 'today', title: 'Today', view: today },
  { id: 'plan', title: 'Plan', view: plan },
  { id: 'stories', title: 'Stories', view: stories },
  { id: 'rehearse', title: 'Rehearse', view: rehearse },
  { id: 'timer', title: 'Mock timer', view: timer },
  { id: 'log', title: 'Log', view: log },
  { id: 'dashboard', title: 'Dashboard', view: dashboard },
  { id: 'sheet', title: 'Interview day', view: sheet },
  { id: 'assessment', title: 'Assessment', view: assessment },
  { id: 'reference', title: 'Reference', view: reference },
  { id: 'problems', title: 'Problems', view: problems },
  { id: 'settings', title: 'Settings', view: settings },
];

const app = {
  state: { profile: null },
  async go(id) {
    if (location.hash !== `#${id}`) location.hash = id;
    else await render();
  },
};

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
    await stories.flush();
    app.state.profile = await api.getProfile();
    if (!app.state.profile) {
      renderNav(null, false);
      await welcome.render(root, app);
      return;
    }
    const { id, params } = parseHash(location.hash);
    // What a link asked the view to open (a problem, a story, a template).
    app.params = params;
    const entry = VIEWS.find((v) => v.id === (id || 'today')) ?? VIEWS[0];
    renderNav(entry.id, true);
    document.title = `${entry.title} · Loopready`;
    await entry.view.render(root, app);
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
  timer.onTimerMessage(message);
  roundLine(`${message.event.title} — ${message.event.body}`);
  if (message.notifyError) showBanner(message.notifyError, 'error');
  paintRoundClock();
});

// A running round keeps a small clock in the navigation on every other
// view; a click goes back to the timer.
const CLOCK_MS = 500;
function paintRoundClock() {
  const el = document.getElementById('round-clock');
  const s = timer.currentStatus();
  // On the timer's own view the big clock is the one to read: two clocks
  // repainted apart could show different seconds.
  const onTimerView = parseHash(location.hash).id === 'timer';
  const show = Boolean(s && !s.finished && app.state.profile && !onTimerView);
  el.hidden = !show;
  if (!show) return;
  const paused = s.state.state === 'paused';
  const left = timer.clock(timer.remaining(s));
  el.textContent = `${s.phaseName} · ${left}${paused ? ' · paused' : ''}`;
  el.setAttribute('aria-label', `Round clock: ${s.phaseName}, ${left} left in the phase${paused ? ', paused' : ''}. Open the mock timer.`);
}
setInterval(paintRoundClock, CLOCK_MS);
api.timerStatus().then((s) => { timer.seedStatus(s); paintRoundClock(); }).catch(() => {});

// The daily reminder shows in the window too, like the timer's messages.
api.onReminder((message) => {
  showBanner(`${message.reminder.title} — ${message.reminder.body}`, 'reminder');
  if (message.notifyError) showBanner(message.notifyError, 'error');
});

// A problem met in the background (a failed automatic backup) is said once.
api.on('app-problem', (message) => showBanner(message, 'error'));

// The native menu and the tray ask for the same actions as the keys.
api.on('menu', (name) => {
  runMenuAction(app, name).catch(showError);
});

// The backend asks before the window closes, so a story typed a moment ago
// is saved first.
api.onClosing(async () => {
  try { await stories.flush(); } finally { await api.finishClose(); }
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
installShortcuts(app, VIEWS);
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
    if (await api.startupMark('READY')) {
      for (const { id } of VIEWS) {
        location.hash = id;
        await render();
      }
      await api.startupMark('TOURED');
    }
  }));
  seenVersion = await api.dataVersion();
  for (const notice of await api.startupNotices()) showBanner(notice, 'error');
});
