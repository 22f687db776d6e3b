//! Two-way text messages through a Twilio-compatible provider: a texter starts a request or goes on with their open
//! one; STOP, START and HELP are honoured; replies and updates wait in the outbox until the provider takes them
//! (retried while it is down); updates go only to people who said texting is safe (SAFE). Bodies and numbers are
//! sealed under the person's data key.

use crate::requests::OpenError;
use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_crypto::webhook::{WebhookError, verify_twilio_signature};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::events::{EventKind, LiveEvent};
use heart_domain::ids::{RequestId, SmsId, SubjectId};
use heart_domain::intake::{Channel, Contact, IntakeInput, parse_phone};
use heart_domain::time::Timestamp;
use heart_domain::triage;
use heart_store::sms::{SmsOp, SmsRow};
use heart_store::{ChangeSet, Op, RequestRow, StoreError};
use serde::{Deserialize, Serialize};

/// The longest message taken (the provider joins a long text into one of at most 1,600 characters).
pub const MAX_SMS_CHARS: usize = 1_600;
/// Tries before an outgoing message is given up as failed.
pub const MAX_ATTEMPTS: i64 = 12;

/// `[sms]`: the provider.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct SmsConfig {
    /// "none" (no texting) or "twilio" (Twilio or a provider with its API).
    pub provider: String,
    /// The provider's API origin.
    pub api_base: String,
    /// The account id (`AC...`).
    pub account_sid: String,
    /// The number people text, as the provider writes it ("+16175550100").
    pub from: String,
    /// This server's public origin as the provider calls it ("https://heart.example.org"): the signature covers
    /// the exact URL. Empty: the address the provider used (the Host header).
    pub public_url: String,
    /// From `HEART_TWILIO_AUTH_TOKEN` only (never a settings file).
    #[serde(skip)]
    pub auth_token: Option<String>,
}

impl Default for SmsConfig {
    fn default() -> Self {
        SmsConfig {
            provider: "none".into(),
            api_base: "https://api.twilio.com".into(),
            account_sid: String::new(),
            from: String::new(),
            public_url: String::new(),
            auth_token: None,
        }
    }
}

impl SmsConfig {
    pub fn check(&self) -> Result<(), String> {
        match self.provider.as_str() {
            "none" => Ok(()),
            "twilio" => {
                if self.account_sid.is_empty() || self.from.is_empty() {
                    return Err("sms.provider is twilio: set sms.account_sid and sms.from".into());
                }
                if self.auth_token.as_deref().unwrap_or("").is_empty() {
                    return Err("sms.provider is twilio: set HEART_TWILIO_AUTH_TOKEN".into());
                }
                Ok(())
            }
            p => Err(format!("unknown sms.provider {p:?} (none or twilio)")),
        }
    }
}

