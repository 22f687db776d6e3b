//! Email to donors: an acknowledgement of every gift and, each January, a giving statement for the year before,
//! through the organisation's SMTP server.
//!
//! Mails wait in an outbox (`mail_outbox`) queued in the same transaction as the gift they acknowledge, so a gift
//! is never recorded without its receipt being due, and a replayed payment event never sends two. The words are
//! written when the mail goes out, in the language the donor gave in, from the same catalogue as the receipt page.
//! A sender first takes a mail (guarded by its time), so two nodes never send the same one. A server that says
//! "try later" (4xx, no answer) is tried again with growing waits; a refusal (5xx, e.g. no such mailbox) ends the
//! mail, and the donors page says how many could not be sent. Logs and stored errors hold SMTP codes only, never
//! an address or a word of the mail.

use crate::{App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::ids::*;
use heart_domain::money::Currency;
use heart_domain::time::Timestamp;
use heart_store::model::*;
use heart_store::outbox::{Outbox, Try};
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};

crate::view! {
    /// How many receipts wait, failed and went out.
    MailCounts from heart_store::MailSummary {
        waiting: i64,
        failed: i64,
        sent: i64,
    }
}

/// Tries of one mail before it is given up (about a day with the waits below).
pub const MAIL_TRIES: i64 = 12;
/// Yearly statements go from this day of January, so that a gift of the last days of December whose payment
/// event came late is on it.
const STATEMENTS_FROM_DAY: i8 = 5;

/// `[mail]`: the SMTP server receipts and statements go through.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MailConfig {
    /// `smtp://host:587?tls=required` (STARTTLS), `smtps://host:465` (TLS), `smtp://localhost:25` (a relay on
    /// this machine, plain). Empty: no email; receipts are shown on the page only.
    pub smtp_url: String,
    /// The account to sign in to the server with; its password comes from `HEART_SMTP_PASSWORD` only.
    pub smtp_user: String,
    #[serde(skip)]
    pub smtp_password: Option<String>,
    /// The sender, e.g. `Cambridge HEART <giving@heart.example.org>`.
    pub from: String,
    /// Where donors' answers go (default: `from`).
    pub reply_to: String,
    /// Each January, send every donor of the year before their giving statement.
    pub yearly_statements: bool,
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            smtp_url: String::new(),
            smtp_user: String::new(),
            smtp_password: None,
            from: String::new(),
            reply_to: String::new(),
            yearly_statements: true,
        }
    }
}

impl MailConfig {
    pub fn on(&self) -> bool {
        !self.smtp_url.trim().is_empty()
    }

    /// Checks the settings; one line naming the bad one (never the password).
    pub fn check(&self) -> Result<(), String> {
        if !self.on() {
            return Ok(());
        }
        let url = self.smtp_url.trim();
        if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
            return Err("mail.smtp_url must start with smtp:// or smtps://".into());
        }
        if url.contains('@') {
            return Err(
                "mail.smtp_url: put the user in mail.smtp_user and the password in HEART_SMTP_PASSWORD".into(),
            );
        }
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|_| "mail.smtp_url is not an SMTP address heart can use".to_string())?;
        self.from.parse::<Mailbox>().map_err(|_| {
            "mail.from must be an address like \"HEART <giving@example.org>\"".to_string()
        })?;
        if !self.reply_to.is_empty() {
            self.reply_to
                .parse::<Mailbox>()
                .map_err(|_| "mail.reply_to must be an email address".to_string())?;
        }
        if !self.smtp_user.is_empty() && self.smtp_password.as_deref().unwrap_or("").is_empty() {
            return Err("mail.smtp_user is set: set HEART_SMTP_PASSWORD".into());
        }
        if !self.smtp_user.is_empty() && url.starts_with("smtp://") && !url.contains("tls=required")
        {
            return Err(
                "mail.smtp_url: a password goes only over TLS: add ?tls=required or use smtps://"
                    .into(),
            );
        }
        Ok(())
    }

    pub(crate) fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        crate::payments::ensure_tls_provider();
        let mut b = AsyncSmtpTransport::<Tokio1Executor>::from_url(self.smtp_url.trim())
            .map_err(|_| "mail.smtp_url is not an SMTP address heart can use".to_string())?
            .timeout(Some(std::time::Duration::from_secs(30)));
        if !self.smtp_user.is_empty() {
            b = b.credentials(Credentials::new(
                self.smtp_user.clone(),
                self.smtp_password.clone().unwrap_or_default(),
            ));
        }
        Ok(b.build())
    }
}

