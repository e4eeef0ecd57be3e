//! The back office's claims (role agent or admin): the queue, a claim with its product's
//! coverage, moving it through the workflow, the thread, quotes, the repair or
//! replacement that settles it, and the satisfaction report. Every move writes its
//! timeline row, audit entry and customer notification in one transaction.

use std::collections::{BTreeMap, HashMap};

use aftercare_core::api::RecordReplacementRequest;
use aftercare_core::claims::{
    check_work, quote_totals, validate_message, validate_quote, Actor, CentreSatisfaction, Claim,
    ClaimFacts, ClaimMessage, ClaimRepairRequest, ClaimReplacementRequest, ClaimStatus, Move,
    NewMessageRequest, NewQuoteRequest, Queue, QueueFilter, QueueItem, SatisfactionReport,
    TransitionRequest, AGE_TARGET_DAYS, QUEUE_PAGE, QUEUE_PAGE_MAX,
};
use aftercare_core::problem::FieldError;
use aftercare_core::warranty::RepairOutcome;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json as JsonBody;
use chrono::{Duration, Utc};
use sea_orm::sea_query::{Expr, Func, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait, Set, TransactionTrait,
};
use serde::Deserialize;
use serde_json::json;

use crate::auth::Agent;
use crate::claims::{self, By, Tell};
use crate::db::entities::{
    centre, claim, claim_message, product_model, quote, registered_product, survey, user,
};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::routes::agent::{repair_event, replace_unit, RepairReport};
use crate::routes::products::{find_visible, product_coverage};
use crate::{coverage, AppState};

/// `GET /agent/claims` as typed in the address: every value optional, and an empty one
/// (`?status=`) the same as none.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// A status name.
    pub status: Option<String>,
    /// A centre id.
    pub centre: Option<String>,
    /// A catalogue category.
    pub category: Option<String>,
    /// Whole days.
    pub min_age_days: Option<String>,
    /// How many claims to answer (default 100, at most 500).
    pub limit: Option<String>,
    /// How many of the oldest to skip.
    pub offset: Option<String>,
}

impl QueueQuery {
    /// The filter it asks for, or a 422 naming the values that make no sense.
    fn filter(self) -> ApiResult<(QueueFilter, u64, u64)> {
        fn given(value: Option<String>) -> Option<String> {
            value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
        }
        let mut errors = Vec::new();
        let status = given(self.status).and_then(|s| {
            let parsed = ClaimStatus::parse(&s);
            if parsed.is_none() {
                errors.push(FieldError::new(
                    "status",
                    "error.claim_status_unknown",
                    "Choose a status from the list",
                ));
            }
            parsed
        });
        let mut number = |field: &str, value: Option<String>| {
            given(value).and_then(|v| {
                let parsed = v.parse::<i64>().ok().filter(|n| *n >= 0);
                if parsed.is_none() {
                    errors.push(FieldError::new(
                        field,
                        "error.number_format",
                        "Enter a whole number",
                    ));
                }
                parsed
            })
        };
        let centre = number("centre", self.centre);
        let min_age_days = number("min_age_days", self.min_age_days);
        let limit = number("limit", self.limit);
        let offset = number("offset", self.offset);
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        let limit = limit.map_or(QUEUE_PAGE, |n| n.unsigned_abs().clamp(1, QUEUE_PAGE_MAX));
        let filter = QueueFilter {
            status,
            centre,
            category: given(self.category),
            min_age_days,
        };
        Ok((filter, limit, offset.map_or(0, i64::unsigned_abs)))
    }
}

