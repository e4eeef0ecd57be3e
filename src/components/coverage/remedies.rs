//! "What you can ask for today": one card per remedy the engine opens, with the rule that
//! grants it in words, then the notes on how cover was worked out, whose terms these are
//! and which policy applies.

use aftercare_core::warranty::{Coverage, CoverageNote, Remedy, RemedyKind};
use leptos::prelude::*;

use crate::state::i18n::{tr, use_i18n};

/// The note every coverage carries; the section says it in its own words at the end.
const STATED_TERMS: &str = "note.stated_terms";
/// The notes explaining a start without proof of purchase.
pub const PROVISIONAL: &str = "note.provisional_start";

/// The heading of a remedy's card.
pub fn remedy_title_key(kind: RemedyKind) -> &'static str {
    match kind {
        RemedyKind::Refund => "remedy_kind.refund",
        RemedyKind::Exchange => "remedy_kind.exchange",
        RemedyKind::Replacement => "remedy_kind.replacement",
        RemedyKind::PriceReduction => "remedy_kind.price_reduction",
        RemedyKind::FreeRepair => "remedy_kind.free_repair",
        RemedyKind::PaidRepair => "remedy_kind.paid_repair",
    }
}

/// Why a remedy is open (the rule that grants it, in words) and until when: the body of
/// a remedy's card here, and of its choice when filing a claim.
#[component]
pub fn RemedyReason(
    /// The remedy, as the engine gave it.
    remedy: Remedy,
) -> impl IntoView {
    let i18n = use_i18n();
    let Remedy {
        reason,
        params,
        until,
        ..
    } = remedy;
    view! {
        <p class="remedy__reason">{move || i18n.reason(&reason, &params)}</p>
        {until
            .map(|date| {
                view! {
                    <p class="remedy__until" data-iso=date.to_string()>
                        {move || i18n.t_with("remedies.until", &[("date", &i18n.date(date))])}
                    </p>
                }
            })}
    }
}

/// One remedy: what, why, and until when.
#[component]
fn RemedyCard(remedy: Remedy) -> impl IntoView {
    let kind = remedy.kind;
    view! {
        <li class="remedy" data-remedy=kind.key()>
            <h3 class="remedy__title">{tr(remedy_title_key(kind))}</h3>
            <RemedyReason remedy />
        </li>
    }
}

/// One engine note as a paragraph, in the current language.
#[component]
pub fn NoteText(
    /// The note.
    note: CoverageNote,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = note.key.clone();
    view! { <p data-note=key>{move || i18n.reason(&note.key, &note.params)}</p> }
}

/// The notes as GOV.UK inset text. The stated-terms note is said at the end of the
/// section, and a provisional-start note in the proof-of-purchase section right below,
/// where the customer can act on it.
#[component]
fn Notes(notes: Vec<CoverageNote>) -> impl IntoView {
    let notes: Vec<CoverageNote> = notes
        .into_iter()
        .filter(|n| n.key != STATED_TERMS && !n.key.starts_with(PROVISIONAL))
        .collect();
    (!notes.is_empty()).then(|| {
        view! {
            <div class="inset-text">
                {notes
                    .into_iter()
                    .map(|note| view! { <NoteText note /> })
                    .collect_view()}
            </div>
        }
    })
}

/// The remedies section for one evaluation.
#[component]
pub fn RemediesToday(
    /// The coverage as it stands today.
    #[prop(into)]
    coverage: Signal<Coverage>,
) -> impl IntoView {
    let i18n = use_i18n();
    let remedies = Memo::new(move |_| coverage.with(|c| c.remedies.clone()));
    let notes = Memo::new(move |_| coverage.with(|c| c.notes.clone()));
    let policy = move || {
        coverage.with(|c| {
            i18n.t_with(
                "remedies.policy",
                &[("policy", &i18n.t(&c.policy_name_key))],
            )
        })
    };
    view! {
        <section class="section" aria-labelledby="remedies-heading">
            <h2 id="remedies-heading" class="heading-m">
                {tr("remedies.title")}
            </h2>
            <ul class="remedies" aria-labelledby="remedies-heading">
                {move || {
                    remedies
                        .get()
                        .into_iter()
                        .map(|remedy| view! { <RemedyCard remedy /> })
                        .collect_view()
                }}
            </ul>
            {move || view! { <Notes notes=notes.get() /> }}
            <p class="note">{tr("remedies.stated_terms")}</p>
            <p class="note" data-policy=move || coverage.with(|c| c.policy.clone())>{policy}</p>
        </section>
    }
}
