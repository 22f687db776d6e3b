//! Trust pages: approvals (the two-person rule), the audit log, what
//! we hold, and the health of the deployment.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::form::{FromForm, Nav, SignedForm, nav};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use heart_app::care::person::DECLINE_REASONS;
use heart_app::doing::Doing;
use heart_app::trust::Approval;
use heart_app::trust::AuditLine;
use heart_app::trust::Health;
use heart_app::{Actor, AppError};
use heart_domain::access::Capability;
use heart_domain::ids::ApprovalId;
use std::collections::HashMap;

use crate::ctx::parse_id;

/// Audit names to what a page shows: staff usernames; anything else as it is (system, cli, token:...).
pub struct Names(pub HashMap<String, String>);

impl Names {
    pub fn of(&self, audit_name: &str) -> String {
        self.0
            .get(audit_name)
            .cloned()
            .unwrap_or_else(|| audit_name.to_string())
    }
}

pub(crate) async fn form_action<N: Nav, T: FromForm, F, Fut>(
    st: AppState,
    SignedForm { v, actor, form, .. }: SignedForm<N, T>,
    doing: Doing,
    act: F,
) -> Result<Response, WebError>
where
    F: FnOnce(AppState, Actor, T, Ctx) -> Fut,
    Fut: std::future::Future<Output = Result<String, WebError>>,
{
    v.may(&st.app, doing)?;
    let to = act(st.clone(), actor, form, v.ctx.clone()).await?;
    Ok(Redirect::to(&to).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "trust/approvals.html")]
struct ApprovalsPage {
    ctx: Ctx,
    items: Vec<Approval>,
    /// For each pending erasure: what it will erase (references and counts).
    previews: std::collections::HashMap<String, heart_app::care::person::ErasurePreview>,
    names: Names,
    me: String,
    decline_reasons: &'static [&'static str],
}

pub async fn approvals_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "approvals").await?;
    let actor = v.signed_in()?;
    let lang = v.ctx.lang.clone();
    let items = st
        .app
        .approvals(&actor)
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    let names = Names(
        st.app
            .staff_names()
            .await
            .map_err(|e| WebError::page(e, &lang))?,
    );
    let mut previews = std::collections::HashMap::new();
    if actor.caps.has(Capability::Coordinate) {
        for a in items
            .iter()
            .filter(|a| a.status == heart_domain::access::ApprovalStatus::Pending)
        {
            if let Some(p) = st
                .app
                .erasure_preview(&actor, a)
                .await
                .map_err(|e| WebError::page(e, &lang))?
            {
                previews.insert(a.id.to_string(), p);
            }
        }
    }
    Ok(ApprovalsPage {
        ctx: v.ctx,
        items,
        previews,
        names,
        me: actor.audit_name(),
        decline_reasons: DECLINE_REASONS,
    }
    .into_response())
}

pub async fn approval_decide(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Approvals, DecisionForm>,
) -> Result<Response, WebError> {
    form_action(
        st,
        f,
        Doing::DecideApprovals,
        |st, actor, form, ctx| async move {
            let aid: ApprovalId = parse_id(&id, &ctx)?;
            let approve = match form.decision.as_str() {
                "approve" => true,
                "decline" => false,
                _ => {
                    return Err(WebError::page(
                        AppError::field("decision", "choose_one"),
                        &ctx.lang,
                    ));
                }
            };
            st.app
                .decide(
                    &actor,
                    aid,
                    approve,
                    form.decline_reason.as_deref(),
                    form.code.as_deref(),
                    form.confirm == "yes",
                )
                .await
                .map_err(|e| WebError::page(e, &ctx.lang))?;
            Ok("/approvals".to_string())
        },
    )
    .await
}

/// The export, as a download: a form (with the second factor again), not a link, so it is never fetched by
/// accident and never lands in a history.
pub async fn export_download(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Requests, CodeForm>,
) -> Result<Response, WebError> {
    let aid: ApprovalId = parse_id(&id, &v.ctx)?;
    let doc = st
        .app
        .take_export(&actor, aid, form.code.as_deref())
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let body = serde_json::to_string_pretty(&doc).unwrap_or_default();
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"heart-export-{aid}.json\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "trust/audit.html")]
struct AuditPage {
    ctx: Ctx,
    rows: Vec<AuditLine>,
    names: Names,
}

pub async fn audit_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "audit").await?;
    let actor = v.signed_in()?;
    let (rows, names) = st
        .app
        .audit_page(&actor)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(AuditPage {
        ctx: v.ctx,
        rows,
        names: Names(names),
    }
    .into_response())
}

/// One kind of data we hold, in the reader's words.
#[derive(serde::Serialize)]
struct Held {
    fields: &'static [&'static str],
    what: String,
    why: String,
    kept: String,
    who_can_see: String,
    how_protected: String,
}

