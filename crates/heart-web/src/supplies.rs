//! Supplies: the stock page (`/supplies`: what needs a coordinator's eye first, the stock by kind and place, walks'
//! shortfalls, the latest movements), the form for supplies received, given out or moved (`/supplies/move`), the
//! low marks (`/supplies/levels`), a donation's receipt (`/supplies/receipt/{token}`, printable, no value), and
//! the API (`/api/v1/supplies`).

use crate::AppState;
use crate::api::{Bearer, ErrorBody, api, body};
use crate::ctx::{Ctx, field_messages};
use crate::error::WebError;
use crate::form::{self, Nothing, SignedForm, nav};
use crate::intake::{done, see_other};
use crate::pages::Errors;
use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use heart_app::AppError;
use heart_app::doing::Doing;
use heart_app::supplies::{Supply, SupplyMove, SupplyReceipt};
use heart_domain::supply::{Direction, LevelInput, MoveInput, SOURCES};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The stock: every kind at every place that has some or a low mark.
#[derive(Serialize, ToSchema)]
pub(crate) struct SuppliesOut {
    supplies: Vec<Supply>,
}

#[utoipa::path(get, path = "/api/v1/supplies", tag = "supplies",
    description = "The stock: each kind at each place with something on hand or a low mark, how many are on hand, the low mark, whether it is low, and how many have expired or expire within 30 days. For a token with respond or coordinate.",
    responses((status = 200, description = "The stock", body = SuppliesOut), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token holds neither respond nor coordinate", body = ErrorBody)))]
pub(crate) async fn api_list(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
) -> Result<Response, WebError> {
    let supplies = api(st.app.supplies(&actor).await)?;
    Ok(Json(SuppliesOut { supplies }).into_response())
}

#[utoipa::path(post, path = "/api/v1/supplies/moves", tag = "supplies", request_body = MoveInput,
    description = "Records supplies received (bought: with the ledger entry that paid; donated in kind: with the donor, and a receipt that names the items and no value, to which items given together are added with `receipt`; or other), given out (by hand, or as mutual aid in kind for a request), moved between places, or discarded (expired or damaged; the soonest-expiring first). Stock never goes below zero: giving or moving more than is on hand is refused. For a token with respond or coordinate.",
    responses((status = 201, description = "Recorded", body = SupplyMove), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token holds neither respond nor coordinate", body = ErrorBody),
        (status = 422, description = "`receipt` (not_found, only_donated), `donor_name` and `donor_email` (with_receipt: the receipt names its donor), `direction` (required, unknown), `kind` (required, unknown), `place` (required, unknown), `to_place` (required, unknown, same_place, only_moved), `count` (required, out_of_range: 1 to 10,000, more_than_on_hand), `expires` (invalid_date, in_past, only_received), `source` (required, unknown, only_received), `ledger_entry_id` (required, not_found, only_bought), `donor_name` (too_long, only_donated), `donor_email` (invalid_email, only_donated), `request_id` (not_found, only_given)", body = ErrorBody)))]
pub(crate) async fn api_move(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    b: Result<Json<MoveInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let input = body(b)?;
    let m = api(st.app.move_supplies(&actor, input).await)?;
    Ok((StatusCode::CREATED, Json(m)).into_response())
}

#[utoipa::path(post, path = "/api/v1/supplies/levels", tag = "supplies", request_body = LevelInput,
    description = "Sets the low mark of a kind at a place: at or below it, the stock shows as low on the supplies page and the board, and goes in the coordinators' daily alert (0: never low). For a token with coordinate.",
    responses((status = 200, description = "Set; the kind at the place as it stands", body = Supply), (status = 400, description = "Malformed JSON or wrong types", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token does not hold coordinate", body = ErrorBody),
        (status = 422, description = "`kind` (required, unknown), `place` (required, unknown), `low_at` (required, out_of_range: 0 to 10,000)", body = ErrorBody)))]
