//! How a person's alerts reach them besides their devices, and when they do not: the same alert as a text (the
//! number sealed under a key of the person's own, shredded when they take it away), quiet hours (nothing but "need
//! help" reaches them then), and being on call outside shifts (a new request while no team is on shift reaches
//! them). Every alert goes through `alert_ops`: the devices' outbox and the texts' outbox, in the change set of
//! what happened.

use super::PushKind;
use crate::{Actor, App, AppError, AppResult};
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{SubjectId, UserId};
use heart_store::push::{AlertWaysRow, PushOp};
use heart_store::{ChangeSet, Op, TrustOp};

/// A person's ways, as their account page shows them (times as "HH:MM" in the team's time zone).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AlertWays {
    pub by_text: bool,
    pub phone: Option<String>,
    pub by_email: bool,
    pub email: Option<String>,
    pub quiet_from: Option<String>,
    pub quiet_until: Option<String>,
    pub on_call: bool,
}

/// What the person says on their account page; `words` are the alerts' words in the page's language (JSON).
#[derive(Clone, Debug, Default)]
pub struct AlertWaysInput {
    pub by_text: bool,
    pub phone: Option<String>,
    pub by_email: bool,
    pub email: Option<String>,
    pub quiet_from: Option<String>,
    pub quiet_until: Option<String>,
    pub on_call: bool,
    pub words: String,
}

fn minutes(hm: &str) -> Option<i32> {
    let t: jiff::civil::Time = hm.trim().parse().ok()?;
    Some(i32::from(t.hour()) * 60 + i32::from(t.minute()))
}