/// `GET /agent/claims?status=&centre=&category=&min_age_days=`: the queue, oldest
/// first; by default every open claim. Claims older than the age target are flagged.
#[utoipa::path(get, path = "/agent/claims", tag = "agent", security(("session" = [])), params(QueueQuery), responses((status = 200, description = "The queue, oldest first", body = Queue), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 422, response = crate::openapi::Invalid)))]
pub async fn queue(
    State(state): State<AppState>,
    Agent(_agent): Agent,
    Query(q): Query<QueueQuery>,
) -> ApiResult<JsonBody<Queue>> {
    let (filter, limit, offset) = q.filter()?;
    let now = Utc::now();
    let mut select = claim::Entity::find();
    select = match filter.status {
        Some(status) => select.filter(claim::Column::Status.eq(status.as_str())),
        None => select.filter(
            claim::Column::Status.is_in(
                ClaimStatus::ALL
                    .into_iter()
                    .filter(|s| s.is_open())
                    .map(ClaimStatus::as_str),
            ),
        ),
    };
    if let Some(centre) = filter.centre {
        select = select.filter(claim::Column::CentreId.eq(centre));
    }
    if let Some(days) = filter.min_age_days {
        select =
            select.filter(claim::Column::CreatedAt.lte(now - Duration::days(days.min(36_500))));
    }
    if let Some(category) = &filter.category {
        select = select
            .join(
                JoinType::InnerJoin,
                claim::Relation::RegisteredProduct.def(),
            )
            .join(
                JoinType::InnerJoin,
                registered_product::Relation::ProductModel.def(),
            )
            .filter(product_model::Column::Category.eq(category.as_str()));
    }
    // One page, oldest first, so the answer stays small however long the queue grows;
    // the counts say how long it is: both in one pass over the matching claims.
    // "Over the target" as each item counts it: more than the target's whole days old.
    let over_target: SimpleExpr = Expr::case(
        Expr::col((claim::Entity, claim::Column::CreatedAt))
            .lte(now - Duration::days(AGE_TARGET_DAYS + 1)),
        1,
    )
    .finally(0)
    .into();
    let (total, overdue_total): (i64, i64) = select
        .clone()
        .select_only()
        .column_as(
            Expr::col((claim::Entity, claim::Column::Id)).count(),
            "total",
        )
        .column_as(
            SimpleExpr::from(Func::coalesce([
                Func::sum(over_target).into(),
                Expr::val(0).into(),
            ])),
            "overdue",
        )
        .into_tuple()
        .one(&state.db)
        .await?
        .unwrap_or((0, 0));
    let (total, overdue_total) = (
        u64::try_from(total).unwrap_or(0),
        u64::try_from(overdue_total).unwrap_or(0),
    );
    let rows = select
        .order_by_asc(claim::Column::CreatedAt)
        .order_by_asc(claim::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(&state.db)
        .await?;
    let items = claims::summaries(&state.db, &rows, true)
        .await?
        .into_iter()
        .map(|summary| {
            let age_days = (now - summary.created_at).num_days();
            QueueItem {
                claim: summary,
                age_days,
                overdue: age_days > AGE_TARGET_DAYS,
            }
        })
        .collect();
    Ok(JsonBody(Queue {
        items,
        target_days: AGE_TARGET_DAYS,
        total,
        overdue_total,
    }))
}

/// Any claim, or 404.
async fn find(state: &AppState, id: i64) -> ApiResult<claim::Model> {
    claim::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The claim as agents see it: with its customer's name, the moves open to agents, and
/// the product's coverage today for the claim's cause.
async fn agent_view(state: &AppState, agent: &user::Model, row: &claim::Model) -> ApiResult<Claim> {
    let mut view = claims::view(&state.db, row, Actor::Agent).await?;
    let (unit, model) = find_visible(state, agent, row.product_id).await?;
    let mut product = product_coverage(state, &unit, &model).await?;
    product.input.claim.cause = view.summary.cause;
    product.coverage = coverage::evaluate(&product.input);
    view.coverage = Some(product);
    Ok(view)
}

/// Loads the claim again after a change and answers it as agents see it.
async fn reload(state: &AppState, agent: &user::Model, id: i64) -> ApiResult<Claim> {
    let row = find(state, id).await?;
    agent_view(state, agent, &row).await
}

/// `GET /agent/claims/{id}`.
#[utoipa::path(get, path = "/agent/claims/{id}", tag = "agent", security(("session" = [])), params(("id" = i64, Path, description = "The claim id")), responses((status = 200, description = "The claim", body = Claim), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound)))]
pub async fn show(
    State(state): State<AppState>,
    Agent(agent): Agent,
    Path(id): Path<i64>,
) -> ApiResult<JsonBody<Claim>> {
    Ok(JsonBody(reload(&state, &agent, id).await?))
}

/// `POST /agent/claims/{id}/transition`: moves the claim if the workflow allows it (409
/// with the rule's code if not; 422 on `note` or `resolution` when one is missing). The
/// status, timeline, audit entry and customer notification are written together; a
/// request for information also appears in the thread. Quotes are sent with their lines
/// (`POST /agent/claims/{id}/quote`), not through here.
#[utoipa::path(post, path = "/agent/claims/{id}/transition", tag = "agent", security(("session" = [])), params(("id" = i64, Path, description = "The claim id")), request_body = TransitionRequest, responses((status = 200, description = "The claim after the move", body = Claim), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn transition(
    State(state): State<AppState>,
    Agent(agent): Agent,
    Path(id): Path<i64>,
    Json(req): Json<TransitionRequest>,
) -> ApiResult<JsonBody<Claim>> {
    let row = find(&state, id).await?;
    if req.to == ClaimStatus::QuoteSent {
        return Err(ApiError::Refused {
            code: "error.claim_transition",
            message: "Send the quote with its lines: that moves the claim to quote sent".to_owned(),
        });
    }
    let by = By {
        user: &agent,
        actor: Actor::Agent,
    };
    let mv = Move {
        to: req.to,
        actor: Actor::Agent,
        note: &req.note,
        resolution: req.resolution,
    };
    let txn = state.db.begin().await?;
    let moved = claims::move_claim(&txn, &row, by, &mv, "claim.transition", json!({})).await?;
    if req.to == ClaimStatus::AwaitingCustomer {
        ask_customer(&txn, &moved, &agent, req.note.trim()).await?;
    }
    claims::tell_customer(&txn, &moved, Tell::Status(req.to, &req.note)).await?;
    txn.commit().await?;
    state.wake_outbox();
    Ok(JsonBody(reload(&state, &agent, id).await?))
}

/// Puts an agent's request for information in the thread.
async fn ask_customer<C: sea_orm::ConnectionTrait>(
    db: &C,
    row: &claim::Model,
    agent: &user::Model,
    body: &str,
) -> ApiResult<claim_message::Model> {
    Ok(claim_message::ActiveModel {
        claim_id: Set(row.id),
        at: Set(row.updated_at),
        author_user_id: Set(agent.id),
        author: Set(Actor::Agent.as_str().to_owned()),
        body: Set(body.to_owned()),
        request_for_info: Set(true),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// `POST /agent/claims/{id}/messages`: writes to the customer, with the agent's uploaded
/// drafts attached. A request for information on a claim being reviewed (or not yet
/// looked at) also moves it to awaiting customer, with the message as the note.
#[utoipa::path(post, path = "/agent/claims/{id}/messages", tag = "agent", security(("session" = [])), params(("id" = i64, Path, description = "The claim id")), request_body = NewMessageRequest, responses((status = 201, description = "Written", body = ClaimMessage), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn post_message(
    State(state): State<AppState>,
    Agent(agent): Agent,
    Path(id): Path<i64>,
    Json(req): Json<NewMessageRequest>,
) -> ApiResult<(StatusCode, JsonBody<ClaimMessage>)> {
    let row = find(&state, id).await?;
    validate_message(&req.body, req.attachment_ids.len()).map_err(ApiError::Validation)?;
    let body = req.body.trim();
    let by = By {
        user: &agent,
        actor: Actor::Agent,
    };
    let status = claims::status_of(&row)?;
    let asks =
        req.request_for_info && matches!(status, ClaimStatus::Submitted | ClaimStatus::InReview);
    if asks && body.is_empty() {
        // The request is the note of the move to awaiting customer: it needs words.
        return Err(ApiError::Validation(vec![FieldError::new(
            "body",
            "error.claim_note_required",
            "Write what the customer should send",
        )]));
    }
    let txn = state.db.begin().await?;
    let mut current = row;
    if asks {
        // A claim nobody looked at yet is looked at first: the timeline shows both.
        let steps: &[ClaimStatus] = if status == ClaimStatus::Submitted {
            &[ClaimStatus::InReview, ClaimStatus::AwaitingCustomer]
        } else {
            &[ClaimStatus::AwaitingCustomer]
        };
        for to in steps {
            let mv = Move {
                to: *to,
                actor: Actor::Agent,
                note: if *to == ClaimStatus::AwaitingCustomer {
                    body
                } else {
                    ""
                },
                resolution: None,
            };
            current =
                claims::move_claim(&txn, &current, by, &mv, "claim.transition", json!({})).await?;
        }
    } else {
        current = claims::touch(&txn, &current).await?;
    }
    let message = claim_message::ActiveModel {
        claim_id: Set(current.id),
        at: Set(current.updated_at),
        author_user_id: Set(agent.id),
        author: Set(Actor::Agent.as_str().to_owned()),
        body: Set(body.to_owned()),
        request_for_info: Set(req.request_for_info),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    claims::attach(
        &txn,
        agent.id,
        &req.attachment_ids,
        current.id,
        Some(message.id),
        "attachments",
    )
    .await?;
    let tell = if asks {
        Tell::Status(ClaimStatus::AwaitingCustomer, body)
    } else {
        Tell::Message
    };
    claims::tell_customer(&txn, &current, tell).await?;
    txn.commit().await?;
    state.wake_outbox();
    Ok((
        StatusCode::CREATED,
        JsonBody(claims::message(&state.db, &message).await?),
    ))
}

/// `POST /agent/claims/{id}/quote`: sends a priced quote for a claim in review; an
/// earlier quote still waiting is withdrawn. The claim moves to quote sent and the
/// customer is told; nothing is done until they accept.
#[utoipa::path(post, path = "/agent/claims/{id}/quote", tag = "agent", security(("session" = [])), params(("id" = i64, Path, description = "The claim id")), request_body = NewQuoteRequest, responses((status = 201, description = "The claim with the quote sent", body = Claim), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn send_quote(
    State(state): State<AppState>,
    Agent(agent): Agent,
    Path(id): Path<i64>,
    Json(req): Json<NewQuoteRequest>,
) -> ApiResult<(StatusCode, JsonBody<Claim>)> {
    validate_quote(&req).map_err(ApiError::Validation)?;
    let row = find(&state, id).await?;
    let lines = serde_json::to_string(&req.lines)
        .map_err(|e| ApiError::Internal(format!("quote lines: {e}")))?;
    let totals = quote_totals(&req.lines, req.tax_rate_bp);
    let now = claims::now();
    let txn = state.db.begin().await?;
    quote::Entity::update_many()
        .col_expr(quote::Column::Status, Expr::value("withdrawn"))
        .filter(quote::Column::ClaimId.eq(row.id))
        .filter(quote::Column::Status.eq("pending"))
        .exec(&txn)
        .await?;
    let sent = quote::ActiveModel {
        claim_id: Set(row.id),
        lines_json: Set(lines),
        tax_rate_bp: Set(i32::try_from(req.tax_rate_bp).unwrap_or(i32::MAX)),
        currency: Set(req.currency.clone()),
        note: Set(req.note.trim().to_owned()),
        status: Set("pending".to_owned()),
        sent_at: Set(now),
        decided_at: Set(None),
        created_by: Set(agent.id),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mv = Move {
        to: ClaimStatus::QuoteSent,
        actor: Actor::Agent,
        note: &req.note,
        resolution: None,
    };
    let by = By {
        user: &agent,
        actor: Actor::Agent,
    };
    let details = json!({
        "quote_id": sent.id,
        "total_minor": totals.total_minor,
        "currency": req.currency,
    });
    let moved = claims::move_claim(&txn, &row, by, &mv, "claim.quote", details).await?;
    claims::tell_customer(&txn, &moved, Tell::Quote).await?;
    txn.commit().await?;
    state.wake_outbox();
    Ok((
        StatusCode::CREATED,
        JsonBody(reload(&state, &agent, id).await?),
    ))
}

/// Most parts one repair lists.
const MAX_PARTS: usize = 30;

/// `POST /agent/claims/{id}/repair`: records the repair done for the claim on the
/// product's service history (so the days at the centre extend the warranty), with a
/// line on the timeline and an audit entry.
#[utoipa::path(post, path = "/agent/claims/{id}/repair", tag = "agent", security(("session" = [])), params(("id" = i64, Path, description = "The claim id")), request_body = ClaimRepairRequest, responses((status = 201, description = "The claim with the repair recorded", body = Claim), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn record_repair(
    State(state): State<AppState>,
    Agent(agent): Agent,
    Path(id): Path<i64>,
    Json(req): Json<ClaimRepairRequest>,
) -> ApiResult<(StatusCode, JsonBody<Claim>)> {
    let row = find(&state, id).await?;
    work_may_start(&row)?;
    let (unit, _) = find_visible(&state, &agent, row.product_id).await?;
    let report = RepairReport {
        defect: &req.defect,
        handed_over: req.handed_over,
        returned_on: req.returned_on,
        parts_wait_days: req.parts_wait_days,
        outcome: req.outcome,
    };
    let mut event = repair_event(&unit, agent.id, &report)?;
    let parts: Vec<String> = req
        .parts
        .iter()
        .map(|p| p.trim().chars().take(200).collect::<String>())
        .filter(|p| !p.is_empty())
        .take(MAX_PARTS)
        .collect();
    event.claim_id = Set(Some(row.id));
    event.parts_json = Set(Some(
        serde_json::to_string(&parts).map_err(|e| ApiError::Internal(format!("parts: {e}")))?,
    ));
    let stay = req
        .returned_on
        .map(|back| (back - req.handed_over).num_days());
    let by = By {
        user: &agent,
        actor: Actor::Agent,
    };
    let txn = state.db.begin().await?;
    let event = event.insert(&txn).await?;
    let mut line = format!(
        "Repair recorded: {} (handed over {}",
        req.defect.trim(),
        req.handed_over
    );
    match (req.returned_on, stay) {
        (Some(back), Some(days)) => {
            line.push_str(&format!(", back {back}: {days} days at the centre)"))
        }
        _ => line.push_str(", still at the centre)"),
    }
    if req.outcome == RepairOutcome::NotFixed {
        line.push_str("; not fixed");
    }
    claims::note(&txn, &row, by, line).await?;
    claims::audit(
        &txn,
        &agent,
        "claim.repair",
        claims::subject(row.id),
        json!({
            "service_event_id": event.id,
            "product_id": unit.id,
            "defect": req.defect.trim(),
            "handed_over": req.handed_over,
            "returned_on": req.returned_on,
            "parts_wait_days": req.parts_wait_days,
            "outcome": req.outcome,
            "parts": parts,
        }),
    )
    .await?;
    claims::touch(&txn, &row).await?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        JsonBody(reload(&state, &agent, id).await?),
    ))
}

/// Refuses recording a repair or a replacement before work may start on the claim
/// (`check_work`): a 409 naming the rule.
fn work_may_start(row: &claim::Model) -> ApiResult<()> {
    let status = ClaimStatus::parse(&row.status)
        .ok_or_else(|| ApiError::Internal(format!("claim {} has status {}", row.id, row.status)))?;
    check_work(
        status,
        ClaimFacts {
            covered: row.covered,
        },
    )
    .map_err(|e| ApiError::Refused {
        code: e.code(),
        message: e.message(),
    })
}

/// `POST /agent/claims/{id}/replacement`: records the new unit that settles the claim;
/// the registration takes its serial and cover restarts from the replacement date.
#[utoipa::path(post, path = "/agent/claims/{id}/replacement", tag = "agent", security(("session" = [])), params(("id" = i64, Path, description = "The claim id")), request_body = ClaimReplacementRequest, responses((status = 201, description = "The claim with the replacement recorded", body = Claim), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn record_replacement(
    State(state): State<AppState>,
    Agent(agent): Agent,
    Path(id): Path<i64>,
    Json(req): Json<ClaimReplacementRequest>,
) -> ApiResult<(StatusCode, JsonBody<Claim>)> {
    let row = find(&state, id).await?;
    work_may_start(&row)?;
    let (unit, model) = find_visible(&state, &agent, row.product_id).await?;
    let old_serial = unit.serial.clone();
    let by = By {
        user: &agent,
        actor: Actor::Agent,
    };
    let request = RecordReplacementRequest {
        date: req.date,
        new_serial: req.new_serial,
    };
    let txn = state.db.begin().await?;
    let unit = replace_unit(&txn, unit, &model, agent.id, &request, Some(row.id)).await?;
    claims::note(
        &txn,
        &row,
        by,
        format!(
            "Replacement recorded: new unit {} from {} (was {old_serial})",
            unit.serial, request.date
        ),
    )
    .await?;
    claims::audit(
        &txn,
        &agent,
        "claim.replacement",
        claims::subject(row.id),
        json!({
            "product_id": unit.id,
            "date": request.date,
            "old_serial": old_serial,
            "new_serial": unit.serial,
        }),
    )
    .await?;
    claims::touch(&txn, &row).await?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        JsonBody(reload(&state, &agent, id).await?),
    ))
}

