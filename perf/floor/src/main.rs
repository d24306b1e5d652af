//! One window showing one static page. The page calls `ready` once it has
//! painted, and the process prints a line the harness waits for, exactly
//! as Loopready does under LOOPREADY_STARTUP_MARK; the process marks when
//! its main() runs and when Tauri's setup is done, as Loopready does.

#[tauri::command]
fn ready(at: f64) {
    eprintln!("STARTUP-READY {at:.1}");
}

fn main() {
    eprintln!("STARTUP-MAIN");
    tauri::Builder::default()
        .setup(|_| {
            eprintln!("STARTUP-SETUP");
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the floor app runs");
}
