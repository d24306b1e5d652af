// Mock round timer. Time is kept by the backend against wall-clock
// deadlines; this view only repaints from the deadlines it is given. When a
// round ends it shows the scoring form (scores weighed by the backend), and
// below it the rounds already done. Templates of the user's own are made by
// editing a copy of a built-in one.
import { h, mount, field, uid } from '../dom.js';
import * as api from '../api.js';
import { showError, showInfo, clearFieldErrors } from '../messages.js';
import { replaceLink } from '../links.js';
import { currentStatus, setStatus, messageCount, clock, remaining } from '../round.js';

const REPAINT_MS = 250;
// How long Stop waits for its second click.
const STOP_CONFIRM_MS = 4000;
let painter = null;
let keyHandler = null;
// The scoring form being filled in, kept across re-renders of the view (the
// shell re-renders on focus) so picks made so far are not lost.
let pendingScore = null;
// The round last chosen, kept when the view is drawn again.
let lastChosen = null;

function stateLabel(s) {
  if (s.finished) return s.state.ending === 'stopped' ? 'Stopped' : 'Finished';
  if (s.state.state === 'paused') return s.state.reason === 'suspend' ? 'Paused while your computer slept' : 'Paused';
  return 'Running';
}

const ENDING = {
  completed: 'Completed',
  'completed-while-closed': 'Completed while closed',
  stopped: 'Stopped early',
};

/** The Round select: built-in rounds, then the user's own templates. */
function roundChooser(builtin, custom, value) {
  const option = (t) => h('option', { value: t.id, selected: t.id === value }, t.name);
  return h('select', { name: 'template' },
    h('optgroup', { label: 'Built-in rounds' }, builtin.map(option)),
    custom.length ? h('optgroup', { label: 'Your templates' }, custom.map(option)) : null);
}

/** The editor of a template copy: name, then one row per phase. */
function templateEditor(base, { onSaved, onCancel }) {
  const draft = {
    name: `My ${base.name}`,
    phases: base.phases.map((p) => ({ name: p.name, minutes: String(p.minutes) })),
  };
  const nameInput = h('input', { type: 'text', value: draft.name, dataset: { field: 'name' }, oninput: (e) => { draft.name = e.target.value; } });
  const rows = h('ol', { class: 'phase-editor' });

  function paintRows() {
    mount(rows, draft.phases.map((p, i) => {
      const n = i + 1;
      return h('li', { class: 'phase-row' },
        field(`Phase ${n} name`, h('input', { type: 'text', value: p.name, dataset: { field: `phase-${n}-name` }, oninput: (e) => { p.name = e.target.value; } })),
        field(`Phase ${n} minutes`, h('input', { type: 'number', min: '1', max: '240', step: '1', value: p.minutes, dataset: { field: `phase-${n}-minutes` }, oninput: (e) => { p.minutes = e.target.value; } })),
        h('button', { type: 'button', class: 'remove-phase', onclick: () => { draft.phases.splice(i, 1); paintRows(); } }, `Remove phase ${n}`));
    }));
  }
  paintRows();

  const save = async () => {
    clearFieldErrors(card);
    try {
      const saved = await api.saveTimerTemplate({
        baseId: base.id,
        name: draft.name,
        phases: draft.phases.map((p) => ({ name: p.name, minutes: p.minutes.trim() === '' ? null : Number(p.minutes) })),
      });
      showInfo(`Template “${saved.name}” saved.`);
      await onSaved(saved);
    } catch (err) {
      showError(err, card);
    }
  };

  const card = h('section', { class: 'card template-editor', 'aria-label': 'Edit template' },
    h('h2', {}, `New template from ${base.name}`),
    field('Template name', nameInput),
    rows,
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => { draft.phases.push({ name: '', minutes: '5' }); paintRows(); } }, 'Add phase'),
      h('button', { type: 'button', class: 'primary', onclick: save }, 'Save template'),
      h('button', { type: 'button', onclick: onCancel }, 'Cancel')));
  return card;
}

