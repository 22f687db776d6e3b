//! Open311 GeoReport v2: a city's 311 system sends reports and reads their status.

use super::*;
use crate::IntoViews;

impl App {
    /// The token's holder, if it may hand requests in (`submit`, or `intake`); otherwise the spec's 403.
    pub async fn open311_actor(&self, api_key: Option<&str>) -> Result<Actor, Open311Error> {
        let key = api_key.map(str::trim).filter(|k| !k.is_empty());
        let Some(key) = key else {
            return Err(Open311Error::new(403, "api_key is missing"));
        };
        match self.token_actor(key).await {
            Ok(Some(a)) if a.caps.has_any(&[Capability::Submit, Capability::Intake]) => Ok(a),
            Ok(Some(_)) => Err(Open311Error::new(
                403,
                "this api_key may not create requests",
            )),
            Ok(None) => Err(Open311Error::new(403, "api_key is not valid")),
            Err(_) => Err(Open311Error::new(503, "try again shortly")),
        }
    }

    /// Creates a request from a 311 system; returns it and a token for `tokens/{token}` and `/status/{token}`.
    pub async fn open311_create(
        &self,
        actor: &Actor,
        post: Open311Post,
    ) -> Result<(crate::intake::Request, String), Open311Error> {
        let (mut new, kind) = post.to_request(&self.script)?;
        // What the report's words say (it is freezing, 20F) answers what the report itself left open.
        for (q, a) in self.script.answers_from_text(&new.summary) {
            new.answers.entry(q).or_insert(a);
        }
        let token = heart_crypto::random_token(24);
        let now = self.clock.now();
        let rid = RequestId::new();
        let extra = vec![Op::Channel(ChannelOp::Reply(ReplyOp::InsertToken {
            hash: hash(&token),
            row: SenderTokenRow {
                request: Some(rid),
                alert: None,
                source: "open311".into(),
                kind: kind.code.clone(),
                created_at: now,
            },
        }))];
        let row = self
            .open_request(actor, new, rid, extra)
            .await
            .map_err(|e| match e {
                OpenError::App(AppError::Invalid(f)) => {
                    let field = f.0.keys().next().cloned().unwrap_or_default();
                    Open311Error::new(400, format!("{field} is not valid"))
                }
                _ => Open311Error::new(503, "the request could not be saved; try again shortly"),
            })?;
        Ok((row.into(), token))
    }

    /// Requests made through Open311 in [start, end) (at most 90 days), newest first.
    pub async fn open311_requests(
        &self,
        start: Option<Timestamp>,
        end: Option<Timestamp>,
    ) -> Result<Vec<OutsideRequest>, Open311Error> {
        let now = self.clock.now();
        let window = jiff::SignedDuration::from_hours(24 * 90);
        let (start, end) = match (start, end) {
            (Some(s), Some(e)) => (s, e),
            (Some(s), None) => (s, (s + window).min(now)),
            (None, Some(e)) => (e - window, e),
            (None, None) => (now - window, now),
        };
        if end < start {
            return Err(Open311Error::new(400, "end_date is before start_date"));
        }
        if end.duration_since(start) > window {
            return Err(Open311Error::new(
                400,
                "start_date and end_date may be at most 90 days apart",
            ));
        }
        // Inclusive end (a whole second).
        let end = end + jiff::SignedDuration::from_secs(1);
        self.store
            .channels()
            .outside_requests("open311", start, end, 1000)
            .await
            .map(IntoViews::views)
            .map_err(|_| Open311Error::new(503, "try again shortly"))
    }

    pub async fn open311_request(&self, id: RequestId) -> AppResult<Option<OutsideRequest>> {
        Ok(self
            .store
            .channels()
            .outside_request("open311", id)
            .await?
            .map(Into::into))
    }

    /// The request an Open311 token stands for.
    pub async fn open311_token(&self, token: &str) -> AppResult<Option<RequestId>> {
        let t = self.store.channels().token(&hash(token)).await?;
        Ok(t.filter(|t| t.source == "open311").and_then(|t| t.request))
    }
}
