// The round the window knows of, kept for every view: the Mock timer view
// draws it in full and the shell keeps a small clock of it in the
// navigation. Loaded at start-up, so it stays small; the timer view itself
// loads on its first visit.

import { clock as secondsClock } from './format.js';

let status = null;
// Counts timer events, so a status fetched before the latest one does not
// replace it.
let messages = 0;

/** Called by the shell for every timer event, whatever view is open. */
export function onTimerMessage(message) {
  status = arrived(message.status);
  messages += 1;
}

/** The round the window knows of (null when none), for the shell's clock. */
export function currentStatus() {
  return status;
}

/** The status as fetched at start-up, unless an event already brought one. */
export function seedStatus(fetched) {
  if (!messages) status = arrived(fetched);
}

/** A status just fetched or returned by an action (null: none). */
export function setStatus(s) {
  status = arrived(s);
}

/** How many timer events have arrived, to tell whether a fetch is stale. */
export function messageCount() {
  return messages;
}

/** Milliseconds as the round's clock shows them (`format.clock`). */
export const clock = (ms) => secondsClock(ms / 1000);

// When each status reached the page, on the page's monotonic clock. A
// running round counts down from there rather than to its wall-clock
// deadline, so a system clock set back or forward (which Date.now()
// follows) never adds or takes time from the round shown.
const arrivals = new WeakMap();
function arrived(s) {
  if (s) arrivals.set(s, performance.now());
  return s;
}

/** Time left in the phase (or with `part` 'round', the round): counting
 * down while it runs, the paused remainder otherwise. */
export function remaining(s, part = 'phase') {
  const left = s[`${part}RemainingMs`];
  if (!s[`${part}EndsAt`]) return left;
  return left - (performance.now() - (arrivals.get(s) ?? performance.now()));
}
