// Plan: the recommendation with its reasons, the choice of plan, blackout
// days, and the dated schedule week by week.
import { h, mount, field, select } from '../dom.js';
import * as api from '../api.js';
import { showError, showInfo } from '../messages.js';
import { longDate, shortDate, minutes, categoryLabel, parseDate } from '../format.js';
import { targetLinks } from '../links.js';

function recommendationCard(ov) {
  const r = ov.recommendation;
  const plan = ov.plans.find((p) => p.id === r.planId);
  return h('section', { class: 'card', 'aria-label': 'Recommendation' },
    h('h2', {}, plan ? `Recommended: ${plan.name}` : 'No plan can be recommended'),
    r.postponeAdvised ? h('p', { class: 'warn-text' }, 'Consider postponing the interview: little time is left and your risk tolerance is not high.') : null,
    r.compressed ? h('p', { class: 'warn-text' }, 'The plan is longer than the time you have, so it is compressed to fit.') : null,
    h('h3', {}, 'Why'),
    h('ul', { class: 'reasons' }, r.reasons.map((t) => h('li', {}, t))),
    ov.assessmentNote ? h('p', { class: 'warn-text', id: 'assessment-note' }, ov.assessmentNote,
      ' ', h('a', { href: '#settings' }, 'Move the date')) : null,
    ov.weakCategories.length
      ? h('p', { id: 'weak-focus' }, `From your self-assessment: ${ov.weakCategories.map(categoryLabel).join(', ')} ${ov.weakCategories.length > 1 ? 'get' : 'gets'} ${ov.weakSharePercent}% of the plan's practice time, and the next days' items name work in them.`)
      : null,
    r.advice.length ? h('h3', {}, 'Advice for your profile') : null,
    r.advice.length ? h('ul', { class: 'reasons' }, r.advice.map((t) => h('li', {}, t))) : null);
}

function choiceCard(ov, refresh) {
  const options = [['', 'Follow the recommendation'], ...ov.plans.map((p) => [p.id, `${p.name} (${p.weeks} weeks, ${p.successRatePercent}% success)`])];
  const chooser = select(options, ov.chosen ? ov.planId : '', { name: 'plan' });
  const current = ov.plans.find((p) => p.id === ov.planId);
  return h('section', { class: 'card', 'aria-label': 'Plan choice' },
    h('h2', {}, `Following: ${current?.name ?? ov.planId}`),
    h('p', { class: 'muted' },
      `${shortDate(ov.start)} to ${shortDate(ov.interview)} · ${minutes(ov.weekBudgetMinutes)} a week · `,
      ov.timeScale < 0.999 ? `compressed to ${Math.round(ov.timeScale * 100)}% of its length` : ov.timeScale > 1.001 ? `stretched to ${Math.round(ov.timeScale * 100)}% of its length` : 'at its own pace'),
    current ? h('p', {}, `Best for: ${current.bestFor}. ${current.hoursPerWeek.min}-${current.hoursPerWeek.max} hours a week.`) : null,
    h('div', { class: 'row' },
      field('Plan to follow', chooser),
      h('div', { class: 'actions end' }, h('button', {
        type: 'button',
        onclick: async () => {
          try {
            await api.choosePlan(chooser.value || null);
            showInfo('Plan updated; days already done are kept.');
            refresh();
          } catch (err) { showError(err); }
        },
      }, 'Follow this plan'))),
    ov.warnings.length ? h('ul', { class: 'warnings' }, ov.warnings.map((w) => h('li', {}, w))) : null);
}

function blackoutCard(ov, refresh) {
  const date = h('input', { type: 'date', min: ov.today, max: ov.interview });
  return h('section', { class: 'card', 'aria-label': 'Days off' },
    h('h2', {}, 'Days off'),
    h('p', { class: 'muted' }, 'A holiday or a trip: the work of a blocked day moves to the days around it.'),
    h('div', { class: 'row' },
      field('Block a day', date),
      h('div', { class: 'actions end' }, h('button', {
        type: 'button',
        onclick: async () => {
          try {
            await api.setBlackout(date.value, true);
            refresh();
          } catch (err) { showError(err); }
        },
      }, 'Block day'))),
    ov.blackouts.length
      ? h('ul', { class: 'chips' }, ov.blackouts.map((d) => h('li', {}, shortDate(d),
        h('button', { type: 'button', class: 'ghost', 'aria-label': `Unblock ${longDate(d)}`,
          onclick: async () => { try { await api.setBlackout(d, false); refresh(); } catch (err) { showError(err); } } }, '×'))))
      : null);
}

