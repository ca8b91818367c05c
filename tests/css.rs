//! The build script's CSS minifier, tested natively: `build.rs` compiles it into the build
//! script only, so its tests run from here.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../build/css.rs"]
mod css;
