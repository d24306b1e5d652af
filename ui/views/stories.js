// The story bank: a list with search, an editor that saves itself, the
// revision history, the trash, and the Leadership Principles coverage.
import { h, mount, field, select } from '../dom.js';
import * as api from '../api.js';
import { showBanner, showError, showInfo, fieldError, clearFieldError } from '../messages.js';
import { plural, thousands, clock } from '../format.js';
import { replaceLink } from '../links.js';

const AUTOSAVE_MS = 400;
const MATCH_START = '\u0002';
const MATCH_END = '\u0003';

// The hints say what each part is for; how long it should run comes from
// the backend's targets, on the meter beside it, so the two never disagree.
const PARTS = [
  ['situation', 'Situation', 'Where and when, and what was at stake: only what the listener needs.'],
  ['task', 'Task', 'What you (not the team) had to achieve, and why it was hard.'],
  ['action', 'Action', 'What you did, step by step, with "I". The longest part.'],
  ['result', 'Result', 'The outcome in numbers, tied back to customers or the business.'],
];

const FIT = { under: 'short', within: 'on target', over: 'long' };

let principles = [];
// The most each input holds and the search page (story_limits), asked once.
let limits = null;
// A count of characters shows once a text passes this share of its limit.
const COUNT_FROM = 0.8;
// How long after a save the coverage is redrawn.
const COVERAGE_MS = 300;
// How many stories the list shows, kept across repaints once more are shown.
let listShown = 0;
// Pending autosave of the open story, flushed on blur, Ctrl/Cmd+S and close.
let pending = null;

/** Saves any pending edit now; resolves when it is stored. */
export async function flush() {
  if (pending) await pending();
}

function newSession() {
  return crypto.randomUUID();
}

/** Starts a story with a placeholder title (the "New story" button, or a link). */
function startStory() {
  return api.createStory(newSession());
}

/**
 * The principle a link asks a new story for (#stories?new=ownership),
 * taken from the hash so that a repaint does not start another story.
 */
function takeNewStoryLink(app) {
  const principle = app?.params?.get('new');
  if (!principle) return null;
  app.params.delete('new');
  replaceLink({ view: 'stories', params: Object.fromEntries(app.params) });
  return principle;
}

/** A new story's title takes the keys first, its placeholder selected so typing replaces it. */
function focusTitle(root) {
  const title = root.querySelector('.story-editor input[data-field="title"]');
  title?.focus();
  title?.select();
}

