// Today: the countdown, today's agenda to tick off, and the next checkpoint,
// painted first; then the rehearsal queue, the practice card and the
// profile, whose modules and rules load once the first part is on screen.
import { h, mount, loadStyle } from '../dom.js';
import * as api from '../api.js';
import { showError, showInfo } from '../messages.js';
import { longDate, shortDate, minutes, categoryLabel, plural } from '../format.js';
import { targetLinks } from '../links.js';

function profileFacts(profile, opts, optionLabel) {
  return [
    h('h2', {}, 'Your profile'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Target level'), h('dd', {}, optionLabel(opts.targetLevels, profile.targetLevel)),
      h('dt', {}, 'Track'), h('dd', {}, optionLabel(opts.tracks, profile.track)),
      h('dt', {}, 'Current level'), h('dd', {}, optionLabel(opts.currentLevels, profile.currentLevel)),
      h('dt', {}, 'Hours per week'), h('dd', {}, String(profile.hoursPerWeek)),
      h('dt', {}, 'Preparation days'), h('dd', {}, profile.prepDays.map((d) => optionLabel(opts.weekdays, d)).join(', ')),
      h('dt', {}, 'Risk tolerance'), h('dd', {}, optionLabel(opts.risks, profile.risk))),
    h('p', {}, h('a', { href: '#settings' }, 'Change in Settings'))];
}

function countdownText(daysLeft) {
  if (daysLeft === 0) return 'Interview day';
  return `${plural(daysLeft, 'day')} left`;
}

const WHY = { 'daily-minimum': 'A daily minimum.', 'weekly-minimum': 'A weekly minimum.' };

// An item whose named work is partly logged (2 of 3 problems) says what is left.
const partLeft = (item) => (!item.done && item.minutesLeft < item.minutes
  ? `${minutes(item.minutesLeft)} of ${minutes(item.minutes)} left`
  : minutes(item.minutes));

function agendaItem(item, onToggle, offer, onLog) {
  const box = h('input', { type: 'checkbox', checked: item.done, onchange: (e) => onToggle(item.key, e.target.checked) });
  const tags = [
    h('span', { class: `tag cat-${item.category}` }, categoryLabel(item.category)),
    item.carriedFrom ? h('span', { class: 'tag carried' }, `carried from ${shortDate(item.carriedFrom)}`) : null,
  ];
  // Ticking a practice item offers to log it in the same step (inline).
  const logOffer = item.done && offer
    ? h('div', { class: 'log-offer' }, offer.logged
      ? h('span', { class: 'muted' }, 'Logged in your practice log')
      : h('button', { type: 'button', onclick: () => onLog(item.key) }, offer.text))
    : null;
  // The named task leads; the plan's own words (or the minimum it keeps)
  // say why it is on the day.
  const title = item.task?.title ?? item.title;
  const links = targetLinks(item.task);
  const why = WHY[item.kind] ?? (title !== item.title ? `${item.title}.` : '');
  return h('li', { class: item.done ? 'agenda-item done' : 'agenda-item' },
    h('div', { class: 'agenda-main' },
      h('label', { class: 'check agenda-check' }, box,
        h('span', { class: 'agenda-title' }, title)),
      h('p', { class: 'agenda-why muted' },
        why ? `${why} ` : '',
        links.length ? ['Open: ', links.flatMap((a, i) => (i ? [' · ', a] : [a]))] : null)),
    h('span', { class: 'agenda-meta' }, tags, h('span', { class: 'mins' }, partLeft(item))),
    logOffer);
}

// On the interview day the agenda gives way to the sheet and the logistics.
function interviewDayNote() {
  return h('div', { class: 'interview-day' },
    h('p', {}, 'Today is the interview. No more preparation: read your sheet once, then rest your voice and your head.'),
    h('ul', {},
      h('li', {}, 'Check the time, the place or the video link, and the names of your interviewers.'),
      h('li', {}, 'Have water, a notepad and a pen within reach; close everything that can notify you.'),
      h('li', {}, 'For each round, listen for the principle behind the question and answer with a story and its numbers.')),
    h('p', {}, h('a', { href: '#sheet', class: 'button-link' }, 'Open the interview-day sheet'), ' Good luck.'));
}

// A day that is not a preparation day still offers a start, never a blank.
function shortStart(agenda) {
  return h('div', { class: 'short-start' },
    h('p', {}, agenda.nextDay
      ? `Today is not one of your preparation days; the next one is ${longDate(agenda.nextDay)}.`
      : 'Today is not one of your preparation days.'),
    h('p', {}, 'Have a few minutes anyway? ',
      h('a', { href: '#assessment' }, 'Take the self-assessment'), ' or ',
      h('a', { href: '#stories?new=customer-obsession' }, 'write a first story'), '.'));
}

function checkpointCard(cp) {
  if (!cp) return null;
  const when = cp.daysAway === 0 ? 'today' : `in ${plural(cp.daysAway, 'day')} (${shortDate(cp.date)})`;
  return h('section', { class: 'card', 'aria-label': 'Next checkpoint' },
    h('h2', {}, `Next checkpoint: ${cp.label}`),
    h('p', { class: 'muted' }, `Due ${when}.`),
    h('ul', { class: 'criteria' }, cp.criteria.map((c) => {
      let state = 'manual';
      let detail = 'check yourself';
      if (c.met === true) { state = 'met'; detail = 'met'; }
      else if (c.met === false) { state = 'short'; detail = c.progress; }
      else if (c.target !== null && c.target !== undefined) { detail = 'no evidence yet'; }
      return h('li', { class: `criterion ${state}` },
        h('span', { class: 'criterion-mark', 'aria-hidden': 'true' }, state === 'met' ? '✓' : state === 'short' ? '○' : '·'),
        h('span', {}, c.text), h('span', { class: 'muted' }, ` — ${detail}`));
    })));
}

