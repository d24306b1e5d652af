// Settings: edit the profile, check notifications, the daily reminder,
// see where data lives.
import { h, mount, field, select, typedNumber } from '../dom.js';
import * as api from '../api.js';
import { showError, showInfo, clearFieldErrors } from '../messages.js';
import { profileForm, profileOptions } from './profile-form.js';
import { syncCard } from './sync.js';

export async function render(root, app) {
  const [info, reminder, policy] = await Promise.all([api.appInfo(), api.reminderTime(), api.backupPolicy()]);
  const keep = (value, name) => h('input', { type: 'number', min: 1, max: 60, step: 1, value: String(value), name });
  const keepDaily = keep(policy.daily, 'daily');
  const keepWeekly = keep(policy.weekly, 'weekly');
  const keepMonthly = keep(policy.monthly, 'monthly');
  const keepNote = h('p', { class: 'muted' });
  const paintKeep = (p) => {
    keepNote.textContent = `Kept beside your data: one per day for ${p.daily} days, one per week for ${p.weekly} weeks, one per month for ${p.monthly} months, and always the three newest.`;
  };
  paintKeep(policy);
  const reminderInput = h('input', { type: 'time', value: reminder ?? '' });
  const saveReminder = async () => {
    try {
      const saved = await api.setReminderTime(reminderInput.value);
      reminderInput.value = saved ?? '';
      showInfo(saved ? `Daily reminder set for ${saved}.` : 'Daily reminder turned off.');
    } catch (err) {
      showError(err);
    }
  };
  const testButton = h('button', {
    type: 'button',
    onclick: async () => {
      try {
        await api.sendTestNotification();
        showInfo('Test notification sent. If nothing appeared, check your system’s notification settings.');
      } catch (err) {
        showError(err);
      }
    },
  }, 'Send test notification');

  const themePick = select([['system', 'Follow the system'], ['light', 'Light'], ['dark', 'Dark']], app.state.theme ?? 'system', {
    onchange: async () => {
      try {
        app.applyTheme(await api.setTheme(themePick.value));
      } catch (err) { showError(err); }
    },
  });

  const exportButton = (format, label) => h('button', { type: 'button', onclick: async () => {
    try {
      const path = await api.exportData(format);
      if (path) showInfo(`Exported to ${path}.`);
    } catch (err) { showError(err); }
  } }, label);
  // Replacing asks for a second click, like restoring a backup.
  const importButton = (mode, label) => {
    let armed = false;
    const button = h('button', { type: 'button' }, label);
    button.addEventListener('click', async () => {
      if (mode === 'replace' && !armed) {
        armed = true;
        button.textContent = 'Click again to replace everything';
        setTimeout(() => { armed = false; button.textContent = label; }, 4000);
        return;
      }
      try {
        const done = await api.importData(mode);
        if (done) { showInfo(`${done} What you had before is kept as a backup.`); app.go('today'); }
      } catch (err) { showError(err); }
    });
    return button;
  };

  const backupList = h('ul', { class: 'backups' });
  const paintBackups = async () => {
    try {
      const backups = await api.listBackups();
      mount(backupList, backups.length
        ? backups.map((b) => {
          let armed = false;
          const restore = h('button', { type: 'button', 'aria-label': `Restore the backup from ${new Date(b.takenAt).toLocaleString()}` }, 'Restore');
          restore.addEventListener('click', async () => {
            if (!armed) {
              armed = true;
              restore.textContent = 'Click again to restore';
              setTimeout(() => { armed = false; restore.textContent = 'Restore'; }, 4000);
              return;
            }
            try {
              await api.restoreBackup(b.file);
              showInfo('Backup restored. What you had before is kept as a backup too.');
              app.go('today');
            } catch (err) { showError(err); }
          });
          return h('li', {},
            h('span', {}, new Date(b.takenAt).toLocaleString()),
            h('span', { class: 'muted' }, `${b.reason} · ${(b.bytes / 1024).toFixed(0)} KB · ${b.stories} ${b.stories === 1 ? 'story' : 'stories'}`),
            restore);
        })
        : h('li', { class: 'muted' }, 'No backups yet. Loopready makes one every 30 minutes while something changed, and when it closes.'));
    } catch (err) { showError(err); }
  };
  paintBackups();

  mount(root,
    h('header', { class: 'view-head' }, h('h1', {}, 'Settings')),
    h('section', { 'aria-label': 'Profile' },
      h('h2', {}, 'Profile'),
      profileForm(app.state.profile.profile, await profileOptions(), {
        submitLabel: 'Save profile',
        onSubmit: async (input) => {
          app.state.profile = await api.saveProfile(input);
          showInfo('Profile saved.');
        },
      })),
    h('section', { class: 'card', 'aria-label': 'Appearance' },
      h('h2', {}, 'Appearance'),
      field('Theme', themePick, 'Light or dark, or whatever your system uses (followed as it changes).')),
    h('section', { class: 'card', 'aria-label': 'Notifications' },
      h('h2', {}, 'Notifications'),
      h('p', { class: 'muted' }, 'Loopready announces each phase of a mock round on your desktop and in this window.'),
      testButton),
    h('section', { class: 'card', 'aria-label': 'Daily reminder' },
      h('h2', {}, 'Daily reminder'),
      h('p', { class: 'muted' }, 'If today’s agenda is not done by this time, Loopready tells you what is left, once a day, while it runs. Leave it empty for no reminder.'),
      h('div', { class: 'row reminder-row' },
        field('Daily reminder', reminderInput, 'Hours and minutes, like 18:30.'),
        h('div', { class: 'actions end' },
          h('button', { type: 'button', onclick: saveReminder }, 'Save reminder'),
          h('button', { type: 'button', onclick: () => { reminderInput.value = ''; saveReminder(); } }, 'Turn off reminder')))),
    h('section', { class: 'card', 'aria-label': 'Export and import' },
      h('h2', {}, 'Export and import'),
      h('p', { class: 'muted' }, 'A full export is one JSON file with everything: import it on another machine or into a fresh install. The others are for reading elsewhere: your stories as Markdown, the practice log as CSV, the study plan as a calendar file.'),
      h('div', { class: 'actions wrap' },
        exportButton('json', 'Export everything (JSON)'),
        exportButton('markdown', 'Stories (Markdown)'),
        exportButton('csv', 'Practice log (CSV)'),
        exportButton('ics', 'Study plan (calendar .ics)')),
      h('p', { class: 'muted' }, 'Importing checks the whole file before changing anything, and backs up what you have first. Merge keeps what is here and adds what is new (for a record on both sides, the one changed last wins); replace swaps everything for the file.'),
      h('div', { class: 'actions wrap' },
        importButton('merge', 'Import and merge…'),
        importButton('replace', 'Import and replace…'))),
    syncCard(app),
    h('section', { class: 'card', 'aria-label': 'Backups' },
      h('h2', {}, 'Backups'),
      keepNote,
      backupList,
      h('button', { type: 'button', onclick: async () => {
        try { await api.backupNow(); showInfo('Backup made.'); paintBackups(); } catch (err) { showError(err); }
      } }, 'Back up now'),
      h('div', { class: 'row keep-row', id: 'backup-keeping' },
        field('Daily backups kept', keepDaily),
        field('Weekly backups kept', keepWeekly),
        field('Monthly backups kept', keepMonthly),
        h('div', { class: 'actions end' }, h('button', { type: 'button', onclick: async () => {
          const keeping = root.querySelector('#backup-keeping');
          clearFieldErrors(keeping);
          // An empty box is sent as 0, which the backend refuses by name.
          try {
            const saved = await api.setBackupPolicy(typedNumber(keepDaily), typedNumber(keepWeekly), typedNumber(keepMonthly));
            paintKeep(saved);
            showInfo('Backup keeping saved.');
            paintBackups();
          } catch (err) { showError(err, keeping); }
        } }, 'Save')))),
    h('section', { class: 'card', 'aria-label': 'About' },
      h('h2', {}, 'About'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Version'), h('dd', {}, info.version),
        h('dt', {}, 'Data folder'), h('dd', { class: 'mono' }, info.dataDir),
        h('dt', {}, 'Log file'), h('dd', { class: 'mono', id: 'log-file' }, info.logFile)),
      diagnosticsPart()));
}

