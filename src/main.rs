//! The binary Trunk builds: the widget's wasm module.

/// At load only the panic hook is installed: embed.js then calls the exported
/// `mount_widgets` with the folder the widget's files come from (the default bank's English
/// texts are fetched from there).
#[cfg(all(target_arch = "wasm32", not(feature = "committee-page")))]
fn main() {
    branch_self_check::ui::install_panic_hook();
}

#[cfg(any(not(target_arch = "wasm32"), feature = "committee-page"))]
fn main() {
    eprintln!("branch-self-check runs in the browser: build it with `trunk build --release`.");
}
