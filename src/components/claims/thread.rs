//! The message thread, oldest first, like a chat: the viewer's own messages on one side,
//! the other side's on the other, each with who, when and its attachments. A request for
//! information from an agent stands out and says so in words.

use aftercare_core::claims::{Actor, ClaimMessage};
use leptos::prelude::*;

use super::moment;
use super::photos::FileList;
use super::timeline::who;
use crate::state::i18n::{tr, use_i18n};

/// One message.
#[component]
fn Message(message: ClaimMessage, viewer: Actor) -> impl IntoView {
    let i18n = use_i18n();
    let ClaimMessage {
        id,
        at,
        author,
        author_name,
        body,
        attachments,
        request_for_info,
    } = message;
    let side = if author == viewer { "mine" } else { "theirs" };
    let meta = move || {
        i18n.t_with(
            "claim.timeline.meta",
            &[
                ("who", &who(i18n, author, &author_name)),
                ("when", &moment(i18n, at)),
            ],
        )
    };
    let body = body.trim().to_owned();
    view! {
        <li
            class=format!("message message--{side}")
            class:message--request=request_for_info
            data-message=id
        >
            {request_for_info.then(|| view! {
                <p class="message__flag">
                    <strong class="tag tag--yellow">{tr("claim.message_request")}</strong>
                </p>
            })}
            <p class="message__meta">
                <time datetime=at.to_rfc3339()>{meta}</time>
            </p>
            {(!body.is_empty()).then(|| view! { <p class="message__body">{body}</p> })}
            {(!attachments.is_empty()).then(|| view! { <FileList files=attachments /> })}
        </li>
    }
}

/// The thread (display only: the compose box is [`super::MessageCompose`]).
#[component]
pub fn MessageThread(
    /// The messages, oldest first.
    #[prop(into)]
    messages: Signal<Vec<ClaimMessage>>,
    /// Whose side "mine" is: the customer's page passes `Customer` (the default), the
    /// back office `Agent`.
    #[prop(default = Actor::Customer)]
    viewer: Actor,
) -> impl IntoView {
    move || {
        let list = messages.get();
        if list.is_empty() {
            view! { <p class="thread__empty">{tr("claim.no_messages")}</p> }.into_any()
        } else {
            view! {
                <ol class="thread">
                    {list.into_iter().map(|message| view! { <Message message viewer /> }).collect_view()}
                </ol>
            }
            .into_any()
        }
    }
}
