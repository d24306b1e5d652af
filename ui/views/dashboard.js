// Dashboard: readiness with its parts, the minimums and streak, and the
// charts — mock score trend, minutes per week against your weekly hours,
// LP coverage heat map, competency matrix, plan completion by week. Every
// figure comes from the backend; this module only maps numbers to pixels.
// Charts are inline SVG built here (createElementNS, geometry as
// attributes, colours from CSS classes): a few dozen lines per chart beat a
// charting library, keep the CSP strict and need no network.
import { h, mount, select } from '../dom.js';
import * as api from '../api.js';
import { shortDate, minutes, plural } from '../format.js';
import { dailyBlock, weeklyBlock, options } from './practice-form.js';
import { href } from '../links.js';

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element; children may be nodes or strings (as text). */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined && v !== false) el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const tip = (text) => s('title', {}, text);

/** A chart: a picture, or a group when its marks are links to their rows. */
function chart(label, width, height, ...children) {
  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, width, height, 'aria-label': label }, ...children);
  svg.setAttribute('role', svg.querySelector('a') ? 'group' : 'img');
  return svg;
}

// The charts' drawing width: their card's inner width, set at each render,
// so a chart fills its card at one unit a pixel (its text stays 11 px).
let W = 640;
const H = 220;
const PAD = { l: 40, r: 12, t: 12, b: 28 };

/** An hours axis's label: 7.5h, not a rounded 8h. */
const hoursLabel = (m) => `${+(m / 60).toFixed(1)}h`;

/** The Log narrowed to some days (and a kind): where a figure's rows are. */
const logLink = (from, to, show) => href({ view: 'log', params: { from, to: to ?? from, ...(show ? { show } : {}) } });
const linked = (url, label, ...children) => s('a', { href: url, 'aria-label': label }, ...children);

// The kind a point's round counts as, for the filter: all kinds or one.
let trendKind = '';

function mockChart(trend, dimensions, roundLabels) {
  const pts = trend.points.filter((p) => !trendKind || p.round === trendKind);
  if (trend.points.length === 0) return h('p', { class: 'muted' }, 'No full-length mock scored yet (a round stopped early does not count): score a whole round in the Mock timer or log an external mock.');
  const plotW = W - PAD.l - PAD.r;
  const plotH = H - PAD.t - PAD.b;
  const dates = [...new Set([...trend.points.map((p) => p.date), ...dimensions.flatMap((d) => d.points.map(([date]) => date))])].sort();
  const x = (date) => PAD.l + (dates.length === 1 ? plotW / 2 : (dates.indexOf(date) / (dates.length - 1)) * plotW);
  const y = (v) => PAD.t + ((trend.yMax - v) / (trend.yMax - trend.yMin)) * plotH;
  const axis = [1, 2, 3, 4, 5].map((v) => [
    s('line', { class: 'grid-line', x1: PAD.l, x2: W - PAD.r, y1: y(v), y2: y(v) }),
    s('text', { class: 'axis-label', x: PAD.l - 8, y: y(v) + 4, 'text-anchor': 'end' }, v),
  ]);
  const target = [
    s('line', { class: 'target-line', x1: PAD.l, x2: W - PAD.r, y1: y(trend.target), y2: y(trend.target) }),
    s('text', { class: 'target-label', x: W - PAD.r, y: y(trend.target) - 4, 'text-anchor': 'end' }, `target ${trend.target.toFixed(1)}`),
  ];
  // A dimension with one score draws no line, so it gets no legend entry either.
  const drawn = trendKind ? [] : dimensions.map((d, i) => ({ d, i })).filter(({ d }) => d.points.length > 1);
  const dims = drawn.map(({ d, i }) => s('polyline', {
    class: `dim-line dim-${i % 6}`,
    points: d.points.map(([date, v]) => `${x(date)},${y(v)}`).join(' '),
  }, tip(d.dimension)));
  const line = s('polyline', { class: 'trend-line', points: trend.points.map((p) => `${x(p.date)},${y(p.rollingAverage)}`).join(' ') },
    tip('Average of the last 3 mocks, all kinds'));
  const kinds = Object.keys(roundLabels);
  const dots = pts.map((p) => {
    const text = `${shortDate(p.date)}: ${p.score.toFixed(2)} (${roundLabels[p.round] ?? 'round'}, ${p.source}); open that day in the Log`;
    return linked(logLink(p.date, p.date, p.source === 'timer' ? 'mock-session' : 'external-mock'), text,
      s('circle', { class: `mock-point kind-${Math.max(0, kinds.indexOf(p.round)) % 6}`, cx: x(p.date), cy: y(p.score), r: 5, 'data-score': p.score }, tip(text)));
  });
  const shownKinds = kinds.filter((k) => pts.some((p) => p.round === k));
  const legend = h('ul', { class: 'legend' },
    h('li', { class: 'legend-overall' }, 'The average of the last 3, all kinds (line)'),
    shownKinds.map((k) => h('li', { class: `legend-kind kind-${kinds.indexOf(k) % 6}` }, `${roundLabels[k]} (dots)`)),
    h('li', { class: 'legend-target' }, `Target ${trend.target.toFixed(1)}`),
    drawn.map(({ d, i }) => h('li', { class: `legend-dim dim-${i % 6}` }, d.dimension)));
  const last = trend.points[trend.points.length - 1];
  const shownLast = pts[pts.length - 1];
  const summary = h('p', { class: 'chart-summary muted' },
    `${plural(pts.length, 'scored round')} shown${trendKind ? ` of kind ${roundLabels[trendKind]}` : ''}`,
    shownLast ? `, the latest ${shownLast.score.toFixed(2)} on ${shortDate(shownLast.date)}` : '',
    `. The average of the last 3 of all kinds is ${last.rollingAverage.toFixed(2)}, against the ${trend.target.toFixed(1)} target.`);
  return h('div', {}, chart('Mock score trend', W, H, axis, target, dims, line, dots), legend, summary);
}