/// A mail given up, for the donors page.
#[derive(Clone, Debug, Serialize)]
pub struct FailedMail {
    pub donor_id: DonorId,
    /// The donor's name, or their email when they gave none.
    pub donor: String,
    /// "receipt" or "statement".
    pub kind: String,
    /// The year of the gift or of the statement (its statement page shows it).
    pub year: i32,
    pub failed_at: Timestamp,
    /// The server's code ("refused (550)").
    pub error: String,
}

/// How a try went.
enum Outcome {
    Sent,
    /// Try again later (the server's code, or "no answer").
    Later(String),
    /// Refused for good (the server's code), or nothing left to send.
    Never(String),
}

/// What the mail server answered, as logs and stored errors keep it: its code only, never an address or a word.
pub(crate) fn smtp_code(e: &lettre::transport::smtp::Error) -> String {
    e.status()
        .map(|c| c.to_string())
        .unwrap_or_else(|| "no answer".into())
}

impl App {
    /// Whether receipts and statements are emailed.
    pub fn mail_on(&self) -> bool {
        self.config.mail.on()
    }

    /// The receipt of a gift just paid, to queue in the same change set after the gift (none when email is off).
    pub(crate) fn receipt_mail(&self, d: &DonationRow) -> Option<MoneyOp> {
        (self.mail_on() && d.status == "paid").then(|| {
            let now = self.clock.now();
            // The store takes the donor from the gift (an earlier donor with the same email is the same).
            MoneyOp::QueueMail(MailRow {
                donation_id: Some(d.id),
                ..queued(
                    format!("receipt:{}", d.id),
                    "receipt",
                    d.donor_id,
                    &d.language,
                    now,
                )
            })
        })
    }