/** Sets the open editor's primary principle as a pick by hand would, so it autosaves. */
function pickPrimary(root, principle) {
  const choice = root.querySelector('.story-editor select[name="primary"]');
  if (!choice || !principles.some((p) => p.id === principle)) return;
  choice.value = principle;
  choice.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Snippet text with the matched words marked, without any HTML parsing. */
function snippet(text) {
  const out = h('span', { class: 'snippet' });
  let rest = text;
  while (rest.length) {
    const start = rest.indexOf(MATCH_START);
    if (start < 0) { out.append(rest); break; }
    out.append(rest.slice(0, start));
    const end = rest.indexOf(MATCH_END, start);
    const word = rest.slice(start + 1, end < 0 ? undefined : end);
    out.append(h('mark', {}, word));
    rest = end < 0 ? '' : rest.slice(end + 1);
  }
  return out;
}

function principleName(id) {
  return principles.find((p) => p.id === id)?.name ?? id;
}

function coverageSection(cov, stories, onChange) {
  const byId = new Map(stories.map((s) => [s.id, s]));
  const min = h('input', { type: 'number', name: 'min', min: 1, max: 5, value: String(cov.min_per_principle) });
  min.addEventListener('change', async () => {
    try { onChange(await api.setCoverageMinimum(Math.trunc(Number(min.value)))); } catch (err) { showError(err, min.closest('section')); }
  });
  const bank = cov.bank;
  const table = cov.matrix ? matrixTable(cov, byId) : countsTable(cov);
  return h('section', { class: 'card', 'aria-label': 'Coverage' },
    h('h2', {}, 'Leadership Principles coverage'),
    h('p', {}, `${plural(bank.stories, 'story', 'stories')} in the bank; the usual target at ${cov.scope} is ${bank.target_min}-${bank.target_max}. `,
      cov.gaps.length ? h('strong', {}, `${plural(cov.gaps.length, 'principle')} below the minimum.`) : 'Every principle meets the minimum.'),
    cov.overloaded.length
      ? h('p', { class: 'warn-text' }, `${cov.overloaded.length} ${cov.overloaded.length === 1 ? 'story carries' : 'stories carry'} more than ${cov.max_principles_per_story} principles; an interviewer hears one or two per story.`)
      : null,
    field('Minimum stories per principle', min),
    cov.matrix ? null : h('p', { class: 'muted' }, `With ${bank.stories} stories a story-by-story matrix would be ${bank.stories} columns wide, so each principle shows its counts. A story's principles are in its editor.`),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Coverage table' }, table),
    cov.story_ids.length ? h('ol', { class: 'story-key muted' }, cov.story_ids.map((id) => h('li', {}, byId.get(id)?.title ?? ''))) : null);
}

function principleHead(row) {
  return h('th', { scope: 'row' }, principleName(row.principle), row.stressed ? h('span', { class: 'tag' }, 'stressed at your level') : null);
}

// Principles by stories (a mark per story), for a bank small enough to read that way.
function matrixTable(cov, byId) {
  return h('table', { class: 'coverage' },
    h('caption', {}, 'Stories per Leadership Principle (● primary, ○ secondary)'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Principle'),
      h('th', { scope: 'col' }, 'Stories'),
      cov.story_ids.map((id, i) => h('th', { scope: 'col', class: 'story-col', title: byId.get(id)?.title ?? '' }, String(i + 1))))),
    h('tbody', {}, cov.rows.map((row) => h('tr', { class: row.gap ? 'gap' : '' },
      principleHead(row),
      h('td', { class: 'count' }, `${row.count} / ${cov.min_per_principle}`),
      row.cells.map((c) => h('td', { class: `cell ${c}` }, c === 'primary' ? '●' : c === 'secondary' ? '○' : ''))))));
}

// Counts per principle, for a large bank.
function countsTable(cov) {
  return h('table', { class: 'coverage' },
    h('caption', {}, 'Stories per Leadership Principle'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Principle'),
      h('th', { scope: 'col' }, 'Stories'),
      h('th', { scope: 'col' }, 'As primary'),
      h('th', { scope: 'col' }, 'As secondary'))),
    h('tbody', {}, cov.rows.map((row) => h('tr', { class: row.gap ? 'gap' : '' },
      principleHead(row),
      h('td', { class: 'count' }, `${row.count} / ${cov.min_per_principle}`),
      h('td', { class: 'count' }, String(row.primary_count)),
      h('td', { class: 'count' }, String(row.count - row.primary_count))))));
}