/** The trend card: a kind filter above the chart. */
function trendCard(d, roundLabels) {
  const body = h('div', {});
  const kinds = [...new Set(d.mockTrend.points.map((p) => p.round).filter(Boolean))];
  const paint = () => mount(body, mockChart(d.mockTrend, d.dimensions, roundLabels));
  const chooser = select([['', 'All kinds'], ...kinds.map((k) => [k, roundLabels[k] ?? k])], trendKind, { 'aria-label': 'Round kind', onchange: (e) => { trendKind = e.target.value; paint(); } });
  paint();
  return h('section', { class: 'card', 'aria-label': 'Mock score trend' },
    h('div', { class: 'card-head' }, h('h2', {}, 'Mock score trend'), kinds.length > 1 ? chooser : null),
    body);
}

const WEEK_PARTS = [['coding', 'Coding'], ['design', 'System design'], ['stories', 'Stories'], ['lp', 'Leadership Principles'], ['mocks', 'Mock rounds']];

function weeklyChart(wk, today) {
  const weeks = wk.weeks;
  const plotW = W - PAD.l - PAD.r;
  const plotH = H - PAD.t - PAD.b;
  const slot = plotW / Math.max(weeks.length, 1);
  const y = (m) => PAD.t + plotH - (m / wk.yMax) * plotH;
  const bars = weeks.map((w, i) => {
    const current = w.weekStart <= today && today < addDays(w.weekStart, 7);
    const x = PAD.l + i * slot + slot * 0.15;
    const width = Math.max(slot * 0.7, 1);
    let base = 0;
    const segs = WEEK_PARTS.filter(([key]) => w[key] > 0).map(([key], k) => {
      const seg = s('rect', { class: `week-seg seg-${k}${current ? ' current' : ''}`, x, y: y(base + w[key]), width, height: y(base) - y(base + w[key]) });
      base += w[key];
      return seg;
    });
    const text = `Week of ${shortDate(w.weekStart)}: ${minutes(w.total)} (${WEEK_PARTS.map(([key, label]) => `${label} ${minutes(w[key])}`).join(', ')}); open the week in the Log`;
    return linked(logLink(w.weekStart, addDays(w.weekStart, 6)), text, s('g', { class: current ? 'week-bar current' : 'week-bar', 'data-week': w.weekStart, 'data-total': w.total },
      tip(text),
      s('rect', { class: 'week-hit', x, y: PAD.t, width, height: plotH }),
      segs));
  });
  // One line when the budget is one figure (your hours), two for a range.
  const lines = !wk.budget ? []
    : wk.budget.minMinutes === wk.budget.maxMinutes ? [[wk.budget.minMinutes, `your ${wk.budget.minMinutes / 60} h a week`]]
      : [[wk.budget.minMinutes, `budget from ${wk.budget.minMinutes / 60} h`], [wk.budget.maxMinutes, `to ${wk.budget.maxMinutes / 60} h`]];
  const budget = lines.map(([m, text]) => [
    s('line', { class: 'budget-line', x1: PAD.l, x2: W - PAD.r, y1: y(m), y2: y(m) }),
    s('text', { class: 'target-label', x: W - PAD.r, y: y(m) - 4, 'text-anchor': 'end' }, text),
  ]);
  const axis = [0, wk.yMax / 2, wk.yMax].map((m) => s('text', { class: 'axis-label', x: PAD.l - 6, y: y(m) + 4, 'text-anchor': 'end' }, hoursLabel(m)));
  const ticks = weeks.map((w, i) => (i % Math.ceil(weeks.length / 8) === 0
    ? s('text', { class: 'axis-label', x: PAD.l + i * slot + slot / 2, y: H - 8, 'text-anchor': 'middle' }, shortDate(w.weekStart))
    : null));
  const legend = h('ul', { class: 'legend' }, WEEK_PARTS.map(([, label], k) => h('li', { class: `legend-seg seg-${k}` }, label)));
  const now = weeks.find((w) => w.weekStart <= today && today < addDays(w.weekStart, 7));
  const top = weeks.reduce((best, w) => (w.total > (best?.total ?? -1) ? w : best), null);
  const summary = h('p', { class: 'chart-summary muted' },
    now ? `This week: ${minutes(now.total)}` : 'This week is outside the chart',
    wk.budget ? ` of your ${minutes(wk.budget.maxMinutes)}` : '',
    top && top.total > 0 ? `. The fullest week, of ${shortDate(top.weekStart)}, had ${minutes(top.total)}.` : '.',
    ' Each bar opens its week in the Log.');
  return h('div', {}, chart('Minutes per week by kind against your weekly hours', W, H, axis, budget, bars, ticks), legend, summary);
}

