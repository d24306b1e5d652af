//! Drives the real app binary in a real WebKit window through tauri-driver
//! (WebDriver). Each app gets its own data dir and its own driver ports, so
//! tests run side by side. The desktop around it (Xvfb, a private D-Bus
//! session, dunst) is set up by scripts/test.sh.
#![allow(dead_code)]

pub mod soak;

use std::fs::File;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub const WAIT: Duration = Duration::from_secs(20);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn tauri_driver() -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let cargo_bin = home.join(".cargo/bin/tauri-driver");
    if cargo_bin.exists() {
        return cargo_bin;
    }
    PathBuf::from("tauri-driver")
}

/// Fails early, with the fix, when the desktop the tests need is missing.
fn check_desktop() {
    for var in ["DISPLAY", "DBUS_SESSION_BUS_ADDRESS"] {
        assert!(
            std::env::var_os(var).is_some(),
            "{var} is not set: run the end-to-end tests through scripts/test.sh, which starts Xvfb, D-Bus and dunst"
        );
    }
}

/// One running app window and the WebDriver session that controls it.
pub struct App {
    pub client: Client,
    driver: Child,
    pub data_dir: PathBuf,
}

impl App {
    /// Starts the app binary on `data_dir` and waits until its page answers.
    pub async fn launch(data_dir: &Path) -> App {
        Self::launch_with_env(data_dir, &[]).await
    }

