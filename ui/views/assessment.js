// Self-assessment: 20 questions in three sections, its score and bands, and
// the history of retakes.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { showError, showInfo, fieldError, clearFieldErrors } from '../messages.js';
import { longDate, shortDate } from '../format.js';

const SECTION = {
  technical: 'Technical',
  leadership: 'Leadership',
  'leadership-principles': 'Leadership Principles',
};
const BAND = { strong: 'strong', good: 'good', 'needs-work': 'needs work', critical: 'critical' };
// `words`: the view's sentences with their numbers, from the backend.
function resultCard(result, takenOn, words) {
  return h('section', { class: 'card', 'aria-label': 'Latest result' },
    h('h2', {}, `Latest result: ${result.total} / 100`),
    takenOn ? h('p', { class: 'muted' }, `Taken ${longDate(takenOn)}`) : null,
    h('p', {}, words.readiness[result.readiness] ?? result.readiness),
    h('dl', { class: 'facts' }, result.sections.flatMap((s) => [
      h('dt', {}, SECTION[s.section] ?? s.section),
      h('dd', {}, `${s.score} / ${s.max} · ${BAND[s.band] ?? s.band}`)])),
    result.weakestItems.length ? h('h3', {}, words.weakHeading) : null,
    h('ul', {}, result.weakestItems.map((i) => h('li', {}, `${i.prompt} (${i.score})`))),
    h('p', { class: 'muted' }, result.l7Advisable ? 'Your score supports aiming at L7.' : words.l7Bar));
}

function question(q, index) {
  const name = `q-${q.id}`;
  return h('fieldset', { class: 'question' },
    h('legend', {}, `${index + 1}. ${q.prompt}`),
    h('div', { class: 'scale' }, q.levels.map((text, i) => h('label', { class: 'scale-option' },
      h('input', { type: 'radio', name, value: String(i + 1), required: true }),
      h('span', { class: 'scale-num' }, String(i + 1)),
      h('span', { class: 'scale-text' }, text)))));
}

export async function render(root, app) {
  const data = await api.assessmentForm();
  const latest = data.history[0];
  const sections = Object.keys(SECTION).map((id) => ({ id, questions: data.questions.map((q, i) => ({ q, i })).filter(({ q }) => q.section === id) }));
  const form = h('form', { class: 'assessment', novalidate: true },
    sections.map((s) => h('section', { class: 'card' },
      h('h2', {}, `${SECTION[s.id]} (${s.questions.length} questions)`),
      s.questions.map(({ q, i }) => question(q, i)))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Score my assessment')));
  const unanswered = h('p', { class: 'form-error', role: 'alert', hidden: true });
  form.append(unanswered);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    unanswered.hidden = true;
    const answers = data.questions.map((q) => {
      const picked = form.querySelector(`input[name="q-${q.id}"]:checked`);
      return picked ? Number(picked.value) : 0;
    });
    // Each unanswered question says so under itself; the first takes the focus.
    const open = data.questions.filter((q, i) => answers[i] === 0);
    const radios = open.map((q) => {
      const radio = form.querySelector(`input[name="q-${q.id}"]`);
      fieldError(radio.closest('fieldset'), `Pick an answer from 1 to ${q.levels.length}.`, { focus: false });
      return radio;
    });
    if (open.length) {
      radios[0].focus({ preventScroll: true });
      radios[0].closest('fieldset').scrollIntoView({ block: 'center' });
      unanswered.textContent = `Answer every question first: ${open.length} left, each marked above.`;
      unanswered.hidden = false;
      return;
    }
    try {
      await api.submitAssessment(answers);
      showInfo('Assessment saved. Your plan now gives your weakest areas more time.');
      render(root, app);
    } catch (err) {
      showError(err);
    }
  });

  mount(root,
    h('header', { class: 'view-head' },
      h('h1', {}, 'Self-assessment'),
      h('p', { class: 'lede' }, data.words.about)),
    latest?.result ? resultCard(latest.result, latest.takenOn, data.words) : null,
    data.nextDue ? h('p', { class: 'muted' }, `Next retake suggested on ${longDate(data.nextDue)}.`) : null,
    data.history.length > 1
      ? h('section', { class: 'card', 'aria-label': 'History' }, h('h2', {}, 'History'),
        h('ul', {}, data.history.map((a) => h('li', {}, `${shortDate(a.takenOn)}: ${a.total} / 100`))))
      : null,
    h('h2', {}, latest ? 'Retake' : 'Take the assessment'),
    form);
}
