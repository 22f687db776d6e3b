//! Correcting a request after intake: a form with what can be corrected (what was said, where, the language, the
//! safe ways to reach the person and, once it was closed with an encounter, the needs named then), sent with the
//! version it was read at.

use super::*;
use crate::form::{flag, text};
use heart_domain::intake::{CorrectionInput, Location, SafeContact};

/// The correction form's fields. `location_was` and `withheld_was` are the place as the form showed it, so that an
/// unchanged place keeps the point it has (the words alone would be placed again).
#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub(crate) struct CorrectForm {
    pub(crate) version: String,
    pub(crate) summary: String,
    pub(crate) location_text: String,
    pub(crate) location_was: String,
    #[serde(deserialize_with = "flag")]
    pub(crate) location_withheld: bool,
    #[serde(deserialize_with = "flag")]
    pub(crate) withheld_was: bool,
    #[serde(deserialize_with = "flag")]
    pub(crate) safe_call: bool,
    #[serde(deserialize_with = "flag")]
    pub(crate) safe_text: bool,
    #[serde(deserialize_with = "flag")]
    pub(crate) safe_voicemail: bool,
    #[serde(flatten)]
    pub(crate) safe_times: crate::pages::SafeTimes,
    pub(crate) code_word: String,
    #[serde(deserialize_with = "text")]
    pub(crate) language: Option<String>,
    #[serde(deserialize_with = "flag")]
    pub(crate) interpreter: bool,
    /// The needs ticked, when the form showed them (`needs_shown`).
    pub(crate) need: Vec<String>,
    #[serde(deserialize_with = "flag")]
    pub(crate) needs_shown: bool,
}

impl CorrectForm {
    /// The form as the request is now.
    fn of(r: &Request, needs: Option<&[Need]>) -> Self {
        CorrectForm {
            version: r.version.to_string(),
            summary: r.summary.clone(),
            location_text: r.location.text.clone().unwrap_or_default(),
            location_was: r.location.text.clone().unwrap_or_default(),
            location_withheld: r.location.withheld,
            withheld_was: r.location.withheld,
            safe_call: r.safe_contact.call_ok,
            safe_text: r.safe_contact.text_ok,
            safe_voicemail: r.safe_contact.voicemail_ok,
            safe_times: crate::pages::SafeTimes::of(r.safe_contact.hours.as_deref()),
            code_word: r.safe_contact.code_word.clone().unwrap_or_default(),
            language: Some(r.language.clone()),
            interpreter: r.safe_contact.interpreter,
            need: needs
                .unwrap_or_default()
                .iter()
                .map(|n| n.as_str().to_string())
                .collect(),
            needs_shown: needs.is_some(),
        }
    }

    fn input(&self) -> Result<CorrectionInput, AppError> {
        let version = self
            .version
            .trim()
            .parse()
            .map_err(|_| AppError::field("version", "invalid"))?;
        let opt = |v: &str| Some(v.to_string()).filter(|s| !s.trim().is_empty());
        let moved = self.location_text.trim() != self.location_was.trim()
            || self.location_withheld != self.withheld_was;
        Ok(CorrectionInput {
            version,
            summary: Some(self.summary.clone()),
            location: moved.then(|| Location {
                text: opt(&self.location_text),
                lat: None,
                lon: None,
                withheld: self.location_withheld,
            }),
            language: self.language.clone(),
            safe_contact: Some(SafeContact {
                text_ok: self.safe_text,
                voicemail_ok: self.safe_voicemail,
                call_ok: self.safe_call,
                hours: self.safe_times.spec()?,
                code_word: opt(&self.code_word),
                interpreter: self.interpreter,
            }),
            needs: self.needs_shown.then(|| self.need.clone()),
        })
    }

    fn ticked(&self, need: &str) -> bool {
        self.need.iter().any(|n| n == need)
    }

    fn language_is(&self, l: &str) -> bool {
        self.language.as_deref() == Some(l)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "intake/correct.html")]
pub(crate) struct CorrectPage {
    ctx: Ctx,
    id: RequestId,
    values: CorrectForm,
    errors: Errors,
    languages: Vec<String>,
    /// The needs to choose from, when the request was closed with an encounter.
    needs: Option<Vec<&'static str>>,
}

async fn correct_page_for(
    st: &AppState,
    ctx: Ctx,
    actor: &Actor,
    id: RequestId,
    values: Option<CorrectForm>,
    errors: Errors,
) -> Result<CorrectPage, AppError> {
    let r = st.app.read_request(actor, id).await?;
    let encounters = st.app.encounters(actor, id).await?;
    let needs = encounters
        .iter()
        .max_by_key(|e| e.created_at)
        .map(|e| e.needs.clone());
    let values = values.unwrap_or_else(|| CorrectForm::of(&r, needs.as_deref()));
    let mut languages: Vec<String> = LANGUAGES.iter().map(|l| l.to_string()).collect();
    if !languages.contains(&r.language) {
        languages.insert(0, r.language.clone());
    }
    Ok(CorrectPage {
        ctx,
        id,
        values,
        errors,
        languages,
        needs: needs.map(|_| Need::ALL.iter().map(|n| n.as_str()).collect()),
    })
}

/// `GET /requests/{id}/correct`: the form, filled in as the request is now.
pub async fn correct_form(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let v = st.visitor(&headers, "requests").await?;
    let actor = v.signed_in()?;
    v.may(&st.app, Doing::CorrectRequests)?;
    let id: RequestId = parse_id(&id, &v.ctx)?;
    let lang = v.ctx.lang.clone();
    let page = correct_page_for(&st, v.ctx, &actor, id, None, Errors::default())
        .await
        .map_err(|e| WebError::page(e, &lang))?;
    Ok(page.into_response())
}

/// `POST /requests/{id}/correct`: saved, back to the request; a field to fix, the form again with the message.
pub async fn correct_submit(
    State(st): State<AppState>,
    Path(id): Path<String>,
    SignedForm { v, actor, form, .. }: SignedForm<nav::Requests, CorrectForm>,
) -> Result<Response, WebError> {
    v.may(&st.app, Doing::CorrectRequests)?;
    let id: RequestId = parse_id(&id, &v.ctx)?;
    let saved = match form.input() {
        Ok(input) => st.app.correct_request(&actor, id, input).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => Ok(see_other(&done(format!("/requests/{id}"), "corrected"))),
        Err(e @ AppError::Invalid(_)) => {
            let errors = Errors(field_messages(&v.ctx, &e));
            let lang = v.ctx.lang.clone();
            let page = correct_page_for(&st, v.ctx, &actor, id, Some(form), errors)
                .await
                .map_err(|e| WebError::page(e, &lang))?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(WebError::page(e, &v.ctx.lang)),
    }
}
