// Reference: L6 and L7 side by side, typical loops and round timings, the
// scoring scale and rubrics, STAR targets and the Leadership Principles, for
// the profile's track. Content comes from the backend (plan/reference.toml);
// this module only lays it out. Guidance, never official process.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { replaceLink } from '../links.js';

const TRACK_LABEL = { manager: 'Manager track', ic: 'Individual contributor track' };
const FOCUS_LABEL = { l6: 'L6', l7: 'L7', 'bar-raiser': 'Bar raiser' };
const STAR_PARTS = [['situation', 'Situation'], ['task', 'Task'], ['action', 'Action'], ['result', 'Result']];

const minutes = (round) => (round.maxMinutes ? `${round.minutes}-${round.maxMinutes} min` : `${round.minutes} min`);

/** "15-20 s", "2-3 min", "up to 25 s". */
function secondsRange({ min, max }) {
  const whole = (s) => s % 60 === 0;
  if (min === 0) return whole(max) && max >= 60 ? `up to ${max / 60} min` : `up to ${max} s`;
  if (whole(min) && whole(max)) return `${min / 60}-${max / 60} min`;
  return `${min}-${max} s`;
}

/** Sets a width through CSSOM: the CSP forbids style attributes. */
function withWidth(el, pct) {
  el.style.setProperty('width', `${pct}%`);
  return el;
}

function section(title, ...children) {
  return h('section', { class: 'card', 'aria-label': title }, h('h2', {}, title), ...children);
}

const bullets = (items, cls = 'ref-list') => (items.length ? h('ul', { class: cls }, items.map((t) => h('li', {}, t))) : null);

function comparison({ caption, rows }, target) {
  const level = (l) => h('th', { scope: 'col', class: l === target ? 'ref-target' : '' },
    l, l === target ? h('span', { class: 'ref-target-mark' }, ' · your target') : null);
  return h('section', { class: 'card', 'aria-label': 'L6 and L7 compared' },
    // A region the keyboard can scroll when the table is wider than the window.
    h('div', { class: 'ref-table-wrap', tabindex: '0', role: 'region', 'aria-label': 'L6 and L7 compared, table' },
      h('table', { class: 'ref-table' },
        h('caption', {}, caption),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, h('span', { class: 'ref-sr' }, 'Aspect')),
          level('L6'),
          level('L7'))),
        h('tbody', {}, rows.map((row) => h('tr', { dataset: { aspect: row.aspect } },
          h('th', { scope: 'row' }, row.label),
          h('td', {}, row.l6),
          h('td', {}, row.l7)))))));
}

function loopCard(loop) {
  const counted = loop.rounds.filter((r) => !r.optional);
  const total = counted.reduce((sum, r) => sum + r.minutes, 0);
  return h('article', { class: 'ref-loop', 'aria-labelledby': `loop-${loop.id}` },
    h('h3', { id: `loop-${loop.id}` }, loop.title),
    h('ol', { class: 'ref-rounds' }, loop.rounds.map((r) => h('li', { class: r.optional ? 'optional' : '' },
      h('span', {}, r.name, r.optional ? h('span', { class: 'muted' }, ' (sometimes)') : null),
      h('span', { class: 'ref-mins' }, minutes(r))))),
    loop.level ? h('p', { class: 'muted ref-total' }, `About ${Math.round(total / 6) / 10} hours of interviews, breaks not counted`) : null);
}

function loops({ items, notes }) {
  return section('Typical loops',
    h('div', { class: 'ref-loops' }, items.map(loopCard)),
    bullets(notes));
}

/** One round as a horizontal bar of its phases, with the same facts as a list. */
function timing(t) {
  const bar = h('div', { class: 'ref-bar', 'aria-hidden': 'true' },
    t.phases.map((p) => {
      const seg = h('div', { class: 'ref-phase', title: `${p.start}-${p.end} min · ${p.name}` }, h('span', {}, p.name));
      return withWidth(seg, ((p.end - p.start) / t.minutes) * 100);
    }));
  const ticks = h('div', { class: 'ref-ticks', 'aria-hidden': 'true' },
    t.phases.map((p) => {
      const tick = h('span', {}, String(p.start));
      tick.style.setProperty('left', `${(p.start / t.minutes) * 100}%`);
      return tick;
    }),
    h('span', { class: 'end' }, String(t.minutes)));
  const heading = [t.title, `${t.minutes} min`, t.level].filter(Boolean).join(' · ');
  return h('figure', { class: 'ref-timing', id: `timing-${t.id}` },
    h('figcaption', {}, heading),
    bar, ticks,
    h('ol', { class: 'ref-phases' }, t.phases.map((p) => h('li', {},
      h('span', { class: 'ref-mins' }, `${p.start}-${p.end}`),
      h('span', {}, p.name, p.detail ? h('span', { class: 'muted' }, ` — ${p.detail}`) : null)))));
}

function timings({ items, rulesOfThumb }) {
  return section('Round timings',
    h('p', { class: 'muted' }, 'Minutes from the start of the round.'),
    items.map(timing),
    h('h3', {}, 'Rules of thumb'),
    bullets(rulesOfThumb));
}