fn hm(m: i32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Whether `now` (minutes after local midnight) falls in quiet hours `[from, until)`, across midnight when
/// `from > until`.
pub(crate) fn in_quiet(quiet: (i32, i32), now: i32) -> bool {
    let (from, until) = quiet;
    if from < until {
        from <= now && now < until
    } else {
        now >= from || now < until
    }
}

impl App {
    /// The person's own ways (none said: alerts reach their devices only, at any hour).
    pub async fn alert_ways(&self, actor: &Actor) -> AppResult<AlertWays> {
        let user = super::alert_person(actor)?;
        let row = self.store.push().alert_ways_of(&[user]).await?;
        Ok(row
            .into_iter()
            .next()
            .map(|w| AlertWays {
                by_text: w.by_text,
                phone: w.phone,
                by_email: w.by_email,
                email: w.email,
                quiet_from: w.quiet.map(|q| hm(q.0)),
                quiet_until: w.quiet.map(|q| hm(q.1)),
                on_call: w.on_call,
            })
            .unwrap_or_default())
    }

    /// Saves the person's ways. A text needs a number and texting set up here; quiet hours need both times, and
    /// different ones. The first number makes the person a key of their own (kept past the retention period);
    /// taking the number away shreds it.
    pub async fn set_alert_ways(&self, actor: &Actor, input: AlertWaysInput) -> AppResult<()> {
        let user = super::alert_person(actor)?;
        let mut e = heart_domain::intake::FieldErrors::default();
        let phone = match input.phone.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(p) => match heart_domain::intake::parse_phone(p) {
                Some(p) => Some(p),
                None => {
                    e.add("phone", "invalid");
                    None
                }
            },
        };
        if input.by_text && self.config.sms.provider == "none" {
            e.add("by_text", "sms_off");
        } else if input.by_text && phone.is_none() && e.0.is_empty() {
            e.add("phone", "required");
        }
        let email = match input.email.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(a) if a.len() <= 254 && a.parse::<lettre::Address>().is_ok() => {
                Some(a.to_string())
            }
            Some(_) => {
                e.add("email", "invalid_email");
                None
            }
        };
        if input.by_email && !self.mail_on() {
            e.add("by_email", "mail_off");
        } else if input.by_email && email.is_none() && !e.0.contains_key("email") {
            e.add("email", "required");
        }
        fn text(v: &Option<String>) -> Option<&str> {
            v.as_deref().map(str::trim).filter(|s| !s.is_empty())
        }
        let quiet = match (text(&input.quiet_from), text(&input.quiet_until)) {
            (None, None) => None,
            (Some(f), Some(u)) => match (minutes(f), minutes(u)) {
                (Some(f), Some(u)) if f == u => {
                    e.add("quiet_until", "same_time");
                    None
                }
                (Some(f), Some(u)) => Some((f, u)),
                (f, u) => {
                    if f.is_none() {
                        e.add("quiet_from", "invalid");
                    }
                    if u.is_none() {
                        e.add("quiet_until", "invalid");
                    }
                    None
                }
            },
            (None, Some(_)) => {
                e.add("quiet_from", "required");
                None
            }
            (Some(_), None) => {
                e.add("quiet_until", "required");
                None
            }
        };
        if !e.0.is_empty() {
            return Err(AppError::Invalid(e));
        }
        let now = self.clock.now();
        let before = self.store.push().alert_ways_of(&[user]).await?;
        let before = before.into_iter().next();
        let mut subject = before.as_ref().and_then(|w| w.subject);
        let mut cs = ChangeSet::new();
        let given = phone.is_some() || email.is_some();
        match (given, subject) {
            (true, None) => {
                let s = SubjectId::new();
                cs.push(Op::Trust(TrustOp::NewSubject { id: s, at: now }));
                cs.push(Op::Trust(TrustOp::KeepSubject { id: s, keep: true }));
                subject = Some(s);
            }
            (false, Some(s)) => {
                self.log_erasure(s, now)?;
                cs.push(Op::Trust(TrustOp::EraseSubject {
                    id: s,
                    at: now,
                    reason: "alert number and address taken away".into(),
                }));
                subject = None;
            }
            _ => {}
        }
        // A new number replaces the old under the same key; the row is written after the key is made.
        cs.push(Op::Push(PushOp::SetWays(AlertWaysRow {
            user_id: user,
            subject,
            by_text: input.by_text,
            phone: phone.clone(),
            by_email: input.by_email,
            email: email.clone(),
            quiet,
            on_call: input.on_call,
            words: input.words,
            updated_at: now,
        })));
        let on = |b: bool| if b { "on" } else { "off" };
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "alerts.ways",
            "user",
            &user.to_string(),
            &format!(
                "text:{} number:{} email:{} address:{} quiet:{} on_call:{}",
                on(input.by_text),
                on(phone.is_some()),
                on(input.by_email),
                on(email.is_some()),
                on(quiet.is_some()),
                on(input.on_call)
            ),
        ));
        self.store.apply(cs).await?;
        Ok(())
    }

    /// The ops that shred a person's number for alerts by text (an account that ends), if they gave one.
    pub(crate) async fn forget_alert_number(
        &self,
        user: UserId,
        now: heart_domain::time::Timestamp,
    ) -> AppResult<Vec<Op>> {
        let Some(w) = self
            .store
            .push()
            .alert_ways_of(&[user])
            .await?
            .into_iter()
            .next()
        else {
            return Ok(Vec::new());
        };
        let Some(subject) = w.subject else {
            return Ok(Vec::new());
        };
        self.log_erasure(subject, now)?;
        Ok(vec![
            Op::Trust(TrustOp::EraseSubject {
                id: subject,
                at: now,
                reason: "account disabled".into(),
            }),
            Op::Push(PushOp::SetWays(AlertWaysRow {
                subject: None,
                phone: None,
                by_text: false,
                email: None,
                by_email: false,
                updated_at: now,
                ..w
            })),
        ])
    }

    /// Every alert, by every way the people chose: their devices (`push_op`) and, for those who chose it, a text
    /// through the texts' outbox. Nobody in quiet hours hears anything but "need help". The text says what the
    /// push says (kind, priority, neighbourhood, link), in the words the person's page gave, never a person's data.
    pub(crate) async fn alert_ops(
        &self,
        users: &[UserId],
        kind: PushKind,
        priority: Option<u8>,
        neighbourhood: Option<&str>,
        link: &str,
    ) -> AppResult<Vec<Op>> {
        // Only people whose account is open (a place on the rota may outlast an account).
        let open: std::collections::HashSet<UserId> = self
            .store
            .users()
            .await?
            .into_iter()
            .filter(|u| u.active)
            .map(|u| u.id)
            .collect();
        let users: Vec<UserId> = users.iter().copied().filter(|u| open.contains(u)).collect();
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let ways = self.store.push().alert_ways_of(&users).await?;
        let now = self.clock.now();
        let local = now.to_zoned_datetime(self.config.tz());
        let minute = i32::from(local.hour()) * 60 + i32::from(local.minute());
        let quiet: Vec<UserId> = ways
            .iter()
            .filter(|w| kind != PushKind::NeedHelp && w.quiet.is_some_and(|q| in_quiet(q, minute)))
            .map(|w| w.user_id)
            .collect();
        let awake: Vec<UserId> = users
            .iter()
            .copied()
            .filter(|u| !quiet.contains(u))
            .collect();
        let mut ops: Vec<Op> = self
            .push_op(&awake, kind, priority, neighbourhood, link)
            .await?
            .into_iter()
            .collect();
        // By email, where mail is set up: in the alerts' outbox, one row per person.
        if self.mail_on() {
            let body = super::payload(kind, priority, neighbourhood, link)?;
            let rows: Vec<heart_store::push::PushRow> = ways
                .iter()
                .filter(|w| w.by_email && w.email.is_some() && !quiet.contains(&w.user_id))
                .map(|w| heart_store::push::PushRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    subscription_id: w.user_id.to_string(),
                    channel: "email".into(),
                    kind: kind.as_str().to_string(),
                    body: body.clone(),
                    attempts: 0,
                    next_at: now,
                    created_at: now,
                })
                .collect();
            if !rows.is_empty() {
                ops.push(Op::Push(PushOp::Queue(rows)));
            }
        }
        if self.config.sms.provider == "none" {
            return Ok(ops);
        }
        for w in ways
            .iter()
            .filter(|w| w.by_text && !quiet.contains(&w.user_id))
        {
            let (Some(phone), Some(subject)) = (&w.phone, w.subject) else {
                continue;
            };
            let text = alert_text(
                &w.words,
                kind,
                priority,
                neighbourhood,
                link,
                self.public_base(),
            );
            ops.extend(self.sms_out(subject, None, phone, &[text.as_str()], now));
        }
        Ok(ops)
    }
}

