//! Form bodies as `Deserialize` structs whose errors name the field (`fields`), with the helpers forms need
//! (`text`: trimmed, none when empty; `flag`: a ticked checkbox); and `SignedForm`, a form sent by a signed-in
//! person with its CSRF token checked, taken before the handler runs.

use crate::AppState;
use crate::ctx::Visitor;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use heart_app::{Actor, AppError};
use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use std::marker::PhantomData;

/// Which entry of the navigation a page belongs to (marked as the current one).
pub trait Nav: Send {
    const KEY: &'static str;
}

macro_rules! navs {
    ($($name:ident = $key:literal),* $(,)?) => {
        /// The navigation's entries, as types for [`SignedForm`].
        pub mod nav {
            $(
                pub enum $name {}
                impl super::Nav for $name {
                    const KEY: &'static str = $key;
                }
            )*
        }
    };
}

navs! {
    Account = "account",
    Board = "board",
    Circles = "circles",
    Debriefs = "debriefs",
    Directory = "directory",
    FollowUps = "follow-ups",
    Funds = "funds",
    Intake = "intake",
    Legal = "legal",
    Outreach = "outreach",
    Partner = "partner",
    Approvals = "approvals",
    Accounts = "accounts",
    Requests = "requests",
    Responder = "responder",
    Rota = "rota",
    Supplies = "supplies",
    Teams = "teams",
    Trainings = "trainings",
    Warmline = "warmline",
}

/// A form's fields as the struct `T` names them (fields it does not name, such as `csrf`, are ignored; repeated keys
/// fill a `Vec`), or the one field that is wrong ("invalid"): the one serde names, else the form as a whole. Structs
/// take `#[serde(default)]`, so a field left out is empty, as a browser leaves out an unticked checkbox.
pub fn fields<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    serde_path_to_error::deserialize(serde_html_form::Deserializer::from_bytes(body)).map_err(|e| {
        let path = e.path().to_string();
        let field = if path.is_empty() || path == "." {
            "form"
        } else {
            path.as_str()
        };
        AppError::field(field, "invalid")
    })
}

/// A text field, trimmed; none when empty (`#[serde(deserialize_with = "form::text")]`).
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(heart_domain::text::clean(
        Option::<String>::deserialize(d)?.as_deref(),
    ))
}

/// A checkbox: ticked when sent as `on`, `yes`, `true` or `1` (`#[serde(deserialize_with = "form::flag")]`).
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(matches!(
        Option::<String>::deserialize(d)?.as_deref(),
        Some("on" | "yes" | "true" | "1")
    ))
}

/// Screening answers sent as `q_<question>=<answer>`, prefix removed (on a field
/// `#[serde(flatten, deserialize_with = "form::answers")]`, which takes the fields the struct does not name).
pub fn answers<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, String>, D::Error> {
    let all = std::collections::BTreeMap::<String, serde_json::Value>::deserialize(d)?;
    Ok(all
        .into_iter()
        .filter_map(|(k, v)| match (k.strip_prefix("q_"), v) {
            (Some(q), serde_json::Value::String(a)) => Some((q.to_string(), a)),
            _ => None,
        })
        .collect())
}

/// As [`answers`], unanswered questions (an empty answer) left out.
pub fn answered<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, String>, D::Error> {
    let mut all = answers(d)?;
    all.retain(|_, a| !a.is_empty());
    Ok(all)
}

/// A public form's CSRF token (a form sent with no sign-in checks it before it reads any field).
pub fn csrf_of(body: &[u8]) -> Option<String> {
    FormData::parse(body).get("csrf").map(str::to_owned)
}

/// A form with no fields of its own (a button): the CSRF token is all it sends.
#[derive(serde::Deserialize, Default)]
pub struct Nothing {}

/// How a form's body becomes the handler's input: a `Deserialize` struct ([`fields`]).
pub trait FromForm: Sized {
    fn from_form(body: &[u8]) -> Result<Self, AppError>;
}

impl<T: DeserializeOwned> FromForm for T {
    fn from_form(body: &[u8]) -> Result<Self, AppError> {
        fields(body)
    }
}