/// Why an inbound message or report was refused. Nothing was written.
#[derive(Debug)]
pub enum SmsRefusal {
    NotConfigured,
    Signature(WebhookError),
    /// A field missing or malformed (its name).
    Bad(&'static str),
    App(AppError),
}

impl From<AppError> for SmsRefusal {
    fn from(e: AppError) -> Self {
        SmsRefusal::App(e)
    }
}

impl From<StoreError> for SmsRefusal {
    fn from(e: StoreError) -> Self {
        SmsRefusal::App(e.into())
    }
}

/// The provider's answer to one send.
#[derive(Debug)]
pub enum SendError {
    /// Down, slow, or a 5xx/429: try again later.
    Retry(String),
    /// Refused for good (a 4xx: a bad number): the provider's code.
    Refused(String),
}

/// What the keyword in a message asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keyword {
    Stop,
    Start,
    Help,
    /// Texting this number is safe: updates may come by text.
    Safe,
    /// Texts from now on in this language ("es" for ES or ESPAÑOL, "en" for EN or ENGLISH).
    Language(&'static str),
}

/// A message that is only a keyword (any case, spaces and punctuation around it ignored).
pub fn keyword(body: &str) -> Option<Keyword> {
    let w = body
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_uppercase();
    Some(match w.as_str() {
        "STOP" | "STOPALL" | "UNSUBSCRIBE" | "CANCEL" | "END" | "QUIT" => Keyword::Stop,
        "START" | "UNSTOP" => Keyword::Start,
        "HELP" | "INFO" => Keyword::Help,
        "SAFE" => Keyword::Safe,
        "ES" | "ESPAÑOL" | "ESPANOL" | "SPANISH" => Keyword::Language("es"),
        "EN" | "ENGLISH" | "INGLÉS" | "INGLES" => Keyword::Language("en"),
        _ => return None,
    })
}

/// A reply that is the number of one of a question's answers ("2", " 2. "): that answer's id.
pub fn answer_by_number(
    script: &heart_domain::triage::Script,
    question: &str,
    body: &str,
) -> Option<String> {
    let n: usize = body
        .trim()
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()?;
    let q = script.question(question)?;
    q.answers.get(n.checked_sub(1)?).map(|a| a.id.clone())
}

/// Turns message ids into words in a language (the web layer's Fluent catalogue).
pub trait Words: Send + Sync {
    /// `None` when the catalogue has no such message.
    fn say(&self, lang: &str, key: &str, args: &[(&'static str, String)]) -> Option<String>;
    /// A screening script's text (message `id`, see `Script::texts`) in `lang`, else its `english`.
    fn script(&self, lang: &str, id: &str, english: &str) -> String;
}

/// Seconds before the next try after `attempts` failed ones: 5 s, 10 s, 20 s, ... at most 10 minutes.
pub fn backoff_secs(attempts: i64) -> i64 {
    let exp = u32::try_from(attempts.clamp(0, 10)).unwrap_or(10);
    (5_i64 << exp).min(600)
}

impl App {
    fn sms_http(&self) -> reqwest::Client {
        crate::payments::ensure_tls_provider();
        reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(15))
            .build()
            .unwrap_or_default()
    }

    /// Sends one message through the provider's REST API (Twilio's shape).
    async fn provider_send(
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
    pub(crate) fn sms_out(
        &self,
        subject: SubjectId,
        request: Option<RequestId>,
        phone: &str,
        body: &str,
        now: Timestamp,
    ) -> Op {
        Op::Sms(SmsOp::Insert(SmsRow {
            id: SmsId::new(),
            subject,
            request,
            direction: "out".into(),
            phone: Some(phone.to_string()),
            body: Some(body.to_string()),
            status: "queued".into(),
            provider_sid: None,
            attempts: 0,
            next_at: Some(now),
            error: None,
            created_at: now,
            updated_at: now,
        }))
    }

    /// "Friday 17:00" in `lang` (weekday names from the catalogue), else the English text given.
    fn local_time_words(
        &self,
        lang: &str,
        local: Option<jiff::civil::DateTime>,
        english: &Option<String>,
    ) -> String {
        let Some(at) = local else {
            return english.clone().unwrap_or_default();
        };
        let day = self.words.get().and_then(|w| {
            w.say(
                lang,
                &format!("weekday-{}", at.weekday().to_monday_one_offset()),
                &[],
            )
        });
        match day {
            Some(d) => format!("{d} {:02}:{:02}", at.hour(), at.minute()),
            None => english.clone().unwrap_or_default(),
        }
    }

    /// The words of a text in `lang` (the catalogue's `sms-<key>` when the web layer gave one), else English.
    fn sms_words(&self, key: &str, lang: &str, args: &[(&'static str, String)]) -> String {
        if let Some(w) = self.words.get()
            && let Some(text) = w.say(lang, &format!("sms-{key}"), args)
        {
            return text;
        }
        let arg = |n: &str| {
            args.iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let team = arg("team");
        match key {
            "help" => format!(
                "{team}: community crisis support, not an emergency service. Text us what is happening. \
                 Reply STOP to stop texts. Any hour: 988, or the MA Behavioral Health Help Line 833-773-2445; \
                 911 for a medical emergency."
            ),
            "start" => format!("{team}: you can text us again. Reply STOP to stop."),
            "choice" => format!("{} for {}", arg("n"), arg("answer")),
            "safe" => {
                format!("{team}: thank you. We will text you updates here. Reply STOP to stop.")
            }
            "on-the-way" => format!("{team}: a team is on the way."),
            "not-found" => {
                format!("{team}: we could not find you. Reply to this message to continue.")
            }
            "closed" => format!(
                " We are closed now; your message is kept for the next shift ({}).",
                arg("at")
            ),
            "full" => format!(
                " Every responder is with someone else right now (until about {}); your message is kept and \
                 taken up as soon as someone is free.",
                arg("until")
            ),
            "question" => format!("{} Reply {}.", arg("question"), arg("choices")),
            "screened" => format!("{team}: thank you, that helps us send the right support."),
            "language" => format!("{team}: we will text you in English."),
            _ => format!(
                "{team} has your message.{} If it is safe for us to text you updates here, reply SAFE. \
                 Not an emergency service: any hour 988 or 833-773-2445; 911 for a medical emergency. Reply \
                 STOP to stop. Para español, responda ES.",
                arg("state")
            ),
        }
    }

    /// A screening script's words in `lang` (English: the script's own).
    fn script_words(&self, lang: &str, id: &str, english: &str) -> String {
        match self.words.get() {
            Some(w) => w.script(lang, id, english),
            None => english.to_string(),
        }
    }

    fn team_arg(&self) -> (&'static str, String) {
        ("team", self.config.team_name.clone())
    }

    /// A screening question asked by text: its words and the numbered answers.
    fn question_text(&self, q: &heart_domain::triage::Question, lang: &str) -> String {
        let choices = q
            .answers
            .iter()
            .enumerate()
            .map(|(i, a)| {
                self.sms_words(
                    "choice",
                    lang,
                    &[
                        ("n", (i + 1).to_string()),
                        (
                            "answer",
                            self.script_words(lang, &triage::answer_msg(&q.id, &a.id), &a.text),
                        ),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        self.sms_words(
            "question",
            lang,
            &[
                (
                    "question",
                    self.script_words(lang, &triage::question_msg(&q.id), &q.text),
                ),
                ("choices", choices),
            ],
        )
    }

    /// The first screening question this request has no answer to, and how it is asked by text.
    fn next_question(&self, r: &RequestRow) -> Option<(String, String)> {
        let q = self
            .script
            .questions
            .iter()
            .find(|q| !r.answers.contains_key(&q.id))?;
        Some((q.id.clone(), self.question_text(q, &r.language)))
    }

    /// A text from the provider's webhook (`params` are the form fields as sent; `url` the URL it called).
    pub async fn sms_inbound(
        &self,
        url: &str,
        signature: Option<&str>,
        params: &[(String, String)],
    ) -> Result<(), SmsRefusal> {
        if self.config.sms.provider == "none" {
            return Err(SmsRefusal::NotConfigured);
        }
        let token = self.config.sms.auth_token.as_deref().unwrap_or("");
        verify_twilio_signature(token, signature, url, params).map_err(SmsRefusal::Signature)?;
        let field = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let from = field("From")
            .and_then(parse_phone)
            .ok_or(SmsRefusal::Bad("From"))?;
        let body = field("Body").map(str::trim).unwrap_or_default().to_string();
        if body.chars().count() > MAX_SMS_CHARS {
            return Err(SmsRefusal::Bad("Body"));
        }
        let sid = field("MessageSid")
            .or_else(|| field("SmsSid"))
            .filter(|s| !s.is_empty() && s.len() <= 64)
            .ok_or(SmsRefusal::Bad("MessageSid"))?
            .to_string();
        let now = self.clock.now();
        let system = Actor::system();
        match keyword(&body) {
            Some(Keyword::Stop) => {
                let mut cs = ChangeSet::new().op(Op::Sms(SmsOp::OptOut {
                    phone: from.clone(),
                    at: now,
                }));
                cs.audit(AuditEntry::new(now, "sms", "sms.stop", "sms", "-", ""));
                self.store.apply(cs).await?;
                return Ok(());
            }
            Some(k @ (Keyword::Start | Keyword::Help)) => {
                let mut cs = ChangeSet::new();
                if k == Keyword::Start {
                    cs.push(Op::Sms(SmsOp::OptIn {
                        phone: from.clone(),
                    }));
                    cs.audit(AuditEntry::new(now, "sms", "sms.start", "sms", "-", ""));
                }
                // A reply to someone who asked: under their own record if they have one, else a new one; in the
                // language of their latest text conversation.
                let subject = self.store.subject_for_phone(&from).await?;
                let mut lang = "en".to_string();
                let subject = match subject {
                    Some(s) => {
                        if let Some(r) = self
                            .store
                            .subject_requests(s)
                            .await?
                            .into_iter()
                            .rev()
                            .find(|r| r.channel == Channel::Sms)
                        {
                            lang = r.language;
                        }
                        s
                    }
                    None => {
                        let s = SubjectId::new();
                        cs.push(Op::NewSubject { id: s, at: now });
                        cs.audit(AuditEntry::new(
                            now,
                            "sms",
                            "person.create",
                            "person",
                            &s.to_string(),
                            "sms",
                        ));
                        s
                    }
                };
                let what = if k == Keyword::Start { "start" } else { "help" };
                let words = self.sms_words(what, &lang, &[self.team_arg()]);
                cs.push(self.sms_out(subject, None, &from, &words, now));
                // Every write is audited: the answer to HELP (or START) is a message kept under the person.
                cs.audit(AuditEntry::new(
                    now,
                    "sms",
                    &format!("sms.{what}_answered"),
                    "person",
                    &subject.to_string(),
                    "",
                ));
                self.store.apply(cs).await?;
                return Ok(());
            }
            _ => {}
        }
        // The person's open request by text, if any: the message goes on there.
        let subject = self.store.subject_for_phone(&from).await?;
        let open: Option<RequestRow> = match subject {
            Some(s) => self
                .store
                .subject_requests(s)
                .await?
                .into_iter()
                .rev()
                .find(|r| r.channel == Channel::Sms && r.status.is_open()),
            None => None,
        };
        let inbound = |subject: SubjectId, request: RequestId| {
            Op::Sms(SmsOp::Insert(SmsRow {
                id: SmsId::new(),
                subject,
                request: Some(request),
                direction: "in".into(),
                phone: Some(from.clone()),
                body: Some(body.clone()),
                status: "received".into(),
                provider_sid: Some(sid.clone()),
                attempts: 0,
                next_at: None,
                error: None,
                created_at: now,
                updated_at: now,
            }))
        };
        if let Some(mut r) = open {
            let mut cs = ChangeSet::new().op(inbound(r.subject, r.id));
            let mut screen_now = None;
            if let Some(Keyword::Language(lang)) = keyword(&body) {
                // From now on in the language asked for: this answer, the question still open, every update.
                r.language = lang.to_string();
                r.updated_at = now;
                cs.push(Op::UpdateRequest(r.clone()));
                let mut words = self.sms_words("language", lang, &[self.team_arg()]);
                if r.triage.outcome == heart_domain::triage::Outcome::NeedsScreening
                    && let Some((_, q)) = self.next_question(&r)
                {
                    words.push(' ');
                    words.push_str(&q);
                }
                cs.push(self.sms_out(r.subject, Some(r.id), &from, &words, now));
            } else if keyword(&body) == Some(Keyword::Safe) && !r.safe_contact.text_ok {
                r.safe_contact.text_ok = true;
                r.updated_at = now;
                cs.push(Op::UpdateRequest(r.clone()));
                let words = self.sms_words("safe", &r.language, &[self.team_arg()]);
                cs.push(self.sms_out(r.subject, Some(r.id), &from, &words, now));
            } else if r.triage.outcome == heart_domain::triage::Outcome::NeedsScreening
                && let Some((qid, _)) = self.next_question(&r)
                && let Some(answer) = answer_by_number(&self.script, &qid, &body)
            {
                // An answer to the question asked by text: kept, and the next one asked; with the last one,
                // screening decides as it does for a call-taker.
                r.answers.insert(qid, answer);
                r.updated_at = now;
                cs.push(Op::UpdateRequest(r.clone()));
                match self.next_question(&r) {
                    Some((_, next)) => {
                        cs.push(self.sms_out(r.subject, Some(r.id), &from, &next, now));
                    }
                    None => {
                        let words = self.sms_words("screened", &r.language, &[self.team_arg()]);
                        cs.push(self.sms_out(r.subject, Some(r.id), &from, &words, now));
                        screen_now = Some(r.answers.clone());
                    }
                }
            }
            cs.audit(AuditEntry::new(
                now,
                "sms",
                "sms.in",
                "request",
                &r.id.to_string(),
                "",
            ));
            match self.store.apply(cs).await {
                Ok(()) => {}
                // The provider sent the same message again: it is here already.
                Err(StoreError::Duplicate(_)) => return Ok(()),
                Err(e) => return Err(e.into()),
            }
            self.publish(LiveEvent {
                kind: EventKind::RequestUpdated,
                id: r.id.to_string(),
                team: r.team_id.map(|t| t.to_string()),
            });
            if let Some(answers) = screen_now
                && let Err(e) = self.screen(&system, r.id, answers).await
            {
                // A call-taker screens it then; the answers are on the request.
                tracing::warn!(error = %e, "screening by text did not finish");
            }
            return Ok(());
        }
        // A new request by text: the words are the summary; the number is the contact. A first text that only
        // names a language (ES) opens it in that language; the answer says how to choose.
        let lang = match keyword(&body) {
            Some(Keyword::Language(l)) => l,
            _ => "en",
        };
        let input = IntakeInput {
            language: Some(lang.to_string()),
            channel: Some("sms".into()),
            summary: Some(if body.is_empty() {
                "(an empty text)".into()
            } else {
                body.clone()
            }),
            contact: Some(Contact {
                name: None,
                phone: Some(from.clone()),
            }),
            ..IntakeInput::default()
        };
        let new = input
            .parse(&self.script, Channel::Sms)
            .map_err(|e| SmsRefusal::App(AppError::Invalid(e)))?;
        let rid = RequestId::new();
        // Closed or full, said at once (the message is kept either way).
        let open = self.open_state().await;
        let state = if open.open && open.full {
            let until = self.local_time_words(lang, open.full_until_local, &open.full_until);
            self.sms_words("full", lang, &[("until", until)])
        } else if open.open {
            String::new()
        } else {
            let at = self.local_time_words(lang, open.next_change_local, &open.next_change);
            self.sms_words("closed", lang, &[("at", at)])
        };
        let mut reply = self.sms_words("ack", lang, &[self.team_arg(), ("state", state)]);
        // The first screening question, to answer by text if the person wants to.
        if let Some(q) = self.script.questions.first() {
            reply.push(' ');
            reply.push_str(&self.question_text(q, lang));
        }
        let extra = |subject: SubjectId| {
            vec![
                inbound(subject, rid),
                self.sms_out(subject, Some(rid), &from, &reply, now),
            ]
        };
        match self
            .open_request_for(&system, new, rid, Vec::new(), &extra)
            .await
        {
            Ok(_) => Ok(()),
            Err(OpenError::Store(StoreError::Duplicate(_))) => Ok(()),
            Err(OpenError::Store(e)) => Err(e.into()),
            Err(OpenError::App(e)) => Err(e.into()),
        }
    }

    /// The provider's report on a message it took (sent, delivered, undelivered, failed).
    pub async fn sms_status(
        &self,
        url: &str,
        signature: Option<&str>,
        params: &[(String, String)],
    ) -> Result<(), SmsRefusal> {
        if self.config.sms.provider == "none" {
            return Err(SmsRefusal::NotConfigured);
        }
        let token = self.config.sms.auth_token.as_deref().unwrap_or("");
        verify_twilio_signature(token, signature, url, params).map_err(SmsRefusal::Signature)?;
        let field = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let sid = field("MessageSid")
            .filter(|s| !s.is_empty() && s.len() <= 64)
            .ok_or(SmsRefusal::Bad("MessageSid"))?;
        let status = field("MessageStatus").ok_or(SmsRefusal::Bad("MessageStatus"))?;
        if ![
            "queued",
            "sending",
            "sent",
            "delivered",
            "undelivered",
            "failed",
            "accepted",
        ]
        .contains(&status)
        {
            return Err(SmsRefusal::Bad("MessageStatus"));
        }
        let error = field("ErrorCode")
            .filter(|c| !c.is_empty() && c.len() <= 16 && c.chars().all(|x| x.is_ascii_digit()))
            .map(str::to_string);
        let status = match status {
            "queued" | "sending" | "accepted" => "sent",
            s => s,
        };
        self.store
            .apply(ChangeSet::new().op(Op::Sms(SmsOp::Report {
                provider_sid: sid.to_string(),
                status: status.to_string(),
                error,
                at: self.clock.now(),
            })))
            .await?;
        Ok(())
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
            let (Some(phone), Some(body)) = (m.phone.clone(), m.body.clone()) else {
                // The person was erased meanwhile: nothing to send, nothing to say it with.
                self.sms_settle(&m, "failed", None, m.attempts, None, Some("erased"))
                    .await?;
                continue;
            };
            if self.store.sms().sms_opted_out(&phone).await? {
                self.sms_settle(&m, "failed", None, m.attempts, None, Some("opted_out"))
                    .await?;
                continue;
            }
            match self.provider_send(&phone, &body, callback).await {
                Ok(sid) => {
                    self.sms_settle(&m, "sent", Some(sid), m.attempts + 1, None, None)
                        .await?;
                    sent += 1;
                }
                Err(SendError::Retry(code)) => {
                    let attempts = m.attempts + 1;
                    if attempts >= MAX_ATTEMPTS {
                        self.sms_settle(&m, "failed", None, attempts, None, Some(&code))
                            .await?;
                    } else {
                        let next = now + jiff::SignedDuration::from_secs(backoff_secs(m.attempts));
                        self.sms_settle(&m, "queued", None, attempts, Some(next), Some(&code))
                            .await?;
                    }
                }
                Err(SendError::Refused(code)) => {
                    self.sms_settle(&m, "failed", None, m.attempts + 1, None, Some(&code))
                        .await?;
                }
            }
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

    async fn sms_settle(
        &self,
        m: &SmsRow,
        status: &str,
        sid: Option<String>,
        attempts: i64,
        next_at: Option<Timestamp>,
        error: Option<&str>,
    ) -> AppResult<()> {
        let update = |sid: Option<String>| {
            ChangeSet::new().op(Op::Sms(SmsOp::Update {
                id: m.id,
                status: status.to_string(),
                provider_sid: sid,
                attempts,
                next_at,
                error: error.map(str::to_string),
                at: self.clock.now(),
            }))
        };
        match self.store.apply(update(sid)).await {
            // Another node settled it meanwhile.
            Ok(()) | Err(StoreError::Conflict) => Ok(()),
            // The provider gave an id already known: kept without it (its reports will not match).
            Err(StoreError::Duplicate(_)) => match self.store.apply(update(None)).await {
                Ok(()) | Err(StoreError::Conflict) => Ok(()),
                Err(e) => Err(e.into()),
            },
            Err(e) => Err(e.into()),
        }
    }

    /// The conversation of a request (read with the request: the same people may see it).
    pub async fn sms_conversation(&self, actor: &Actor, id: RequestId) -> AppResult<Vec<SmsRow>> {
        let _ = self.get_request(actor, id).await?;
        Ok(self.store.sms().sms_for_request(id).await?)
    }

    /// A person on the team replies by text to a request's texter.
    pub async fn sms_reply(&self, actor: &Actor, id: RequestId, body: &str) -> AppResult<()> {
        actor.require(&[Capability::Intake, Capability::Dispatch])?;
        if !matches!(actor.kind, ActorKind::User(_)) {
            return Err(AppError::conflict(
                "people-only",
                "only a person signed in can reply by text",
            ));
        }
        let body = body.trim();
        if body.is_empty() {
            return Err(AppError::field("body", "required"));
        }
        if body.chars().count() > MAX_SMS_CHARS {
            return Err(AppError::field("body", "too_long"));
        }
        let r = self.get_request(actor, id).await?;
        let Some(phone) = r.contact.phone.clone() else {
            return Err(AppError::conflict(
                "no-number",
                "this request has no number to text",
            ));
        };
        if self.config.sms.provider == "none" {
            return Err(AppError::conflict("sms-off", "texting is not set up"));
        }
        if self.store.sms().sms_opted_out(&phone).await? {
            return Err(AppError::conflict(
                "opted-out",
                "this person texted STOP: no texts go to them",
            ));
        }
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(self.sms_out(r.subject, Some(r.id), &phone, body, now));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "sms.reply",
            "request",
            &id.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        self.publish(LiveEvent {
            kind: EventKind::RequestUpdated,
            id: id.to_string(),
            team: r.team_id.map(|t| t.to_string()),
        });
        Ok(())
    }

    /// After a request moved: an update by text, only to a texter who said texting is safe (SAFE) and did not
    /// say STOP. Written on its own after the move (a provider that is down never holds up dispatch).
    pub(crate) async fn sms_update(&self, r: &RequestRow, what: &str) {
        if r.channel != Channel::Sms
            || !r.safe_contact.text_ok
            || self.config.sms.provider == "none"
        {
            return;
        }
        let Some(phone) = r.contact.phone.clone() else {
            return;
        };
        if self.store.sms().sms_opted_out(&phone).await.unwrap_or(true) {
            return;
        }
        let words = match what {
            "on_the_way" => self.sms_words("on-the-way", &r.language, &[self.team_arg()]),
            "not_found" => self.sms_words("not-found", &r.language, &[self.team_arg()]),
            _ => return,
        };
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(self.sms_out(r.subject, Some(r.id), &phone, &words, now));
        cs.audit(AuditEntry::new(
            now,
            "system",
            "sms.update",
            "request",
            &r.id.to_string(),
            what,
        ));
        if let Err(e) = self.store.apply(cs).await {
            tracing::warn!(error = %e, "a text update could not be queued");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_whole_messages_in_any_case() {
        assert_eq!(keyword(" stop "), Some(Keyword::Stop));
        assert_eq!(keyword("Stop."), Some(Keyword::Stop));
        assert_eq!(keyword("UNSUBSCRIBE"), Some(Keyword::Stop));
        assert_eq!(keyword("start"), Some(Keyword::Start));
        assert_eq!(keyword("help!"), Some(Keyword::Help));
        assert_eq!(keyword("safe"), Some(Keyword::Safe));
        assert_eq!(keyword("Español"), Some(Keyword::Language("es")));
        assert_eq!(keyword("es"), Some(Keyword::Language("es")));
        assert_eq!(keyword("ENGLISH."), Some(Keyword::Language("en")));
        assert_eq!(keyword("es urgente"), None);
        assert_eq!(keyword("please stop by"), None);
        assert_eq!(keyword("🙂"), None);
    }

    #[test]
    fn numbers_answer_the_question_asked() {
        let script = heart_domain::triage::Script::shipped().unwrap();
        assert_eq!(
            answer_by_number(&script, "medical", "2").as_deref(),
            Some("no")
        );
        assert_eq!(
            answer_by_number(&script, "medical", " 1. ").as_deref(),
            Some("yes")
        );
        assert_eq!(answer_by_number(&script, "medical", "4"), None);
        assert_eq!(answer_by_number(&script, "medical", "0"), None);
        assert_eq!(answer_by_number(&script, "medical", "no"), None);
        assert_eq!(answer_by_number(&script, "nope", "1"), None);
    }

    #[test]
    fn retries_back_off_to_ten_minutes() {
        assert_eq!(backoff_secs(0), 5);
        assert_eq!(backoff_secs(1), 10);
        assert_eq!(backoff_secs(3), 40);
        assert_eq!(backoff_secs(7), 600);
        assert_eq!(backoff_secs(99), 600);
    }
}
