// Non-blocking messages at the bottom of the window. Errors stay until
// dismissed; information fades after a few seconds.
import { h } from './dom.js';

const INFO_MS = 7000;

export function showBanner(message, kind = 'info') {
  const root = document.getElementById('banners');
  const role = kind === 'error' ? 'alert' : 'status';
  const close = h('button', { class: 'ghost', 'aria-label': 'Dismiss message', onclick: () => el.remove() }, '×');
  const el = h('div', { class: `banner ${kind}`, role }, h('span', { class: 'banner-text' }, message), close);
  root.appendChild(el);
  if (kind !== 'error') setTimeout(() => el.remove(), INFO_MS);
  return el;
}

export const showError = (err) => showBanner(err?.message ?? String(err), 'error');
export const showInfo = (message) => showBanner(message, 'info');
