//! Tauri's build step: reads tauri.conf.json beside Cargo.toml and the
//! capability files under src-tauri/capabilities.
fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*"),
    )
    .expect("tauri build step failed: check tauri.conf.json and src-tauri/capabilities");
}