function addDays(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return t.toISOString().slice(0, 10);
}

// A tile per principle, its full name wrapping inside it; as many columns
// as the width holds.
function heatMap(cells) {
  const level = (c) => (c.count === 0 ? 0 : c.count < c.min ? 1 : c.count < c.min * 2 ? 2 : 3);
  return h('ul', { class: 'heat-map' }, cells.map((c) =>
    h('li', { class: `heat-cell heat-${level(c)}`, title: `${c.name}: ${plural(c.count, 'story', 'stories')} (minimum ${c.min})`, dataset: { principle: c.principle, count: String(c.count) } },
      h('span', { class: 'heat-name' }, c.name),
      h('span', {}, `${c.count} of ${c.min}`))));
}

function competencyMatrix(comp) {
  if (comp.dates.length === 0) return h('p', { class: 'muted' }, 'Take the self-assessment to start the matrix; each retake adds a column.');
  const lw = 170;
  const cw = 90;
  const ch = 34;
  const band = (pct) => (pct >= 80 ? 3 : pct >= 60 ? 2 : pct >= 40 ? 1 : 0);
  const head = comp.dates.map((d, j) => s('text', { class: 'axis-label', x: lw + j * cw + cw / 2, y: 16, 'text-anchor': 'middle' }, shortDate(d)));
  const rows = comp.rows.map((row, i) => [
    s('text', { class: 'matrix-label', x: 0, y: 24 + i * ch + ch / 2 + 4 }, row.section),
    row.cells.map((c, j) => s('g', { class: `matrix-cell band-${band(c.pct)}` },
      tip(`${row.section}, ${shortDate(comp.dates[j])}: ${c.score} of ${c.max}`),
      s('rect', { x: lw + j * cw + 2, y: 24 + i * ch + 2, width: cw - 4, height: ch - 4, rx: 4 }),
      s('text', { x: lw + j * cw + cw / 2, y: 24 + i * ch + ch / 2 + 4, 'text-anchor': 'middle' }, `${c.pct}%`))),
  ]);
  return chart('Competency matrix', lw + comp.dates.length * cw, 24 + comp.rows.length * ch, head, rows);
}