function weekKey(iso) {
  const d = parseDate(iso);
  const monday = new Date(d);
  monday.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return monday;
}

function dayRow(day, today) {
  const pct = day.plannedMinutes ? Math.round((day.doneMinutes / day.plannedMinutes) * 100) : 0;
  const bar = h('div', { class: 'bar' }, h('div', { class: 'bar-fill' }));
  bar.firstChild.style.setProperty('width', `${pct}%`);
  const missed = day.date < today && day.doneMinutes < day.plannedMinutes;
  return h('details', { class: `day ${day.date === today ? 'is-today' : ''} ${missed ? 'missed' : ''}` },
    h('summary', {},
      // A checkpoint's tag goes under its date, so every bar of the week keeps one length.
      h('span', { class: 'day-date' }, shortDate(day.date),
        day.checkpoint ? h('span', { class: 'tag checkpoint' }, day.checkpoint) : null),
      bar,
      h('span', { class: 'day-mins' }, `${minutes(day.doneMinutes)} / ${minutes(day.plannedMinutes)}`)),
    h('ul', { class: 'day-items' }, day.items.map((i) => h('li', { class: i.done ? 'done' : '' },
      h('span', { class: 'mark', 'aria-label': i.done ? 'done' : 'not done' }, i.done ? '✓' : '○'),
      h('span', {}, i.task?.title ?? i.title),
      h('span', { class: 'muted' }, ` · ${categoryLabel(i.category)} · ${minutes(i.minutes)}`),
      i.task ? h('span', { class: 'day-links' }, ' ', targetLinks(i.task).flatMap((a, n) => (n ? [' · ', a] : [a]))) : null,
      i.carriedFrom ? h('span', { class: 'tag carried' }, `from ${shortDate(i.carriedFrom)}`) : null))));
}

function scheduleSection(ov) {
  const weeks = new Map();
  for (const day of ov.days) {
    const key = weekKey(day.date).toDateString();
    if (!weeks.has(key)) weeks.set(key, { monday: weekKey(day.date), days: [] });
    weeks.get(key).days.push(day);
  }
  return h('section', { 'aria-label': 'Schedule' },
    h('h2', {}, 'Schedule'),
    [...weeks.values()].map(({ monday, days }) => {
      const planned = days.reduce((s, d) => s + d.plannedMinutes, 0);
      const done = days.reduce((s, d) => s + d.doneMinutes, 0);
      // A plan compressed or stretched to the dates has weeks that do not
      // match the calendar's: name every plan week this one holds.
      const first = days[0].planWeek;
      const last = days.at(-1).planWeek;
      const planWeeks = first === last ? `plan week ${first}` : `plan weeks ${first}–${last}`;
      return h('div', { class: 'card week' },
        h('h3', {}, `Week of ${monday.toLocaleDateString(undefined, { month: 'long', day: 'numeric' })}`,
          h('span', { class: 'muted' }, ` · ${planWeeks} · ${minutes(done)} of ${minutes(planned)} done`)),
        days.map((d) => dayRow(d, ov.today)));
    }),
    ov.overflow.length
      ? h('div', { class: 'card' }, h('h3', {}, 'Missed work that no longer fits'),
        h('ul', {}, ov.overflow.map((i) => h('li', {}, `${i.title} (${minutes(i.minutes)})`))))
      : null);
}

export async function render(root, app) {
  const refresh = () => render(root, app);
  const ov = await api.planOverview();
  mount(root,
    h('header', { class: 'view-head', dataset: { interview: ov.interview, start: ov.start } },
      h('h1', {}, 'Plan'),
      h('p', { class: 'lede' }, `Your preparation from ${longDate(ov.start)} to the interview on ${longDate(ov.interview)}.`)),
    recommendationCard(ov),
    choiceCard(ov, refresh),
    blackoutCard(ov, refresh),
    scheduleSection(ov));
}
