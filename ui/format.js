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

export function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
