//! Two-way text messages through a Twilio-compatible provider: a texter starts a request or goes on with their open
//! one; STOP, START and HELP are honoured; replies and updates wait in the outbox until the provider takes them
//! (retried while it is down); updates go only to people who said texting is safe (SAFE). Bodies and numbers are
//! sealed under the person's data key.

use crate::IntoViews;
use crate::intake::OpenError;
use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_crypto::webhook::{WebhookError, verify_twilio_signature};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::events::{EventKind, LiveEvent};
use heart_domain::ids::{RequestId, SmsId, SubjectId};
use heart_domain::intake::{Channel, Contact, IntakeInput, parse_phone};
use heart_domain::text;
use heart_domain::time::Timestamp;
use heart_domain::triage;
use heart_store::sms::{SmsOp, SmsRow};
use heart_store::{ChangeSet, Op, RequestRow, StoreError};
use heart_store::{RequestOp, TrustOp};
use serde::{Deserialize, Serialize};

crate::view! {
    /// A text message to or from a person.
    Text from heart_store::sms::SmsRow {
        id: heart_domain::ids::SmsId,
        subject: heart_domain::ids::SubjectId,
        request: Option<heart_domain::ids::RequestId>,
        /// "in" or "out".
        direction: String,
        phone: Option<String>,
        body: Option<String>,
        /// in: "received"; out: "queued", "sent", "delivered", "undelivered", "failed".
        status: String,
        /// The provider's error code, or why it was not sent ("opted_out").
        error: Option<String>,
        created_at: heart_domain::time::Timestamp,
        updated_at: heart_domain::time::Timestamp,
    }
}

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

/// The words that choose a language by text, as its speakers write them (and its code, and its English name),
/// with accents and without: a conversation's language from then on (`en`, `es`, or a catalogue's tag).
pub const LANGUAGE_WORDS: &[(&str, &[&str])] = &[
    ("en", &["EN", "ENGLISH", "INGLÉS", "INGLES"]),
    ("es", &["ES", "ESPAÑOL", "ESPANOL", "SPANISH"]),
    ("pt-BR", &["PT", "PORTUGUÊS", "PORTUGUES", "PORTUGUESE"]),
    (
        "ht",
        &[
            "HT",
            "KREYÒL",
            "KREYOL",
            "KREYÒL AYISYEN",
            "KREYOL AYISYEN",
            "CREOLE",
        ],
    ),
    ("zh-Hans", &["ZH", "中文", "汉语", "CHINESE"]),
    ("ar", &["AR", "عربي", "العربية", "ARABIC"]),
    ("am", &["AM", "አማርኛ", "AMHARIC"]),
    ("bn", &["BN", "বাংলা", "BANGLA", "BENGALI"]),
];

/// A message that is only a keyword (any case, spaces and punctuation around it ignored).
pub fn keyword(body: &str) -> Option<Keyword> {
    // Words in scripts with vowel signs (Bengali, Ethiopic) end in marks that are not alphanumeric: they are tried
    // with only spaces and punctuation taken off as well.
    let loose = body.trim().trim_matches(|c: char| !c.is_alphanumeric());
    let gentle = body.trim().trim_matches(|c: char| {
        c.is_whitespace()
            || c.is_ascii_punctuation()
            || matches!(c, '¡' | '¿' | '！' | '？' | '。' | '،' | '؟' | '।')
    });
    [loose, gentle]
        .into_iter()
        .find_map(|w| word(&w.to_uppercase()))
}

