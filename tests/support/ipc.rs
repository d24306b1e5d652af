//! Loopready's commands behind Tauri's mock runtime: what the command tests
//! and the IPC benchmark call the backend through, exactly as the window
//! does (argument parsing, the command, the serialised answer or error).
//! Included with `#[path]` by `tests/ipc/main.rs` and `benches/ipc.rs`.

use loopready::commands::{self, AppState};
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

/// An app with `state` managed and every command registered, and its window.
pub struct Harness {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

impl Harness {
    pub fn new(state: AppState) -> Harness {
        let app = mock_builder()
            .manage(state)
            .invoke_handler(commands::handlers())
            .build(mock_context(noop_assets()))
            .unwrap();
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Harness { _app: app, window }
    }

    /// An app on the database at `db` with the timer thread running (its
    /// own connection, as in the real app) at `minute_ms` a template minute.
    /// Only the command tests use it; the benchmark needs no timer.
    #[allow(dead_code)]
    pub fn with_timer(
        db: &std::path::Path,
        data_dir: std::path::PathBuf,
        notifier: std::sync::Arc<dyn loopready::shell::notify::Notifier>,
        minute_ms: i64,
    ) -> Harness {
        use loopready::commands::timer::TauriSink;
        use loopready::store::Store;
        use loopready::timer::engine::Pace;
        use loopready::timer::{DriverConfig, SystemClock, TimerHandle};
        use tauri::Manager;

        let app = mock_builder()
            .invoke_handler(commands::handlers())
            .build(mock_context(noop_assets()))
            .unwrap();
        let sink = TauriSink {
            app: app.handle().clone(),
            notifier: notifier.clone(),
            store: Store::open(db).unwrap(),
        };
        let config = DriverConfig {
            pace: Pace::from_minute_ms(minute_ms).unwrap(),
            ..DriverConfig::default()
        };
        let timer = TimerHandle::spawn(SystemClock, sink, None, config).unwrap();
        app.manage(AppState::new(Store::open(db).unwrap(), data_dir, notifier).with_timer(timer));
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Harness { _app: app, window }
    }

    /// Calls `cmd` with `body` as its arguments: the answer, or the error
    /// as the window receives it (`{ kind, message }`).
    pub fn invoke(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        self.invoke_raw(cmd, body)
            .map(|b| b.deserialize::<Value>().unwrap())
    }

    /// Calls `cmd` and returns the answer as the window receives it, still
    /// serialised (the benchmark times this: parsing it is the page's work).
    pub fn invoke_raw(&self, cmd: &str, body: Value) -> Result<InvokeResponseBody, Value> {
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: self.window.url().unwrap(),
                body: InvokeBody::Json(body),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
    }
}
