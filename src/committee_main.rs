//! The committee workbench page's wasm module (committee.html).

/// At load only the panic hook is installed: committee-embed.js then calls the exported
/// `mount_committee`.
#[cfg(all(target_arch = "wasm32", feature = "committee-page"))]
fn main() {
    branch_self_check::committee_page::install_panic_hook();
}

#[cfg(not(all(target_arch = "wasm32", feature = "committee-page")))]
fn main() {
    eprintln!(
        "The committee workbench runs in the browser: build it with `trunk build --release`."
    );
}
