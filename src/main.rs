//! Starts the app: replaces the static "Loading…" skeleton in `index.html` with the
//! mounted app.

use leptos::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    let body = document().body();
    if let Some(body) = &body {
        // The skeleton is there only for the seconds before the wasm runs.
        if let Ok(Some(skeleton)) = body.query_selector("#boot") {
            skeleton.remove();
        }
    }
    match body {
        Some(body) => leptos::mount::mount_to(body, aftercare::app::App).forget(),
        None => leptos::mount::mount_to_body(aftercare::app::App),
    }
}