/** One 1-5 select per dimension, with its weight and anchors; `prefix` names the fields. */
function dimensionSelects(dimensions, prefix) {
  return dimensions.map((d) => {
    const sel = h('select', { dataset: { dimension: d.dimension, field: `${prefix}score-${d.dimension}` } },
      h('option', { value: '' }, 'Choose 1–5'),
      [1, 2, 3, 4, 5].map((n) => h('option', { value: String(n) }, String(n))));
    const el = field(d.label, sel, ' ');
    const hint = el.querySelector('.hint');
    const setWeight = (weight) => {
      hint.textContent = [weight ? `${weight} % of the score` : 'Not counted in the score', d.hint].filter(Boolean).join(' · ');
    };
    setWeight(d.weight);
    // What 1, 3 and 5 look like at the round's level: the bar to score by.
    if (d.anchors) {
      el.append(h('dl', { class: 'anchors' },
        h('dt', {}, '1'), h('dd', {}, d.anchors.one),
        h('dt', {}, '3'), h('dd', {}, d.anchors.three),
        h('dt', {}, '5'), h('dd', {}, d.anchors.five)));
    }
    return { sel, el, setWeight, dimension: d.dimension };
  });
}

const picked = (selects) => selects
  .filter(({ sel }) => sel.value !== '')
  .map(({ sel }) => ({ dimension: sel.dataset.dimension, score: Number(sel.value) }));

/** New weights from a preview, onto the selects' hints. */
function reweigh(selects, weights) {
  for (const s of selects) s.setWeight(weights.find((w) => w.dimension === s.dimension)?.weight ?? 0);
}

const DESIGN_KINDS = ['system-design', 'technical-strategy'];

/** The design problem a design round was on; its focus sets the weights. */
function problemSelect(problems, fieldName, chosen) {
  const group = (level) => h('optgroup', { label: `${level} problems` },
    problems.filter((p) => p.level === level).map((p) => h('option', { value: p.id, selected: p.id === chosen }, `${p.name} (${p.focusLabel})`)));
  return h('select', { dataset: { field: fieldName } },
    h('option', { value: '' }, 'None named: the level’s standard weights'), group('L6'), group('L7'));
}

/** One loop round's part of the form: its rubric, problem and principles. */
function loopRoundPart(round, n, form, chosenProblem, onChange) {
  if (round.ranMinutes === 0) {
    return { part: h('fieldset', { class: 'loop-round skipped' }, h('legend', {}, round.label), h('p', { class: 'muted' }, 'Not reached: left unscored.')), input: () => ({}), selects: [] };
  }
  const selects = dimensionSelects(round.dimensions, `round-${n}-`);
  const problem = DESIGN_KINDS.includes(round.kind) ? problemSelect(form.problems, `round-${n}-problem`, chosenProblem) : null;
  const boxes = form.principles.map((p) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: p.id }), p.name));
  const out = h('output', { class: 'weighted-score round-score' }, 'Score every dimension to see this round’s score.');
  for (const { sel } of selects) sel.addEventListener('change', onChange);
  problem?.addEventListener('change', onChange);
  const part = h('fieldset', { class: 'loop-round', dataset: { round: String(n) } },
    h('legend', {}, round.label),
    h('p', { class: 'muted' }, `Ran ${round.ranMinutes} of ${round.plannedMinutes} min`),
    problem ? field('Problem designed', problem, 'Its focus sets the weights.') : null,
    h('div', { class: 'score-grid' }, selects.map(({ el }) => el)),
    out,
    h('details', { class: 'principles-probed' }, h('summary', {}, 'Principles this round probed'), h('div', { class: 'check-grid' }, boxes)));
  const input = () => ({
    scores: picked(selects),
    problem: problem?.value || null,
    principles: boxes.map((b) => b.firstChild).filter((c) => c.checked).map((c) => c.value),
  });
  return { part, input, selects, out };
}

