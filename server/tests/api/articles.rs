//! The help articles ("Self-help first"): finding one, reading it, and saying whether it
//! helped.

use aftercare_core::api::CatalogPage;
use aftercare_core::articles::{
    is_safe_href, Article, ArticleKind, ArticleList, Block, FeedbackTally, Inline,
};
use aftercare_core::problem::Problem;
use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::support::TestApp;

/// The catalogue id of the model with this SKU.
async fn model_id(app: &TestApp, sku: &str) -> i64 {
    let page: CatalogPage = app
        .call(Method::GET, &format!("/catalog/models?q={sku}"), None, None)
        .await
        .json();
    page.models
        .iter()
        .find(|m| m.sku == sku)
        .map(|m| m.id)
        .expect("model in catalogue")
}

async fn articles(app: &TestApp, query: &str) -> ArticleList {
    let reply = app
        .call(Method::GET, &format!("/articles{query}"), None, None)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

fn slugs(list: &ArticleList) -> Vec<&str> {
    list.articles.iter().map(|a| a.slug.as_str()).collect()
}

#[tokio::test]
async fn anyone_can_browse_every_help_article() {
    let app = TestApp::init().await;
    let list = articles(&app, "").await;
    assert!(list.articles.len() >= 30, "{}", list.articles.len());
    for kind in ArticleKind::ALL {
        assert!(
            list.articles.iter().any(|a| a.kind == kind),
            "no {kind:?} article"
        );
    }
    assert!(list.articles.iter().all(|a| !a.excerpt.is_empty()));
}

#[tokio::test]
async fn searching_drain_finds_the_washer_article_first() {
    let app = TestApp::init().await;
    let list = articles(&app, "?q=drain").await;
    assert_eq!(slugs(&list).first(), Some(&"washer-does-not-drain"));
    assert!(list.articles.len() <= 20);
    // As the customer puts it, too.
    let list = articles(&app, "?q=my%20washing%20machine%20won%27t%20drain").await;
    assert_eq!(slugs(&list).first(), Some(&"washer-does-not-drain"));
}

#[tokio::test]
async fn a_search_for_nothing_known_finds_nothing() {
    let app = TestApp::init().await;
    assert!(articles(&app, "?q=zeppelin").await.articles.is_empty());
}

#[tokio::test]
async fn a_model_sees_its_own_articles_and_its_whole_categorys() {
    let app = TestApp::init().await;
    let samsung = model_id(&app, "SAM-WW90T534DAW").await;
    let bosch = model_id(&app, "BSH-WAN28281").await;

    let for_samsung = articles(&app, &format!("?model={samsung}")).await;
    let found = slugs(&for_samsung);
    assert!(found.contains(&"samsung-washer-error-codes"), "{found:?}");
    assert!(found.contains(&"washer-does-not-drain"), "{found:?}");
    assert!(for_samsung
        .articles
        .iter()
        .all(|a| a.category == "washing-machine"));
    let codes = for_samsung
        .articles
        .iter()
        .find(|a| a.slug == "samsung-washer-error-codes")
        .expect("the Samsung article");
    assert_eq!(codes.model_ids, vec![samsung]);
    // The model's own article comes before the ones for every washer.
    assert_eq!(found.first(), Some(&"samsung-washer-error-codes"));

    let for_bosch = articles(&app, &format!("?model={bosch}")).await;
    assert!(!slugs(&for_bosch).contains(&"samsung-washer-error-codes"));
    assert!(slugs(&for_bosch).contains(&"washer-does-not-drain"));

    let dishwasher = model_id(&app, "BSH-SMS4HVI33E").await;
    let drained = articles(&app, &format!("?model={dishwasher}&q=drain")).await;
    assert_eq!(
        slugs(&drained).first(),
        Some(&"dishwasher-water-left-in-bottom")
    );

    assert!(articles(&app, "?model=999999").await.articles.is_empty());
}

#[tokio::test]
async fn articles_can_be_narrowed_to_a_kind_and_a_category() {
    let app = TestApp::init().await;
    let care = articles(&app, "?kind=care&category=dishwasher").await;
    assert!(!care.articles.is_empty());
    assert!(care
        .articles
        .iter()
        .all(|a| a.kind == ArticleKind::Care && a.category == "dishwasher"));
    let reply = app
        .call(Method::GET, "/articles?kind=recipes", None, None)
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_article_reads_whole_and_an_unknown_one_is_not_found() {
    let app = TestApp::init().await;
    let reply = app
        .call(Method::GET, "/articles/fridge-not-cooling", None, None)
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let article: Article = reply.json();
    assert_eq!(article.summary.title, "Fridge not cooling");
    assert_eq!(article.summary.kind, ArticleKind::Troubleshooting);
    assert!(article
        .body
        .iter()
        .any(|b| matches!(b, Block::List { ordered: true, .. })));
    assert_eq!(article.feedback, FeedbackTally::default());

    let reply = app
        .call(Method::GET, "/articles/how-to-fly", None, None)
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.header("content-type"), "application/problem+json");
    let problem: Problem = reply.json();
    assert_eq!(problem.code, "error.not_found");
}

fn inlines(block: &Block) -> Vec<&Inline> {
    match block {
        Block::Heading { inlines, .. } | Block::Paragraph(inlines) | Block::Note(inlines) => {
            inlines.iter().collect()
        }
        Block::List { items, .. } => items.iter().flatten().collect(),
        Block::Code(_) => Vec::new(),
    }
}

#[tokio::test]
async fn no_article_body_carries_markup_or_an_unsafe_link() {
    let app = TestApp::init().await;
    let list = articles(&app, "").await;
    for summary in list.articles {
        let article: Article = app
            .call(
                Method::GET,
                &format!("/articles/{}", summary.slug),
                None,
                None,
            )
            .await
            .json();
        let text = serde_json::to_string(&article.body).expect("serialises");
        let lower = text.to_lowercase();
        for markup in [
            "<script",
            "<iframe",
            "<img",
            "<a ",
            "<div",
            "<b>",
            "javascript:",
        ] {
            assert!(!lower.contains(markup), "{}: {markup}", summary.slug);
        }
        for inline in article.body.iter().flat_map(inlines) {
            if let Inline::Link { href, .. } = inline {
                assert!(is_safe_href(href), "{}: {href}", summary.slug);
                if let Some(target) = href.strip_prefix("/help/") {
                    let reply = app
                        .call(Method::GET, &format!("/articles/{target}"), None, None)
                        .await;
                    assert_eq!(reply.status, StatusCode::OK, "{}: {href}", summary.slug);
                }
            }
        }
    }
}

#[tokio::test]
async fn each_account_counts_once_in_an_articles_feedback() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let ben = app.customer("ben@example.com").await;
    let path = "/articles/washer-does-not-drain/feedback";
    let answer = |cookie: &String, solved: bool| {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            let reply = app
                .call(
                    Method::POST,
                    path,
                    Some(json!({ "solved": solved })),
                    Some(&cookie),
                )
                .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            reply.json::<FeedbackTally>()
        }
    };

    answer(&ana, true).await;
    let tally = answer(&ana, true).await;
    assert_eq!(
        tally,
        FeedbackTally {
            solved: 1,
            not_solved: 0
        }
    );
    // Ana changes her mind: her answer is replaced, not added.
    let tally = answer(&ana, false).await;
    assert_eq!(
        tally,
        FeedbackTally {
            solved: 0,
            not_solved: 1
        }
    );
    let tally = answer(&ben, true).await;
    assert_eq!(
        tally,
        FeedbackTally {
            solved: 1,
            not_solved: 1
        }
    );
    let article: Article = app
        .call(Method::GET, "/articles/washer-does-not-drain", None, None)
        .await
        .json();
    assert_eq!(article.feedback, tally);
}

#[tokio::test]
async fn answering_needs_an_account_and_a_real_article() {
    let app = TestApp::init().await;
    let reply = app
        .call(
            Method::POST,
            "/articles/washer-does-not-drain/feedback",
            Some(json!({ "solved": true })),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let agent = app.agent("agent@example.com").await;
    let reply = app
        .call(
            Method::POST,
            "/articles/how-to-fly/feedback",
            Some(json!({ "solved": true })),
            Some(&agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let reply = app
        .call(
            Method::POST,
            "/articles/washer-does-not-drain/feedback",
            Some(json!({ "solved": false })),
            Some(&agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
}