function planChart(weeks) {
  if (weeks.length === 0) return h('p', { class: 'muted' }, 'No plan schedule yet.');
  const plotW = W - PAD.l - PAD.r;
  const plotH = H - PAD.t - PAD.b;
  const slot = plotW / weeks.length;
  // Whole hours at the top, so the axis reads in round figures.
  const max = Math.ceil(Math.max(...weeks.map((w) => w.plannedMinutes), 60) / 60) * 60;
  const y = (m) => PAD.t + plotH - (m / max) * plotH;
  const axis = [0, max / 2, max].map((m) => [
    s('line', { class: 'grid-line', x1: PAD.l, x2: W - PAD.r, y1: y(m), y2: y(m) }),
    s('text', { class: 'axis-label', x: PAD.l - 6, y: y(m) + 4, 'text-anchor': 'end' }, hoursLabel(m)),
  ]);
  const bars = weeks.map((w, i) => {
    const x = PAD.l + i * slot + slot * 0.15;
    const bw = Math.max(slot * 0.7, 1);
    return s('g', { class: 'plan-week', 'data-week': w.week },
      tip(`Plan week ${w.week}, from ${shortDate(w.start)}: ${w.doneItems} of ${w.plannedItems} items, ${minutes(w.doneMinutes)} of ${minutes(w.plannedMinutes)}`),
      s('rect', { class: 'planned-bar', x, y: y(w.plannedMinutes), width: bw, height: PAD.t + plotH - y(w.plannedMinutes) }),
      s('rect', { class: 'done-bar', x, y: y(w.doneMinutes), width: bw, height: PAD.t + plotH - y(w.doneMinutes) }),
      s('text', { class: 'axis-label', x: x + bw / 2, y: H - 8, 'text-anchor': 'middle' }, `W${w.week}`));
  });
  const legend = h('ul', { class: 'legend' },
    h('li', { class: 'legend-planned' }, 'Planned'), h('li', { class: 'legend-done' }, 'Done'));
  const planned = weeks.reduce((t, w) => t + w.plannedMinutes, 0);
  const done = weeks.reduce((t, w) => t + w.doneMinutes, 0);
  const summary = h('p', { class: 'chart-summary muted' },
    `${minutes(done)} of the plan's ${minutes(planned)} done over ${plural(weeks.length, 'plan week')}.`);
  return h('div', {}, chart('Plan completion by plan week', W, H, axis, bars), legend, summary);
}

/** The latest scored loops, each with its rounds and how its verdict follows. */
function loopsCard(loops) {
  if (!loops.length) return null;
  return h('section', { class: 'card', 'aria-label': 'Full loops', id: 'dashboard-loops' },
    h('h2', {}, 'Full loops'),
    h('ol', { class: 'mock-history' }, loops.map((m) => h('li', { class: 'mock-record' },
      h('div', { class: 'mock-head' },
        h('strong', {}, m.templateName),
        h('span', { class: 'muted' }, new Date(m.startedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })),
        m.fullRound ? null : h('span', { class: 'tag partial' }, 'Partial')),
      h('p', { class: 'mock-score loop-verdict' }, `Loop verdict ${m.score.verdict.value} — ${m.score.verdict.label} · average ${m.score.weightedText}`),
      h('ul', { class: 'loop-rounds' }, m.score.rounds.map((r) => h('li', {},
        h('strong', {}, r.name), ` · ${r.verdict.value} — ${r.verdict.label} · ${r.weightedText}`,
        r.principles.length ? h('span', { class: 'muted' }, ` · probed ${r.principles.join(', ')}`) : null))),
      m.score.loopVerdict ? h('ul', { class: 'reasons loop-reasons' }, m.score.loopVerdict.reasons.map((t) => h('li', {}, t))) : null,
      h('a', { href: href({ view: 'timer' }) }, 'All rounds in the Mock timer')))));
}

