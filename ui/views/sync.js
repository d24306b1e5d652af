// Settings → Sync: the folder a sync program keeps on every computer, this
// computer's name, "Sync now", and where each other computer stands.
import { h, mount, field } from '../dom.js';
import * as api from '../api.js';
import { showError, showInfo, clearFieldErrors } from '../messages.js';
import { plural } from '../format.js';

function streamText(stream) {
  switch (stream.state) {
    case 'upToDate': return 'up to date';
    case 'waiting': return `waiting for file ${stream.next}`;
    case 'ready': return `file ${stream.next} has arrived and is applied at the next sync`;
    case 'needsNewerApp': return `file ${stream.seq} needs a newer Loopready on this computer`;
    case 'refused': return `file ${stream.seq} was refused: ${stream.reason}`;
    default: return stream.state;
  }
}

/** One conflict: both versions side by side, each with "Keep this one". */
function conflictItem(c, settle) {
  const here = 'this computer';
  const side = (title, where, key, keepSetAside) => h('div', { class: 'conflict-side' },
    h('h4', {}, `${title} (${where})`),
    h('dl', { class: 'facts' }, c.fields.map((f) => [h('dt', {}, f.name), h('dd', {}, f[key])])),
    h('button', { type: 'button', 'aria-label': `Keep this one: the version ${keepSetAside ? 'set aside' : 'in use'}`, onclick: settle(c.id, keepSetAside) }, 'Keep this one'));
  return h('li', { class: 'sync-conflict' },
    h('p', {}, `${c.what} “${c.title}” was changed here and on ${c.other} before either had the other’s change. Both computers use the version changed last; the other is kept here until you choose.`),
    h('div', { class: 'conflict-sides', 'data-keep-clear': '' },
      side('In use', c.keptHere ? here : c.other, 'kept', false),
      side('Set aside', c.keptHere ? c.other : here, 'lost', true)));
}

/** The Sync card; it fetches and repaints its own status. */
export function syncCard(app) {
  const card = h('section', { class: 'card', 'aria-label': 'Sync' });
  const act = (fn, done) => async () => {
    clearFieldErrors(card);
    try {
      const status = await fn();
      if (status) { paint(status); if (done) showInfo(done(status)); }
    } catch (err) { showError(err, card); }
  };
  const paint = (s) => {
    const name = h('input', { type: 'text', value: s.name, maxlength: 60, dataset: { field: 'syncName' } });
    const choose = h('button', { type: 'button', dataset: { field: 'syncFolder' }, onclick: act(() => api.syncChooseFolder(), () => 'Syncing through the chosen folder.') },
      s.folder ? 'Choose another folder…' : 'Choose a sync folder…');
    const others = s.devices.length
      ? h('ul', { class: 'sync-devices', id: 'sync-devices' }, s.devices.map((d) =>
        h('li', {}, h('strong', {}, d.name), ` · ${plural(d.applied, 'file')} applied · ${streamText(d.stream)}`,
          d.ignored.length ? h('span', { class: 'muted' }, ` · left alone: ${d.ignored.join(', ')}`) : null,
          d.clockAheadMinutes ? h('span', { class: 'warn-text' }, ` · its clock is ${plural(d.clockAheadMinutes, 'minute')} ahead of this one’s: set both to the network time, or its edits win every conflict`) : null)))
      : h('p', { class: 'muted', id: 'sync-devices' }, s.folder ? 'No other computer has written to this folder yet.' : '');
    mount(card,
      h('h2', {}, 'Sync between your computers'),
      h('p', { class: 'muted' }, 'Loopready writes what changes here as files into a folder that a sync program you already use keeps on your other computers (Syncthing, Dropbox, iCloud Drive, OneDrive, a git repository), and reads what they write there. No server of ours is involved. Keep Loopready’s own data folder outside it.'),
      h('dl', { class: 'facts', id: 'sync-state' },
        h('dt', {}, 'Folder'), h('dd', { class: 'mono' }, s.folder ?? 'none: sync is off'),
        h('dt', {}, 'Written here'), h('dd', {}, `${plural(s.sentSeq, 'file')}; ${plural(s.pending, 'change')} not written yet`)),
      h('div', { class: 'row' },
        field('This computer’s name', name, 'How your other computers list this one.'),
        h('div', { class: 'actions end' }, h('button', { type: 'button', onclick: act(() => api.setSyncName(name.value), () => 'Name saved.') }, 'Save name'))),
      others,
      s.conflicts.length
        ? h('section', { id: 'sync-conflicts', 'aria-label': 'Conflicts' },
          h('h3', {}, `Conflicts · ${plural(s.conflicts.length, 'record')} changed on two computers at once`),
          h('ul', { class: 'plain' }, s.conflicts.map((c) => conflictItem(c, (id, keepSetAside) => act(
            () => api.settleSyncConflict(id, keepSetAside),
            () => (keepSetAside ? 'The version set aside is in use again; it reaches your other computers at the next sync.' : 'Kept the version in use.'))))))
        : null,
      h('div', { class: 'actions wrap' },
        choose,
        s.folder ? h('button', { type: 'button', class: 'primary', onclick: act(() => api.syncNow(), (st) => `Synced with ${plural(st.devices.length, 'other computer')}.`) }, 'Sync now') : null,
        s.folder ? h('button', { type: 'button', onclick: act(() => api.syncLeave(), () => 'Sync is off.') }, 'Stop syncing') : null));
  };
  api.syncStatus().then(paint).catch((err) => showError(err));
  return card;
}
