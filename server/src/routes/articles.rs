//! The help articles ("Self-help first"): search, read, and "Did this solve your
//! problem?". Reading is open to everyone, signed in or not, since help matters most
//! before anyone has an account; answering needs an account, one answer per article.

use std::collections::HashMap;

use aftercare_core::articles::{
    Article, ArticleFeedbackRequest, ArticleKind, ArticleList, ArticleSummary, FeedbackTally,
};
use axum::extract::State;
use axum::Json as JsonBody;
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::db::entities::{article_feedback, product_model};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::knowledge_base::{knowledge_base, ArticleFilter, HelpArticle};
use crate::AppState;

/// `?q=&model=&category=&kind=` of the search; every part may be left out.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArticleQuery {
    /// Words to look for in titles (which count most) and texts.
    #[serde(default)]
    pub q: String,
    /// A catalogue model id: only articles about that model or its whole category.
    pub model: Option<i64>,
    /// A catalogue category, e.g. `dishwasher`.
    pub category: Option<String>,
    /// `troubleshooting`, `care` or `setup`.
    #[param(pattern = r"^\s*(troubleshooting|care|setup)?\s*$")]
    pub kind: Option<String>,
}

/// The catalogue ids of the SKUs the articles name, in one query.
async fn model_ids(state: &AppState, articles: &[&HelpArticle]) -> ApiResult<HashMap<String, i64>> {
    let skus: Vec<&String> = articles.iter().flat_map(|a| &a.skus).collect();
    if skus.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, String)> = product_model::Entity::find()
        .select_only()
        .column(product_model::Column::Id)
        .column(product_model::Column::Sku)
        .filter(product_model::Column::Sku.is_in(skus))
        .into_tuple()
        .all(&state.db)
        .await?;
    Ok(rows.into_iter().map(|(id, sku)| (sku, id)).collect())
}

/// The API form of an article's list fields. SKUs not in this database's catalogue are
/// left out of `model_ids`.
fn summary(article: &HelpArticle, ids: &HashMap<String, i64>) -> ArticleSummary {
    ArticleSummary {
        slug: article.slug.clone(),
        title: article.title.clone(),
        kind: article.kind,
        category: article.category.clone(),
        model_ids: article
            .skus
            .iter()
            .filter_map(|s| ids.get(s).copied())
            .collect(),
        excerpt: article.excerpt.clone(),
    }
}

/// The answers so far to one article.
async fn tally(state: &AppState, slug: &str) -> ApiResult<FeedbackTally> {
    let count = |solved: bool| {
        article_feedback::Entity::find()
            .filter(article_feedback::Column::ArticleSlug.eq(slug))
            .filter(article_feedback::Column::Solved.eq(solved))
            .count(&state.db)
    };
    let as_u32 = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(FeedbackTally {
        solved: as_u32(count(true).await?),
        not_solved: as_u32(count(false).await?),
    })
}

fn find(slug: &str) -> ApiResult<&'static HelpArticle> {
    knowledge_base().get(slug).ok_or(ApiError::NotFound)
}

/// `GET /articles?q=&model=&category=&kind=`: with words, the 20 best matches, best
/// first; without, every article that passes the filters. An unknown model has none.
#[utoipa::path(get, path = "/articles", tag = "articles", params(ArticleQuery), responses((status = 200, description = "Matching articles", body = ArticleList), (status = 400, response = crate::openapi::BadRequest)))]
pub async fn search(
    State(state): State<AppState>,
    Query(query): Query<ArticleQuery>,
) -> ApiResult<JsonBody<ArticleList>> {
    let kind = match query.kind.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(name) => Some(
            ArticleKind::parse(name)
                .ok_or_else(|| ApiError::BadRequest(format!("unknown kind {name:?}")))?,
        ),
    };
    let model = match query.model {
        None => None,
        Some(id) => match product_model::Entity::find_by_id(id).one(&state.db).await? {
            Some(m) => Some((m.sku, m.category)),
            None => {
                return Ok(JsonBody(ArticleList {
                    articles: Vec::new(),
                }))
            }
        },
    };
    let filter = ArticleFilter {
        query: query.q,
        kind,
        category: query.category.filter(|c| !c.trim().is_empty()),
        model,
    };
    let found = knowledge_base().search(&filter);
    let ids = model_ids(&state, &found).await?;
    Ok(JsonBody(ArticleList {
        articles: found.iter().map(|a| summary(a, &ids)).collect(),
    }))
}

/// `GET /articles/{slug}`: the whole article with its answers so far.
#[utoipa::path(get, path = "/articles/{slug}", tag = "articles", params(("slug" = String, Path, description = "The article's slug")), responses((status = 200, description = "The article with its answers so far", body = Article), (status = 404, response = crate::openapi::NotFound)))]
pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<JsonBody<Article>> {
    let article = find(&slug)?;
    let ids = model_ids(&state, &[article]).await?;
    Ok(JsonBody(Article {
        summary: summary(article, &ids),
        body: article.body.clone(),
        feedback: tally(&state, &article.slug).await?,
    }))
}

/// `POST /articles/{slug}/feedback`: the account's answer; a second answer replaces the
/// first, so each account counts once. Answers with the new tally.
#[utoipa::path(post, path = "/articles/{slug}/feedback", tag = "articles", security(("session" = [])), params(("slug" = String, Path, description = "The article's slug")), request_body = ArticleFeedbackRequest, responses((status = 200, description = "The article's tally with this answer", body = FeedbackTally), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 404, response = crate::openapi::NotFound), (status = 413, response = crate::openapi::PayloadTooLarge)))]
pub async fn feedback(
    State(state): State<AppState>,
    account: CurrentUser,
    Path(slug): Path<String>,
    Json(request): Json<ArticleFeedbackRequest>,
) -> ApiResult<JsonBody<FeedbackTally>> {
    let article = find(&slug)?;
    let now = Utc::now();
    article_feedback::Entity::insert(article_feedback::ActiveModel {
        article_slug: Set(article.slug.clone()),
        user_id: Set(account.0.id),
        solved: Set(request.solved),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            article_feedback::Column::UserId,
            article_feedback::Column::ArticleSlug,
        ])
        .update_columns([
            article_feedback::Column::Solved,
            article_feedback::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec(&state.db)
    .await?;
    Ok(JsonBody(tally(&state, &article.slug).await?))
}