/// `GET /agent/satisfaction`: survey answers per centre that handled claims — how many
/// answered, their average and how many gave each score.
#[utoipa::path(get, path = "/agent/satisfaction", tag = "agent", security(("session" = [])), responses((status = 200, description = "Survey answers per centre", body = SatisfactionReport), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden)))]
pub async fn satisfaction(
    State(state): State<AppState>,
    Agent(_agent): Agent,
) -> ApiResult<JsonBody<SatisfactionReport>> {
    let counts: Vec<(Option<i64>, i32, i64)> = survey::Entity::find()
        .select_only()
        .column(survey::Column::CentreId)
        .column(survey::Column::Score)
        .column_as(survey::Column::Id.count(), "answers")
        .group_by(survey::Column::CentreId)
        .group_by(survey::Column::Score)
        .into_tuple()
        .all(&state.db)
        .await?;
    let handled: Vec<Option<i64>> = claim::Entity::find()
        .select_only()
        .column(claim::Column::CentreId)
        .distinct()
        .into_tuple()
        .all(&state.db)
        .await?;
    let mut per_centre: BTreeMap<i64, [u32; 5]> = handled
        .into_iter()
        .flatten()
        .map(|id| (id, [0; 5]))
        .collect();
    for (centre_id, score, answers) in counts {
        let (Some(centre_id), Ok(index)) = (centre_id, usize::try_from(score - 1)) else {
            continue;
        };
        if let Some(slot) = per_centre.entry(centre_id).or_default().get_mut(index) {
            *slot += u32::try_from(answers).unwrap_or(u32::MAX);
        }
    }
    let names: HashMap<i64, String> = centre::Entity::find()
        .filter(centre::Column::Id.is_in(per_centre.keys().copied()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let mut centres: Vec<CentreSatisfaction> = per_centre
        .into_iter()
        .map(|(centre_id, distribution)| {
            let responses: u32 = distribution.iter().sum();
            let total: u32 = distribution
                .iter()
                .zip(1u32..)
                .map(|(count, score)| count * score)
                .sum();
            CentreSatisfaction {
                centre_id,
                centre_name: names.get(&centre_id).cloned().unwrap_or_default(),
                responses,
                average: (responses > 0).then(|| f64::from(total) / f64::from(responses)),
                distribution,
            }
        })
        .collect();
    centres.sort_by(|a, b| a.centre_name.cmp(&b.centre_name));
    Ok(JsonBody(SatisfactionReport { centres }))
}