function rubric(r) {
  return h('article', { class: 'ref-rubric', 'aria-labelledby': `rubric-${r.id}` },
    h('h3', { id: `rubric-${r.id}` }, r.title),
    h('ul', { class: 'ref-dims' }, r.dimensions.map((d) => {
      const weight = d.weight == null ? null : h('span', { class: 'ref-weight' },
        h('span', { class: 'ref-mins' }, `${d.weight} %`),
        h('span', { class: 'bar ref-weight-bar', 'aria-hidden': 'true' }, withWidth(h('span', { class: 'bar-fill' }), d.weight)));
      return h('li', {},
        h('div', { class: 'ref-dim-head' }, h('strong', {}, d.name), weight),
        h('p', { class: 'muted' }, d.detail));
    })),
    r.redFlags.length ? [h('h4', {}, 'Red flags'), bullets(r.redFlags)] : null);
}

function scoring({ scale, target, rubrics }) {
  return section('Scoring',
    h('p', { class: 'muted' }, 'Each round ends in a verdict on a 1-5 scale; each dimension below is scored 1-5 too.'),
    h('dl', { class: 'facts ref-scale' }, scale.map((s) => [
      h('dt', {}, h('span', { class: 'ref-score' }, String(s.score)), ` ${s.label}`),
      h('dd', {}, s.meaning)])),
    h('p', {}, h('strong', {}, target)),
    h('div', { class: 'ref-rubrics' }, rubrics.map(rubric)));
}

function star({ banks, bankNotes, focus, rules, versions }) {
  return section('STAR stories',
    h('dl', { class: 'facts' }, banks.map((b) => [
      h('dt', {}, `Story bank at ${b.level}`),
      h('dd', {}, `${b.min}-${b.max} stories`)])),
    bullets(bankNotes),
    h('p', {}, focus),
    h('div', { class: 'ref-table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Spoken length, part by part, table' },
      h('table', { class: 'ref-table ref-star' },
        h('caption', {}, 'Spoken length, part by part'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Version'),
          STAR_PARTS.map(([, label]) => h('th', { scope: 'col' }, label)),
          h('th', { scope: 'col' }, 'Total'))),
        h('tbody', {}, versions.map((v) => h('tr', {},
          h('th', { scope: 'row' }, v.title, h('span', { class: 'muted ref-when' }, v.when)),
          STAR_PARTS.map(([part]) => h('td', {},
            v.targets[part] ? secondsRange(v.targets[part]) : h('span', { class: 'muted' }, 'no split'))),
          h('td', {}, h('strong', {}, secondsRange(v.targets.total)))))))),
    bullets(rules));
}

function principles({ intro, items }) {
  return section('The 16 Leadership Principles',
    h('p', { class: 'muted' }, intro),
    h('ol', { class: 'ref-principles' }, items.map((p) => h('li', { id: `lp-${p.principle}`, dataset: { principle: p.principle } },
      h('div', { class: 'ref-principle-head' },
        h('strong', {}, p.name),
        p.stressedAt.map((f) => h('span', { class: `tag ref-focus ${f}` }, `Stressed at ${FOCUS_LABEL[f] ?? f}`))),
      h('p', { class: 'muted' }, p.description),
      p.trackNote ? h('p', { class: 'ref-track-note' }, p.trackNote) : null))));
}

/**
 * Scrolls to what a link names (#reference?principle=ownership,
 * #reference?rubric=coding) and marks it for a moment. After the shell has
 * set the view's scroll, which it resets once render returns.
 */
function showLinked(elementId) {
  const item = document.getElementById(elementId);
  if (!item) return;
  requestAnimationFrame(() => {
    item.scrollIntoView({ block: 'center' });
    item.addEventListener('animationend', () => item.classList.remove('ref-flash'), { once: true });
    item.classList.add('ref-flash');
  });
}

/** The element a link's parameter names, taken once from the link. */
function takeLinked(app) {
  for (const [param, prefix] of [['principle', 'lp-'], ['rubric', 'rubric-']]) {
    const id = app.params?.get(param);
    if (id) {
      app.params.delete(param);
      replaceLink({ view: 'reference' });
      return `${prefix}${id}`;
    }
  }
  return null;
}

export async function render(root, app) {
  // Taken once: a repaint (the shell re-renders on focus) keeps the reader's place.
  const linked = takeLinked(app);
  const ref = await api.reference();
  const track = TRACK_LABEL[ref.track] ?? ref.track;
  mount(root,
    h('header', { class: 'view-head' },
      h('p', { class: 'eyebrow' }, track),
      h('h1', {}, 'Reference'),
      h('p', { class: 'lede' }, 'What L6 and L7 loops usually look like, how rounds are scored, and how long your stories should run.')),
    h('p', { class: 'ref-note', role: 'note' }, h('strong', {}, 'Guidance, not official process. '), ref.note),
    h('p', { class: 'muted' }, 'Shown for the track in your profile; ', h('a', { href: '#settings' }, 'change it in Settings'), '.'),
    comparison(ref.comparison, app.state.profile?.profile?.targetLevel),
    loops(ref.loops),
    timings(ref.timings),
    scoring(ref.scoring),
    star(ref.star),
    principles(ref.principles));
  if (linked) showLinked(linked);
}
