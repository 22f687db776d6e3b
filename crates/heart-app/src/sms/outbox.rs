//! The outbox: replies sent to the provider with retries, and an erased person's messages deleted there.

use super::*;
use heart_store::outbox::{Outbox, Try};

/// The most segments one text takes before it is sent as several: 6 is 918 characters in the GSM alphabet, 402 in
/// UCS-2 (Spanish with accents too, Arabic, Chinese, Amharic, Bengali).
pub const SMS_MAX_SEGMENTS: usize = 6;

impl App {
    /// The provider's client, made once (making one reads the system's root certificates from disk).
    pub(super) fn sms_http(&self) -> reqwest::Client {
        static HTTP: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
        HTTP.get_or_init(|| {
            crate::payments::ensure_tls_provider();
            reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(15))
                .build()
                .unwrap_or_default()
        })
        .clone()
    }

    /// Sends one message through the provider's REST API (Twilio's shape).
    pub(super) async fn provider_send(
        &self,
        to: &str,
        body: &str,
        callback: &str,
    ) -> Result<String, SendError> {
        let c = &self.config.sms;
        let url = format!(
            "{}/2010-04-01/Accounts/{}/Messages.json",
            c.api_base.trim_end_matches('/'),
            c.account_sid
        );
        let mut form = vec![("To", to), ("From", c.from.as_str()), ("Body", body)];
        if !callback.is_empty() {
            form.push(("StatusCallback", callback));
        }
        let resp = self
            .sms_http()
            .post(url)
            .basic_auth(&c.account_sid, c.auth_token.as_deref())
            .form(&form)
            .send()
            .await
            .map_err(|e| {
                SendError::Retry(
                    if e.is_timeout() {
                        "timeout"
                    } else {
                        "unreachable"
                    }
                    .into(),
                )
            })?;
        let status = resp.status();
        let v: serde_json::Value = resp.json().await.unwrap_or_default();
        if status.is_success() {
            return v["sid"]
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| SendError::Retry("no sid in the answer".into()));
        }
        let code = v["code"]
            .as_i64()
            .map(|c| c.to_string())
            .unwrap_or_else(|| status.as_u16().to_string());
        if status.is_server_error() || status.as_u16() == 429 {
            Err(SendError::Retry(code))
        } else {
            Err(SendError::Refused(code))
        }
    }

    /// Puts a message in the outbox (sent by `send_due_sms`).
    /// A message to send, made of pieces (an answer, then the next question): as one text, or, when it would take
    /// more than [`SMS_MAX_SEGMENTS`] segments (soon, in a script outside the GSM alphabet), as several, cut between
    /// pieces and sentences and never inside a word, all due now and sent in order.
    pub(crate) fn sms_out(
        &self,
        subject: SubjectId,
        request: Option<RequestId>,
        phone: &str,
        pieces: &[&str],
        now: Timestamp,
    ) -> Vec<Op> {
        // Due now, all of them; they go in the order of their ids, which are made in order (time-ordered, and
        // monotonic within a process).
        heart_domain::text::pack_sms(pieces, SMS_MAX_SEGMENTS)
            .into_iter()
            .map(|body| {
                let at = now;
                Op::Sms(SmsOp::Insert(SmsRow {
                    id: SmsId::new(),
                    subject,
                    request,
                    direction: "out".into(),
                    phone: Some(phone.to_string()),
                    body: Some(body),
                    status: "queued".into(),
                    provider_sid: None,
                    attempts: 0,
                    next_at: Some(at),
                    error: None,
                    created_at: at,
                    updated_at: at,
                }))
            })
            .collect()
    }

    /// Sends what waits in the outbox and is due: a provider that is down is tried again later (5 s, 10 s, 20 s,
    /// ... at most 10 minutes apart), up to `MAX_ATTEMPTS` times. Returns how many went out. `callback` is the
    /// status URL the provider reports to.
    pub async fn send_due_sms(&self, callback: &str) -> AppResult<usize> {
        if self.config.sms.provider == "none" {
            return Ok(0);
        }
        let now = self.clock.now();
        let due = self.store.sms().sms_due(now, 50).await?;
        let mut sent = 0;
        for m in due {
            // Taken first, so two nodes never send the same text (the other skips it).
            let Some(was) = m.next_at else { continue };
            if !self.claim(Outbox::Texts, m.id, was).await? {
                continue;
            }
            let failed = |error: &str| Try::Failed {
                error: error.to_string(),
            };
            let (Some(phone), Some(body)) = (m.phone.clone(), m.body.clone()) else {
                // The person was erased meanwhile: nothing to send, nothing to say it with.
                self.settle(Outbox::Texts, m.id, m.attempts, failed("erased"))
                    .await?;
                continue;
            };
            if self.store.sms().sms_opted_out(&phone).await? {
                self.settle(Outbox::Texts, m.id, m.attempts, failed("opted_out"))
                    .await?;
                continue;
            }
            // The person's safe times, as they are now (they may have changed, or a retry may have slipped past
            // the window): outside them the text waits for the next opening, without counting a try.
            if let Some(rid) = m.request
                && let Some(r) = self.store.request(rid).await?
                && let safe = self.safe_now(&r.safe_contact)
                && !safe.now
                && let Some(opens) = safe.opens
            {
                let wait = Try::Again {
                    next_at: opens,
                    error: "not_safe_now".into(),
                };
                self.settle(Outbox::Texts, m.id, m.attempts, wait).await?;
                continue;
            }
            let attempts = m.attempts + 1;
            let outcome = match self.provider_send(&phone, &body, callback).await {
                Ok(sid) => {
                    sent += 1;
                    Try::Sent {
                        provider_ref: Some(sid),
                    }
                }
                Err(SendError::Retry(code)) if attempts < MAX_ATTEMPTS => Try::Again {
                    next_at: now + jiff::SignedDuration::from_secs(backoff_secs(m.attempts)),
                    error: code,
                },
                Err(SendError::Retry(code) | SendError::Refused(code)) => failed(&code),
            };
            self.settle(Outbox::Texts, m.id, attempts, outcome).await?;
        }
        Ok(sent)
    }

    /// Asks the provider to delete the texts of people who were erased (Twilio's Message resource DELETE):
    /// done when it answers 204, or 404 (gone already); tried again later (as the outbox does) when it is down
    /// or the message is still on its way; given up with the provider's code when refused. Returns how many
    /// were deleted.
    pub async fn delete_due_at_provider(&self) -> AppResult<usize> {
        if self.config.sms.provider == "none" {
            return Ok(0);
        }
        let now = self.clock.now();
        let c = &self.config.sms;
        let mut deleted = 0;
        for m in self.store.sms().sms_deletions_due(now, 50).await? {
            let Some(msid) = m.provider_sid.clone() else {
                continue;
            };
            let url = format!(
                "{}/2010-04-01/Accounts/{}/Messages/{}.json",
                c.api_base.trim_end_matches('/'),
                c.account_sid,
                msid
            );
            let answer = self
                .sms_http()
                .delete(url)
                .basic_auth(&c.account_sid, c.auth_token.as_deref())
                .send()
                .await;
            let attempts = m.attempts + 1;
            let (status, next, error) = match answer.map(|r| r.status().as_u16()) {
                Ok(204 | 404) => ("deleted_at_provider", None, None),
                // Down, limited, or the message is still being sent: later.
                Ok(code)
                    if (code >= 500 || code == 429 || code == 409) && attempts < MAX_ATTEMPTS =>
                {
                    (
                        heart_store::sms::DELETE_PENDING,
                        Some(now + jiff::SignedDuration::from_secs(backoff_secs(m.attempts))),
                        Some(code.to_string()),
                    )
                }
                Ok(code) => ("delete_failed", None, Some(code.to_string())),
                Err(_) if attempts < MAX_ATTEMPTS => (
                    heart_store::sms::DELETE_PENDING,
                    Some(now + jiff::SignedDuration::from_secs(backoff_secs(m.attempts))),
                    Some("unreachable".to_string()),
                ),
                Err(_) => ("delete_failed", None, Some("unreachable".to_string())),
            };
            if status == "deleted_at_provider" {
                deleted += 1;
            } else if status == "delete_failed" {
                tracing::warn!(
                    message = %m.id,
                    error = error.as_deref().unwrap_or(""),
                    "the text-message provider did not delete an erased person's message"
                );
            }
            self.store
                .apply(ChangeSet::new().op(Op::Sms(SmsOp::Update {
                    id: m.id,
                    status: status.into(),
                    provider_sid: m.provider_sid.clone(),
                    attempts,
                    next_at: next,
                    error,
                    at: now,
                })))
                .await?;
        }
        Ok(deleted)
    }
}