pub(crate) async fn api_level(
    State(st): State<AppState>,
    Bearer(actor): Bearer,
    b: Result<Json<LevelInput>, JsonRejection>,
) -> Result<Response, WebError> {
    let input = body(b)?;
    let s = api(st.app.set_supply_level(&actor, input).await)?;
    Ok(Json(s).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "supplies/supplies.html")]
struct SuppliesPage {
    ctx: Ctx,
    stock: Vec<Supply>,
    /// Low or expiring (coordinators only).
    watch: Vec<Supply>,
    shortfalls: Vec<SupplyMove>,
    moves: Vec<SupplyMove>,
    coordinator: bool,
}

impl SuppliesPage {
    fn place(&self, p: &str) -> String {
        place_word(&self.ctx, p)
    }
    fn when(&self, m: &SupplyMove) -> String {
        self.ctx.date_time(m.at)
    }
}

/// What the board shows a coordinator of the supplies: what is low or expires within 30 days (nothing for others).
pub(crate) async fn to_watch(st: &AppState, headers: &HeaderMap) -> Result<Vec<Supply>, WebError> {
    let v = st.visitor(headers, "board").await?;
    let actor = v.signed_in()?;
    if st.app.may(&actor, Doing::KeepSupplies).is_err() {
        return Ok(Vec::new());
    }
    st.app
        .supplies_to_watch(&actor)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))
}

/// An operator's place in the page's language when the catalogue names it ("office", "van"), else as written.
pub(crate) fn place_word(ctx: &Ctx, p: &str) -> String {
    ctx.t_or(&format!("supply-place-{p}"), p)
}

pub async fn supplies_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "supplies").await?;
    let actor = v.may(&st.app, Doing::Supplies)?;
    let err = |e| WebError::page(e, &v.ctx.lang);
    let stock = st.app.supplies(&actor).await.map_err(err)?;
    let moves = st.app.supply_moves(&actor).await.map_err(err)?;
    let coordinator = st.app.may(&actor, Doing::KeepSupplies).is_ok();
    let (watch, shortfalls) = if coordinator {
        (
            st.app.supplies_to_watch(&actor).await.map_err(err)?,
            st.app.supply_shortfalls(&actor).await.map_err(err)?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(SuppliesPage {
        ctx: v.ctx,
        stock,
        watch,
        shortfalls,
        moves,
        coordinator,
    }
    .into_response())
}

/// The movement form (one direction a page).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct MoveForm {
    #[serde(deserialize_with = "form::text")]
    direction: Option<String>,
    #[serde(deserialize_with = "form::text")]
    kind: Option<String>,
    #[serde(deserialize_with = "form::text")]
    place: Option<String>,
    #[serde(deserialize_with = "form::text")]
    to_place: Option<String>,
    #[serde(deserialize_with = "form::text")]
    count: Option<String>,
    #[serde(deserialize_with = "form::text")]
    expires: Option<String>,
    #[serde(deserialize_with = "form::text")]
    source: Option<String>,
    #[serde(deserialize_with = "form::text")]
    ledger_entry_id: Option<String>,
    #[serde(deserialize_with = "form::text")]
    donor_name: Option<String>,
    #[serde(deserialize_with = "form::text")]
    donor_email: Option<String>,
    #[serde(deserialize_with = "form::text")]
    request_id: Option<String>,
    /// An earlier receipt this item goes on too.
    #[serde(deserialize_with = "form::text")]
    receipt: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "supplies/move.html")]
struct MovePage {
    ctx: Ctx,
    /// The day of the receipt this item goes on, when it goes on an earlier one.
    receipt_day: Option<String>,
    direction: &'static str,
    kinds: Vec<String>,
    places: Vec<String>,
    sources: &'static [&'static str],
    form: MoveForm,
    errors: Errors,
}

