//! Starts the app: loads the words of the customer's language, then replaces the static
//! "Loading…" skeleton in `index.html` with the mounted app.

use leptos::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    // No reactive executor yet (mounting starts it): the browser's own runs this.
    wasm_bindgen_futures::spawn_local(async {
        aftercare::state::i18n::preload().await;
        let body = document().body();
        if let Some(body) = &body {
            // The skeleton is there only for the moments before the app runs.
            if let Ok(Some(skeleton)) = body.query_selector("#boot") {
                skeleton.remove();
            }
        }
        match body {
            Some(body) => leptos::mount::mount_to(body, aftercare::app::App).forget(),
            None => leptos::mount::mount_to_body(aftercare::app::App),
        }
    });
}
