//! Mutual aid pages: the queue, one request for aid with its approvals and proof of payment, asking for aid.

use super::*;

#[derive(Template, WebTemplate)]
#[template(path = "money/mutual_aid.html")]
struct AidQueuePage {
    ctx: Ctx,
    sections: Vec<(&'static str, Vec<Aid>)>,
}

pub async fn aid_queue_page(
    State(st): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "mutual-aid").await?;
    let actor = v.signed_in()?;
    let ctx = v.ctx;
    let q = |s: &'static str| {
        let st = st.clone();
        let actor = actor.clone();
        async move { st.app.aid_queue(&actor, s).await }
    };
    let mut paid = q("paid").await.map_err(page_err(&ctx))?;
    paid.truncate(50);
    let mut declined = q("declined").await.map_err(page_err(&ctx))?;
    declined.truncate(20);
    let sections = vec![
        (
            "aid-awaiting",
            q("awaiting_approval").await.map_err(page_err(&ctx))?,
        ),
        ("aid-approved", q("approved").await.map_err(page_err(&ctx))?),
        ("aid-paid", paid),
        ("aid-declined", declined),
    ];
    Ok(AidQueuePage { sections, ctx }.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "money/aid.html")]
struct AidPage {
    ctx: Ctx,
    a: Aid,
    fund: Option<FundView>,
    me: String,
    names: crate::trust::Names,
}

impl AidPage {
    fn may_approve(&self) -> bool {
        self.a.status == "awaiting_approval"
            && self.a.requested_by != self.me
            && !self.a.approvals.iter().any(|(w, _)| *w == self.me)
            && self.ctx.can("finance")
    }
    fn may_decline(&self) -> bool {
        (self.a.status == "awaiting_approval" || self.a.status == "approved")
            && self.a.requested_by != self.me
            && self.ctx.can("finance")
    }
    fn count(&self) -> String {
        format!("{}/{}", self.a.approvals.len(), self.a.approvals_needed)
    }
    fn may_pay(&self) -> bool {
        self.a.status == "approved" && self.a.requested_by != self.me && self.ctx.can("finance")
    }
}

pub async fn aid_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "mutual-aid").await?;
    let actor = v.signed_in()?;
    let ctx = v.ctx;
    let a = st.app.aid(&actor, &id).await.map_err(page_err(&ctx))?;
    let fund = if actor.caps.has(Capability::Finance) {
        st.app.fund(&actor, &a.fund_id.to_string()).await.ok()
    } else {
        None
    };
    let names = crate::trust::Names(st.app.staff_names().await.map_err(page_err(&ctx))?);
    Ok(AidPage {
        me: actor.audit_name(),
        ctx,
        a,
        fund,
        names,
    }
    .into_response())
}

/// A step of a mutual-aid ask (approve, decline with a reason, pay), at the version the person saw.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct AidStepForm {
    version: Option<String>,
    reason: String,
}

impl AidStepForm {
    fn version(&self) -> i64 {
        self.version
            .as_deref()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }
}

/// A responder's ask for mutual aid.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct AidAskForm {
    amount: String,
    purpose: String,
    payee_kind: String,
    #[serde(deserialize_with = "form::text")]
    payee_name: Option<String>,
    method: String,
    #[serde(deserialize_with = "form::text")]
    notes: Option<String>,
    #[serde(deserialize_with = "form::text")]
    fund_id: Option<String>,
}

pub async fn aid_step(
    State(st): State<AppState>,
    Path((id, step)): Path<(String, String)>,
    f: SignedForm<nav::Funds, AidStepForm>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::Finance, |st, actor, f| async move {
        match step.as_str() {
            "approve" => st.app.approve_aid(&actor, &id, f.version()).await?,
            "decline" => {
                st.app
                    .decline_aid(&actor, &id, f.version(), &f.reason)
                    .await?
            }
            "pay" => {
                st.app.pay_aid(&actor, &id, f.version()).await?;
            }
            _ => return Err(AppError::NotFound),
        }
        Ok(format!("/mutual-aid/{id}"))
    })
    .await
}

/// A receipt or proof of payment (multipart upload, up to 2 MB).
pub async fn aid_proof_upload(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    mut mp: Multipart,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "mutual-aid").await?;
    let actor = v.may(&st.app, Doing::SeeAid)?;
    let lang = v.ctx.lang.clone();
    let bad = |code: &str| WebError::page(AppError::field("proof", code), &lang);
    let (mut csrf, mut ver, mut file) = (String::new(), 0i64, None);
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => return Err(bad("too_large")),
        };
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.unwrap_or_default(),
            "version" => {
                ver = field
                    .text()
                    .await
                    .ok()
                    .and_then(|t| t.parse().ok())
                    .unwrap_or(0)
            }
            "proof" => {
                let name = field.file_name().unwrap_or("proof").to_string();
                let kind = field.content_type().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(|_| bad("too_large"))?;
                file = Some((name, kind, bytes.to_vec()));
            }
            _ => {}
        }
    }
    v.check_csrf(&headers, Some(&csrf))?;
    let (name, kind, bytes) = file.ok_or_else(|| bad("required"))?;
    st.app
        .attach_aid_proof(&actor, &id, ver, &name, &kind, bytes)
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    Ok(Redirect::to(&format!("/mutual-aid/{id}")).into_response())
}

pub async fn aid_proof_download(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "mutual-aid").await?;
    let actor = v.signed_in()?;
    let (_, kind, bytes) = st
        .app
        .aid_proof(&actor, &id)
        .await
        .map_err(page_err(&v.ctx))?;
    let kind = HeaderValue::from_str(&kind)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    Ok((
        [
            (header::CONTENT_TYPE, kind),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"proof\""),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        bytes,
    )
        .into_response())
}

/// `POST /requests/{id}/aid`: a responder asks for mutual aid for the person.
pub async fn aid_ask(
    State(st): State<AppState>,
    Path(id): Path<String>,
    f: SignedForm<nav::Funds, AidAskForm>,
) -> Result<Response, WebError> {
    finance_form(st, f, Doing::AskAid, |st, actor, f| async move {
        let input = NewAid {
            amount: f.amount,
            purpose: f.purpose,
            payee_kind: f.payee_kind,
            payee_name: f.payee_name,
            method: f.method,
            notes: f.notes,
            fund_id: f.fund_id,
        };
        let aid = st.app.ask_aid(&actor, &id, input).await?;
        Ok(format!("/mutual-aid/{aid}"))
    })
    .await
}