impl MovePage {
    fn place(&self, p: &str) -> String {
        place_word(&self.ctx, p)
    }
    fn is(&self, field: &str, value: &str) -> bool {
        let v = match field {
            "kind" => &self.form.kind,
            "place" => &self.form.place,
            "to_place" => &self.form.to_place,
            _ => &self.form.source,
        };
        v.as_deref() == Some(value)
    }
    fn value(&self, field: &str) -> String {
        let v = match field {
            "count" => &self.form.count,
            "expires" => &self.form.expires,
            "ledger_entry_id" => &self.form.ledger_entry_id,
            "donor_name" => &self.form.donor_name,
            "donor_email" => &self.form.donor_email,
            _ => &self.form.request_id,
        };
        v.clone().unwrap_or_default()
    }
}

async fn move_page(
    st: &AppState,
    actor: &heart_app::Actor,
    ctx: Ctx,
    direction: Direction,
    form: MoveForm,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let receipt_day = match &form.receipt {
        Some(token) => st.app.supply_receipt_day(actor, token).await.ok(),
        None => None,
    };
    let p = MovePage {
        ctx,
        receipt_day,
        direction: direction.as_str(),
        kinds: st.app.item_kinds().to_vec(),
        places: st.app.supply_places().to_vec(),
        sources: &SOURCES,
        form,
        errors,
    };
    (status, p).into_response()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct DirectionQuery {
    direction: Option<String>,
    /// An earlier receipt the new item goes on.
    receipt: Option<String>,
}

pub async fn move_form(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<DirectionQuery>, QueryRejection>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "supplies").await?;
    let actor = v.may(&st.app, Doing::Supplies)?;
    let q = q.map(|Query(q)| q).unwrap_or_default();
    let direction = q
        .direction
        .and_then(|d| Direction::parse(&d))
        .unwrap_or(Direction::Received);
    let form = match q.receipt.filter(|_| direction == Direction::Received) {
        Some(token) => MoveForm {
            receipt: Some(token),
            source: Some("donated".into()),
            ..MoveForm::default()
        },
        None => MoveForm::default(),
    };
    Ok(move_page(
        &st,
        &actor,
        v.ctx,
        direction,
        form,
        Errors::default(),
        StatusCode::OK,
    )
    .await)
}

