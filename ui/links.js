// Links to a place in the window: a view and what to open there, as the
// backend names them ({ view, params }), written as '#view?key=value'.
import { h } from './dom.js';

export function href(link) {
  const query = new URLSearchParams(link.params ?? {}).toString();
  return `#${link.view}${query ? `?${query}` : ''}`;
}

/** The view and its parameters from the location hash. */
export function parseHash(hash) {
  const [id, query = ''] = hash.replace(/^#/, '').split('?');
  return { id, params: new URLSearchParams(query) };
}

/** The places a named task points to, as links ("Two Sum", "Mock timer"). */
export function targetLinks(task) {
  if (!task) return [];
  return task.targets.map((t) => h('a', { href: href(t.link), class: 'task-link' }, t.name));
}

/**
 * Puts `link` in the location hash without a hashchange (so without a
 * re-render), while the window still shows `link.view`. A view that has
 * acted on a link's parameter drops it this way, so a repaint (the shell
 * re-renders on focus) does not act on it again.
 */
export function replaceLink(link) {
  if ((parseHash(location.hash).id || 'today') !== link.view) return;
  history.replaceState(history.state, '', href(link));
}