function editor(view, onSaved, onDeleted) {
  const session = newSession();
  let draft = structuredClone(view.draft);
  let saved = JSON.stringify(draft);
  let timer = null;
  const status = h('span', { class: 'save-status', id: 'save-status', role: 'status', 'aria-live': 'polite' }, 'Saved');

  const title = h('input', { type: 'text', value: draft.title, maxlength: String(limits.title), dataset: { field: 'title' } });
  const primary = select([['', 'None yet'], ...principles.map((p) => [p.id, p.name])], draft.primary ?? '', { name: 'primary' });
  const scope = select([['L6', 'L6'], ['L7', 'L7']], draft.scope);
  const tags = h('input', { type: 'text', value: draft.tags.join(', '), dataset: { field: 'tags' } });
  const secondary = h('fieldset', { class: 'secondary', dataset: { field: 'secondary' } }, h('legend', {}, 'Other principles it shows'),
    h('div', { class: 'lp-grid' }, principles.map((p) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', value: p.id, checked: draft.secondary.includes(p.id) }), p.name))));
  const metrics = h('textarea', { rows: 2, dataset: { field: 'metrics' } }, draft.metrics);
  const partFields = PARTS.map(([key, label, hint]) => {
    const area = h('textarea', { rows: key === 'action' ? 7 : 4, dataset: { field: key } }, draft[key]);
    const meter = h('span', { class: 'meter', id: `meter-${key}` });
    return { key, area, meter, el: h('div', { class: 'field part' },
      h('div', { class: 'part-head' }, h('label', { for: `part-${key}` }, label), meter),
      area, h('p', { class: 'hint' }, hint)) };
  });
  for (const p of partFields) p.area.id = `part-${p.key}`;
  // Each text's count of characters against its limit, shown as the limit
  // nears, so a save is never refused by surprise.
  const counted = [[title, limits.title], ...partFields.map((p) => [p.area, limits.part]), [metrics, limits.metrics]];
  const counters = counted.map(([control, max]) => {
    if (!control.id) control.id = `story-${control.dataset.field}`;
    const el = h('p', { class: 'char-count', id: `${control.id}-count`, 'aria-live': 'polite', hidden: true });
    return { control, max, el };
  });
  const paintCounts = () => {
    for (const { control, max, el } of counters) {
      const n = control.value.length;
      el.hidden = n < max * COUNT_FROM;
      el.textContent = `${thousands(n)} of ${thousands(max)} characters${n > max ? ` — ${thousands(n - max)} over; this part is not saved until it is shorter` : ''}`;
      el.classList.toggle('over', n > max);
    }
  };
  const total = h('p', { class: 'total-time', id: 'total-time' });
  const findings = h('ul', { class: 'findings' });

  const read = () => ({
    title: title.value,
    situation: partFields[0].area.value,
    task: partFields[1].area.value,
    action: partFields[2].area.value,
    result: partFields[3].area.value,
    metrics: metrics.value,
    primary: primary.value || null,
    secondary: [...secondary.querySelectorAll('input:checked')].map((i) => i.value).filter((v) => v !== primary.value),
    scope: scope.value,
    tags: tags.value.split(',').map((t) => t.trim()).filter(Boolean),
  });

  function paintFeedback(fb) {
    for (const p of partFields) {
      const t = fb.timing.parts.find((x) => x.part === p.key);
      if (!t) continue;
      const target = t.target ? ` · target ${clock(t.target.min)}-${clock(t.target.max)}` : '';
      p.meter.textContent = `${t.words} words · ${clock(t.seconds)}${target}${t.fit ? ` · ${FIT[t.fit] ?? t.fit}` : ''}`;
      p.meter.className = `meter fit-${t.fit ?? 'none'}`;
    }
    const tt = fb.timing;
    total.textContent = `Spoken at ${tt.words_per_minute} words a minute: ${clock(tt.total_seconds)} in all (${tt.total_words} words); the standard ${tt.scope} answer runs ${clock(tt.total_target.min)}-${clock(tt.total_target.max)}.`;
    mount(findings, fb.findings.length
      ? fb.findings.map((f) => h('li', { class: `finding ${f.severity}` }, h('strong', {}, `${f.target}: `), f.message))
      : h('li', { class: 'finding ok' }, 'No problems found.'));
  }

  const controlOf = (name) => form.querySelector(`[data-field="${name}"]`);
  // Inputs refused by the last save: their message stays until they pass.
  let refusedFields = new Set();

  /** Shows the parts the backend refused beside their inputs; the rest was saved. */
  function paintRefusals(refused) {
    const now = new Set(refused.map((r) => r.field));
    for (const name of refusedFields) if (!now.has(name)) { const c = controlOf(name); if (c) clearFieldError(c); }
    for (const r of refused) { const c = controlOf(r.field); if (c) fieldError(c, r.message, { focus: false }); }
    refusedFields = now;
    const names = refused.map((r) => controlOf(r.field)?.closest('.field, fieldset')?.querySelector('label, legend')?.textContent ?? r.field);
    status.textContent = refused.length ? `Saved, except ${names.join(', ')}: see the note under it` : 'Saved';
    status.classList.toggle('not-saved', refused.length > 0);
  }

  async function save() {
    clearTimeout(timer);
    pending = null;
    const next = read();
    const text = JSON.stringify(next);
    if (text === saved) { if (!refusedFields.size) { status.textContent = 'Saved'; api.setUnsaved(false).catch(() => {}); } return; }
    status.textContent = 'Saving…';
    try {
      const result = await api.saveStory(view.id, next, session);
      saved = text;
      draft = next;
      paintRefusals(result.refused);
      // Text refused is still only in the window: closing asks first.
      if (!pending) api.setUnsaved(result.refused.length > 0).catch(() => {});
      paintFeedback(result.feedback);
      onSaved(result);
    } catch (err) {
      status.textContent = `Not saved: ${err.message}`;
      status.classList.add('not-saved');
      showError(err, form);
    }
  }

  let feedbackQueued = false;
  function edited() {
    paintCounts();
    if (status.textContent !== 'Unsaved changes') api.setUnsaved(true).catch(() => {});
    status.textContent = 'Unsaved changes';
    clearTimeout(timer);
    pending = save;
    timer = setTimeout(save, AUTOSAVE_MS);
    if (!feedbackQueued) {
      feedbackQueued = true;
      requestAnimationFrame(async () => {
        feedbackQueued = false;
        try { paintFeedback(await api.storyFeedback(read())); } catch { /* shown on save */ }
      });
    }
  }

  const form = h('form', { class: 'story-editor', novalidate: true, 'aria-label': 'Story editor' },
    h('div', { class: 'editor-head' }, field('Title', title), status),
    h('div', { class: 'row' }, field('Primary principle', primary), field('Scope', scope)),
    secondary,
    partFields.map((p) => p.el),
    field('Metrics', metrics, 'The numbers that prove the result: before and after, money, time, people.'),
    field('Tags', tags, 'Comma separated: conflict, failure, hiring, ...'),
    total,
    h('section', { 'aria-label': 'Story check' }, h('h3', {}, 'Story check'), findings));
  // The primary principle is not offered again as another one.
  const offerSecondary = () => {
    for (const box of secondary.querySelectorAll('input')) {
      box.disabled = box.value === primary.value;
      if (box.disabled) box.checked = false;
    }
  };
  offerSecondary();
  primary.addEventListener('change', offerSecondary);
  form.addEventListener('input', edited);
  form.addEventListener('change', edited);
  form.addEventListener('focusout', () => { if (pending) save(); });
  form.addEventListener('submit', (e) => { e.preventDefault(); save(); });
  form.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') { e.preventDefault(); save(); }
  });

  const history = h('details', { class: 'history' }, h('summary', {}, 'History'));
  history.addEventListener('toggle', async () => {
    if (!history.open) return;
    try {
      const revs = await api.storyRevisions(view.id);
      mount(history, h('summary', {}, 'History'), h('ul', { class: 'revisions' }, revs.map((r) => h('li', {},
        h('span', {}, `${new Date(r.updatedAt).toLocaleString()} · ${r.first ? 'first draft' : 'refinement'} · “${r.draft.title}”`),
        h('button', { type: 'button', onclick: async () => {
          try {
            await flush();
            const restored = await api.restoreRevision(r.id, session);
            showInfo('Revision restored. The version you had is kept in the history.');
            onSaved(restored, true);
          } catch (err) { showError(err); }
        } }, 'Restore this version')))));
    } catch (err) { showError(err); }
  });

  let armed = false;
  const del = h('button', { type: 'button', class: 'danger', onclick: async () => {
    if (!armed) {
      armed = true;
      del.textContent = 'Click again to move it to the trash';
      setTimeout(() => { armed = false; del.textContent = 'Delete story'; }, 4000);
      return;
    }
    try {
      await flush();
      await api.deleteStory(view.id);
      onDeleted(view);
    } catch (err) { showError(err); }
  } }, 'Delete story');

  paintFeedback(view.feedback);
  // The counters' home (each input's .field) exists once the form is built.
  for (const c of counters) (c.control.closest('.field') ?? c.control.parentElement)?.append(c.el);
  paintCounts();
  return h('div', { class: 'card editor-card' }, form, h('div', { class: 'actions' }, del), history);
}

export async function render(root, app, selectedId) {
  // Taken before anything is awaited: a repaint that starts meanwhile must
  // not see the link too.
  const newFor = selectedId ? null : takeNewStoryLink(app);
  await flush();
  principles = principles.length ? principles : await api.principles();
  limits ??= await api.storyLimits();
  if (newFor) {
    const created = await startStory();
    replaceLink({ view: 'stories', params: { id: created.id } });
    app.params?.set('id', created.id);
    await render(root, app, created.id);
    pickPrimary(root, newFor);
    focusTitle(root);
    return;
  }
  const [list, cov] = await Promise.all([api.listStories(), api.storyCoverage()]);
  // A link may name the story to open (#stories?id=…).
  const linkedId = app.params?.get('id') ?? null;
  let current = selectedId ?? linkedId ?? app.state.storyId ?? list.stories[0]?.id ?? null;
  if (current && !list.stories.some((s) => s.id === current)) current = list.stories[0]?.id ?? null;
  app.state.storyId = current;
  // Once a link named a story, the hash follows the one on screen, so a
  // repaint (the shell re-renders on focus) keeps the story the user moved to.
  if (linkedId && current && linkedId !== current) {
    app.params.set('id', current);
    replaceLink({ view: 'stories', params: { id: current } });
  }

  const rerender = (id) => render(root, app, id);
  const search = h('input', { type: 'search', placeholder: 'Words from any story' });
  const results = h('div', { class: 'search-results', 'aria-label': 'Search results', hidden: true });
  let searchTimer = null;
  let searchLimit = limits.search_page;
  // A search replaces the list with its matches, best first, and says how
  // many there are; clearing it brings the whole list back.
  async function runSearch() {
    const query = search.value.trim();
    if (!query) { results.hidden = true; mount(results); storyList.hidden = false; paintMore(); return; }
    try {
      const page = await api.searchStories(search.value, searchLimit);
      if (search.value.trim() !== query) return;
      storyList.hidden = true;
      paintMore();
      results.hidden = false;
      const shown = page.hits.length;
      mount(results,
        h('p', { class: 'search-count', id: 'search-count', role: 'status' },
          page.total === 0 ? 'No story matches.'
            : shown < page.total ? `${shown} of ${plural(page.total, 'match', 'matches')}` : plural(page.total, 'match', 'matches')),
        h('ul', {}, page.hits.map((hit) => h('li', {},
          h('button', { type: 'button', class: hit.id === current ? 'link active' : 'link', onclick: () => rerender(hit.id) }, hit.title),
          snippet(hit.snippet)))),
        shown < page.total
          ? h('button', { type: 'button', class: 'ghost', onclick: () => { searchLimit += limits.search_page; runSearch(); } }, 'Show more matches')
          : null);
    } catch (err) { showError(err); }
  }
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchLimit = limits.search_page;
    searchTimer = setTimeout(runSearch, 150);
  });

  const newButton = h('button', { type: 'button', class: 'primary', onclick: async () => {
    try {
      const created = await startStory();
      await rerender(created.id);
      focusTitle(root);
    } catch (err) { showError(err); }
  } }, 'New story');

  const exportButton = h('button', { type: 'button', onclick: async () => {
    try {
      await flush();
      const path = await api.exportData('markdown');
      if (path) showInfo(`Story bank exported to ${path}.`);
    } catch (err) { showError(err); }
  } }, 'Export as Markdown');

  // A large bank shows a page of the list (the story on screen always in
  // it) and adds a page at a time; search reaches every story.
  const item = (s) => h('li', {},
    h('button', { type: 'button', class: s.id === current ? 'story-link active' : 'story-link', onclick: () => rerender(s.id) },
      h('span', { class: 'story-title' }, s.title),
      h('span', { class: 'muted' }, s.primary ? principleName(s.primary) : 'no principle yet')));
  listShown = Math.max(listShown || limits.list_page, list.stories.findIndex((s) => s.id === current) + 1);
  const storyList = h('ul', { class: 'stories' }, list.stories.slice(0, listShown).map(item));
  const more = h('button', { type: 'button', class: 'list-more', onclick: () => {
    storyList.append(...list.stories.slice(listShown, listShown + limits.list_page).map(item));
    listShown += limits.list_page;
    paintMore();
  } });
  function paintMore() {
    const left = list.stories.length - listShown;
    more.hidden = left <= 0 || storyList.hidden;
    more.textContent = `Show ${Math.min(left, limits.list_page)} more of ${thousands(left)}`;
  }
  paintMore();

  const trash = list.trash.length
    ? h('details', { class: 'trash' }, h('summary', {}, `Trash (${list.trash.length})`),
      h('ul', {}, list.trash.map((s) => h('li', {}, h('span', {}, s.title),
        h('button', { type: 'button', onclick: async () => { try { await api.restoreStory(s.id); rerender(s.id); } catch (err) { showError(err); } } }, 'Restore')))))
    : null;

  let editorEl = h('div', { class: 'card' }, h('p', {}, 'No stories yet. Start with one you tell often: a hard call, a failure you learned from, a result you are proud of.'));
  if (current) {
    const view = await api.getStory(current);
    editorEl = editor(view, (saved, repaint) => {
      const link = root.querySelector('.story-link.active');
      if (link) {
        link.querySelector('.story-title').textContent = saved.draft.title;
        link.querySelector('.muted').textContent = saved.draft.primary ? principleName(saved.draft.primary) : 'no principle yet';
      }
      if (repaint) rerender(saved.id);
      else refreshCoverage();
    }, (deleted) => {
      const banner = showBanner(`“${deleted.draft.title}” moved to the trash.`, 'info');
      banner.insertBefore(h('button', { type: 'button', onclick: async () => {
        try { await api.restoreStory(deleted.id); banner.remove(); rerender(deleted.id); } catch (err) { showError(err); }
      } }, 'Undo'), banner.lastChild);
      app.state.storyId = null;
      rerender(null);
    });
  }

  let coverage = coverageSection(cov, list.stories, () => rerender(current));
  // The coverage follows the editor: each save redraws it (a title or a
  // principle may have changed), a moment after the typing stops.
  let coverageTimer = null;
  function refreshCoverage() {
    clearTimeout(coverageTimer);
    coverageTimer = setTimeout(async () => {
      try {
        const [fresh, freshCov] = await Promise.all([api.listStories(), api.storyCoverage()]);
        if (!coverage.isConnected) return;
        const next = coverageSection(freshCov, fresh.stories, () => rerender(current));
        coverage.replaceWith(next);
        coverage = next;
      } catch (err) { showError(err); }
    }, COVERAGE_MS);
  }
  mount(root,
    h('header', { class: 'view-head' },
      h('h1', {}, 'Stories'),
      h('p', { class: 'lede' }, 'Your STAR stories, saved as you type. Aim for two or three per principle that matters most at your level.')),
    h('div', { class: 'stories-layout' },
      h('aside', { class: 'story-list', 'aria-label': 'Story list' },
        newButton,
        field('Search stories', search),
        results,
        storyList,
        more,
        trash,
        list.stories.length ? exportButton : null),
      editorEl),
    coverage);
  // On a narrow window the editor sits below the list: a story picked there
  // opens in view rather than below the fold.
  if (selectedId && editorEl.getBoundingClientRect().top > window.innerHeight / 2) {
    editorEl.scrollIntoView({ block: 'start' });
  }
}