/// What we hold, said in `lang`.
fn held(
    lang: &fluent_templates::LanguageIdentifier,
    retention_days: i64,
    circle_days: i64,
) -> Vec<Held> {
    let say = |id: &str| {
        let days = if id == heart_app::trust::CIRCLE_KEPT {
            circle_days
        } else {
            retention_days
        };
        crate::i18n::t_args(lang, id, &[("days", days.to_string())])
    };
    heart_app::trust::inventory()
        .into_iter()
        .map(|i| Held {
            fields: i.fields,
            what: say(i.what),
            why: say(i.why),
            kept: say(i.kept),
            who_can_see: say(i.who_can_see),
            how_protected: say(i.how_protected),
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "trust/inventory.html")]
struct InventoryPage {
    ctx: Ctx,
    items: Vec<Held>,
}

/// What we hold: public, so anyone can ask and get the same answer, in their language.
pub async fn inventory_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "data").await?;
    Ok(InventoryPage {
        items: held(
            &v.ctx.lang,
            st.app.config.retention_days,
            st.app.config.circles.retention_days,
        ),
        ctx: v.ctx,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "trust/languages.html")]
struct LanguagesPage {
    ctx: Ctx,
    all: Vec<crate::languages::Coverage>,
}

/// `/languages`: how complete each language's translation is, and whether a fluent speaker reviewed it.
pub async fn languages_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "health").await?;
    v.may(&st.app, Doing::SeeLanguages)?;
    Ok(LanguagesPage {
        all: crate::languages::coverage(),
        ctx: v.ctx,
    }
    .into_response())
}

/// The same list for programs, in English (the source words).
pub async fn inventory_api(State(st): State<AppState>) -> Response {
    axum::Json(serde_json::json!({
        "items": held(&crate::i18n::DEFAULT, st.app.config.retention_days, st.app.config.circles.retention_days),
        "not_held": [
            "immigration status",
            "risk scores or 'frequent caller' flags",
            "anything for or from the police"
        ],
    }))
    .into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "trust/health.html")]
struct HealthPage {
    ctx: Ctx,
    h: Health,
}

impl HealthPage {
    fn mib(&self, bytes: &u64) -> String {
        format!("{:.1}", *bytes as f64 / (1024.0 * 1024.0))
    }
    fn gib(&self, bytes: &u64) -> String {
        format!("{:.1}", *bytes as f64 / (1024.0 * 1024.0 * 1024.0))
    }
}

pub async fn health_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "health").await?;
    let actor = v.signed_in()?;
    let h = st
        .app
        .health(&actor)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    Ok(HealthPage { ctx: v.ctx, h }.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "trust/legal.html")]
struct LegalPage {
    ctx: Ctx,
    items: Vec<heart_app::legal::LegalDemand>,
    names: Names,
    me: String,
    errors: crate::pages::Errors,
    from_kinds: &'static [&'static str],
    decisions: &'static [&'static str],
}

impl LegalPage {
    fn may_review(&self, d: &&heart_app::legal::LegalDemand) -> bool {
        d.closed_at.is_none()
            && d.second_review_by.is_none()
            && d.first_review_by.as_deref() != Some(self.me.as_str())
    }
}

async fn legal_page_for(
    st: &AppState,
    ctx: Ctx,
    actor: &Actor,
    errors: crate::pages::Errors,
) -> Result<LegalPage, WebError> {
    let lang = ctx.lang.clone();
    let items = st
        .app
        .legal_demands(actor)
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    let names = Names(
        st.app
            .staff_names()
            .await
            .map_err(|e| WebError::page(e, &lang))?,
    );
    Ok(LegalPage {
        ctx,
        items,
        names,
        me: actor.audit_name(),
        errors,
        from_kinds: heart_app::legal::FROM_KINDS,
        decisions: heart_app::legal::DECISIONS,
    })
}

pub async fn legal_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "legal").await?;
    let actor = v.signed_in()?;
    Ok(
        legal_page_for(&st, v.ctx, &actor, crate::pages::Errors::default())
            .await?
            .into_response(),
    )
}