function readinessCard(r) {
  return h('section', { class: 'card readiness', 'aria-label': 'Readiness' },
    h('h2', {}, 'Readiness'),
    h('p', { class: 'big', id: 'readiness-total' }, `${r.total}`, h('span', { class: 'muted of' }, ' / 100')),
    h('p', { class: 'muted' }, 'The sum of five parts; each part is its weight times a value from 0 to 1.'),
    h('table', { class: 'parts' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Part'), h('th', {}, 'Points'), h('th', {}, 'Where it comes from'), h('th', {}, 'What would raise it'))),
      h('tbody', {}, r.parts.map((p) => h('tr', { class: p.missing ? 'part missing' : 'part', dataset: { part: p.kind } },
        h('th', { scope: 'row' }, p.name),
        h('td', { class: 'points' }, `${p.points} / ${p.weight}`),
        h('td', {}, p.explanation),
        h('td', {}, p.toRaise ?? 'Full marks'))))));
}

function checkpointList(cps) {
  if (cps.length === 0) return null;
  return h('section', { class: 'card', 'aria-label': 'Checkpoints' },
    h('h2', {}, 'Checkpoints'),
    h('ul', { class: 'criteria' }, cps.map((c) => h('li', { class: c.met ? 'criterion met' : 'criterion short' },
      h('span', { class: 'criterion-mark', 'aria-hidden': 'true' }, c.met ? '✓' : '○'),
      h('strong', {}, `${shortDate(c.date)} · ${c.label}`),
      h('ul', { class: 'sub-criteria' }, c.criteria.map((k) => h('li', {},
        k.text, h('span', { class: 'muted' }, k.met === true ? ' — met'
          : k.met === false ? ` — ${k.progress}`
            : k.target != null ? ' — no evidence yet' : ' — check yourself'))))))));
}

/** A card's inner width in `root` (a card is as wide as the view, up to its maximum). */
function chartWidth(root) {
  const css = (el, name) => parseFloat(getComputedStyle(el).getPropertyValue(name)) || 0;
  const view = root.clientWidth - css(root, 'padding-left') - css(root, 'padding-right');
  const card = Math.min(view, css(document.documentElement, '--content-max') || view);
  const inner = Math.floor(card - 2 * css(document.documentElement, '--space-5') - 2);
  return inner > 0 ? Math.max(420, inner) : 640;
}

export async function render(root) {
  const [d, opts] = await Promise.all([api.practiceDashboard(), options()]);
  W = chartWidth(root);
  const roundLabels = Object.fromEntries(opts.rounds);
  mount(root,
    h('header', { class: 'view-head' },
      h('h1', {}, 'Dashboard'),
      h('p', { class: 'lede' }, 'Every figure here comes from your log, your stories, your timed mock rounds and your self-assessments.')),
    readinessCard(d.readiness),
    h('section', { class: 'card', 'aria-label': 'Minimums and streak' },
      h('h2', {}, 'Minimums and streak'),
      h('div', { class: 'two-col' }, dailyBlock(d.status), weeklyBlock(d.status))),
    trendCard(d, roundLabels),
    loopsCard(d.loops),
    h('section', { class: 'card', 'aria-label': 'Hours per week' }, h('h2', {}, 'Hours per week'), weeklyChart(d.weeklyMinutes, d.today)),
    h('section', { class: 'card', 'aria-label': 'Plan completion' }, h('h2', {}, 'Plan completion by plan week'), planChart(d.planWeeks)),
    h('section', { class: 'card', 'aria-label': 'LP coverage' }, h('h2', {}, 'Leadership Principle coverage'), heatMap(d.coverage)),
    h('section', { class: 'card', 'aria-label': 'Competency matrix' }, h('h2', {}, 'Competency matrix'), competencyMatrix(d.competency)),
    checkpointList(d.checkpoints),
    h('section', { class: 'card', 'aria-label': 'What counts', id: 'what-counts' },
      h('h2', {}, 'What counts'),
      h('p', { class: 'muted' }, 'Every figure on this page follows these rules.'),
      h('ul', { class: 'reasons' }, d.whatCounts.map((t) => h('li', {}, t)))));
}
