//! The money API: funds, a fund's ledger, mutual-aid requests and their approvals (bearer tokens).
//!
//! Approving, declining and paying need a person: a token made with `heart token create --user NAME` acts as that
//! person, so the two-person rule holds over the API too; a token that is nobody's may read but not approve.

use crate::AppState;
use crate::api::{Bearer, ErrorBody, api, body};
use crate::error::WebError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use heart_app::AppError;
use heart_app::money::Aid;
use heart_app::money::Entry;
use heart_app::money::FundView;
use heart_app::money::NewAid;
use heart_domain::ids::{AidId, EntryId, FundId, RequestId, SubjectId};
use heart_domain::money::Currency;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn routes() -> Router<AppState> {
    use axum::routing::{get, post};
    Router::new()
        .route("/funds", get(funds))
        .route("/funds/{id}/ledger", get(ledger))
        .route("/mutual-aid", get(aid_list).post(aid_create))
        .route("/mutual-aid/{id}", get(aid_show))
        .route("/mutual-aid/{id}/approve", post(aid_approve))
        .route("/mutual-aid/{id}/decline", post(aid_decline))
        .route("/mutual-aid/{id}/pay", post(aid_pay))
}

use heart_domain::ledger::day_text as day;

/// A mutual-aid request and where it stands.
#[derive(Serialize, ToSchema)]
pub(crate) struct AidOut {
    #[schema(value_type = String)]
    id: AidId,
    #[schema(value_type = String)]
    request_id: RequestId,
    /// The person it is for (pseudonymous id).
    #[schema(value_type = String)]
    person: SubjectId,
    #[schema(value_type = String)]
    fund_id: FundId,
    amount_minor: i64,
    /// ISO 4217.
    currency: String,
    /// arrears, food, transport, phone, medicine, other.
    purpose: String,
    /// person or third_party.
    payee_kind: String,
    payee_name: Option<String>,
    /// check, card, cash, gift_card, bank_transfer.
    method: String,
    /// Personal: only in the single, audited read, and only to a person (left out otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<Option<String>>,
    requested_by: String,
    requested_at: String,
    approvals_needed: i64,
    approvals: Vec<ApprovalOut>,
    /// awaiting_approval, approved, paid or declined.
    status: String,
    declined_by: Option<String>,
    decline_reason: Option<String>,
    paid_by: Option<String>,
    paid_at: Option<String>,
    #[schema(value_type = Option<String>)]
    entry_id: Option<EntryId>,
    has_proof: bool,
    /// Send it back as `version` with a decision.
    version: i64,
}

/// One approval: who (an audit name) and when.
#[derive(Serialize, ToSchema)]
pub(crate) struct ApprovalOut {
    by: String,
    at: String,
}

impl AidOut {
    /// The request as the API shows it; `notes` only when `with_notes`.
    pub(crate) fn new(a: &Aid, with_notes: bool) -> Self {
        AidOut {
            id: a.id,
            request_id: a.request_id,
            person: a.subject,
            fund_id: a.fund_id,
            amount_minor: a.amount_minor,
            currency: a.currency.clone(),
            purpose: a.purpose.clone(),
            payee_kind: a.payee_kind.clone(),
            payee_name: a.payee_name.clone(),
            method: a.method.clone(),
            notes: with_notes.then(|| a.notes.clone()),
            requested_by: a.requested_by.clone(),
            requested_at: a.requested_at.to_string(),
            approvals_needed: a.approvals_needed,
            approvals: a
                .approvals
                .iter()
                .map(|(by, at)| ApprovalOut {
                    by: by.clone(),
                    at: at.to_string(),
                })
                .collect(),
            status: a.status.clone(),
            declined_by: a.declined_by.clone(),
            decline_reason: a.decline_reason.clone(),
            paid_by: a.paid_by.clone(),
            paid_at: a.paid_at.map(|t| t.to_string()),
            entry_id: a.entry_id,
            has_proof: a.proof_name.is_some(),
            version: a.version,
        }
    }
}

