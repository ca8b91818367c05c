//! Writes the widget's stylesheet, minified, to `$OUT_DIR` for `src/element/styles.rs` to
//! compile in.

#[path = "build/css.rs"]
mod css;

use std::{env, fs, path::Path};

const SOURCE: &str = "style/task-history.css";

fn main() {
    println!("cargo::rerun-if-changed={SOURCE}");
    println!("cargo::rerun-if-changed=build/css.rs");
    let source = fs::read_to_string(SOURCE).expect("style/task-history.css is readable");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(
        Path::new(&out_dir).join("task-history.css"),
        css::minify(&source),
    )
    .expect("OUT_DIR is writable");
}