fn word(w: &str) -> Option<Keyword> {
    Some(match w {
        "STOP" | "STOPALL" | "UNSUBSCRIBE" | "CANCEL" | "END" | "QUIT" => Keyword::Stop,
        "START" | "UNSTOP" => Keyword::Start,
        "HELP" | "INFO" => Keyword::Help,
        "SAFE" => Keyword::Safe,
        _ => {
            let (tag, _) = LANGUAGE_WORDS
                .iter()
                .find(|(_, words)| words.iter().any(|k| k.to_uppercase() == w))?;
            Keyword::Language(tag)
        }
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

/// A text as it came in.
struct Inbound {
    from: String,
    body: String,
    sid: String,
    at: Timestamp,
}

impl Inbound {
    /// The text, kept under the person and the request it goes on.
    fn op(&self, subject: SubjectId, request: RequestId) -> Op {
        Op::Sms(SmsOp::Insert(SmsRow {
            id: SmsId::new(),
            subject,
            request: Some(request),
            direction: "in".into(),
            phone: Some(self.from.clone()),
            body: Some(self.body.clone()),
            status: "received".into(),
            provider_sid: Some(self.sid.clone()),
            attempts: 0,
            next_at: None,
            error: None,
            created_at: self.at,
            updated_at: self.at,
        }))
    }
}

/// Seconds before the next try after `attempts` failed ones: 5 s, 10 s, 20 s, ... at most 10 minutes.
pub fn backoff_secs(attempts: i64) -> i64 {
    let exp = u32::try_from(attempts.clamp(0, 10)).unwrap_or(10);
    (5_i64 << exp).min(600)
}

impl App {
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
        let body = text::Words::up_to(MAX_SMS_CHARS)
            .parse(field("Body"))
            .map_err(|_| SmsRefusal::Bad("Body"))?
            .unwrap_or_default();
        let sid = field("MessageSid")
            .or_else(|| field("SmsSid"))
            .filter(|s| !s.is_empty() && s.len() <= 64)
            .ok_or(SmsRefusal::Bad("MessageSid"))?
            .to_string();
        let text = Inbound {
            from,
            body,
            sid,
            at: self.clock.now(),
        };
        if let Some(k @ (Keyword::Stop | Keyword::Start | Keyword::Help)) = keyword(&text.body) {
            return self.sms_keyword(k, &text).await;
        }
        // The person's open request by text, if any: the message goes on there.
        let subject = self.store.subject_for_phone(&text.from).await?;
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
        match open {
            Some(r) => self.sms_goes_on(r, &text).await,
            None => self.sms_opens(&text).await,
        }
    }

    /// STOP, START and HELP: the opt-out or opt-in, and the answer (none to STOP).
    async fn sms_keyword(&self, k: Keyword, text: &Inbound) -> Result<(), SmsRefusal> {
        let (from, now) = (&text.from, text.at);
        match k {
            Keyword::Stop => {
                let mut cs = ChangeSet::new().op(Op::Sms(SmsOp::OptOut {
                    phone: from.clone(),
                    at: now,
                }));
                cs.audit(AuditEntry::new(now, "sms", "sms.stop", "sms", "-", ""));
                self.store.apply(cs).await?;
                Ok(())
            }
            Keyword::Start | Keyword::Help => {
                let mut cs = ChangeSet::new();
                if k == Keyword::Start {
                    cs.push(Op::Sms(SmsOp::OptIn {
                        phone: from.clone(),
                    }));
                    cs.audit(AuditEntry::new(now, "sms", "sms.start", "sms", "-", ""));
                }
                // A reply to someone who asked: under their own record if they have one, else a new one; in the
                // language of their latest text conversation.
                let subject = self.store.subject_for_phone(from).await?;
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
                        cs.push(Op::Trust(TrustOp::NewSubject { id: s, at: now }));
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
                cs.ops
                    .extend(self.sms_out(subject, None, from, &[&words], now));
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
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// A text from someone with a request open by text: kept there, and answered (a language chosen, SAFE, or the
    /// answer to the question asked).
    async fn sms_goes_on(&self, mut r: RequestRow, text: &Inbound) -> Result<(), SmsRefusal> {
        let now = text.at;
        let mut cs = ChangeSet::new().op(text.op(r.subject, r.id));
        let mut screen_now = None;
        if let Some(Keyword::Language(lang)) = keyword(&text.body) {
            // From now on in the language asked for: this answer, the question still open, every update.
            r.language = lang.to_string();
            r.updated_at = now;
            cs.push(Op::Request(RequestOp::UpdateRequest(r.clone())));
            let words = self.sms_words("language", lang, &[self.team_arg()]);
            let question = (r.triage.outcome == heart_domain::triage::Outcome::NeedsScreening)
                .then(|| self.next_question(&r).map(|(_, q)| q))
                .flatten()
                .unwrap_or_default();
            cs.ops.extend(self.sms_out(
                r.subject,
                Some(r.id),
                &text.from,
                &[&words, &question],
                now,
            ));
        } else if keyword(&text.body) == Some(Keyword::Safe) && !r.safe_contact.text_ok {
            r.safe_contact.text_ok = true;
            r.updated_at = now;
            cs.push(Op::Request(RequestOp::UpdateRequest(r.clone())));
            let words = self.sms_words("safe", &r.language, &[self.team_arg()]);
            cs.ops
                .extend(self.sms_out(r.subject, Some(r.id), &text.from, &[&words], now));
        } else if r.triage.outcome == heart_domain::triage::Outcome::NeedsScreening
            && let Some((qid, _)) = self.next_question(&r)
            && let Some(answer) = answer_by_number(&self.script, &qid, &text.body)
        {
            // An answer to the question asked by text: kept, and the next one asked; with the last one,
            // screening decides as it does for a call-taker.
            r.answers.insert(qid, answer);
            r.updated_at = now;
            cs.push(Op::Request(RequestOp::UpdateRequest(r.clone())));
            match self.next_question(&r) {
                Some((_, next)) => {
                    cs.ops
                        .extend(self.sms_out(r.subject, Some(r.id), &text.from, &[&next], now));
                }
                None => {
                    let words = self.sms_words("screened", &r.language, &[self.team_arg()]);
                    cs.ops
                        .extend(self.sms_out(r.subject, Some(r.id), &text.from, &[&words], now));
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
            && let Err(e) = self.screen(&Actor::system(), r.id, answers).await
        {
            // A call-taker screens it then; the answers are on the request.
            tracing::warn!(error = %e, "screening by text did not finish");
        }
        Ok(())
    }

    /// A new request by text.
    async fn sms_opens(&self, text: &Inbound) -> Result<(), SmsRefusal> {
        let now = text.at;
        // A new request by text: the words are the summary; the number is the contact. A first text that only
        // names a language (ES) opens it in that language; the answer says how to choose.
        let lang = match keyword(&text.body) {
            Some(Keyword::Language(l)) => l,
            _ => "en",
        };
        let input = IntakeInput {
            language: Some(lang.to_string()),
            channel: Some("sms".into()),
            summary: Some(if text.body.is_empty() {
                "(an empty text)".into()
            } else {
                text.body.clone()
            }),
            contact: Some(Contact {
                name: None,
                phone: Some(text.from.clone()),
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
        let reply = self.sms_words("ack", lang, &[self.team_arg(), ("state", state)]);
        // The first screening question, to answer by text if the person wants to.
        let question = self
            .script
            .questions
            .first()
            .map(|q| self.question_text(q, lang))
            .unwrap_or_default();
        let extra = |subject: SubjectId| {
            let mut ops = vec![text.op(subject, rid)];
            ops.extend(self.sms_out(subject, Some(rid), &text.from, &[&reply, &question], now));
            ops
        };
        match self
            .open_request_for(&Actor::system(), new, rid, Vec::new(), &extra)
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

    /// The conversation of a request (read with the request: the same people may see it).
    pub async fn sms_conversation(&self, actor: &Actor, id: RequestId) -> AppResult<Vec<Text>> {
        let _ = self.request_row(actor, id).await?;
        Ok(self.store.sms().sms_for_request(id).await?.views())
    }

    /// A person on the team replies by text to a request's texter. Refused when the person did not allow texts (a
    /// request that came by text is a conversation they began); outside their safe times the text waits in the
    /// outbox until the time opens, which is returned.
    pub async fn sms_reply(
        &self,
        actor: &Actor,
        id: RequestId,
        body: &str,
    ) -> AppResult<Option<Timestamp>> {
        actor.require(&[Capability::Intake, Capability::Dispatch])?;
        if !matches!(actor.kind, ActorKind::User(_)) {
            return Err(AppError::conflict(
                "people-only",
                "only a person signed in can reply by text",
            ));
        }
        let body = text::Words::up_to(MAX_SMS_CHARS)
            .required()
            .parse(Some(body))
            .map_err(|code| AppError::field("body", code))?
            .unwrap_or_default();
        let body = body.as_str();
        let r = self.request_row(actor, id).await?;
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
        if r.channel != Channel::Sms && !r.safe_contact.text_ok {
            return Err(AppError::conflict(
                "texts-not-safe",
                "this person did not say texts are safe",
            ));
        }
        let now = self.clock.now();
        let waits = self.safe_now(&r.safe_contact).opens;
        let mut cs = ChangeSet::new();
        cs.ops.extend(due_at(
            self.sms_out(r.subject, Some(r.id), &phone, &[body], now),
            waits,
        ));
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
        Ok(waits)
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
        // An update is about now: outside the person's safe times (or with times in words nobody has read
        // for this) it is not sent at all, rather than sent late and wrong.
        let unread = r
            .safe_contact
            .hours
            .as_deref()
            .is_some_and(|h| heart_domain::time::parse_week(h).is_err());
        if unread || !self.safe_now(&r.safe_contact).now {
            return;
        }
        let now = self.clock.now();
        let mut cs = ChangeSet::new();
        cs.ops
            .extend(self.sms_out(r.subject, Some(r.id), &phone, &[&words], now));
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

mod outbox;
pub use outbox::SMS_MAX_SEGMENTS;
mod words;

/// Texts made by `sms_out`, due at `at` instead of now (a person's safe time to contact opens then).
fn due_at(ops: Vec<Op>, at: Option<Timestamp>) -> Vec<Op> {
    let Some(at) = at else { return ops };
    ops.into_iter()
        .map(|op| match op {
            Op::Sms(SmsOp::Insert(mut row)) => {
                row.next_at = Some(at);
                Op::Sms(SmsOp::Insert(row))
            }
            other => other,
        })
        .collect()
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
        for (text, tag) in [
            ("Português", "pt-BR"),
            ("portugues!", "pt-BR"),
            ("kreyòl", "ht"),
            ("Kreyol ayisyen", "ht"),
            ("中文", "zh-Hans"),
            (" عربي ", "ar"),
            ("አማርኛ", "am"),
            ("বাংলা", "bn"),
            ("বাংলা।", "bn"),
        ] {
            assert_eq!(keyword(text), Some(Keyword::Language(tag)), "{text}");
        }
        assert_eq!(keyword("bangla please"), None);
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
