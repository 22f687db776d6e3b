//! Form bodies: repeated keys (checkbox groups) and one-line access; and `SignedForm`, a form sent by a
//! signed-in person with its CSRF token checked, taken before the handler runs.

use crate::AppState;
use crate::ctx::Visitor;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use heart_app::Actor;
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
    Directory = "directory",
    FollowUps = "follow-ups",
    Funds = "funds",
    Intake = "intake",
    Legal = "legal",
    Partner = "partner",
    Approvals = "approvals",
    Accounts = "accounts",
    Requests = "requests",
    Responder = "responder",
    Teams = "teams",
}

/// A form sent by a signed-in person: the visit (to render a page again), who sent it, and its fields. Taken in this
/// order: the body (413 past the router's limit), the visit, the sign-in (else to the sign-in page), the CSRF token
/// (else 403, before any field is read). What the person may do is the use cases' to say.
pub struct SignedForm<N: Nav> {
    pub v: Visitor,
    pub actor: Actor,
    pub form: FormData,
    nav: PhantomData<N>,
}

impl<N: Nav> FromRequest<AppState> for SignedForm<N> {
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
        let form = FormData::parse(&body);
        v.check_csrf(&headers, form.get("csrf"))
            .map_err(IntoResponse::into_response)?;
        Ok(SignedForm {
            v,
            actor,
            form,
            nav: PhantomData,
        })
    }
}

#[derive(Debug, Default)]
pub struct FormData(Vec<(String, String)>);

impl FormData {
    pub fn parse(body: &Bytes) -> Self {
        FormData(serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default())
    }
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
    /// The value, trimmed, or None when empty.
    pub fn text(&self, key: &str) -> Option<String> {
        heart_domain::text::clean(self.get(key))
    }
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some("on" | "yes" | "true" | "1"))
    }
    /// Keys with a prefix, prefix removed (e.g. `q_medical=yes` -> `medical`).
    pub fn prefixed(&self, prefix: &str) -> Vec<(String, String)> {
        self.0
            .iter()
            .filter_map(|(k, v)| k.strip_prefix(prefix).map(|q| (q.to_string(), v.clone())))
            .collect()
    }
    pub fn number(&self, key: &str) -> Result<Option<f64>, ()> {
        match self.text(key) {
            None => Ok(None),
            Some(s) => s.parse::<f64>().map(Some).map_err(|_| ()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_and_flags() {
        let f = FormData::parse(&Bytes::from_static(
            b"needs=food&needs=housing&safe_text=on&q_medical=no&summary=+hi+",
        ));
        assert_eq!(f.all("needs"), vec!["food", "housing"]);
        assert!(f.flag("safe_text") && !f.flag("safe_call"));
        assert_eq!(
            f.prefixed("q_"),
            vec![("medical".to_string(), "no".to_string())]
        );
        assert_eq!(f.text("summary").as_deref(), Some("hi"));
    }
}
