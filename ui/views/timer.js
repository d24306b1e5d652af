// Mock round timer. Time is kept by the backend against wall-clock
// deadlines; this view only repaints from the deadlines it is given.
import { h, mount, field, select } from '../dom.js';
import * as api from '../api.js';
import { showError } from '../banner.js';

const REPAINT_MS = 250;
let status = null;
let painter = null;
let keyHandler = null;

/** Called by the shell for every timer event, whatever view is open. */
export function onTimerMessage(message) {
  status = message.status;
}

function clock(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

function remaining(endsAt, fallbackMs) {
  return endsAt ? Date.parse(endsAt) - Date.now() : fallbackMs;
}

function stateLabel(s) {
  if (s.finished) return s.state.ending === 'stopped' ? 'Stopped' : 'Finished';
  if (s.state.state === 'paused') return s.state.reason === 'suspend' ? 'Paused while your computer slept' : 'Paused';
  return 'Running';
}

export async function render(root, app) {
  clearInterval(painter);
  const [templates, initial, notifyOn] = await Promise.all([api.timerTemplates(), api.timerStatus(), api.timerNotifications()]);
  status = initial;

  const chooser = select(templates.map((t) => [t.id, t.name]), templates[0]?.id, { name: 'template' });
  const phaseName = h('h2', { id: 'phase-name' });
  const phaseLeft = h('p', { class: 'timer-big', id: 'phase-left', 'aria-label': 'Time left in phase' });
  const roundLeft = h('p', { class: 'muted', id: 'round-left' });
  const nextPhase = h('p', { class: 'muted', id: 'next-phase' });
  const stateText = h('p', { class: 'timer-state muted', id: 'timer-state' });
  const bar = h('div', { class: 'bar big-bar', role: 'progressbar', 'aria-label': 'Round progress', 'aria-valuemin': '0', 'aria-valuemax': '100' }, h('div', { class: 'bar-fill' }));
  const pauseButton = h('button', { type: 'button', class: 'primary' }, 'Pause');
  const act = (fn) => async () => {
    try {
      status = await fn();
      paint();
    } catch (err) { showError(err); }
  };
  const togglePause = act(() => (status?.state.state === 'paused' ? api.timerResume() : api.timerPause()));
  pauseButton.addEventListener('click', togglePause);
  const controls = h('div', { class: 'actions' },
    pauseButton,
    h('button', { type: 'button', onclick: act(api.timerSkip) }, 'Skip phase'),
    h('button', { type: 'button', onclick: act(() => api.timerAddMinutes(5)) }, '+5 minutes'),
    h('button', { type: 'button', onclick: act(api.timerStop) }, 'Stop'));
  const live = h('section', { class: 'card timer-card', 'aria-label': 'Current round' },
    stateText, phaseName, phaseLeft, roundLeft, bar, nextPhase, controls);
  const phases = h('ol', { class: 'phase-list' });

  function paint() {
    if (!status) {
      live.hidden = true;
      return;
    }
    live.hidden = false;
    const s = status;
    stateText.textContent = `${s.templateName}${s.round ? ` · ${s.round}` : ''} · ${stateLabel(s)}`;
    phaseName.textContent = s.finished ? 'Round over' : `${s.phaseName} (phase ${s.phaseIndex + 1} of ${s.phaseCount})`;
    const phaseMs = s.finished ? 0 : remaining(s.phaseEndsAt, s.phaseRemainingMs);
    const roundMs = s.finished ? 0 : remaining(s.roundEndsAt, s.roundRemainingMs);
    phaseLeft.textContent = clock(phaseMs);
    roundLeft.textContent = `${clock(roundMs)} left in the round`;
    // Time passed since the backend took this status, from the deadline.
    const passed = s.phaseEndsAt ? Math.max(0, s.phaseRemainingMs - phaseMs) : 0;
    const totalLeft = s.finished ? 0 : Math.max(0, s.totalRemainingMs - passed);
    const pct = s.totalMs ? Math.round((1 - totalLeft / s.totalMs) * 100) : 100;
    bar.firstChild.style.setProperty('width', `${pct}%`);
    bar.setAttribute('aria-valuenow', String(pct));
    nextPhase.textContent = s.nextPhase && !s.finished ? `Next: ${s.nextPhase}` : '';
    pauseButton.textContent = s.state.state === 'paused' ? 'Resume' : 'Pause';
    for (const b of controls.querySelectorAll('button')) b.disabled = s.finished;
  }

  mount(root,
    h('header', { class: 'view-head' },
      h('h1', {}, 'Mock timer'),
      h('p', { class: 'lede' }, 'Time a practice round phase by phase. You get a notification at each phase, 5 minutes before the end and at the end; Space pauses and resumes.')),
    live,
    h('section', { class: 'card', 'aria-label': 'Start a round' },
      h('div', { class: 'row' },
        field('Round', chooser),
        h('div', { class: 'actions end' }, h('button', { type: 'button', class: 'primary', onclick: act(() => api.timerStart(chooser.value)) }, 'Start round'))),
      phases,
      h('label', { class: 'check' },
        h('input', { type: 'checkbox', checked: notifyOn, onchange: async (e) => {
          try { await api.setTimerNotifications(e.target.checked); } catch (err) { showError(err); }
        } }),
        'Desktop notifications for mock rounds')));

  const showPhases = () => {
    const t = templates.find((x) => x.id === chooser.value);
    mount(phases, (t?.phases ?? []).map((p) => h('li', {}, `${p.name} — ${p.minutes} min`)));
  };
  chooser.addEventListener('change', showPhases);
  showPhases();
  paint();
  painter = setInterval(() => {
    if (!root.contains(live)) { clearInterval(painter); return; }
    paint();
  }, REPAINT_MS);

  if (keyHandler) document.removeEventListener('keydown', keyHandler);
  keyHandler = (e) => {
    if (e.code !== 'Space' || !root.contains(live) || !status || status.finished) return;
    if (e.target.closest('input, select, textarea, button, a')) return;
    e.preventDefault();
    togglePause();
  };
  document.addEventListener('keydown', keyHandler);
}