export async function render(root, app) {
  const { profile, daysLeft } = app.state.profile;
  let agenda = (await app.firstAgenda?.()) ?? await api.todayAgenda();
  const offers = {};

  const agendaSection = h('section', { class: 'card', 'aria-label': "Today's agenda" });
  const summary = h('p', { class: 'muted', id: 'minutes-left' });

  const paint = () => {
    summary.textContent = agenda.scheduled
      ? `${minutes(agenda.minutesLeft)} left of ${minutes(agenda.plannedMinutes)} planned today`
      : '';
    const list = agenda.interviewDay
      ? interviewDayNote()
      : agenda.scheduled
        ? h('ul', { class: 'agenda' }, agenda.items.map((item) => agendaItem(item, toggle, offers[item.key], logItem)))
        : shortStart(agenda);
    mount(agendaSection, h('h2', {}, "Today's agenda"), summary, list,
      agenda.overflowMinutes > 0
        ? h('p', { class: 'warn-text' }, `${minutes(agenda.overflowMinutes)} of missed work no longer fits before the interview. See the Plan view.`)
        : null);
  };

  async function toggle(key, done) {
    try {
      agenda = await api.setItemDone(key, done);
      if (done) {
        const offer = await api.practiceOffer(key);
        if (offer) offers[key] = offer;
      }
    } catch (err) {
      showError(err);
    }
    paint();
  }

  // Set once the practice card is drawn.
  let paintPractice = async () => {};
  async function logItem(key) {
    try {
      await api.logAgendaItem(key);
      offers[key] = { ...offers[key], logged: true };
      await paintPractice();
    } catch (err) {
      showError(err);
    }
    paint();
  }

  // Hidden until drawn, so no card ever shows empty.
  const later = (label) => h('section', { class: 'card', 'aria-label': label, hidden: true });
  const rehearseSection = later('Rehearse today');
  const practiceSection = later('Practice today');
  const profileSection = later('Your profile');

  paint();
  // An item the day's work ticked (a story written, a problem logged)
  // offers to log its minutes too, or says they are in the log already.
  const ticked = agenda.scheduled ? agenda.items.filter((i) => i.done && !offers[i.key]) : [];
  if (ticked.length) {
    Promise.all(ticked.map(async (i) => {
      const offer = await api.practiceOffer(i.key);
      if (offer) offers[i.key] = offer;
    })).then(paint).catch(showError);
  }
  mount(root,
    h('header', { class: 'view-head' },
      h('p', { class: 'eyebrow' }, longDate(app.state.profile.today)),
      h('h1', {}, 'Today')),
    h('section', { class: 'card hero', 'aria-label': 'Countdown' },
      h('p', { class: 'big', id: 'days-left' }, countdownText(daysLeft)),
      h('p', { class: 'muted' },
        `Interview on ${longDate(profile.interviewDate)} · target ${profile.targetLevel} · `,
        h('a', { href: '#plan' }, 'see your plan'))),
    agendaSection,
    rehearseSection,
    practiceSection,
    checkpointCard(agenda.nextCheckpoint),
    profileSection);

  // The rest, fetched once the first part is on screen and drawn as it
  // arrives; the shell does not wait for it.
  const rest = (async () => {
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const [practice, rehearse, profileForm] = await Promise.all([
      import('./practice-form.js'), import('./rehearse.js'), import('./profile-form.js'), loadStyle('views.css'),
    ]);
    const [queue, opts, profileOpts] = await Promise.all([
      api.rehearsalQueue(5), practice.options(), profileForm.profileOptions(),
    ]);
    mount(rehearseSection,
      h('h2', {}, `Rehearse today (${rehearse.queueCounts(queue)})`),
      rehearse.queueList(queue, (item) => {
        rehearse.choose({ kind: item.kind, id: item.id });
        app.go('rehearse');
      }, { more: h('a', { href: '#rehearse' }, 'see them all in Rehearse') }),
      h('p', {}, h('a', { href: '#rehearse' }, 'Open Rehearse')));
    rehearseSection.hidden = false;

    const quickEntry = practice.entryForm(opts, {
      compact: true,
      interviewDate: profile.interviewDate,
      onSubmit: async (entry) => {
        await api.addPractice(entry);
        showInfo('Practice logged.');
        await paintPractice();
      },
    });
    paintPractice = async () => {
      const status = await api.practiceStatus();
      mount(practiceSection, h('h2', {}, 'Practice today'), practice.dailyBlock(status),
        h('h3', {}, 'Quick entry'), quickEntry,
        h('p', {}, h('a', { href: '#log' }, 'Open the log'), ' · ', h('a', { href: '#dashboard' }, 'See the dashboard')));
    };
    await paintPractice();
    practiceSection.hidden = false;
    mount(profileSection, profileFacts(profile, profileOpts, profileForm.optionLabel));
    profileSection.hidden = false;
  })().catch(showError);
  return { rest };
}