pub async fn move_submit(
    State(st): State<AppState>,
    f: SignedForm<nav::Supplies, MoveForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let direction = form
        .direction
        .as_deref()
        .and_then(Direction::parse)
        .unwrap_or(Direction::Received);
    let done_key = match direction {
        Direction::Received => "supplies_received",
        Direction::Given => "supplies_given",
        Direction::Moved => "supplies_moved",
        Direction::Discarded => "supplies_discarded",
    };
    let count = match form.count.as_deref().map(str::parse::<i64>) {
        None => Ok(None),
        Some(Ok(n)) => Ok(Some(n)),
        Some(Err(_)) => Err(AppError::field("count", "invalid")),
    };
    let moved = match count {
        Ok(count) => {
            let input = MoveInput {
                direction: Some(direction.as_str().into()),
                kind: form.kind.clone(),
                place: form.place.clone(),
                to_place: form.to_place.clone(),
                count,
                expires: form.expires.clone(),
                source: form.source.clone(),
                ledger_entry_id: form.ledger_entry_id.clone(),
                donor_name: form.donor_name.clone(),
                donor_email: form.donor_email.clone(),
                request_id: form.request_id.clone(),
                receipt: form.receipt.clone(),
            };
            st.app.move_supplies(&actor, input).await
        }
        Err(e) => Err(e),
    };
    match moved {
        // Those who handle donors print the receipt; others are told it is recorded.
        Ok(m) => Ok(see_other(&match m.receipt {
            Some(r) if st.app.may(&actor, Doing::SupplyReceipts).is_ok() => {
                done(r, "supplies_received")
            }
            _ => done("/supplies".into(), done_key),
        })),
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(field_messages(&v.ctx, &e));
            Ok(move_page(
                &st,
                &actor,
                v.ctx,
                direction,
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await)
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

/// The low-mark form.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct LevelForm {
    #[serde(deserialize_with = "form::text")]
    kind: Option<String>,
    #[serde(deserialize_with = "form::text")]
    place: Option<String>,
    #[serde(deserialize_with = "form::text")]
    low_at: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "supplies/levels.html")]
struct LevelsPage {
    ctx: Ctx,
    stock: Vec<Supply>,
    kinds: Vec<String>,
    places: Vec<String>,
    form: LevelForm,
    errors: Errors,
}

impl LevelsPage {
    fn place(&self, p: &str) -> String {
        place_word(&self.ctx, p)
    }
}

async fn levels_page_with(
    st: &AppState,
    ctx: Ctx,
    actor: &heart_app::Actor,
    form: LevelForm,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, WebError> {
    let stock = st
        .app
        .supplies(actor)
        .await
        .map_err(|e| WebError::page(e, &ctx.lang))?
        .into_iter()
        .filter(|s| s.low_at > 0)
        .collect();
    let p = LevelsPage {
        ctx,
        stock,
        kinds: st.app.item_kinds().to_vec(),
        places: st.app.supply_places().to_vec(),
        form,
        errors,
    };
    Ok((status, p).into_response())
}

pub async fn levels_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "supplies").await?;
    let actor = v.may(&st.app, Doing::KeepSupplies)?;
    levels_page_with(
        &st,
        v.ctx,
        &actor,
        LevelForm::default(),
        Errors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn level_submit(
    State(st): State<AppState>,
    f: SignedForm<nav::Supplies, LevelForm>,
) -> Result<Response, WebError> {
    let SignedForm { v, actor, form, .. } = f;
    let set = match form.low_at.as_deref().map(str::parse::<i64>) {
        Some(Err(_)) => Err(AppError::field("low_at", "invalid")),
        low_at => {
            let input = LevelInput {
                kind: form.kind.clone(),
                place: form.place.clone(),
                low_at: low_at.and_then(Result::ok),
            };
            st.app.set_supply_level(&actor, input).await
        }
    };
    match set {
        Ok(_) => Ok(see_other(&done("/supplies/levels".into(), "supply_level"))),
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(field_messages(&v.ctx, &e));
            levels_page_with(
                &st,
                v.ctx,
                &actor,
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

pub async fn shortfall_checked(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Supplies, Nothing>,
) -> Result<Response, WebError> {
    st.app
        .check_supply_shortfall(&f.actor, &id)
        .await
        .map_err(|e| WebError::page(e, &f.v.ctx.lang))?;
    Ok(see_other(&done("/supplies".into(), "shortfall_checked")))
}

#[derive(Template, WebTemplate)]
#[template(path = "supplies/receipt.html")]
struct ReceiptPage {
    ctx: Ctx,
    token: String,
    receipt: SupplyReceipt,
    organisation: String,
}

pub async fn receipt_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "supplies").await?;
    let actor = v.may(&st.app, Doing::SupplyReceipts)?;
    let receipt = st
        .app
        .supply_receipt(&actor, &token)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let mut resp = ReceiptPage {
        ctx: v.ctx,
        token,
        receipt,
        organisation: st.app.config.money.organisation.clone(),
    }
    .into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}

pub fn pages() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/supplies", get(supplies_page))
        .route("/supplies/move", get(move_form).post(move_submit))
        .route("/supplies/levels", get(levels_page).post(level_submit))
        .route("/supplies/receipt/{token}", get(receipt_page))
        .route("/supplies/shortfalls/{id}/checked", post(shortfall_checked))
}

pub(crate) fn api_routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/supplies", get(api_list))
        .route("/supplies/moves", post(api_move))
        .route("/supplies/levels", post(api_level))
}
