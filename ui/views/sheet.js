// Interview day: one page with, for each principle, the stories to tell and
// their numbers, and questions to ask. Printable from the window.
import { h, mount } from '../dom.js';
import * as api from '../api.js';

export async function render(root) {
  const sheet = await api.interviewSheet();
  const covered = sheet.rows.filter((r) => r.stories.length).length;
  mount(root,
    h('header', { class: 'view-head' },
      h('h1', {}, 'Interview day'),
      h('p', { class: 'lede' }, `Your strongest stories by Leadership Principle (${covered} of 16 covered; up to three each, primary tags and stories without major check findings first) and questions to ask. Read it the morning of the loop.`),
      h('div', { class: 'actions no-print' }, h('button', { type: 'button', onclick: () => window.print() }, 'Print this page'))),
    h('section', { class: 'sheet', 'aria-label': 'Stories by principle' },
      sheet.rows.map((row) => h('div', { class: row.stories.length ? 'sheet-row' : 'sheet-row empty' },
        h('h2', {}, row.name),
        row.stories.length
          ? h('ul', {}, row.stories.map((s) => h('li', {},
            h('strong', {}, s.title), s.primary ? '' : h('span', { class: 'muted' }, ' (also)'),
            s.hook ? h('div', {}, s.hook) : null,
            s.metrics ? h('div', { class: 'muted' }, s.metrics) : null)))
          : h('p', { class: 'muted' }, 'No story yet: pick one from the Stories view.'),
        row.more ? h('p', { class: 'muted sheet-more' }, `and ${row.more} more in the bank`) : null))),
    h('section', { class: 'card', 'aria-label': 'Questions to ask' },
      h('h2', {}, 'Questions to ask'),
      h('ul', {}, sheet.questions.map((q) => h('li', {}, q)))));
}