/// A journal entry as it touched one fund.
#[derive(Serialize, ToSchema)]
pub(crate) struct EntryOut {
    #[schema(value_type = String)]
    id: EntryId,
    /// The local date, `YYYY-MM-DD`.
    date: String,
    at: String,
    kind: &'static str,
    memo: String,
    /// What the entry did to this fund, in minor units.
    amount_minor: i64,
    /// The whole balanced entry.
    lines: Vec<LineOut>,
    #[schema(value_type = Option<String>)]
    reverses: Option<EntryId>,
    flagged: bool,
    /// What it is about (a gift, an aid request), if anything.
    #[serde(rename = "ref")]
    about: Option<RefOut>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct LineOut {
    #[schema(value_type = String)]
    fund_id: FundId,
    account: &'static str,
    amount_minor: i64,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct RefOut {
    kind: String,
    id: Option<String>,
}

impl EntryOut {
    fn new(e: &Entry, fund: FundId) -> Self {
        EntryOut {
            id: e.id,
            date: day(e.day),
            at: e.at.to_string(),
            kind: e.kind.as_str(),
            memo: e.memo.clone(),
            amount_minor: heart_domain::ledger::asset_deltas(&e.lines)
                .get(&fund)
                .copied()
                .unwrap_or(0),
            lines: e
                .lines
                .iter()
                .map(|l| LineOut {
                    fund_id: l.fund,
                    account: l.account.as_str(),
                    amount_minor: l.amount,
                })
                .collect(),
            reverses: e.reverses,
            flagged: e.flagged,
            about: e.ref_kind.as_ref().map(|k| RefOut {
                kind: k.clone(),
                id: e.ref_id.clone(),
            }),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct FundOut {
    #[schema(value_type = String)]
    id: FundId,
    name: String,
    /// ISO 4217.
    currency: String,
    /// What the fund holds now, in minor units (cents).
    balance_minor: i64,
}

impl From<&FundView> for FundOut {
    fn from(f: &FundView) -> Self {
        FundOut {
            id: f.id,
            name: f.name.clone(),
            currency: f.currency.clone(),
            balance_minor: f.balance_minor,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/funds", tag = "money",
    description = "Every fund with what it holds now, in minor units. Needs `finance`.",
    responses((status = 200, description = "Funds", body = [FundOut]), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token lacks `finance`", body = ErrorBody)))]
pub(crate) async fn funds(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
) -> Result<Response, WebError> {
    let funds = api(st.app.funds(&actor).await)?;
    Ok(Json(funds.iter().map(FundOut::from).collect::<Vec<_>>()).into_response())
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct Period {
    /// First local date, `YYYY-MM-DD` (default: 90 days ago).
    from: Option<String>,
    /// Last local date, included (default: today).
    to: Option<String>,
}

/// A fund's entries over a period, with the period's opening, in, out and closing.
#[derive(Serialize, ToSchema)]
pub(crate) struct LedgerOut {
    fund: FundOut,
    from: String,
    to: String,
    opening_minor: i64,
    in_minor: i64,
    out_minor: i64,
    closing_minor: i64,
    /// Oldest first; `amount_minor` is what the entry did to this fund, `lines` the whole balanced entry.
    entries: Vec<EntryOut>,
}

#[utoipa::path(get, path = "/api/v1/funds/{id}/ledger", tag = "money", params(("id" = String, Path, description = "The fund's id"), Period),
    description = "A fund's entries between two local dates, with the period's opening, in, out and closing. Needs `finance`.",
    responses((status = 200, description = "The ledger", body = LedgerOut), (status = 404, description = "No such fund", body = ErrorBody), (status = 422, description = "A bad date", body = ErrorBody)))]
pub(crate) async fn ledger(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    q: Result<Query<Period>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let Query(q) = q.map_err(|e| WebError::BadJson(e.body_text()))?;
    let (from, to) = api(st.app.period(q.from.as_deref(), q.to.as_deref()))?;
    let (fund, entries) = api(st
        .app
        .fund_ledger(&actor, &id, Some(&day(from)), Some(&day(to)))
        .await)?;
    let p = api(st.app.fund_period(&actor, fund.id, from, to).await)?;
    Ok(Json(LedgerOut {
        fund: FundOut::from(&fund),
        from: day(from),
        to: day(to),
        opening_minor: p.opening,
        in_minor: p.inflow,
        out_minor: p.outflow,
        closing_minor: p.closing,
        entries: entries.iter().map(|e| EntryOut::new(e, fund.id)).collect(),
    })
    .into_response())
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct AidQuery {
    /// awaiting_approval (default), approved, paid, declined.
    status: Option<String>,
}

/// A queue of mutual-aid requests (without their notes).
#[derive(Serialize, ToSchema)]
pub(crate) struct AidList {
    requests: Vec<AidOut>,
}

#[utoipa::path(get, path = "/api/v1/mutual-aid", tag = "money", params(AidQuery),
    description = "A queue of mutual-aid requests, oldest first (paid and declined: newest first). Needs `finance`.",
    responses((status = 200, description = "The queue", body = AidList), (status = 422, description = "Unknown status", body = ErrorBody)))]
pub(crate) async fn aid_list(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    q: Result<Query<AidQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let Query(q) = q.map_err(|e| WebError::BadJson(e.body_text()))?;
    let rows = api(st
        .app
        .aid_queue(&actor, q.status.as_deref().unwrap_or("awaiting_approval"))
        .await)?;
    // Notes are personal: only the single, audited read carries them.
    Ok(Json(AidList {
        requests: rows.iter().map(|a| AidOut::new(a, false)).collect(),
    })
    .into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AidBody {
    /// The care request the aid is for.
    request_id: String,
    /// The amount as text in major units ("380.00"), or `amount_minor`.
    amount: Option<String>,
    /// The amount in minor units (cents).
    #[serde(default, deserialize_with = "heart_domain::whole::opt")]
    amount_minor: Option<i64>,
    /// arrears, food, transport, phone, medicine, other.
    purpose: String,
    /// person or third_party.
    payee_kind: String,
    /// A third party's name (required for third_party); never the person's.
    payee_name: Option<String>,
    /// check, card, cash, gift_card, bank_transfer.
    method: String,
    notes: Option<String>,
    /// Default: the first mutual-aid fund.
    fund_id: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/mutual-aid", tag = "money", request_body = AidBody,
    description = "Asks for mutual aid for the person a care request is about. Needs a person's token (`--user`) holding `respond` or `coordinate`. Over a cap, a bad amount (negative, zero, a fraction of a cent, too large) or an unknown choice: 422 by field.",
    responses((status = 201, description = "Waiting for approval", body = AidOut), (status = 409, description = "A token that is nobody's", body = ErrorBody), (status = 422, description = "Invalid values, by field", body = ErrorBody)))]
pub(crate) async fn aid_create(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    b: Result<Json<AidBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let b = body(b)?;
    let amount = match (b.amount, b.amount_minor) {
        (Some(a), None) => a,
        (None, Some(m)) if m > 0 => Currency::usd().plain(m),
        (None, Some(_)) => {
            return Err(WebError::Api(AppError::field(
                "amount_minor",
                "amount_not_positive",
            )));
        }
        (None, None) => return Err(WebError::Api(AppError::field("amount", "required"))),
        (Some(_), Some(_)) => return Err(WebError::Api(AppError::field("amount", "one_of_two"))),
    };
    let id = api(st
        .app
        .ask_aid(
            &actor,
            &b.request_id,
            NewAid {
                amount,
                purpose: b.purpose,
                payee_kind: b.payee_kind,
                payee_name: b.payee_name,
                method: b.method,
                notes: b.notes,
                fund_id: b.fund_id,
            },
        )
        .await)?;
    let a = api(st.app.aid(&actor, &id.to_string()).await)?;
    Ok((
        StatusCode::CREATED,
        Json(AidOut::new(&a, actor.for_person())),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/mutual-aid/{id}", tag = "money", params(("id" = String, Path, description = "The aid request's id")),
    description = "One request. Needs `finance`, or to be the person who asked.",
    responses((status = 200, description = "The request", body = AidOut), (status = 404, description = "No such request", body = ErrorBody)))]
pub(crate) async fn aid_show(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let a = api(st.app.aid(&actor, &id).await)?;
    // Notes are personal: never to a token that acts for no person.
    Ok(Json(AidOut::new(&a, actor.for_person())).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Decision {
    /// The version you decided on (from the request); a stale one is 409.
    #[serde(deserialize_with = "heart_domain::whole::one")]
    version: i64,
    /// Why it is declined (decline only).
    reason: Option<String>,
}

async fn decide(
    st: AppState,
    actor: heart_app::Actor,
    id: String,
    b: Result<Json<Decision>, JsonRejection>,
    step: &'static str,
) -> Result<Response, WebError> {
    let b = body(b)?;
    match step {
        "approve" => api(st.app.approve_aid(&actor, &id, b.version).await)?,
        "decline" => api(st
            .app
            .decline_aid(&actor, &id, b.version, b.reason.as_deref().unwrap_or(""))
            .await)?,
        _ => {
            api(st.app.pay_aid(&actor, &id, b.version).await)?;
        }
    }
    let a = api(st.app.aid(&actor, &id).await)?;
    // Notes are personal: never to a token that acts for no person.
    Ok(Json(AidOut::new(&a, actor.for_person())).into_response())
}

#[utoipa::path(post, path = "/api/v1/mutual-aid/{id}/approve", tag = "money", request_body = Decision, params(("id" = String, Path, description = "The aid request's id")),
    description = "One approval by a person holding `finance` who did not ask for it (a person's token, `--user`); the request is approved with the last approval needed. Approving twice, one's own request, or a stale version: 409.",
    responses((status = 200, description = "The request now", body = AidOut), (status = 409, description = "Refused by the two-person rule or changed meanwhile", body = ErrorBody)))]
pub(crate) async fn aid_approve(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<Decision>, JsonRejection>,
) -> Result<Response, WebError> {
    decide(st, actor, id, b, "approve").await
}

#[utoipa::path(post, path = "/api/v1/mutual-aid/{id}/decline", tag = "money", request_body = Decision, params(("id" = String, Path, description = "The aid request's id")),
    description = "Declines with a reason (required), by a person holding `finance` who did not ask for it.",
    responses((status = 200, description = "The request now", body = AidOut), (status = 409, description = "Refused", body = ErrorBody), (status = 422, description = "No reason", body = ErrorBody)))]
pub(crate) async fn aid_decline(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<Decision>, JsonRejection>,
) -> Result<Response, WebError> {
    decide(st, actor, id, b, "decline").await
}

#[utoipa::path(post, path = "/api/v1/mutual-aid/{id}/pay", tag = "money", request_body = Decision, params(("id" = String, Path, description = "The aid request's id")),
    description = "Records that an approved request was paid and posts the disbursement in the same transaction. Paid twice, not approved, or more than the fund holds: 409; concurrent calls pay once.",
    responses((status = 200, description = "The request now, with `entry_id`", body = AidOut), (status = 409, description = "Refused", body = ErrorBody)))]
pub(crate) async fn aid_pay(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    Path(id): Path<String>,
    b: Result<Json<Decision>, JsonRejection>,
) -> Result<Response, WebError> {
    decide(st, actor, id, b, "pay").await
}
