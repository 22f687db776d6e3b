//! Who is visiting (session cookie or bearer token), in which language, and what a page needs to render.

use crate::AppState;
use crate::error::WebError;
use crate::i18n;
use axum::http::{HeaderMap, header};
use fluent_templates::LanguageIdentifier;
use heart_app::auth::Session;
use heart_app::doing::Doing;
use heart_app::{Actor, AppError};
use heart_domain::access::Capability;
use heart_domain::time::Timestamp;
use jiff::tz::TimeZone;
use std::borrow::Borrow;

pub const SESSION_COOKIE: &str = "heart_session";

/// On signing out: the browser forgets what this site kept on the device (the responder's view kept for a time
/// with no signal, actions waiting to be sent, the service worker and its alerts), so nothing personal stays there.
pub fn clear_device(resp: &mut axum::response::Response) {
    resp.headers_mut().insert(
        axum::http::HeaderName::from_static("clear-site-data"),
        axum::http::HeaderValue::from_static("\"cache\", \"storage\""),
    );
}
/// The language a visitor chose (from the links at the foot of every page), over the browser's.
pub const LANG_COOKIE: &str = "heart_lang";
/// The page being shown (path and query), set by the server's own middleware for the language links.
pub const PAGE_HEADER: &str = "x-heart-page";
pub const CSRF_COOKIE: &str = "heart_csrf";

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// Who is asking: a signed-in session first, else a bearer token; None when neither is valid.
pub async fn session_or_bearer(
    st: &AppState,
    headers: &HeaderMap,
) -> Result<Option<Actor>, WebError> {
    if let Some(c) = cookie(headers, SESSION_COOKIE)
        && let Some((a, _)) = st.app.session_actor(c).await.map_err(WebError::Api)?
    {
        return Ok(Some(a));
    }
    match bearer(headers) {
        Some(t) => st.app.token_actor(t).await.map_err(WebError::Api),
        None => Ok(None),
    }
}

pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
}

/// What every page knows about the visit.
#[derive(Clone)]
pub struct Ctx {
    pub lang: LanguageIdentifier,
    pub actor: Option<Actor>,
    /// The session's CSRF token, or the public double-submit token.
    pub csrf: String,
    pub team_name: String,
    pub area: String,
    pub tz: TimeZone,
    pub now: Timestamp,
    /// Which nav entry is current.
    pub nav: &'static str,
    /// Exports and erasures ask for the second factor again.
    pub step_up: bool,
    /// This page's path and query (to come back to after choosing a language).
    pub page: String,
    /// The public figures (`/transparency`) are served.
    pub public_impact: bool,
}

pub struct Visitor {
    pub ctx: Ctx,
    pub session: Option<Session>,
    /// A CSRF cookie to set for a public form (none yet).
    pub new_csrf_cookie: Option<String>,
}

impl AppState {
    /// Resolves the visit: a session cookie, or nobody (public pages). Bearer tokens are for the API alone.
    pub async fn visitor(
        &self,
        headers: &HeaderMap,
        nav: &'static str,
    ) -> Result<Visitor, WebError> {
        let lang = i18n::chosen(cookie(headers, LANG_COOKIE)).unwrap_or_else(|| {
            i18n::negotiate(
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok()),
            )
        });
        let mut actor = None;
        let mut session = None;
        if let Some(c) = cookie(headers, SESSION_COOKIE)
            && let Some((a, s)) = self
                .app
                .session_actor(c)
                .await
                .map_err(|e| WebError::page(e, &lang))?
        {
            actor = Some(a);
            session = Some(s);
        }
        // Bearer tokens open API routes only, never a page: a key given to a system must not read what the pages
        // show a person. A page asked for with one (and no session) is refused.
        if actor.is_none() && bearer(headers).is_some() {
            return Err(WebError::page(AppError::Unauthenticated, &lang));
        }
        let (csrf, new_csrf_cookie) = match (&session, cookie(headers, CSRF_COOKIE)) {
            (Some(s), _) => (s.csrf.clone(), None),
            (None, Some(c)) => (c.to_string(), None),
            (None, None) => {
                let t = heart_crypto::random_token(24);
                (t.clone(), Some(t))
            }
        };
        let cfg = &self.app.config;
        let tz = TimeZone::get(&cfg.hours.timezone).unwrap_or(TimeZone::UTC);
        Ok(Visitor {
            ctx: Ctx {
                lang,
                actor,
                csrf,
                team_name: cfg.team_name.clone(),
                area: cfg.area.clone(),
                tz,
                now: self.app.clock.now(),
                nav,
                step_up: cfg.require_second_factor,
                page: headers
                    .get(PAGE_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("/")
                    .to_string(),
                public_impact: cfg.impact.public,
            },
            session,
            new_csrf_cookie,
        })
    }
}