pub async fn legal_record(
    State(st): State<AppState>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Legal, DemandForm>,
) -> Result<Response, WebError> {
    let d = heart_app::legal::NewDemand {
        received: form.received,
        from_kind: form.from_kind,
        reference: form.reference,
        asked: form.asked,
        request: form.request,
        gag_order: form.gag_order == "yes",
    };
    match st.app.record_legal_demand(&actor, d).await {
        Ok(_) => Ok(Redirect::to("/legal").into_response()),
        Err(e @ AppError::Invalid(_)) => {
            let errors = crate::pages::Errors(crate::ctx::field_messages(&v.ctx, &e));
            let page = legal_page_for(&st, v.ctx, &actor, errors).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

pub async fn legal_step(
    State(st): State<AppState>,
    Path((id, step)): Path<(String, String)>,
    f: SignedForm<nav::Legal, LegalStepForm>,
) -> Result<Response, WebError> {
    form_action(
        st,
        f,
        Doing::LegalDemands,
        |st, actor, form, ctx| async move {
            let lid: heart_domain::ids::LegalDemandId = parse_id(&id, &ctx)?;
            let r = match step.as_str() {
                "review" => {
                    st.app
                        .review_legal_demand(&actor, lid, &form.decision)
                        .await
                }
                "told" => st.app.legal_person_told(&actor, lid).await,
                "gag-lifted" => st.app.legal_gag_lifted(&actor, lid).await,
                "close" => {
                    st.app
                        .close_legal_demand(&actor, lid, &form.handed_over)
                        .await
                }
                _ => Err(AppError::NotFound),
            };
            r.map_err(|e| WebError::page(e, &ctx.lang))?;
            Ok("/legal".to_string())
        },
    )
    .await
}

#[derive(Template, WebTemplate)]
#[template(path = "trust/accounts.html")]
struct AccountsPage {
    ctx: Ctx,
    users: Vec<heart_app::auth::Account>,
    tokens: Vec<heart_app::auth::ApiToken>,
    all: &'static [Capability],
    /// A one-time link to choose a password (shown once, on the page that made it), and the message id of the
    /// words above it (a new account's, or a reset's).
    setup_link: Option<(String, &'static str)>,
    errors: crate::pages::Errors,
}

impl AccountsPage {
    fn person(&self, id: &Option<heart_domain::ids::UserId>) -> String {
        id.and_then(|id| self.users.iter().find(|u| u.id == id))
            .map(|u| u.display_name.clone())
            .unwrap_or_default()
    }
    fn works(&self, t: &heart_app::auth::ApiToken) -> bool {
        t.works(self.ctx.now)
    }
}

async fn accounts_page_for(
    st: &AppState,
    ctx: Ctx,
    actor: &Actor,
    setup_link: Option<(String, &'static str)>,
    errors: crate::pages::Errors,
) -> Result<AccountsPage, WebError> {
    let page = |e| WebError::page(e, &ctx.lang);
    let users = st.app.accounts(actor).await.map_err(page)?;
    let tokens = st.app.tokens(actor).await.map_err(page)?;
    Ok(AccountsPage {
        ctx,
        users,
        tokens,
        all: &Capability::ALL,
        setup_link,
        errors,
    })
}

pub async fn accounts_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "accounts").await?;
    let actor = v.signed_in()?;
    let page = accounts_page_for(&st, v.ctx, &actor, None, Default::default()).await?;
    Ok(page.into_response())
}

/// A new account: who, and what they should be able to do (asked for a second admin to approve).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct NewAccountForm {
    #[serde(deserialize_with = "crate::form::text")]
    username: Option<String>,
    #[serde(deserialize_with = "crate::form::text")]
    name: Option<String>,
    capability: Vec<String>,
}

/// Adds an account; the page shows its setup link once.
pub async fn account_add(
    State(st): State<AppState>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Accounts, NewAccountForm>,
) -> Result<Response, WebError> {
    v.may(&st.app, Doing::KeepAccounts)?;
    let caps = match form.capability.is_empty() {
        true => Ok(heart_domain::access::Capabilities::empty()),
        false => heart_domain::access::Capabilities::parse_list(&form.capability.join(",")),
    };
    let added = match caps {
        Err(_) => Err(AppError::field("capabilities", "unknown")),
        Ok(caps) => {
            st.app
                .add_account(
                    &actor,
                    form.username.as_deref().unwrap_or_default(),
                    form.name.as_deref(),
                    caps,
                )
                .await
        }
    };
    match added {
        Ok((_, setup, _)) => {
            let link = setup.map(|t| (format!("/setup/{t}"), "accounts-added"));
            let page = accounts_page_for(&st, v.ctx, &actor, link, Default::default()).await?;
            Ok(page.into_response())
        }
        Err(e @ AppError::Invalid(_)) => {
            let errors = crate::pages::Errors(
                crate::ctx::field_messages(&v.ctx, &e)
                    .into_iter()
                    .map(|(f, m)| (format!("new-{f}"), m))
                    .collect(),
            );
            let page = accounts_page_for(&st, v.ctx, &actor, None, errors).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}

/// Disables an account at once (one admin), or asks to enable it again (a second admin approves).
pub async fn account_active(
    State(st): State<AppState>,
    Path((id, change)): Path<(String, String)>,
    f: SignedForm<nav::Accounts, crate::form::Nothing>,
) -> Result<Response, WebError> {
    form_action(st, f, Doing::KeepAccounts, |st, actor, _, ctx| async move {
        let uid: heart_domain::ids::UserId = parse_id(&id, &ctx)?;
        let page = |e| WebError::page(e, &ctx.lang);
        match change.as_str() {
            "disable" => {
                st.app.disable_account(&actor, uid).await.map_err(page)?;
                Ok("/accounts?done=account_disabled".to_string())
            }
            "enable" => {
                st.app.ask_enable_account(&actor, uid).await.map_err(page)?;
                Ok("/approvals".to_string())
            }
            _ => Err(page(AppError::NotFound)),
        }
    })
    .await
}

/// Makes a password-reset link for someone else's account (their password and sessions end at once); the page
/// shows the link once.
pub async fn account_reset(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, .. }: SignedForm<nav::Accounts, crate::form::Nothing>,
) -> Result<Response, WebError> {
    v.may(&st.app, Doing::KeepAccounts)?;
    let uid: heart_domain::ids::UserId = parse_id(&id, &v.ctx)?;
    let token = st
        .app
        .reset_password_link(&actor, uid)
        .await
        .map_err(|e| WebError::page(e, &v.ctx.lang))?;
    let link = Some((format!("/setup/{token}"), "accounts-reset-done"));
    let page = accounts_page_for(&st, v.ctx, &actor, link, Default::default()).await?;
    Ok(page.into_response())
}

/// Ends an API token at once.
pub async fn token_revoke(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Accounts, crate::form::Nothing>,
) -> Result<Response, WebError> {
    form_action(st, f, Doing::KeepAccounts, |st, actor, _, ctx| async move {
        let tid: heart_domain::ids::TokenId = parse_id(&id, &ctx)?;
        st.app
            .revoke_token(&actor, tid)
            .await
            .map_err(|e| WebError::page(e, &ctx.lang))?;
        Ok("/accounts?done=token_revoked#tokens".to_string())
    })
    .await
}

pub async fn accounts_change(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Accounts, CapabilitiesForm>,
) -> Result<Response, WebError> {
    form_action(
        st,
        f,
        Doing::ChangeCapabilities,
        |st, actor, form, ctx| async move {
            let uid: heart_domain::ids::UserId = parse_id(&id, &ctx)?;
            let caps = heart_domain::access::Capabilities::parse_list(&form.capability.join(","))
                .map_err(|_| {
                WebError::page(AppError::field("capabilities", "unknown"), &ctx.lang)
            })?;
            st.app
                .ask_capabilities(&actor, uid, caps)
                .await
                .map_err(|e| WebError::page(e, &ctx.lang))?;
            Ok("/approvals".to_string())
        },
    )
    .await
}

/// A decision on an ask: approve or decline (with a reason), with the second factor and a confirmation where the
/// ask needs them.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct DecisionForm {
    decision: String,
    decline_reason: Option<String>,
    code: Option<String>,
    confirm: String,
}

/// A form that carries the second factor again.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct CodeForm {
    code: Option<String>,
}

impl CodeForm {
    pub(crate) fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
}

/// A legal demand as it arrived.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct DemandForm {
    received: String,
    from_kind: String,
    reference: String,
    asked: String,
    request: Option<String>,
    gag_order: String,
}

