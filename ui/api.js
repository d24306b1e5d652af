// The only module that talks to the backend: every command and event goes
// through a named function here. Errors always arrive as { kind, message }.

const tauri = window.__TAURI__;

function normalise(err) {
  if (err && typeof err === 'object' && 'message' in err) {
    return { kind: err.kind ?? 'error', message: String(err.message) };
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

export const getProfile = () => call('get_profile');
export const saveProfile = (profile) => call('save_profile', { profile });
export const appInfo = () => call('app_info');
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
export const timerTemplates = () => call('timer_templates');
export const timerStatus = () => call('timer_status');
export const timerStart = (templateId) => call('timer_start', { templateId });
export const timerPause = () => call('timer_pause');
export const timerResume = () => call('timer_resume');
export const timerSkip = () => call('timer_skip');
export const timerAddMinutes = (minutes) => call('timer_add_minutes', { minutes });
export const timerStop = () => call('timer_stop');
export const timerNotifications = () => call('timer_notifications');
export const setTimerNotifications = (enabled) => call('set_timer_notifications', { enabled });
export const onTimer = (handler) => on('timer', handler);

/** Subscribes to a backend event; returns a promise of the unsubscribe function. */
export function on(event, handler) {
  return tauri.event.listen(event, (e) => handler(e.payload));
}