/// A form sent by a signed-in person: the visit (to render a page again), who sent it, where it was sent from
/// (`back`, a field every page's form may carry; the handler checks where it may lead), and its fields. Taken in
/// this order: the body (413 past the router's limit), the visit, the sign-in (else to the sign-in page), the CSRF
/// token (else 403, before any field is read), the fields (else 422 naming the field). What the person may do is the
/// use cases' to say.
pub struct SignedForm<N: Nav, T: FromForm> {
    pub v: Visitor,
    pub actor: Actor,
    pub back: Option<String>,
    pub form: T,
    /// Sent by a responder's phone after a time with no signal: the key it made for the action and its time
    /// (envelope fields `device_key` and `device_at`, which the responder's page adds to its forms).
    pub device: Option<heart_app::offline::FromDevice>,
    nav: PhantomData<N>,
}

impl<N: Nav, T: FromForm> FromRequest<AppState> for SignedForm<N, T> {
    type Rejection = Response;

    async fn from_request(req: Request, st: &AppState) -> Result<Self, Self::Rejection> {
        let headers = req.headers().clone();
        let body = Bytes::from_request(req, st)
            .await
            .map_err(IntoResponse::into_response)?;
        let v = st
            .visitor(&headers, N::KEY)
            .await
            .map_err(IntoResponse::into_response)?;
        let actor = v.signed_in().map_err(IntoResponse::into_response)?;
        let envelope = FormData::parse(&body);
        v.check_csrf(&headers, envelope.get("csrf"))
            .map_err(IntoResponse::into_response)?;
        let back = envelope.get("back").map(str::to_owned);
        let device = heart_app::offline::FromDevice::parse(
            envelope.get("device_key"),
            envelope.get("device_at"),
        )
        .map_err(|e| crate::error::WebError::page(e, &v.ctx.lang).into_response())?;
        let form = T::from_form(&body)
            .map_err(|e| crate::error::WebError::page(e, &v.ctx.lang).into_response())?;
        Ok(SignedForm {
            v,
            actor,
            back,
            form,
            device,
            nav: PhantomData,
        })
    }
}

/// A form's raw pairs: only for its envelope (the CSRF token and `back`), read before the fields.
#[derive(Debug, Default)]
struct FormData(Vec<(String, String)>);

impl FormData {
    fn parse(body: &[u8]) -> Self {
        FormData(serde_html_form::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default())
    }
    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(serde::Deserialize, Default, Debug)]
    #[serde(default)]
    struct Sample {
        needs: Vec<String>,
        #[serde(deserialize_with = "text")]
        summary: Option<String>,
        #[serde(deserialize_with = "text")]
        note: Option<String>,
        #[serde(deserialize_with = "flag")]
        safe_text: bool,
        #[serde(deserialize_with = "flag")]
        safe_call: bool,
        #[serde(deserialize_with = "flag")]
        consent: bool,
        #[serde(flatten, deserialize_with = "answered")]
        answers: BTreeMap<String, String>,
    }

    #[test]
    fn repeated_keys_flags_text_and_answers() {
        let f: Sample = fields(
            b"csrf=x&needs=food&needs=housing&safe_text=on&consent=yes&q_medical=no&q_safe=&summary=+hi+&note=+",
        )
        .unwrap();
        assert_eq!(f.needs, vec!["food", "housing"]);
        assert!(f.safe_text && f.consent && !f.safe_call);
        assert_eq!(f.summary.as_deref(), Some("hi"));
        assert_eq!(f.note, None);
        assert_eq!(
            f.answers,
            BTreeMap::from([("medical".to_string(), "no".to_string())])
        );
    }

    #[test]
    fn a_wrong_field_is_named() {
        // A text field sent twice is not a text: the error names it, and the code says what is wrong.
        let e = fields::<Sample>(b"summary=a&summary=b").unwrap_err();
        let AppError::Invalid(f) = e else {
            panic!("not a field error: {e:?}")
        };
        assert_eq!(f.0.get("summary").map(String::as_str), Some("invalid"));
    }

    #[test]
    fn the_envelope_is_read_apart_from_the_fields() {
        assert_eq!(csrf_of(b"a=1&csrf=tok%2B&b=2").as_deref(), Some("tok+"));
        assert_eq!(csrf_of(b"a=1"), None);
        // An empty form is a form with every field empty.
        let f: Sample = fields(b"").unwrap();
        assert!(f.needs.is_empty() && f.summary.is_none() && !f.consent);
    }
}