    /// Someone holding finance sends a donor their statement for a year (again, if it went before). `key` (from
    /// the form shown) makes the same form sent twice one mail.
    pub async fn send_statement(
        &self,
        actor: &crate::Actor,
        donor: &str,
        year: i32,
        key: &str,
    ) -> AppResult<()> {
        actor.require(&[Capability::Finance])?;
        if !self.mail_on() {
            return Err(AppError::conflict(
                "mail-off",
                "email is not set up here (mail.smtp_url): print the statement instead",
            ));
        }
        let s = self.statement(actor, donor, year).await?;
        if s.gifts.is_empty() {
            return Err(AppError::field("year", "no_gifts"));
        }
        let language = s
            .gifts
            .last()
            .map(|g| g.language.clone())
            .unwrap_or_else(|| "en-US".into());
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::QueueMail(MailRow {
            year: Some(year),
            ..queued(
                format!(
                    "statement:{}:{year}:{}",
                    s.donor.id,
                    crate::money::form_key(key)
                ),
                "statement",
                s.donor.id,
                &language,
                now,
            )
        })));
        self.audit_money(
            &mut cs,
            actor,
            "mail.statement",
            "donor",
            &s.donor.id.to_string(),
        );
        self.store.apply(cs).await?;
        Ok(())
    }

    /// In January, queues every donor of the year before their giving statement, once (the scheduled job;
    /// running it again changes nothing). Returns how many donors it covered.
    pub async fn queue_yearly_statements(&self) -> AppResult<usize> {
        if !self.mail_on() || !self.config.mail.yearly_statements {
            return Ok(0);
        }
        let now = self.clock.now();
        let local = now.to_zoned_datetime(self.config.tz());
        if local.month() != 1 || local.day() < STATEMENTS_FROM_DAY {
            return Ok(0);
        }
        let year = i32::from(local.year()) - 1;
        let (Some(start), Some(end)) = (
            self.config.local(&format!("{year:04}-01-01"), "00:00"),
            self.config
                .local(&format!("{:04}-01-01", year + 1), "00:00"),
        ) else {
            return Ok(0);
        };
        let gifts = self
            .store
            .money()
            .donations_paid_between(start, end)
            .await?;
        // Donors with something to state (a gift not wholly given back), in the language of their latest gift.
        let mut donors: std::collections::BTreeMap<DonorId, String> = Default::default();
        for g in gifts {
            if g.amount_minor > g.refunded_minor {
                donors.insert(g.donor_id, g.language);
            }
        }
        let mut n = 0;
        for (donor, language) in donors {
            let dedup = format!("statement:{donor}:{year}");
            let cs = ChangeSet::new().op(Op::Money(MoneyOp::QueueMail(MailRow {
                year: Some(year),
                ..queued(dedup, "statement", donor, &language, now)
            })));
            self.store.apply(cs).await?;
            n += 1;
        }
        Ok(n)
    }

    /// Sends what is due in the mail outbox; returns how many went. Called every few seconds by `heart serve`.
    pub async fn send_due_mail(&self) -> AppResult<usize> {
        if !self.mail_on() {
            return Ok(0);
        }
        let now = self.clock.now();
        let m = self.store.money();
        let due = m.mail_due(now, 20).await?;
        if due.is_empty() {
            return Ok(0);
        }
        // Checked when the settings were loaded.
        let transport = self
            .config
            .mail
            .transport()
            .map_err(|e| AppError::conflict("mail-settings", e))?;
        let mut sent = 0;
        for mail in due {
            // Held from the moment it is taken (an earlier mail of the batch may have been slow); another sender
            // took it when this is false.
            if !self.claim(Outbox::Mail, mail.id, mail.next_at).await? {
                continue;
            }
            let outcome = match self.write_mail(&mail).await? {
                None => Outcome::Never("nothing to send".into()),
                Some(message) => match transport.send(message).await {
                    Ok(_) => Outcome::Sent,
                    Err(e) => {
                        let code = smtp_code(&e);
                        if e.is_permanent() {
                            Outcome::Never(format!("refused ({code})"))
                        } else {
                            Outcome::Later(format!("try later ({code})"))
                        }
                    }
                },
            };
            let at = self.clock.now();
            let attempts = mail.attempts + 1;
            let settle = match outcome {
                Outcome::Sent => {
                    sent += 1;
                    metrics::counter!("heart_mail_sent_total", "kind" => mail.kind.clone())
                        .increment(1);
                    Try::Sent { provider_ref: None }
                }
                Outcome::Later(why) if attempts < MAIL_TRIES => {
                    tracing::warn!(mail = %mail.id, attempts, error = %why, "a mail could not go yet");
                    Try::Again {
                        next_at: at + jiff::SignedDuration::from_secs(mail_backoff_secs(attempts)),
                        error: why,
                    }
                }
                Outcome::Later(why) | Outcome::Never(why) => {
                    tracing::warn!(mail = %mail.id, attempts, error = %why, "a mail was given up");
                    metrics::counter!("heart_mail_failed_total", "kind" => mail.kind.clone())
                        .increment(1);
                    Try::Failed { error: why }
                }
            };
            // Settled already (a claim that ran out and another sender): nothing more to do.
            self.settle(Outbox::Mail, mail.id, attempts, settle).await?;
        }
        Ok(sent)
    }

    /// The message for a queued mail, or `None` when its gift or donor is gone.
    async fn write_mail(&self, mail: &MailRow) -> AppResult<Option<Message>> {
        let m = self.store.money();
        let Some(donor) = m.donor(mail.donor_id).await? else {
            return Ok(None);
        };
        let (subject, body) = match (mail.kind.as_str(), mail.donation_id, mail.year) {
            ("receipt", Some(did), _) => {
                let Some(d) = m.donation(did).await? else {
                    return Ok(None);
                };
                let Some(fund) = m.fund(d.fund_id).await? else {
                    return Ok(None);
                };
                self.receipt_words(&d, &donor, &fund, &mail.language)
            }
            ("statement", _, Some(year)) => {
                let s = self.statement_of(donor.clone(), year).await?;
                if s.gifts.is_empty() {
                    return Ok(None);
                }
                self.statement_words(&s, &mail.language)
            }
            _ => return Ok(None),
        };
        let mc = &self.config.mail;
        let Ok(from) = mc.from.parse::<Mailbox>() else {
            return Err(AppError::conflict(
                "mail-settings",
                "mail.from is not an address",
            ));
        };
        let Ok(to) = donor.email.parse::<lettre::Address>() else {
            return Ok(None);
        };
        let mut b = Message::builder()
            .from(from)
            .to(Mailbox::new(donor.name.clone(), to))
            .subject(subject)
            .header(ContentType::TEXT_PLAIN);
        if let Ok(r) = mc.reply_to.parse::<Mailbox>() {
            b = b.reply_to(r);
        }
        Ok(b.body(body).ok())
    }

    /// A word of the catalogue in `lang` (English when the catalogue lacks it; the key itself as a last resort).
    fn mail_word(&self, lang: &str, key: &str, args: &[(&'static str, String)]) -> String {
        let w = self.words.get();
        w.and_then(|w| w.say(lang, key, args))
            .or_else(|| w.and_then(|w| w.say("en-US", key, args)))
            .unwrap_or_else(|| key.to_string())
    }

    fn organisation_line(&self, lang: &str) -> String {
        let mc = &self.config.money;
        if mc.tax_id.is_empty() {
            mc.organisation.clone()
        } else {
            format!(
                "{} · {}",
                mc.organisation,
                self.mail_word(lang, "receipt-tax-id", &[("n", mc.tax_id.clone())])
            )
        }
    }

    fn date_text(&self, at: Timestamp) -> String {
        at.to_zoned_datetime(self.config.tz())
            .strftime("%Y-%m-%d")
            .to_string()
    }

    /// The receipt's subject and text: the written acknowledgement (organisation and tax id, donor, amount, date,
    /// no goods or services), and the link to the receipt page when this server's address is known.
    fn receipt_words(
        &self,
        d: &DonationRow,
        donor: &DonorRow,
        fund: &FundRow,
        lang: &str,
    ) -> (String, String) {
        let w = |key: &str| self.mail_word(lang, key, &[]);
        let amount = money_text(d.amount_minor, &d.currency);
        let org = self.config.money.organisation.clone();
        let subject = self.mail_word(
            lang,
            "mail-receipt-subject",
            &[("org", org.clone()), ("amount", amount.clone())],
        );
        let mut t = String::new();
        t.push_str(&self.mail_word(lang, "mail-receipt-intro", &[("org", org)]));
        t.push_str("\n\n");
        t.push_str(&w("receipt-acknowledgement"));
        t.push_str("\n\n");
        let mut line = |label: &str, value: String| {
            t.push_str(&format!("{}: {value}\n", w(label)));
        };
        line("receipt-organisation", self.organisation_line(lang));
        line(
            "receipt-donor",
            donor.name.clone().unwrap_or_else(|| donor.email.clone()),
        );
        let amount_line = if d.frequency == "monthly" {
            format!("{amount} · {}", w("donate-monthly"))
        } else {
            amount
        };
        line("receipt-amount", amount_line);
        line(
            "receipt-date",
            self.date_text(d.paid_at.unwrap_or(d.created_at)),
        );
        line("receipt-fund", fund.name.clone());
        if d.refunded_minor > 0 {
            line(
                "receipt-refunded",
                money_text(d.refunded_minor, &d.currency),
            );
        }
        line("receipt-reference", d.id.to_string());
        t.push('\n');
        t.push_str(&w("receipt-no-goods"));
        t.push('\n');
        if d.currency == "USD" && d.amount_minor >= 25_000 {
            t.push_str(&w("receipt-large"));
            t.push('\n');
        }
        let base = self.config.money.public_url.trim_end_matches('/');
        if !base.is_empty() {
            t.push('\n');
            t.push_str(&self.mail_word(
                lang,
                "mail-receipt-link",
                &[("url", format!("{base}/donate/receipt/{}", d.receipt_token))],
            ));
            t.push('\n');
        }
        t.push('\n');
        t.push_str(&self.mail_word(
            lang,
            "mail-footer",
            &[("org", self.config.money.organisation.clone())],
        ));
        t.push('\n');
        (subject, t)
    }

    fn statement_words(&self, s: &crate::money::Statement, lang: &str) -> (String, String) {
        let w = |key: &str| self.mail_word(lang, key, &[]);
        let org = self.config.money.organisation.clone();
        let subject = self.mail_word(
            lang,
            "mail-statement-subject",
            &[("org", org.clone()), ("n", s.year.to_string())],
        );
        let mut t = String::new();
        t.push_str(&self.mail_word(lang, "statement-heading", &[("n", s.year.to_string())]));
        t.push_str("\n\n");
        t.push_str(&self.organisation_line(lang));
        t.push('\n');
        t.push_str(&format!(
            "{}: {}\n\n",
            w("receipt-donor"),
            s.donor
                .name
                .clone()
                .unwrap_or_else(|| s.donor.email.clone())
        ));
        for g in &s.gifts {
            let mut l = format!(
                "{}  {}",
                g.paid_at.map(|p| self.date_text(p)).unwrap_or_default(),
                money_text(g.amount_minor, &g.currency)
            );
            if g.refunded_minor > 0 {
                l.push_str(&format!(
                    "  ({}: {})",
                    w("receipt-refunded"),
                    money_text(g.refunded_minor, &g.currency)
                ));
            }
            t.push_str(&l);
            t.push('\n');
        }
        let totals: Vec<String> = s.totals.iter().map(|(c, n)| money_text(*n, c)).collect();
        t.push_str(&format!(
            "\n{} {}\n\n",
            w("statement-total"),
            totals.join(" · ")
        ));
        t.push_str(&w("receipt-no-goods"));
        t.push_str("\n\n");
        t.push_str(&self.mail_word(lang, "mail-footer", &[("org", org)]));
        t.push('\n');
        (subject, t)
    }

    /// How the mail outbox stands, for the donors page.
    pub async fn mail_summary(&self, actor: &crate::Actor) -> AppResult<MailCounts> {
        actor.require(&[Capability::Finance])?;
        Ok(self.store.money().mail_summary().await?.into())
    }

    /// The mails given up (newest 50), with their donors, so someone can print and send those by hand.
    pub async fn failed_mails(&self, actor: &crate::Actor) -> AppResult<Vec<FailedMail>> {
        actor.require(&[Capability::Finance])?;
        let m = self.store.money();
        let mut out = Vec::new();
        for mail in m.mail_failed(50).await? {
            let Some(donor) = m.donor(mail.donor_id).await? else {
                continue;
            };
            let year = match (mail.year, mail.donation_id) {
                (Some(y), _) => y,
                (None, Some(did)) => m
                    .donation(did)
                    .await?
                    .and_then(|d| d.paid_at)
                    .map(|p| i32::from(p.to_zoned_datetime(self.config.tz()).year()))
                    .unwrap_or_else(|| {
                        i32::from(mail.created_at.to_zoned_datetime(self.config.tz()).year())
                    }),
                (None, None) => {
                    i32::from(mail.created_at.to_zoned_datetime(self.config.tz()).year())
                }
            };
            out.push(FailedMail {
                donor_id: donor.id,
                donor: donor.name.unwrap_or(donor.email),
                kind: mail.kind,
                year,
                failed_at: mail.failed_at.unwrap_or(mail.created_at),
                error: mail.error.unwrap_or_default(),
            });
        }
        Ok(out)
    }

    /// Whether the receipt of a gift was emailed, waits, or could not be sent (for the receipt page).
    pub async fn receipt_mail_state(
        &self,
        donation: DonationId,
    ) -> AppResult<Option<&'static str>> {
        Ok(self
            .store
            .money()
            .mail_for_donation(donation)
            .await?
            .map(|m| match (m.sent_at, m.failed_at) {
                (Some(_), _) => "sent",
                (None, Some(_)) => "failed",
                _ => "waiting",
            }))
    }
}