impl Visitor {
    /// The signed-in actor, or the way to get there (sign in). What they may do is the use cases' to say: a
    /// `Forbidden` from one becomes the plain 403 page.
    pub fn signed_in(&self) -> Result<Actor, WebError> {
        self.ctx.actor.clone().ok_or(WebError::Login)
    }

    /// The signed-in actor, if the app says they may do this (asked before a form's fields are read, or where no
    /// use case guards what the page shows).
    pub fn may(&self, app: &heart_app::App, doing: Doing) -> Result<Actor, WebError> {
        let actor = self.signed_in()?;
        app.may(&actor, doing)
            .map_err(|e| WebError::page(e, &self.ctx.lang))?;
        Ok(actor)
    }

    /// Checks the CSRF token of an unsafe form.
    pub fn check_csrf(&self, headers: &HeaderMap, submitted: Option<&str>) -> Result<(), WebError> {
        let submitted = submitted.unwrap_or("");
        let ok = match &self.session {
            Some(s) => heart_app::App::csrf_ok(s, submitted),
            None => cookie(headers, CSRF_COOKIE)
                .is_some_and(|c| heart_crypto::constant_time_eq(c, submitted)),
        };
        if ok {
            Ok(())
        } else {
            Err(WebError::Csrf(self.ctx.lang.clone()))
        }
    }
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        i18n::t(&self.lang, key)
    }
    /// The catalogue's words for `key`, or `plain` (its `_` as spaces) when it has none: names an operator
    /// chose, such as a place where supplies are kept.
    pub fn t_or(&self, key: &str, plain: &str) -> String {
        i18n::try_t(&self.lang, key).unwrap_or_else(|| plain.replace('_', " "))
    }
    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        i18n::t_args(&self.lang, key, &[(name, value.to_string())])
    }
    /// A message whose words depend on a number (Fluent plurals).
    pub fn tn(&self, key: &str, name: &'static str, n: impl Borrow<usize>) -> String {
        i18n::t_count(&self.lang, key, name, *n.borrow() as i64, None)
    }
    pub fn t_args2(
        &self,
        key: &str,
        a: &'static str,
        av: &str,
        b: &'static str,
        bv: &str,
    ) -> String {
        i18n::t_args(&self.lang, key, &[(a, av.to_string()), (b, bv.to_string())])
    }
    /// How an alert's position was known and how old it is: "the phone's location, 1 min ago".
    pub fn alert_where(&self, a: &heart_app::safety::Alert) -> String {
        let source = a.position_source.as_deref().unwrap_or("base");
        let what = self.tv("alert-where", source);
        match a.position_at {
            Some(at) => self.t_args2("alert-where-age", "where", &what, "age", &self.age(at)),
            None => what,
        }
    }
    /// A message for an enum value, e.g. `status-en_route`.
    /// A message (escaped as HTML) whose crisis lines are links to tap: 911, 988 (a call, and a text as well)
    /// and the Massachusetts Behavioral Health Help Line. For `|safe` in templates.
    pub fn with_phone_links(&self, key: &str) -> String {
        let text = self
            .t(key)
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;");
        let text_988 = self.t("phone-text-988");
        let mut out = String::with_capacity(text.len() + 200);
        let mut rest = text.as_str();
        let mut said_988 = false;
        while !rest.is_empty() {
            let next = ["833-773-2445", "988", "911"]
                .iter()
                .filter_map(|n| rest.find(n).map(|i| (i, *n)))
                .filter(|(i, n)| {
                    // Whole numbers only: not the 911 inside a longer number.
                    let before = rest[..*i].chars().next_back();
                    let after = rest[i + n.len()..].chars().next();
                    !before.is_some_and(|c| c.is_ascii_digit() || c == '-')
                        && !after.is_some_and(|c| c.is_ascii_digit() || c == '-')
                })
                .min_by_key(|(i, _)| *i);
            let Some((i, n)) = next else {
                out.push_str(rest);
                break;
            };
            out.push_str(&rest[..i]);
            let tel = if n == "833-773-2445" {
                "+18337732445"
            } else {
                n
            };
            // A number reads left to right inside right-to-left words too.
            out.push_str(&format!(
                "<a class=\"tap\" href=\"tel:{tel}\" dir=\"ltr\">{n}</a>"
            ));
            if n == "988" && !said_988 {
                out.push_str(&format!(
                    " (<a class=\"tap\" href=\"sms:988\">{text_988}</a>)"
                ));
                said_988 = true;
            }
            rest = &rest[i + n.len()..];
        }
        out
    }
    /// What the last save did, said after the redirect (`?done=closed&due=1764950400`): "Saved. The follow-up is
    /// due Saturday 14:00." `None` when the page was not reached from a save.
    pub fn done_message(&self) -> Option<String> {
        let query = self.page.split_once('?')?.1;
        let mut what = None;
        let mut due = None;
        for (k, v) in query.split('&').filter_map(|kv| kv.split_once('=')) {
            match k {
                "done" => what = Some(v),
                "due" => due = v.parse::<i64>().ok(),
                _ => {}
            }
        }
        let what = what?;
        if ![
            "intake",
            "assigned",
            "acknowledged",
            "follow_up",
            "closed",
            "passkey_added",
            "passkey_renamed",
            "passkey_removed",
            "note",
            "handover_read",
            "account_disabled",
            "token_revoked",
            "follow_up_no_answer",
            "follow_up_rescheduled",
            "follow_up_could_not_reach",
            "follow_up_declined",
            "password_changed",
            "corrected",
            "text_waits",
            "rota_sign_up",
            "rota_withdraw",
            "rota_offer",
            "rota_keep_place",
            "rota_take",
            "rota_place",
            "rota_remove",
            "rota_pattern",
            "rota_feed_stopped",
            "push_on",
            "push_off",
            "alert_ways",
            "outreach",
            "warmline",
            "debrief",
            "training",
            "training_removed",
            "supplies_received",
            "supplies_given",
            "supplies_moved",
            "supplies_discarded",
            "supply_level",
            "shortfall_checked",
            "circle_opened",
            "circle_person",
            "circle_note",
            "circle_consent",
            "circle_stage",
            "circle_agreement",
            "circle_plan",
            "circle_check_in",
            "circle_check_in_result",
            "circle_asked",
            "circle_decided",
        ]
        .contains(&what)
        {
            return None;
        }
        let due = due.and_then(|s| Timestamp::from_second(s).ok());
        Some(match (what, due) {
            ("closed", Some(at)) => {
                let local = at.to_zoned_datetime(self.tz.clone()).datetime();
                self.t1("done-closed-follow-up", "when", &self.weekday_time(local))
            }
            ("text_waits", Some(at)) => {
                let local = at.to_zoned_datetime(self.tz.clone()).datetime();
                self.t1("done-text_waits", "when", &self.weekday_time(local))
            }
            _ => self.t(&format!("done-{what}")),
        })
    }
    /// Safe-contact times in the reader's words ("Monday–Friday 18:00–22:00"); words that are not days and times
    /// (a record from before they were structured) as they are.
    pub fn safe_hours(&self, spec: &str) -> String {
        let Ok(windows) = heart_domain::time::parse_week(spec) else {
            return spec.to_string();
        };
        let day = |d: usize| self.t(&format!("weekday-{}", d + 1));
        windows
            .iter()
            .map(|w| {
                let mut days = w.days.clone();
                days.sort_unstable();
                days.dedup();
                let run = days.len() >= 3 && days.windows(2).all(|p| p[1] == p[0] + 1);
                let names = match (run, days.first(), days.last()) {
                    (true, Some(a), Some(b)) => format!("{}–{}", day(*a), day(*b)),
                    _ => days.iter().map(|d| day(*d)).collect::<Vec<_>>().join(", "),
                };
                format!("{names} {}–{}", w.from, w.to)
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
    /// A phone number for a `tel:` or `sms:` link: digits with a leading +, North American numbers with +1.
    pub fn tel(&self, phone: &str) -> String {
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        if phone.trim_start().starts_with('+') {
            format!("+{digits}")
        } else if digits.len() == 10 {
            format!("+1{digits}")
        } else if digits.len() == 11 && digits.starts_with('1') {
            format!("+{digits}")
        } else {
            digits
        }
    }
    /// A person's language by name (`es` -> Spanish, `zh-Hans` -> Chinese), in the reader's language; none for
    /// English, which needs no mention.
    pub fn person_language(&self, code: &str) -> Option<String> {
        let primary = code.split('-').next().unwrap_or(code);
        if code.is_empty() || primary == "en" {
            return None;
        }
        [code, primary]
            .iter()
            .find_map(|c| i18n::try_t(&self.lang, &format!("language-{c}")))
            .or_else(|| Some(code.to_string()))
    }
    pub fn tv(&self, prefix: &str, value: &str) -> String {
        i18n::t(&self.lang, &format!("{prefix}-{value}"))
    }
    /// Why screening decided what it did, in the reader's language (`triage-rule-<rule>`), else the script's words.
    pub fn rationale(&self, t: &heart_domain::triage::Triage) -> String {
        i18n::script_words(
            &self.lang,
            &heart_domain::triage::rule_msg(&t.rule),
            &t.rationale,
        )
    }

    /// The page's `lang`: the shipped language's tag (`zh-Hans`, `pt-BR`), `en` for English.
    pub fn lang_tag(&self) -> String {
        match crate::languages::find(&self.lang.to_string()) {
            Some(l) if l.tag == "en-US" => "en".into(),
            Some(l) => l.tag.into(),
            None => self.lang.language.as_str().to_string(),
        }
    }
    /// The page's direction: `rtl` for a language written right to left.
    pub fn dir(&self) -> &'static str {
        match crate::languages::find(&self.lang.to_string()) {
            Some(l) if l.rtl => "rtl",
            _ => "ltr",
        }
    }
    /// The page's language is a translation no fluent speaker has reviewed yet: the page says so, in it.
    pub fn translation_new(&self) -> bool {
        crate::languages::translation_is_new(&self.lang.to_string())
    }
    /// Every shipped language for the links at the foot of the page: (tag, its own name, direction, this page's).
    pub fn languages(&self) -> Vec<(&'static str, &'static str, &'static str, bool)> {
        let here = self.lang.to_string();
        crate::languages::LANGUAGES
            .iter()
            .map(|l| {
                (
                    l.tag,
                    l.name,
                    if l.rtl { "rtl" } else { "ltr" },
                    l.tag == here,
                )
            })
            .collect()
    }
    pub fn signed_in(&self) -> bool {
        self.actor.is_some()
    }
    pub fn can(&self, cap: &str) -> bool {
        match (&self.actor, Capability::parse(cap)) {
            (Some(a), Ok(c)) => a.caps.has(c),
            _ => false,
        }
    }
    /// Whether the one signed in is who the audit log names `audit_name` (`user:<id>`): what they wrote.
    pub fn is_me(&self, audit_name: &str) -> bool {
        self.actor
            .as_ref()
            .is_some_and(|a| a.audit_name() == audit_name)
    }
    pub fn who(&self) -> String {
        self.actor
            .as_ref()
            .map(|a| a.name.clone())
            .unwrap_or_default()
    }
    pub fn current(&self, nav: &str) -> &'static str {
        if self.nav == nav { "page" } else { "false" }
    }
    /// "12 min", "3 h 5 min", "2 d 4 h".
    pub fn age(&self, since: impl Borrow<Timestamp>) -> String {
        let secs = self.now.duration_since(*since.borrow()).as_secs();
        duration_words(self, secs)
    }
    /// Time until (positive) or since (negative) a moment, in words.
    pub fn until(&self, at: impl Borrow<Timestamp>) -> String {
        let secs = at.borrow().duration_since(self.now).as_secs();
        if secs >= 0 {
            self.t1("time-in", "duration", &duration_words(self, secs))
        } else {
            self.t1("time-ago", "duration", &duration_words(self, -secs))
        }
    }
    pub fn time(&self, at: impl Borrow<Timestamp>) -> String {
        i18n::short_date_time(
            &self.lang,
            at.borrow().to_zoned_datetime(self.tz.clone()).datetime(),
        )
    }
    /// "14:05": the local time of day alone (for something that happened today).
    pub fn hm(&self, at: impl Borrow<Timestamp>) -> String {
        at.borrow()
            .to_zoned_datetime(self.tz.clone())
            .strftime("%H:%M")
            .to_string()
    }
    /// "Monday 17:00" (local) in the page's language; "today 08:00" or "tomorrow 08:00" when it is.
    pub fn weekday_time(&self, at: impl Borrow<jiff::civil::DateTime>) -> String {
        let at = *at.borrow();
        let today = self.now.to_zoned_datetime(self.tz.clone()).date();
        let day = if at.date() == today {
            Some("day-today")
        } else if today.tomorrow().is_ok_and(|t| t == at.date()) {
            Some("day-tomorrow")
        } else {
            None
        };
        match day {
            Some(key) => format!("{} {:02}:{:02}", self.t(key), at.hour(), at.minute()),
            None => i18n::weekday_time(&self.lang, at),
        }
    }
    pub fn iso(&self, at: impl Borrow<Timestamp>) -> String {
        at.borrow().to_string()
    }
    pub fn is_past(&self, at: impl Borrow<Timestamp>) -> bool {
        *at.borrow() <= self.now
    }
    /// "$1,234.50" for minor units of a currency.
    pub fn money(&self, minor: impl Borrow<i64>, currency: &str) -> String {
        heart_domain::money::Currency::parse(currency)
            .map(|c| c.format(*minor.borrow()))
            .unwrap_or_else(|_| format!("{} {currency}", minor.borrow()))
    }
    /// "2026-11-27" for a ledger day (yyyymmdd).
    pub fn day(&self, d: impl Borrow<i64>) -> String {
        heart_domain::ledger::day_text(*d.borrow())
    }
    /// "2026-11-27 14:05" for an instant, in the team's time zone.
    pub fn date_time(&self, at: impl Borrow<Timestamp>) -> String {
        at.borrow()
            .to_zoned_datetime(self.tz.clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string()
    }
    /// "2026-11-27" for an instant, in the team's time zone.
    pub fn date(&self, at: impl Borrow<Timestamp>) -> String {
        at.borrow()
            .to_zoned_datetime(self.tz.clone())
            .strftime("%Y-%m-%d")
            .to_string()
    }
}

fn duration_words(ctx: &Ctx, secs: i64) -> String {
    let (d, h, m) = heart_domain::time::short_duration(secs);
    if d > 0 {
        i18n::t_args(
            &ctx.lang,
            "duration-dh",
            &[("d", d.to_string()), ("h", h.to_string())],
        )
    } else if h > 0 {
        format!(
            "{} {}",
            ctx.t1("duration-h", "h", &h.to_string()),
            ctx.t1("duration-m", "m", &m.to_string())
        )
    } else {
        ctx.t1("duration-m", "m", &m.to_string())
    }
}

/// `Set-Cookie` for a session.
pub fn session_cookie(value: &str, max_age_secs: i64, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{}",
        if secure { "; Secure" } else { "" }
    )
}

