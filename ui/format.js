// Display helpers shared by the views (dates, durations, labels).

/** A local calendar date from its ISO form, without time-zone shifts. */
export function parseDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
}

export function longDate(iso) {
  return parseDate(iso).toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}

export function shortDate(iso) {
  return parseDate(iso).toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
}

/** Seconds as a clock shows them: 4:05, 1:02:03 (the round's clock, a
 * spoken answer, a story's reading time). */
export function clock(seconds) {
  const total = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

export function minutes(total) {
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const CATEGORY = {
  behavioral: 'Behavioral',
  'system-design': 'System design',
  coding: 'Coding',
  mock: 'Mock interview',
  'leadership-principles': 'Leadership Principles',
  assessment: 'Assessment',
  logistics: 'Logistics',
};
export const categoryLabel = (c) => CATEGORY[c] ?? c;

/** 50000 as "50,000" (the webview may have no locale data to do it). */
export function thousands(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 story", "3 stories": `many` when the plural is not word + s. */
export function plural(n, word, many = `${word}s`) {
  return `${thousands(n)} ${n === 1 ? word : many}`;
}
