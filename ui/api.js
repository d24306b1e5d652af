// The only module that talks to the backend: every command and event goes
// through a named function here. Errors always arrive as { kind, message,
// field }, field being null unless one input was refused.

const tauri = window.__TAURI__;

function normalise(err) {
  if (err && typeof err === 'object' && 'message' in err) {
    // `field` names the input a refusal is about (messages.js puts it there);
    // `fields`, when several inputs were refused at once, each of them.
    const out = { kind: err.kind ?? 'error', message: String(err.message), field: err.field ?? null };
    if (Array.isArray(err.fields)) out.fields = err.fields.map(normalise);
    return out;
  }
  return { kind: 'error', message: String(err) };
}

async function call(cmd, args) {
  try {
    return await tauri.core.invoke(cmd, args);
  } catch (err) {
    throw normalise(err);
  }
}

export const profileOptions = () => call('profile_options');
export const getProfile = () => call('get_profile');
export const saveProfile = (profile) => call('save_profile', { profile });
export const appInfo = () => call('app_info');
/** What a bug report needs: version, system, data size, the log's latest problems. */
export const diagnostics = () => call('diagnostics');
export const sendTestNotification = () => call('send_test_notification');
export const dataVersion = () => call('data_version');
export const todayAgenda = () => call('today_agenda');
export const setItemDone = (key, done) => call('set_item_done', { key, done });
export const planOverview = () => call('plan_overview');
export const choosePlan = (planId) => call('choose_plan', { planId });
export const setBlackout = (date, blocked) => call('set_blackout', { date, blocked });
export const assessmentForm = () => call('assessment_form');
export const submitAssessment = (answers) => call('submit_assessment', { answers });
export const reference = () => call('reference');
export const problemBank = () => call('problem_bank');
/** The bank's coding problem a log line's name means (its name or its number first), or null. */
export const matchCodingProblem = (name) => call('match_coding_problem', { name });
export const timerTemplates = () => call('timer_templates');
export const timerStatus = () => call('timer_status');
export const timerStart = (templateId, design = null) => call('timer_start', { templateId, design });
export const timerPause = () => call('timer_pause');
export const timerResume = () => call('timer_resume');
export const timerSkip = () => call('timer_skip');
export const timerAddMinutes = (minutes) => call('timer_add_minutes', { minutes });
export const timerStop = () => call('timer_stop');
export const timerNotifications = () => call('timer_notifications');
export const setTimerNotifications = (enabled) => call('set_timer_notifications', { enabled });
export const onTimer = (handler) => on('timer', handler);
export const timerCustomTemplates = () => call('timer_custom_templates');
export const saveTimerTemplate = (template) => call('save_timer_template', { template });
export const deleteTimerTemplate = (id) => call('delete_timer_template', { id });
export const mockScoreForm = () => call('mock_score_form');
export const mockScore = (kind, scores, problem) => call('mock_score', { kind, scores, problem: problem || null });
export const mockLoopPreview = (rounds) => call('mock_loop_preview', { rounds });
export const saveMockScores = (card, fullRound) => call('save_mock_scores', { card, fullRound });
export const mockHistory = (limit) => call('mock_history', { limit: limit ?? null });
export const reminderTime = () => call('reminder_time');
export const setReminderTime = (time) => call('set_reminder_time', { time });
export const onReminder = (handler) => on('reminder', handler);
export const listStories = () => call('list_stories');
export const getStory = (id) => call('get_story', { id });
export const createStory = (session) => call('create_story', { session });
export const saveStory = (id, draft, session) => call('save_story', { id, draft, session });
export const storyFeedback = (draft) => call('story_feedback', { draft });
export const deleteStory = (id) => call('delete_story', { id });
export const restoreStory = (id) => call('restore_story', { id });
export const storyRevisions = (id) => call('story_revisions', { id });
export const restoreRevision = (revisionId, session) => call('restore_revision', { revisionId, session });
/** The best `limit` matches and how many stories match in all. */
export const searchStories = (query, limit = null) => call('search_stories', { query, limit });
export const storyLimits = () => call('story_limits');
export const storyCoverage = () => call('story_coverage');
export const setCoverageMinimum = (min) => call('set_coverage_minimum', { min });
export const finishClose = () => call('finish_close');
export const setUnsaved = (unsaved) => call('set_unsaved', { unsaved });
export const principles = () => call('principles');
export const interviewSheet = () => call('interview_sheet');
export const startupNotices = () => call('startup_notices');
export const listBackups = () => call('list_backups');
export const backupNow = () => call('backup_now');
export const restoreBackup = (file) => call('restore_backup', { file });
export const backupPolicy = () => call('backup_policy');
export const setBackupPolicy = (daily, weekly, monthly) => call('set_backup_policy', { daily, weekly, monthly });
export const onClosing = (handler) => on('app-closing', handler);
export const practiceOptions = () => call('practice_options');
export const addPractice = (entry) => call('add_practice', { entry });
export const editPractice = (id, entry) => call('edit_practice', { id, entry });
export const deletePractice = (id) => call('delete_practice', { id });
export const restorePractice = (id) => call('restore_practice', { id });
/**
 * The newest `limit` log lines matching `filter` ({ kind, pattern, from, to },
 * each optional; dates 'YYYY-MM-DD'); null for the whole log.
 */
export const practiceLog = (limit, filter = null) => call('practice_log', { limit, filter });
/** How many log lines match `filter`, over every page. */
export const practiceLogCount = (filter) => call('practice_log_count', { filter });
export const practiceStatus = () => call('practice_status');
export const practiceDashboard = () => call('practice_dashboard');
export const practiceOffer = (key) => call('practice_offer', { key });
export const logAgendaItem = (key) => call('log_agenda_item', { key });
export const exportData = (format) => call('export_data', { format });
export const importData = (mode) => call('import_data', { mode });
export const syncStatus = () => call('sync_status');
export const syncChooseFolder = () => call('sync_choose_folder');
export const syncNow = () => call('sync_now');
export const syncLeave = () => call('sync_leave');
export const setSyncName = (name) => call('set_sync_name', { name });
export const settleSyncConflict = (id, keepSetAside) => call('settle_sync_conflict', { id, keepSetAside });
/** A start-up milestone for perf/run.py, at `at` ms of the page's clock;
 * answers '' unless the harness runs ('1': marks, 'tour': visit every view). */
export const startupMark = (stage, at = null) => call('startup_mark', { stage, at });
export const theme = () => call('theme');
export const setTheme = (theme) => call('set_theme', { theme });
/** The rehearsal queue; `limit` items after the first `offset` (counts cover all). */
export const rehearsalQueue = (limit = null, offset = 0) => call('rehearsal_queue', { limit, offset });
export const rehearsalQuestion = (principle) => call('rehearsal_question', { principle });
export const recordRehearsal = (target, rating, seconds) => call('record_rehearsal', { target, rating, seconds });

/** Subscribes to a backend event; returns a promise of the unsubscribe function. */
export function on(event, handler) {
  return tauri.event.listen(event, (e) => handler(e.payload));
}
