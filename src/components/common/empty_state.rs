//! A friendly empty state that says what to do next.

use leptos::prelude::*;

/// A title, a sentence and the action that fills the emptiness.
#[component]
pub fn EmptyState(
    /// What is (not) here.
    #[prop(into)]
    title: Signal<String>,
    /// What to do about it.
    #[prop(into)]
    body: Signal<String>,
    /// The action (usually one button).
    children: Children,
) -> impl IntoView {
    view! {
        <div class="empty-state">
            <h2 class="heading-m">{title}</h2>
            <p>{body}</p>
            {children()}
        </div>
    }
}