/** A summary to paste into a bug report: shown, selectable, and copied. */
function diagnosticsPart() {
  const text = h('textarea', { id: 'diagnostics', readonly: true, rows: 8, hidden: true, 'aria-label': 'Diagnostics summary' });
  const show = async () => {
    try {
      text.value = diagnosticsText(await api.diagnostics());
      text.hidden = false;
      text.select();
      try {
        await navigator.clipboard.writeText(text.value);
        showInfo('Diagnostics copied: paste them into your bug report.');
      } catch {
        showInfo('Diagnostics selected below: copy them with Ctrl+C (⌘C on a Mac).');
      }
    } catch (err) { showError(err); }
  };
  return h('div', {},
    h('p', { class: 'muted' }, 'For a bug report: the version, your system, the size of the data folder and the latest problems from the log. Nothing is sent anywhere.'),
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: show }, 'Copy diagnostics')),
    text);
}

function diagnosticsText(d) {
  const mib = (d.dataBytes / (1024 * 1024)).toFixed(1);
  return [
    `Loopready ${d.version}`,
    `System: ${d.os} ${d.arch}; web view ${d.webview}`,
    `Data folder: ${d.dataDir} (${mib} MiB)`,
    `Log file: ${d.logFile}`,
    d.recentProblems.length ? 'Latest problems in the log:' : 'No problems in the log.',
    ...d.recentProblems.map((line) => `  ${line}`),
  ].join('\n');
}