/// Whether `s` is one email address.
pub fn is_address(s: &str) -> bool {
    s.trim().parse::<lettre::Address>().is_ok()
}

/// Sends one test message through `cfg` (for `heart mail test`): `Err` with one line (the server's code, never
/// its words) when it was not taken.
pub async fn send_test(cfg: &MailConfig, to: &str, organisation: &str) -> Result<(), String> {
    cfg.check()?;
    if !cfg.on() {
        return Err("email is not set up: set mail.smtp_url and mail.from".into());
    }
    let to: lettre::Address = to
        .trim()
        .parse()
        .map_err(|_| "--to is not an email address".to_string())?;
    let from = cfg
        .from
        .parse::<Mailbox>()
        .map_err(|_| "mail.from is not an address".to_string())?;
    let message = Message::builder()
        .from(from)
        .to(Mailbox::new(None, to))
        .subject(format!("{organisation}: a test of the mail settings"))
        .header(ContentType::TEXT_PLAIN)
        .body(format!(
            "This message checks that {organisation}'s heart server can send receipts to donors. Nothing else \
             needs to be done.\n"
        ))
        .map_err(|_| "the test message could not be written".to_string())?;
    cfg.transport()?
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| {
            let code = smtp_code(&e);
            if e.is_permanent() {
                format!("the mail server refused the message ({code})")
            } else {
                format!("the mail server did not take the message ({code}); check mail.smtp_url")
            }
        })
}

