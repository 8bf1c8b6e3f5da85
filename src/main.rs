//! The standalone page: mounts the widget into every `[data-branch-self-check]` element.

#[cfg(target_arch = "wasm32")]
fn main() {
    branch_self_check::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("branch-self-check runs in the browser: build it with `trunk build --release`.");
}