/** The scoring form of the round that ended; `onSaved` gets the new history. */
function scoreForm(form, onSaved, linkedProblem) {
  const isLoop = form.rounds.length > 0;
  const scoreOut = h('output', { id: 'weighted-score', class: 'weighted-score' }, isLoop
    ? 'Score the rounds to see the loop’s verdict.'
    : 'Score every dimension to see the weighted score.');
  let verdictTouched = false;
  const verdict = h('select', { dataset: { field: 'verdict' }, onchange: () => { verdictTouched = true; } },
    h('option', { value: '' }, 'Choose a verdict'),
    form.verdicts.map((v) => h('option', { value: String(v.value) }, `${v.value} — ${v.label}`)));
  const notes = h('textarea', { rows: '4', dataset: { field: 'notes' } });
  const reasons = h('ul', { class: 'reasons loop-reasons' });
  // A round cut short keeps its scores but counts as a mock only when the
  // candidate says it was a full round all the same.
  const ev = form.evidence;
  const confirm = ev.fullRound ? null : h('input', { type: 'checkbox', name: 'full-round' });
  const partialNote = ev.fullRound ? null : h('div', { class: 'partial-note', id: 'partial-note' },
    h('p', {}, `This round ran ${clock(ev.ranSeconds * 1000)} of its ${ev.plannedMinutes} planned minutes, under the ${ev.shareNeededPercent}% a mock interview needs: it is kept with its scores, marked partial, and does not count toward the weekly mock minimum, the checkpoints or readiness.`),
    h('label', { class: 'check' }, confirm, ' It was a full round all the same (say, the interview ended early); count it.'));

  let body;
  let card;
  let rescore;
  if (isLoop) {
    let parts = [];
    rescore = async () => {
      try {
        const p = await api.mockLoopPreview(parts.map((x) => x.input()));
        p.rounds.forEach((r, i) => {
          if (!parts[i].out) return;
          reweigh(parts[i].selects, r.weights);
          parts[i].out.textContent = r.result ? `Round score ${r.result.text} (${r.result.suggested.label})` : r.waiting;
        });
        scoreOut.textContent = p.verdict ? `Loop verdict: ${form.verdicts.find((v) => v.verdict === p.verdict.verdict)?.label} · average ${p.verdict.average.toFixed(2)}` : 'Score the rounds to see the loop’s verdict.';
        mount(reasons, (p.verdict?.reasons ?? []).map((t) => h('li', {}, t)));
      } catch (err) {
        scoreOut.textContent = err.message;
      }
    };
    parts = form.rounds.map((r, i) => loopRoundPart(r, i + 1, form, i === 0 ? linkedProblem : null, rescore));
    body = [h('p', { class: 'muted' }, 'Score each round on its own rubric, as its interviewer would; the loop’s verdict follows from the rounds.'),
      parts.map((x) => x.part), scoreOut, reasons];
    card = () => ({ rounds: parts.map((x) => x.input()), notes: notes.value });
  } else {
    const selects = dimensionSelects(form.dimensions, '');
    const problem = DESIGN_KINDS.includes(form.kind) ? problemSelect(form.problems, 'problem', linkedProblem) : null;
    rescore = async () => {
      try {
        const p = await api.mockScore(form.kind, picked(selects), problem?.value);
        reweigh(selects, p.weights);
        if (p.result) {
          scoreOut.textContent = `Weighted score: ${p.result.text} (suggests ${p.result.suggested.label})`;
          if (!verdictTouched) verdict.value = String(p.result.suggested.value);
        } else {
          scoreOut.textContent = p.waiting;
        }
      } catch (err) {
        scoreOut.textContent = err.message;
      }
    };
    for (const { sel } of selects) sel.addEventListener('change', rescore);
    problem?.addEventListener('change', rescore);
    if (problem?.value) rescore();
    body = [problem ? field('Problem designed', problem, 'Its focus sets the weights; without one, the level’s standard weights apply.') : null,
      h('div', { class: 'score-grid' }, selects.map(({ el }) => el)),
      scoreOut,
      field('Overall verdict', verdict, 'Suggested from the weighted score; change it if your judgement differs.')];
    card = () => ({ scores: picked(selects), problem: problem?.value || null, verdict: Number(verdict.value || 0), notes: notes.value });
  }

  const submit = async (e) => {
    e.preventDefault();
    clearFieldErrors(el);
    try {
      const history = await api.saveMockScores(card(), confirm ? confirm.checked : null);
      showInfo('Scores saved.');
      await onSaved(history);
    } catch (err) {
      showError(err, el);
    }
  };

  const timing = form.phaseTimes.map((t) => h('li', {}, `${t.name}: ${clock(t.actualMs)} of ${clock(t.budgetMs)}`));
  const el = h('form', { class: 'card score-form form', 'aria-label': 'Score this round', onsubmit: submit },
    h('h2', {}, `Score this ${isLoop ? 'loop' : 'round'}: ${form.templateName}`),
    h('p', { class: 'muted' }, `${ENDING[form.ending] ?? 'Ended'} · scored for ${form.level}`),
    partialNote,
    h('details', { class: 'phase-times', open: !isLoop },
      h('summary', {}, 'Time per phase'),
      form.phaseNotes.length
        ? h('ul', { class: 'overruns' }, form.phaseNotes.map((n) => h('li', {}, n)))
        : h('p', { class: 'muted' }, 'Every phase kept to its budget.'),
      h('ul', { class: 'muted timing' }, timing)),
    body,
    field('Notes', notes),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save scores')));
  return el;
}

/**
 * The design problem a link names (#timer?design=id), shown above the
 * chooser: its scale, prompt and what a strong answer covers, with what
 * L7 adds when the profile aims at L7.
 */
function problemCard(p, targetLevel) {
  const points = (title, items) => [h('h4', {}, title), h('ul', { class: 'ref-list' }, items.map((t) => h('li', {}, t)))];
  return h('section', { class: 'card problem-card', 'aria-label': 'Design problem' },
    h('h2', {}, `Problem: ${p.name}`),
    h('p', { class: 'muted' }, p.scale),
    h('p', {}, p.prompt),
    h('div', { class: 'problem-points' },
      h('div', {}, points('A strong L6 answer covers', p.l6)),
      targetLevel === 'L7' ? h('div', {}, points('A strong L7 answer adds', p.l7)) : null));
}

/** The bank for a linked design problem; the timer still works without it. */
async function linkedBank(designId) {
  if (!designId) return null;
  try {
    return await api.problemBank();
  } catch (err) {
    showError(err);
    return null;
  }
}

// Past rounds come a page at a time, newest first.
const HISTORY_PAGE = 50;
let historyShown = HISTORY_PAGE;

/** A scored loop's rounds and how its verdict follows from them. */
function loopDetail(score) {
  if (!score.rounds.length) return null;
  return h('div', { class: 'loop-detail' },
    h('ul', { class: 'loop-rounds' }, score.rounds.map((r) => h('li', {},
      h('strong', {}, r.label), ` · ${r.verdict.value} — ${r.verdict.label} · ${r.weightedText}`,
      r.problemName ? ` · on ${r.problemName}` : null,
      r.principles.length ? h('span', { class: 'muted' }, ` · probed ${r.principles.join(', ')}`) : null))),
    score.loopVerdict ? h('ul', { class: 'reasons loop-reasons' }, score.loopVerdict.reasons.map((t) => h('li', {}, t))) : null);
}

function historyList(history) {
  if (!history.length) return h('p', { class: 'muted' }, 'No rounds yet. Rounds you finish or stop are listed here with their scores.');
  return h('ol', { class: 'mock-history' }, history.map((m) => h('li', { class: 'mock-record', id: `round-${m.id}` },
    h('div', { class: 'mock-head' },
      h('strong', {}, m.templateName),
      h('span', { class: 'muted' }, new Date(m.startedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })),
      h('span', { class: 'tag' }, ENDING[m.ending] ?? m.ending),
      h('span', { class: 'muted' }, `ran ${clock(m.elapsedMs)}`),
      m.fullRound ? null : h('span', { class: 'tag partial', title: 'Too short to count as a mock interview' }, 'Partial')),
    h('p', { class: 'mock-score' }, m.score
      ? `${m.score.rounds.length ? 'Loop verdict ' : ''}${m.score.verdict.value} — ${m.score.verdict.label} · ${m.score.rounds.length ? 'average' : 'weighted score'} ${m.score.weightedText}${m.score.problemName ? ` · on ${m.score.problemName}` : ''}`
      : 'Not scored'),
    m.score ? loopDetail(m.score) : null,
    m.phaseNotes.length ? h('ul', { class: 'overruns' }, m.phaseNotes.map((n) => h('li', {}, n))) : null,
    m.score?.notes ? h('p', { class: 'muted mock-notes' }, m.score.notes) : null)));
}

