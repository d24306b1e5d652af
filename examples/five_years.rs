//! Writes the benchmark's five-year database into a data folder, so the
//! app can be started on it: `cargo run --release --example five_years -- DIR`.

use loopready::store::{sample, Store};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: five_years DATA_DIR (an empty folder)");
    let path = std::path::Path::new(&dir).join(loopready::store::DB_FILE);
    assert!(!path.exists(), "{} exists already", path.display());
    let store = Store::open(&path).expect("the database opens");
    sample::five_years(&store, chrono::Local::now().date_naive()).expect("the data is written");
    println!("{}", path.display());
}
