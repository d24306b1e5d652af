// Builds DOM without HTML strings: user text only ever becomes textContent.

/**
 * h('button', { class: 'primary', onclick: fn, 'aria-label': 'Save' }, 'Save')
 * Attributes starting with "on" become listeners; `dataset` and `hidden`,
 * `checked`, `value`, `disabled` are set as properties; other attributes are
 * strings. Children may be nodes, strings, numbers, arrays, null or false.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (['value', 'checked', 'disabled', 'hidden', 'selected', 'open'].includes(key)) {
      el[key] = value;
    } else if (key === 'style') {
      // CSSOM, not a style attribute: the CSP forbids inline style attributes.
      for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, v);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `root`. */
export function mount(root, ...children) {
  root.replaceChildren();
  append(root, children);
}

let idCounter = 0;
/** A unique id for label/for pairs. */
export function uid(prefix = 'f') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A labelled form field: <label for> + control, with an optional hint. */
export function field(label, control, hint) {
  const id = control.id || uid();
  control.id = id;
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl);
}

/** A <select> from [value, text] pairs. */
export function select(options, value, attrs = {}) {
  return h('select', attrs, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
}

/**
 * A number box's value as typed, for the backend to judge: an empty or
 * unreadable box is 0, a fraction or a negative stays as it is, so a
 * refusal names the value rather than a rounded one.
 */
export function typedNumber(input) {
  const n = Number(input.value);
  return input.value.trim() === '' || Number.isNaN(n) ? 0 : n;
}

/** Whether the keys are a Mac's, and the modifier the shortcuts name. */
export const MAC = /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = MAC ? '⌘' : 'Ctrl';

// Each style sheet loads once; a view that needs one waits for it, so it
// never shows unstyled.
const sheets = new Map();

/** Loads the style sheet `href` once; resolves when its rules apply. */
export function loadStyle(href) {
  if (!sheets.has(href)) {
    sheets.set(href, new Promise((resolve, reject) => {
      const link = h('link', { rel: 'stylesheet', href });
      link.addEventListener('load', resolve);
      link.addEventListener('error', () => reject(new Error(`The style sheet ${href} did not load.`)));
      document.head.append(link);
    }));
  }
  return sheets.get(href);
}
