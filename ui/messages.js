// Everything the window says, under one policy:
// - A refusal of one input is shown under that input (aria-invalid,
//   aria-describedby, focus moves there), never as a toast. The backend
//   names the input in `err.field`; a form maps it to its control with
//   data-field or name.
// - Toasts are for events. The same message twice becomes one toast with a
//   count, at most MAX_TOASTS show at once, and the stack moves to another
//   corner rather than cover the focused control or anything marked
//   data-keep-clear (the round's clock and buttons, a sync conflict), placed
//   again as the page scrolls.
// - A running round has one live line that changes in place.
import { h, uid } from './dom.js';

const MAX_TOASTS = 3;
const INFO_MS = 7000;
const ERROR_MS = 15000;
const CORNERS = ['bottom-right', 'top-right', 'bottom-left', 'top-left'];

const stack = () => document.getElementById('banners');

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** What the stack must not cover: the focused control and data-keep-clear areas. */
function keepClear() {
  const out = [...document.querySelectorAll('[data-keep-clear]')];
  const focused = document.activeElement;
  if (focused && focused !== document.body && focused.id !== 'view') out.push(focused);
  return out.map((el) => el.getBoundingClientRect()).filter((r) => r.width && r.height);
}

/** Puts the stack in the first corner where it covers nothing it must not. */
export function place() {
  const root = stack();
  if (!root || !root.childElementCount) return;
  const clear = keepClear();
  for (const corner of CORNERS) {
    root.dataset.corner = corner;
    const box = root.getBoundingClientRect();
    if (!clear.some((r) => overlaps(box, r))) return;
  }
  root.dataset.corner = CORNERS[0];
}

// What the stack must keep clear moves when the page scrolls: place it
// again, once a frame at most.
let placing = false;
document.addEventListener('scroll', () => {
  if (placing) return;
  placing = true;
  requestAnimationFrame(() => { placing = false; place(); });
}, { capture: true, passive: true });

function trim() {
  const toasts = [...stack().querySelectorAll('.banner:not(.round-live)')];
  for (const old of toasts.slice(0, Math.max(0, toasts.length - MAX_TOASTS))) old.remove();
}

/**
 * A toast for an event. The same text and kind again bumps the count on the
 * toast already shown instead of adding one. Returns the toast element.
 */
export function showBanner(message, kind = 'info') {
  const root = stack();
  const same = [...root.querySelectorAll('.banner')].find((el) => el.dataset.kind === kind && el.dataset.text === message);
  if (same) {
    const count = Number(same.dataset.count) + 1;
    same.dataset.count = String(count);
    same.querySelector('.banner-count').textContent = `×${count}`;
    arm(same);
    return same;
  }
  const role = kind === 'error' ? 'alert' : 'status';
  const close = h('button', { type: 'button', class: 'ghost', 'aria-label': 'Dismiss message', onclick: () => { el.remove(); place(); } }, '×');
  const el = h('div', { class: `banner ${kind}`, role, dataset: { kind, text: message, count: '1' } },
    h('span', { class: 'banner-text' }, message), h('span', { class: 'banner-count', 'aria-label': 'times' }), close);
  root.appendChild(el);
  trim();
  arm(el);
  place();
  return el;
}

/** (Re)starts a toast's time on screen; errors stay longer than news. */
function arm(el) {
  clearTimeout(Number(el.dataset.timer));
  const ms = el.dataset.kind === 'error' ? ERROR_MS : INFO_MS;
  el.dataset.timer = String(setTimeout(() => { el.remove(); place(); }, ms));
}

export const showInfo = (message) => showBanner(message, 'info');

/** The control of `form` that the backend's field name means. */
function controlFor(form, name) {
  if (!form || !name) return null;
  return form.querySelector(`[data-field="${CSS.escape(name)}"]`) ?? form.querySelector(`[name="${CSS.escape(name)}"]`);
}

/**
 * Shows an error: beside its input when the backend named one that `form`
 * holds, as a toast otherwise; each of several beside its own. Returns
 * true when one went beside an input.
 */
export function showError(err, form = null) {
  // Several inputs refused at once: each message goes beside its own, and
  // the first of them takes the focus.
  if (Array.isArray(err?.fields)) {
    const placed = err.fields.filter((one, i) => {
      const control = controlFor(form, one.field);
      if (control) fieldError(control, one.message, { focus: i === 0 });
      return control;
    });
    if (placed.length === err.fields.length) return true;
    const rest = err.fields.filter((one) => !placed.includes(one)).map((one) => one.message);
    showBanner(rest.join(' '), 'error');
    return placed.length > 0;
  }
  const message = err?.message ?? String(err);
  const control = controlFor(form, err?.field);
  if (control) {
    fieldError(control, message);
    return true;
  }
  showBanner(message, 'error');
  return false;
}

function errorId(control) {
  if (!control.id) control.id = uid('c');
  return `${control.id}-error`;
}

/** Puts `message` under `control`, marks it invalid and moves focus there. */
export function fieldError(control, message, { focus = true } = {}) {
  const id = errorId(control);
  let note = document.getElementById(id);
  if (!note) {
    note = h('p', { class: 'field-error', id, role: 'alert' });
    const host = control.closest('.field, .check, fieldset') ?? control;
    // A fieldset holds its own message, under its last choice.
    if (host === control && control.tagName !== 'FIELDSET') control.after(note); else host.append(note);
  }
  note.textContent = message;
  control.setAttribute('aria-invalid', 'true');
  const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  if (!described.includes(id)) control.setAttribute('aria-describedby', [...described, id].join(' '));
  // The message goes as soon as the value changes: it was about the old one.
  control.addEventListener('input', () => clearFieldError(control), { once: true });
  if (focus) {
    control.focus({ preventScroll: true });
    control.scrollIntoView({ block: 'nearest' });
  }
}

/** Removes `control`'s message, if it has one. */
export function clearFieldError(control) {
  const id = control.id ? `${control.id}-error` : null;
  if (id) document.getElementById(id)?.remove();
  control.removeAttribute('aria-invalid');
  const rest = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== id);
  if (rest.length) control.setAttribute('aria-describedby', rest.join(' '));
  else control.removeAttribute('aria-describedby');
}

/** Clears every input message inside `root` (before a new attempt). */
export function clearFieldErrors(root) {
  for (const control of root.querySelectorAll('[aria-invalid="true"]')) clearFieldError(control);
}

/**
 * The running round's one line: created on the first announcement and
 * rewritten by every later one, so phase changes and warnings never pile
 * up. `null` removes it.
 */
export function roundLine(text) {
  const root = stack();
  let el = document.querySelector('.round-live');
  if (text === null) {
    el?.remove();
    place();
    return;
  }
  if (!el) {
    const close = h('button', { type: 'button', class: 'ghost', 'aria-label': 'Dismiss message', onclick: () => { el.remove(); place(); } }, '×');
    el = h('div', { class: 'banner timer round-live', role: 'status' }, h('span', { class: 'banner-text' }), close);
  }
  // On the Mock timer view the line sits in the page above the clock, where
  // it cannot cover the clock or its buttons; elsewhere it floats.
  const slot = document.getElementById('round-line-slot');
  if (slot && el.parentElement !== slot) slot.append(el);
  else if (!slot && el.parentElement !== root) root.prepend(el);
  el.querySelector('.banner-text').textContent = text;
  place();
}

document.addEventListener('focusin', place);
window.addEventListener('resize', place);