impl App {
    /// This server's public address, for the link in a text or an email ("" when not set).
    fn public_base(&self) -> &str {
        [&self.config.sms.public_url, &self.config.money.public_url]
            .into_iter()
            .find(|u| !u.is_empty())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// One alert by email, from the alerts' outbox: to the address the person gave (sealed with their number), in
    /// their words; the same text as a text message, the kind in the subject.
    pub(super) async fn mail_alert(
        &self,
        p: &heart_store::push::PushRow,
        attempts: i64,
        now: heart_domain::time::Timestamp,
    ) -> heart_store::outbox::Try {
        use heart_store::outbox::Try;
        use lettre::AsyncTransport as _;
        let failed = |error: &str| Try::Failed {
            error: error.to_string(),
        };
        let Ok(transport) = self.config.mail.transport() else {
            return failed("mail is not set up");
        };
        let (Ok(user), Ok(q)) = (
            p.subscription_id.parse::<UserId>(),
            serde_json::from_str::<super::Queued>(&p.body),
        ) else {
            return failed("unreadable alert");
        };
        let Some(kind) = PushKind::parse(&q.kind) else {
            return failed("unreadable alert");
        };
        let ways = match self.store.push().alert_ways_of(&[user]).await {
            Ok(w) => w.into_iter().next(),
            Err(e) => return super::again(attempts, now, format!("store: {e}")),
        };
        let Some((Some(address), words)) = ways.filter(|w| w.by_email).map(|w| (w.email, w.words))
        else {
            return failed("no address");
        };
        let (Ok(from), Ok(to)) = (
            self.config.mail.from.parse::<lettre::message::Mailbox>(),
            address.parse::<lettre::Address>(),
        ) else {
            return failed("no address");
        };
        let base = self.public_base();
        let body = alert_text(
            &words,
            kind,
            q.priority,
            q.neighbourhood.as_deref(),
            &q.link,
            base,
        );
        let subject = alert_text(&words, kind, None, None, "", "");
        let message = lettre::Message::builder()
            .from(from)
            .to(lettre::message::Mailbox::new(None, to))
            .subject(subject)
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(body);
        let Ok(message) = message else {
            return failed("unwritable mail");
        };
        match transport.send(message).await {
            Ok(_) => Try::Sent { provider_ref: None },
            Err(e) => {
                let code = crate::mail::smtp_code(&e);
                if e.is_permanent() {
                    failed(&format!("refused ({code})"))
                } else {
                    super::again(attempts, now, format!("try later ({code})"))
                }
            }
        }
    }
}

/// The words of a text alert: the kind in the person's language (English when their page gave none), the
/// priority, the neighbourhood, and the link when this server's public address is known.
pub(crate) fn alert_text(
    words: &str,
    kind: PushKind,
    priority: Option<u8>,
    neighbourhood: Option<&str>,
    link: &str,
    public_url: &str,
) -> String {
    let w: serde_json::Value = serde_json::from_str(words).unwrap_or_default();
    let say = |k: &str, english: &str| w[k].as_str().unwrap_or(english).to_string();
    let mut out = format!(
        "{}: {}",
        say("title", "HEART"),
        say(kind.as_str(), kind.english())
    );
    if let Some(p) = priority {
        out.push_str(&format!(" {} {p}.", say("priority", "Priority")));
    }
    if let Some(n) = neighbourhood {
        out.push_str(&format!(" {n}."));
    }
    let base = public_url.trim_end_matches('/');
    if !base.is_empty() {
        out.push_str(&format!(" {base}{link}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_hours_across_midnight() {
        let night = (22 * 60, 7 * 60);
        assert!(in_quiet(night, 23 * 60));
        assert!(in_quiet(night, 0));
        assert!(in_quiet(night, 6 * 60 + 59));
        assert!(!in_quiet(night, 7 * 60));
        assert!(!in_quiet(night, 12 * 60));
        assert!(in_quiet(night, 22 * 60));
        let day = (9 * 60, 17 * 60);
        assert!(in_quiet(day, 9 * 60));
        assert!(!in_quiet(day, 17 * 60));
        assert!(!in_quiet(day, 8 * 60));
        assert_eq!(minutes("07:30"), Some(450));
        assert_eq!(minutes("25:00"), None);
        assert_eq!(hm(450), "07:30");
    }

    #[test]
    fn a_text_alert_says_the_kind_and_no_more() {
        let words = r#"{"title":"Cambridge HEART","assigned":"Tu equipo tiene una solicitud.","priority":"Prioridad"}"#;
        assert_eq!(
            alert_text(
                words,
                PushKind::Assigned,
                Some(2),
                Some("Cambridgeport"),
                "/responder",
                "https://heart.example.org/"
            ),
            "Cambridge HEART: Tu equipo tiene una solicitud. Prioridad 2. Cambridgeport. https://heart.example.org/responder"
        );
        assert_eq!(
            alert_text("", PushKind::NeedHelp, None, None, "/board", ""),
            "HEART: A team asked for help."
        );
    }
}