export async function render(root, app, chosen) {
  clearInterval(painter);
  const seen = messageCount();
  const params = app?.params ?? new URLSearchParams();
  const designId = params.get('design');
  const [builtin, custom, initial, notifyOn, history, bank] = await Promise.all([
    api.timerTemplates(), api.timerCustomTemplates(), api.timerStatus(), api.timerNotifications(), api.mockHistory(historyShown),
    linkedBank(designId),
  ]);
  if (messageCount() === seen) setStatus(initial);
  const templates = [...builtin, ...custom];
  const rerender = (id) => render(root, app, id);

  // A link ("Time a round") names the round to start. It is taken once and
  // dropped from the hash, so a repaint keeps what the user picks since;
  // while a round runs the chooser keeps its own choice.
  const linkedTemplate = params.get('template');
  if (linkedTemplate) {
    params.delete('template');
    replaceLink({ view: 'timer', params: Object.fromEntries(params) });
    const running = currentStatus()?.finished === false;
    if (!chosen && !running) lastChosen = linkedTemplate;
  }
  if (chosen) lastChosen = chosen;
  const design = bank?.design.find((p) => p.id === designId);
  const known = templates.some((t) => t.id === lastChosen);
  // With nothing chosen yet, the design round of the candidate's level.
  const levelRound = app?.state.profile?.designRound;
  const chooser = roundChooser(builtin, custom, known ? lastChosen : levelRound ?? templates[0]?.id);
  chooser.id = uid('round');
  const phaseName = h('h2', { id: 'phase-name' });
  const phaseLeft = h('p', { class: 'timer-big', id: 'phase-left', 'aria-label': 'Time left in phase', 'data-keep-clear': '' });
  const roundLeft = h('p', { class: 'muted', id: 'round-left' });
  const nextPhase = h('p', { class: 'muted', id: 'next-phase' });
  const stateText = h('p', { class: 'timer-state muted', id: 'timer-state' });
  const bar = h('div', { class: 'bar big-bar', role: 'progressbar', 'aria-label': 'Round progress', 'aria-valuemin': '0', 'aria-valuemax': '100' }, h('div', { class: 'bar-fill' }));
  const pauseButton = h('button', { type: 'button', class: 'primary' }, 'Pause');
  const act = (fn) => async () => {
    try {
      setStatus(await fn());
      paint();
    } catch (err) { showError(err); }
  };
  const togglePause = act(() => (currentStatus()?.state.state === 'paused' ? api.timerResume() : api.timerPause()));
  pauseButton.addEventListener('click', togglePause);
  // Stop ends the round for good, so it asks first: a second click within
  // a few seconds stops, otherwise the button goes back to Stop.
  let stopArmed = null;
  const stopButton = h('button', { type: 'button', id: 'stop-round', onclick: () => {
    if (!stopArmed) {
      stopButton.textContent = 'Click again to stop';
      stopButton.classList.add('danger');
      stopArmed = setTimeout(() => { stopArmed = null; stopButton.textContent = 'Stop'; stopButton.classList.remove('danger'); }, STOP_CONFIRM_MS);
      return;
    }
    clearTimeout(stopArmed);
    stopArmed = null;
    stopButton.textContent = 'Stop';
    stopButton.classList.remove('danger');
    act(api.timerStop)();
  } }, 'Stop');
  const controls = h('div', { class: 'actions', 'data-keep-clear': '' },
    pauseButton,
    h('button', { type: 'button', onclick: act(api.timerSkip) }, 'Skip phase'),
    h('button', { type: 'button', onclick: act(() => api.timerAddMinutes(5)) }, '+5 minutes'),
    stopButton);
  const live = h('section', { class: 'card timer-card', 'aria-label': 'Current round' },
    h('div', { id: 'round-line-slot' }), stateText, phaseName, phaseLeft, roundLeft, bar, nextPhase, controls);
  const scoreBox = h('div', { class: 'score-box' });
  const pastRounds = h('div', {}, historyList(history));
  const editorBox = h('div', { class: 'editor-box' });
  const phases = h('ol', { class: 'phase-list' });
  const deleteButton = h('button', {
    type: 'button',
    onclick: async () => {
      const t = custom.find((x) => x.id === chooser.value);
      if (!t) return;
      try {
        await api.deleteTimerTemplate(t.id);
        showInfo(`Template “${t.name}” deleted.`);
        await rerender();
      } catch (err) { showError(err); }
    },
  }, 'Delete template');
  let scoreLoading = false;

  async function loadScoreForm() {
    scoreLoading = true;
    try {
      const form = await api.mockScoreForm();
      // Not recorded yet: the next repaint asks again.
      if (!form) {
        scoreLoading = false;
        return;
      }
      if (pendingScore?.startedAt !== form.startedAt) {
        pendingScore = {
          startedAt: form.startedAt,
          el: scoreForm(form, async () => {
            setStatus(null);
            pendingScore = null;
            await rerender(chooser.value);
          }, form.problem ?? designId),
        };
      }
      mount(scoreBox, pendingScore.el);
      // The round that ended is in the history already, not yet scored.
      mount(pastRounds, historyList(await api.mockHistory(historyShown)));
    } catch (err) {
      showError(err);
    }
  }

  function paint() {
    const s = currentStatus();
    startButton.disabled = Boolean(s && !s.finished);
    startButton.title = startButton.disabled ? 'A round is under way: stop it or let it end first.' : '';
    if (!s) {
      live.hidden = true;
      pendingScore = null;
      return;
    }
    live.hidden = false;
    stateText.textContent = `${s.templateName}${s.round ? ` · ${s.round}` : ''} · ${stateLabel(s)}`;
    // An ended round shows how long it ran (a stop leaves the bar where
    // the round was); a running one counts down.
    const stopped = s.finished && s.state.ending === 'stopped';
    phaseName.textContent = !s.finished ? `${s.phaseName} (phase ${s.phaseIndex + 1} of ${s.phaseCount})`
      : stopped ? ENDING.stopped : 'Round over';
    const phaseMs = s.finished ? 0 : remaining(s);
    const roundMs = s.finished ? 0 : remaining(s, 'round');
    phaseLeft.textContent = clock(s.finished ? s.elapsedMs : phaseMs);
    roundLeft.textContent = s.finished ? `ran ${clock(s.elapsedMs)} of ${clock(s.totalMs)}` : `${clock(roundMs)} left in the round`;
    // Time passed since the backend took this status.
    const passed = s.phaseEndsAt ? Math.max(0, s.phaseRemainingMs - phaseMs) : 0;
    const totalLeft = s.finished ? s.totalMs - s.elapsedMs : Math.max(0, s.totalRemainingMs - passed);
    const pct = s.totalMs ? Math.min(100, Math.round((1 - totalLeft / s.totalMs) * 100)) : 100;
    bar.firstChild.style.setProperty('width', `${pct}%`);
    bar.setAttribute('aria-valuenow', String(pct));
    nextPhase.textContent = s.nextPhase && !s.finished ? `Next: ${s.nextPhase}` : '';
    pauseButton.textContent = s.state.state === 'paused' ? 'Resume' : 'Pause';
    for (const b of controls.querySelectorAll('button')) b.disabled = s.finished;
    if (s.finished && !scoreLoading) loadScoreForm();
    if (!s.finished && scoreBox.firstChild) {
      // A new round replaced the one that waited for its scores.
      mount(scoreBox);
      pendingScore = null;
      scoreLoading = false;
    }
  }

  // One round at a time: Start waits until the round on the clock ends.
  const startButton = h('button', { type: 'button', id: 'start-round', class: 'primary', onclick: act(() => api.timerStart(chooser.value, design?.id)) }, 'Start round');
  const openEditor = () => {
    const base = templates.find((x) => x.id === chooser.value);
    if (!base) return;
    mount(editorBox, templateEditor(base, {
      onSaved: (saved) => rerender(saved.id),
      onCancel: () => mount(editorBox),
    }));
  };

  mount(root,
    h('header', { class: 'view-head' },
      h('h1', {}, 'Mock timer'),
      h('p', { class: 'lede' }, 'Time a practice round phase by phase. A notification marks each new phase, a warning comes shortly before the round ends (it says how long is left), and another at the end; Space pauses and resumes. When it ends, score it.')),
    live,
    scoreBox,
    design ? problemCard(design, app.state.profile?.profile?.targetLevel) : null,
    h('section', { class: 'card', 'aria-label': 'Start a round' },
      h('div', { class: 'row' },
        field('Round', chooser),
        h('div', { class: 'actions end' }, startButton)),
      phases,
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: openEditor }, 'Customise round'),
        deleteButton),
      h('label', { class: 'check' },
        h('input', { type: 'checkbox', checked: notifyOn, onchange: async (e) => {
          try { await api.setTimerNotifications(e.target.checked); } catch (err) { showError(err); }
        } }),
        'Desktop notifications for mock rounds')),
    editorBox,
    h('section', { class: 'card', 'aria-label': 'Past rounds' },
      h('h2', {}, 'Past rounds'),
      pastRounds,
      // A full page means there may be older rounds: page like the Log.
      history.length >= historyShown
        ? h('button', { type: 'button', class: 'ghost', onclick: async () => {
          historyShown += HISTORY_PAGE;
          await render(root, app, chooser.value);
        } }, 'Show older rounds')
        : null));

  const showPhases = () => {
    const t = templates.find((x) => x.id === chooser.value);
    mount(phases, (t?.phases ?? []).map((p) => h('li', {}, `${p.name} — ${p.minutes} min`)));
    deleteButton.hidden = !custom.some((x) => x.id === chooser.value);
  };
  chooser.addEventListener('change', () => { lastChosen = chooser.value; showPhases(); });
  showPhases();
  // A form already being filled in comes back as it was, before any repaint.
  if (currentStatus()?.finished && pendingScore) mount(scoreBox, pendingScore.el);
  paint();
  // Each render stops only its own repaint once its view is gone (two
  // renders may overlap when the shell re-renders on focus).
  const own = setInterval(() => {
    if (!root.contains(live)) { clearInterval(own); return; }
    paint();
  }, REPAINT_MS);
  clearInterval(painter);
  painter = own;

  if (keyHandler) document.removeEventListener('keydown', keyHandler);
  keyHandler = (e) => {
    if (e.code !== 'Space' || !root.contains(live) || currentStatus()?.finished !== false) return;
    if (e.target.closest('input, select, textarea, button, a')) return;
    e.preventDefault();
    togglePause();
  };
  document.addEventListener('keydown', keyHandler);
}
