//! One window showing one static page. The page calls `ready` once it has
//! painted, and the process prints a line the harness waits for, exactly
//! as Loopready does under LOOPREADY_STARTUP_MARK.

#[tauri::command]
fn ready() {
    eprintln!("STARTUP-READY");
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the floor app runs");
}