/// A step of a legal demand: the review's decision, or what was handed over at the close.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct LegalStepForm {
    decision: String,
    handed_over: String,
}

/// The capabilities asked for an account (a checkbox each).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct CapabilitiesForm {
    capability: Vec<String>,
}

/// The pages and forms of this area (its JSON API is in the API router).
pub fn pages() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/approvals", get(crate::trust::approvals_page))
        .route(
            "/approvals/{id}/decide",
            post(crate::trust::approval_decide),
        )
        .route(
            "/approvals/{id}/export",
            post(crate::trust::export_download),
        )
        .route("/audit", get(crate::trust::audit_page))
        .route("/data", get(crate::trust::inventory_page))
        .route("/api/v1/data-inventory", get(crate::trust::inventory_api))
        .route("/health", get(crate::trust::health_page))
        .route("/languages", get(crate::trust::languages_page))
        .route(
            "/legal",
            get(crate::trust::legal_page).post(crate::trust::legal_record),
        )
        .route(
            "/accounts",
            get(crate::trust::accounts_page).post(crate::trust::account_add),
        )
        .route(
            "/accounts/{id}/{change}",
            post(crate::trust::account_active),
        )
        .route(
            "/accounts/{id}/reset-password",
            post(crate::trust::account_reset),
        )
        .route("/tokens/{id}/revoke", post(crate::trust::token_revoke))
        .route(
            "/accounts/{id}/capabilities",
            post(crate::trust::accounts_change),
        )
        .route("/legal/{id}/{step}", post(crate::trust::legal_step))
}
