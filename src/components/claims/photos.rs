//! Photos and attachments: thumbnails that open the full image, and documents (PDF) as
//! named links with their size.

use aftercare_core::claims::ClaimFile;
use leptos::prelude::*;

use crate::components::coverage::proof::size_text;
use crate::state::i18n::{tr, use_i18n};

/// One file: its thumbnail linking to the full file, or its name and size.
#[component]
pub fn FileLink(
    /// The file.
    file: ClaimFile,
    /// Its place among its siblings, from 1, and how many there are (for the image's
    /// accessible name: "Photo 2 of 3").
    position: (usize, usize),
) -> impl IntoView {
    let i18n = use_i18n();
    let ClaimFile {
        file_name,
        url,
        thumb_url,
        bytes,
        ..
    } = file;
    let (n, of) = position;
    match thumb_url {
        Some(thumb) => {
            let name = file_name.clone();
            let alt = move || {
                i18n.t_with(
                    "claim.photo_alt",
                    &[("n", &n.to_string()), ("of", &of.to_string()), ("name", &name)],
                )
            };
            view! {
                <a href=url class="claim-file claim-file--image" target="_blank" rel="noopener">
                    <img src=thumb alt=alt class="claim-file__thumb" loading="lazy" width="96" height="96" />
                </a>
            }
            .into_any()
        }
        None => view! {
            <a href=url class="claim-file claim-file--document" target="_blank" rel="noopener">
                <svg class="claim-file__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M6 2h9l5 5v15H6zM14 2v6h6" />
                </svg>
                <span class="claim-file__name">{file_name}</span>
                <span class="claim-file__size">{move || size_text(i18n, bytes)}</span>
            </a>
        }
        .into_any(),
    }
}

/// A row of files (a message's attachments, or the photos).
#[component]
pub fn FileList(
    /// The files, in order.
    files: Vec<ClaimFile>,
) -> impl IntoView {
    let of = files.len();
    view! {
        <ul class="claim-files">
            {files
                .into_iter()
                .enumerate()
                .map(|(i, file)| view! { <li><FileLink file position=(i + 1, of) /></li> })
                .collect_view()}
        </ul>
    }
}

/// The claim's photos under their heading; a line saying there are none otherwise.
#[component]
pub fn PhotoGallery(
    /// The photos, in upload order.
    #[prop(into)]
    files: Signal<Vec<ClaimFile>>,
) -> impl IntoView {
    view! {
        <section class="section" aria-labelledby="claim-photos-heading">
            <h2 id="claim-photos-heading" class="heading-m">{tr("claim.photos_title")}</h2>
            {move || {
                let files = files.get();
                if files.is_empty() {
                    view! { <p>{tr("claim.no_photos")}</p> }.into_any()
                } else {
                    view! {
                        <p class="hint">{tr("claim.photos_hint")}</p>
                        <FileList files />
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