/// A mail due now, not tried yet.
fn queued(dedup: String, kind: &str, donor: DonorId, language: &str, now: Timestamp) -> MailRow {
    MailRow {
        id: MailId::new(),
        dedup,
        kind: kind.into(),
        donor_id: donor,
        donation_id: None,
        year: None,
        language: language.into(),
        created_at: now,
        next_at: now,
        attempts: 0,
        sent_at: None,
        failed_at: None,
        error: None,
    }
}

/// Seconds before the next try after `attempts` failed ones: 1, 2, 4, ... minutes, at most 4 hours.
pub fn mail_backoff_secs(attempts: i64) -> i64 {
    let exp = u32::try_from(attempts.clamp(1, 12) - 1).unwrap_or(11);
    (60_i64 << exp).min(4 * 3600)
}

fn money_text(minor: i64, currency: &str) -> String {
    Currency::parse(currency)
        .map(|c| c.format(minor))
        .unwrap_or_else(|_| format!("{minor} {currency}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_and_stop_at_four_hours() {
        assert_eq!(mail_backoff_secs(1), 60);
        assert_eq!(mail_backoff_secs(2), 120);
        assert_eq!(mail_backoff_secs(5), 960);
        assert_eq!(mail_backoff_secs(11), 4 * 3600);
        // Twelve tries take about a day.
        let total: i64 = (1..MAIL_TRIES).map(mail_backoff_secs).sum();
        assert!((12 * 3600..48 * 3600).contains(&total), "{total}");
    }

    #[test]
    fn settings_are_checked_without_showing_secrets() {
        assert!(MailConfig::default().check().is_ok());
        let on = |url: &str, from: &str| MailConfig {
            smtp_url: url.into(),
            from: from.into(),
            ..MailConfig::default()
        };
        assert!(
            on("smtp://localhost:25", "HEART <giving@example.org>")
                .check()
                .is_ok()
        );
        assert!(
            on(
                "smtp://mail.example.org:587?tls=required",
                "giving@example.org"
            )
            .check()
            .is_ok()
        );
        assert!(
            on("smtps://mail.example.org", "giving@example.org")
                .check()
                .is_ok()
        );
        assert!(
            on("http://mail.example.org", "giving@example.org")
                .check()
                .unwrap_err()
                .contains("smtp://")
        );
        let e = on("smtp://me:hunter2@mail.example.org", "giving@example.org")
            .check()
            .unwrap_err();
        assert!(
            !e.contains("hunter2") && e.contains("HEART_SMTP_PASSWORD"),
            "{e}"
        );
        assert!(
            on("smtp://localhost", "not an address")
                .check()
                .unwrap_err()
                .contains("mail.from")
        );
        let user = MailConfig {
            smtp_user: "giving".into(),
            ..on("smtp://mail.example.org?tls=required", "giving@example.org")
        };
        assert!(user.check().unwrap_err().contains("HEART_SMTP_PASSWORD"));
        let plain = MailConfig {
            smtp_password: Some("secret".into()),
            ..user.clone()
        };
        assert!(plain.check().is_ok());
        let plain = MailConfig {
            smtp_url: "smtp://mail.example.org:587".into(),
            ..plain
        };
        assert!(plain.check().unwrap_err().contains("only over TLS"));
    }
}
