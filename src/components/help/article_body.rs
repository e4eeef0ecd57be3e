//! An article's text, drawn from its safe blocks: every word goes in as text, never as
//! markup, and a link is drawn only when its target passes the same rule the server
//! applied ([`is_safe_href`]), so nothing an article says can run on the page.

use aftercare_core::articles::{is_safe_href, Block, Inline};
use leptos::prelude::*;

/// One run of text.
fn inline_view(inline: Inline) -> AnyView {
    match inline {
        Inline::Text(text) => text.into_any(),
        Inline::Strong(text) => view! { <strong>{text}</strong> }.into_any(),
        Inline::Emphasis(text) => view! { <em>{text}</em> }.into_any(),
        Inline::Code(text) => view! { <code class="article__code">{text}</code> }.into_any(),
        Inline::Link { text, href } if is_safe_href(&href) => {
            // Links leaving the portal do not learn where the reader came from.
            let external = !href.starts_with('/');
            view! {
                <a href=href rel=external.then_some("noopener noreferrer")>
                    {text}
                </a>
            }
            .into_any()
        }
        Inline::Link { text, .. } => text.into_any(),
    }
}

fn inlines_view(inlines: Vec<Inline>) -> impl IntoView {
    inlines.into_iter().map(inline_view).collect_view()
}

fn block_view(block: Block) -> AnyView {
    match block {
        Block::Heading { level: 2, inlines } => {
            view! { <h2 class="heading-m">{inlines_view(inlines)}</h2> }.into_any()
        }
        Block::Heading { level: 3, inlines } => {
            view! { <h3 class="heading-s">{inlines_view(inlines)}</h3> }.into_any()
        }
        Block::Heading { inlines, .. } => {
            view! { <h4 class="heading-s">{inlines_view(inlines)}</h4> }.into_any()
        }
        Block::Paragraph(inlines) => view! { <p>{inlines_view(inlines)}</p> }.into_any(),
        Block::List { ordered, items } => {
            let items = items
                .into_iter()
                .map(|item| view! { <li>{inlines_view(item)}</li> })
                .collect_view();
            if ordered {
                view! { <ol class="steps">{items}</ol> }.into_any()
            } else {
                view! { <ul class="bullets">{items}</ul> }.into_any()
            }
        }
        Block::Note(inlines) => view! {
            <div class="inset-text">
                <p>{inlines_view(inlines)}</p>
            </div>
        }
        .into_any(),
        Block::Code(text) => view! {
            <pre class="article__pre">
                <code>{text}</code>
            </pre>
        }
        .into_any(),
    }
}

/// The article's text.
#[component]
pub fn ArticleBody(
    /// The blocks, as the server sent them.
    blocks: Vec<Block>,
) -> impl IntoView {
    view! {
        <div class="article" lang=super::ARTICLES_LANG>
            {blocks.into_iter().map(block_view).collect_view()}
        </div>
    }
}