pub fn csrf_cookie(value: &str, secure: bool) -> String {
    format!(
        "{CSRF_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict{}",
        if secure { "; Secure" } else { "" }
    )
}

/// An id from a page's path; one that does not parse is "not found", as an unknown one is.
pub(crate) fn parse_id<T: std::str::FromStr>(s: &str, ctx: &Ctx) -> Result<T, WebError> {
    s.parse()
        .map_err(|_| WebError::page(AppError::NotFound, &ctx.lang))
}

/// Turns an app error's field map into (form field id, message) pairs.
pub fn field_messages(ctx: &Ctx, err: &AppError) -> Vec<(String, String)> {
    match err {
        AppError::Invalid(f) => {
            f.0.iter()
                .map(|(field, code)| {
                    let id = form_field(field);
                    let message = crate::i18n::try_t(&ctx.lang, &format!("field-error-{code}"))
                        .unwrap_or_else(|| ctx.t("field-error-generic"));
                    // The summary names the field where the catalogue has a name for it.
                    let message = match crate::i18n::try_t(&ctx.lang, &format!("field-name-{id}")) {
                        Some(name) => format!("{name}: {message}"),
                        None => message,
                    };
                    (id, message)
                })
                .collect()
        }
        other => vec![(String::new(), other.to_string())],
    }
}

/// The form input id for a domain field name.
pub fn form_field(field: &str) -> String {
    match field {
        "safe_contact.hours" => "safe_hours".into(),
        "safe_contact.code_word" => "code_word".into(),
        f => match f.strip_prefix("answers.") {
            Some(q) => format!("q_{q}"),
            None => f.replace('.', "_"),
        },
    }
}