    /// Like `launch`, with extra environment for the app process.
    pub async fn launch_with_env(data_dir: &Path, env: &[(&str, &str)]) -> App {
        check_desktop();
        let port = free_port();
        let native_port = free_port();
        let driver = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .envs(env.iter().copied())
            // A start that fails fails the test at once, without a message
            // box waiting for a click.
            .env("LOOPREADY_NO_DIALOG", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver runs (cargo install tauri-driver --locked)");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < WAIT,
                "tauri-driver did not listen on port {port}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({
                "application": env!("CARGO_BIN_EXE_loopready"),
                "args": ["--data-dir", data_dir.to_str().unwrap()],
            }),
        );
        caps.insert("browserName".into(), json!("wry"));
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session on the app");
        let app = App {
            client,
            driver,
            data_dir: data_dir.to_owned(),
        };
        app.wait_for_css("#view > *").await;
        app
    }

    /// Closes the window and waits until the app has let go of its data dir.
    pub async fn quit(self) {
        self.assert_no_csp_violations().await;
        let _ = self.client.clone().close().await;
        self.wait_until_exited().await;
    }

    /// Waits until the app (closing, or quitting by itself) has let go of
    /// its data dir, then stops its driver.
    pub async fn wait_until_exited(mut self) {
        let exited = wait_for_exit(&self.data_dir).await;
        let _ = Command::new("kill")
            .arg(self.driver.id().to_string())
            .status();
        let _ = self.driver.wait();
        if !exited {
            dump_stuck_app(&self.data_dir);
            panic!("the app did not exit within {WAIT:?}");
        }
    }

    pub async fn wait_for_css(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
    }

    pub async fn wait_for_xpath(&self, xpath: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|e| panic!("{xpath}: {e}"))
    }

    /// The form control whose visible label reads `label`, as a person finds it.
    pub async fn control(&self, label: &str) -> Element {
        // A view that re-renders between finding the label and its control
        // gives the control a new id; look again until both are found.
        let xpath = format!("//label[normalize-space(.)={}]", xpath_string(label));
        let started = Instant::now();
        loop {
            let label_el = self.wait_for_xpath(&xpath).await;
            let found = match label_el.attr("for").await {
                Ok(Some(id)) => self.client.find(Locator::Id(&id)).await.ok(),
                Ok(None) => label_el
                    .find(Locator::Css("input, select, textarea"))
                    .await
                    .ok(),
                Err(_) => None,
            };
            if let Some(el) = found {
                return el;
            }
            assert!(started.elapsed() < WAIT, "no control labelled '{label}'");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Whether the checkbox labelled `label` is ticked. A view that
    /// re-renders between finding the box and reading it (a change from
    /// the command line shows when the window is focused) is read again.
    pub async fn is_checked(&self, label: &str) -> bool {
        let started = Instant::now();
        loop {
            if let Ok(ticked) = self.control(label).await.is_selected().await {
                return ticked;
            }
            assert!(started.elapsed() < WAIT, "'{label}' could not be read");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// A button by its visible text or aria-label.
    pub async fn button(&self, name: &str) -> Element {
        let n = xpath_string(name);
        self.wait_for_xpath(&format!(
            "//button[normalize-space(.)={n} or @aria-label={n}]"
        ))
        .await
    }

    /// Clicks a button by its visible text or aria-label, finding it again
    /// if the view re-rendered between the lookup and the click (the timer
    /// view repaints several times a second).
    pub async fn click_button(&self, name: &str) {
        let started = Instant::now();
        loop {
            if self.button(name).await.click().await.is_ok() {
                return;
            }
            assert!(started.elapsed() < WAIT, "could not click '{name}'");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Opens the Stories view and starts a story, once its first save is in.
    pub async fn start_story(&self) {
        self.link("Stories").await.click().await.unwrap();
        self.button("New story").await.click().await.unwrap();
        self.wait_for_text("#save-status", "Saved").await;
    }

    /// A navigation link by its text.
    pub async fn link(&self, name: &str) -> Element {
        self.wait_for_xpath(&format!("//a[normalize-space(.)={}]", xpath_string(name)))
            .await
    }

    pub async fn fill(&self, label: &str, value: &str) {
        let el = self.control(label).await;
        el.clear().await.unwrap();
        el.send_keys(value).await.unwrap();
    }

    /// Sets a date field. WebKitGTK's date inputs do not take typed keys
    /// reliably through WebDriver, so this sets the value and fires the
    /// events a person's edit would.
    pub async fn fill_date(&self, label: &str, iso: &str) {
        let el = self.control(label).await;
        let arg = serde_json::to_value(&el).unwrap();
        self.client
            .execute(
                "arguments[0].value = arguments[1];
                 arguments[0].dispatchEvent(new Event('input', { bubbles: true }));
                 arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
                vec![arg, json!(iso)],
            )
            .await
            .unwrap();
    }

    pub async fn choose(&self, label: &str, value: &str) {
        self.control(label)
            .await
            .select_by_value(value)
            .await
            .unwrap();
    }

    /// Text of the first element matching `css`, once it contains `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        let started = Instant::now();
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if text.contains(expected) {
                        return text;
                    }
                }
            }
            assert!(started.elapsed() < WAIT, "{css} never showed '{expected}'");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a screenshot when LOOPREADY_SHOTS names a folder (for looking
    /// at the window after a run; tests never depend on it).
    pub async fn shot(&self, name: &str) {
        if let Some(dir) = std::env::var_os("LOOPREADY_SHOTS") {
            let png = self.client.screenshot().await.unwrap();
            std::fs::write(PathBuf::from(dir).join(format!("{name}.png")), png).unwrap();
        }
    }

    /// Starts keeping every text the elements matching `css` take on, so a
    /// text that shows for less than a poll's interval (a short phase under
    /// a fast test clock) is still seen by `wait_for_recorded`.
    pub async fn record_texts(&self, css: &str) {
        self.client
            .execute(
                "const css = arguments[0];
                 window.__recorded = window.__recorded || {};
                 const seen = (window.__recorded[css] = window.__recorded[css] || []);
                 const keep = () => {
                   for (const el of document.querySelectorAll(css)) {
                     const t = el.textContent;
                     if (seen[seen.length - 1] !== t) seen.push(t);
                   }
                 };
                 keep();
                 new MutationObserver(keep).observe(document.documentElement,
                   { subtree: true, childList: true, characterData: true });",
                vec![json!(css)],
            )
            .await
            .unwrap();
    }

    /// Waits until an element kept by `record_texts(css)` has shown a text
    /// containing `expected`, at any moment since recording began.
    pub async fn wait_for_recorded(&self, css: &str, expected: &str) {
        let started = Instant::now();
        loop {
            let seen = self
                .client
                .execute(
                    "return (window.__recorded || {})[arguments[0]] || [];",
                    vec![json!(css)],
                )
                .await
                .unwrap();
            let texts: Vec<String> = serde_json::from_value(seen).unwrap_or_default();
            if texts.iter().any(|t| t.contains(expected)) {
                return;
            }
            assert!(
                started.elapsed() < WAIT,
                "{css} never showed '{expected}'; it showed {texts:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap()
    }

    pub async fn assert_no_csp_violations(&self) {
        let v = self
            .js("return window.__loopreadyCspViolations || [];")
            .await;
        assert_eq!(v, json!([]), "the page broke its content security policy");
    }
}

/// Waits until the app has let go of its data dir (its lock file).
async fn wait_for_exit(data_dir: &Path) -> bool {
    let lock = data_dir.join("loopready.lock");
    let started = Instant::now();
    while started.elapsed() < WAIT {
        let file = File::options()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock)
            .unwrap();
        if file.try_lock().is_ok() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

/// Prints the threads of an app that would not exit, to find what holds it.
fn dump_stuck_app(data_dir: &Path) {
    let out = Command::new("pgrep")
        .args(["-f", "--"])
        .arg(format!("--data-dir {}", data_dir.display()))
        .output();
    let pids = out
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    for pid in pids.split_whitespace() {
        eprintln!("app process {pid} is still running; its threads:");
        let _ = Command::new("gdb")
            .args(["-p", pid, "-batch", "-ex", "thread apply all bt 12"])
            .status();
        let _ = Command::new("kill").args(["-9", pid]).status();
    }
}

fn xpath_string(s: &str) -> String {
    if !s.contains('\'') {
        return format!("'{s}'");
    }
    let parts: Vec<String> = s.split('\'').map(|p| format!("'{p}'")).collect();
    format!("concat({})", parts.join(", \"'\", "))
}

/// Runs `xdotool` with `args` on `display` (the suite's own when None)
/// and returns what it printed.
pub fn xdotool(display: Option<&str>, args: &[&str]) -> String {
    let mut cmd = Command::new("xdotool");
    cmd.args(args);
    if let Some(display) = display {
        cmd.env("DISPLAY", display);
    }
    let out = cmd.output().expect("xdotool runs");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// The id of the first X window that `xdotool search` with `search` finds,
/// waiting up to 20 s for it; `what` names it in the failure.
pub fn wait_for_x_window(display: Option<&str>, search: &[&str], what: &str) -> String {
    let started = Instant::now();
    let args: Vec<&str> = std::iter::once("search")
        .chain(search.iter().copied())
        .collect();
    loop {
        if let Some(id) = xdotool(display, &args).lines().next() {
            return id.to_owned();
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no {what} came up"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Runs the CLI on a data dir (to arrange state quickly).
pub fn cli(data_dir: &Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_loopready"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn in_days(n: i64) -> String {
    (today() + chrono::Duration::days(n)).to_string()
}

/// Arranges a stored profile with an interview `days` from today.
pub fn given_profile(data_dir: &Path, days: i64) {
    let date = in_days(days);
    cli(
        data_dir,
        &[
            "profile",
            "set",
            "--interview",
            &date,
            "--level",
            "L6",
            "--track",
            "ic",
            "--current",
            "senior-engineer",
            "--hours",
            "20",
            "--risk",
            "medium",
            "--json",
        ],
    );
}
