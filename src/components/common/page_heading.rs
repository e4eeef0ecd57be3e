//! A page's one `h1`, which also names the browser tab and receives focus after
//! navigation (see [`crate::app::FocusOnNavigate`]).

use leptos::prelude::*;

use crate::state::i18n::use_i18n;

/// The page's `h1` and `<title>`.
#[component]
pub fn PageHeading(
    /// The heading's text.
    #[prop(into)]
    text: Signal<String>,
    /// The text's language when it is not the page's (an English help article's title).
    #[prop(optional, into)]
    lang: MaybeProp<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move || {
        let title = i18n.t_with("app.page_title", &[("page", &text.get())]);
        document().set_title(&title);
    });
    view! {
        <h1 class="heading-l" tabindex="-1" lang=move || lang.get()>
            {text}
        </h1>
    }
}
