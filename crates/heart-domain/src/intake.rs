//! Intake: turning what someone typed into a request we can act on. Parse, don't validate.

use crate::text::{Words, clean};
use crate::triage::{AnswerError, Script};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MAX_SUMMARY_CHARS: usize = 4_000;
pub const MAX_SHORT_CHARS: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Phone,
    Web,
    Sms,
    Partner,
    /// A city's 311 system (Open311 GeoReport v2).
    Open311,
    /// Someone met on an outreach walk asked for a team.
    Outreach,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Channel::Phone,
        Channel::Web,
        Channel::Sms,
        Channel::Partner,
        Channel::Open311,
        Channel::Outreach,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Web => "web",
            Channel::Sms => "sms",
            Channel::Partner => "partner",
            Channel::Open311 => "open311",
            Channel::Outreach => "outreach",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Who is asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requester {
    /// The person themself.
    Person,
    /// Someone asking on the person's behalf (a friend, a neighbour, a passer-by).
    OnBehalf,
    /// A partner organisation.
    Partner,
}

impl Requester {
    pub const ALL: [Requester; 3] = [Requester::Person, Requester::OnBehalf, Requester::Partner];
    pub fn as_str(self) -> &'static str {
        match self {
            Requester::Person => "person",
            Requester::OnBehalf => "on_behalf",
            Requester::Partner => "partner",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Field -> error code ("required", "too_long", "out_of_range", "invalid", "unknown"). The web layer words them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<String, String>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, code: &str) {
        self.0
            .entry(field.to_string())
            .or_insert_with(|| code.to_string());
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn into_result<T>(self, ok: T) -> Result<T, FieldErrors> {
        if self.is_empty() { Ok(ok) } else { Err(self) }
    }
}

/// Where, as given. Any part may be missing; "prefer not to say" is an answer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = LocationBody))]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub text: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// The person preferred not to say: anything else given is dropped.
    #[serde(default)]
    pub withheld: bool,
}

/// How it is safe to reach the person. No message goes to a contact not marked safe for it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = SafeContactBody))]
#[serde(deny_unknown_fields)]
pub struct SafeContact {
    #[serde(default)]
    pub text_ok: bool,
    #[serde(default)]
    pub voicemail_ok: bool,
    #[serde(default)]
    pub call_ok: bool,
    /// When it is safe to contact them, in the team's time zone: days then times, e.g. "mon-fri 18:00-21:00;
    /// sat 10:00-14:00" (`time::parse_week`). None (or blank): any time.
    pub hours: Option<String>,
    /// A word the responder says so the person knows it is us.
    pub code_word: Option<String>,
    /// The person asked for an interpreter (for their language, `language`).
    #[serde(default)]
    pub interpreter: bool,
}

/// Who the person is and their number, if they gave them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ContactBody))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: Option<String>,
    pub phone: Option<String>,
}

/// Raw intake, as it came in (JSON or a form). In the API document: a request for support, of which only
/// `summary` is required.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = IntakeBody))]
#[serde(deny_unknown_fields)]
pub struct IntakeInput {
    /// phone, web, sms, partner, open311 or outreach (default phone).
    pub channel: Option<String>,
    /// person, on_behalf or partner.
    pub requester: Option<String>,
    /// What is happening, in plain words.
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "object")]
    pub location: Option<Location>,
    #[serde(default, deserialize_with = "object")]
    pub contact: Option<Contact>,
    #[serde(default, deserialize_with = "object")]
    pub safe_contact: Option<SafeContact>,
    /// A language tag such as en, es, pt-BR, ht (default en).
    pub language: Option<String>,
    /// Screening answers: question id to answer id (see the screening script).
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
}

/// A part of the input that is an object or `null`: serde's derive would also take a struct written as an array
/// (`"contact": [null, null]`), which the API document does not allow.
fn object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ObjectVisitor<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for ObjectVisitor<T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object or null")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
            T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Some)
        }
    }
    d.deserialize_any(ObjectVisitor(std::marker::PhantomData))
}

/// A request that passed intake checks.
#[derive(Clone, Debug, PartialEq)]
pub struct NewRequest {
    pub channel: Channel,
    pub requester: Requester,
    pub summary: String,
    pub location: Location,
    pub contact: Contact,
    pub safe_contact: SafeContact,
    pub language: String,
    pub answers: BTreeMap<String, String>,
}

fn short(errors: &mut FieldErrors, field: &str, s: Option<String>) -> Option<String> {
    Words::up_to(MAX_SHORT_CHARS).check(errors, field, s.as_deref())
}

/// A language tag such as `en`, `es`, `pt-BR`, `ht`.
pub fn parse_language(s: &str) -> Option<String> {
    let s = s.trim();
    let mut parts = s.split('-');
    let primary = parts.next()?;
    let ok_primary =
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
    let ok_rest =
        parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    (ok_primary && ok_rest).then(|| s.to_string())
}

/// A phone number: digits with the usual separators, 7-15 digits (E.164 maximum).
pub fn parse_phone(s: &str) -> Option<String> {
    let s = s.trim();
    let allowed = s
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (allowed && (7..=15).contains(&digits)).then(|| s.to_string())
}

/// A place as given, checked: its words short, its point on the globe, both coordinates or neither; nothing kept
/// when the person withheld it.
fn check_location(e: &mut FieldErrors, loc: Location) -> Location {
    let location = Location {
        text: if loc.withheld {
            None
        } else {
            short(e, "location.text", loc.text)
        },
        lat: if loc.withheld { None } else { loc.lat },
        lon: if loc.withheld { None } else { loc.lon },
        withheld: loc.withheld,
    };
    match (location.lat, location.lon) {
        (Some(lat), Some(lon)) => {
            if !(-90.0..=90.0).contains(&lat) || !lat.is_finite() {
                e.add("location.lat", "out_of_range");
            }
            if !(-180.0..=180.0).contains(&lon) || !lon.is_finite() {
                e.add("location.lon", "out_of_range");
            }
        }
        (None, None) => {}
        (None, Some(_)) => e.add("location.lat", "required"),
        (Some(_), None) => e.add("location.lon", "required"),
    }
    location
}

/// Safe-contact preferences as given, checked: the words short.
fn check_safe_contact(e: &mut FieldErrors, sc: SafeContact) -> SafeContact {
    SafeContact {
        text_ok: sc.text_ok,
        voicemail_ok: sc.voicemail_ok,
        call_ok: sc.call_ok,
        hours: short(e, "safe_contact.hours", sc.hours).and_then(|h| {
            // Structured: days and times (`parse_week`), in the team's time zone; none is any time.
            match crate::time::parse_week(&h) {
                Ok(_) => Some(h.trim().to_string()),
                Err(_) => {
                    e.add("safe_contact.hours", "safe_hours");
                    None
                }
            }
        }),
        code_word: short(e, "safe_contact.code_word", sc.code_word),
        interpreter: sc.interpreter,
    }
}

impl IntakeInput {
    /// Checks everything and answers with every problem at once, by field.
    pub fn parse(
        self,
        script: &Script,
        default_channel: Channel,
    ) -> Result<NewRequest, FieldErrors> {
        let mut e = FieldErrors::default();
        let channel = match self.channel.as_deref() {
            None | Some("") => default_channel,
            Some(c) => Channel::parse(c).unwrap_or_else(|| {
                e.add("channel", "unknown");
                default_channel
            }),
        };
        let requester = match self.requester.as_deref() {
            None | Some("") => match channel {
                Channel::Partner => Requester::Partner,
                Channel::Open311 => Requester::OnBehalf,
                _ => Requester::Person,
            },
            Some(r) => Requester::parse(r).unwrap_or_else(|| {
                e.add("requester", "unknown");
                Requester::Person
            }),
        };
        let summary = Words::up_to(MAX_SUMMARY_CHARS)
            .required()
            .check(&mut e, "summary", self.summary.as_deref())
            .unwrap_or_default();
        let location = check_location(&mut e, self.location.unwrap_or_default());
        let c = self.contact.unwrap_or_default();
        let phone = clean(c.phone.as_deref());
        let phone = match phone {
            Some(p) => parse_phone(&p).or_else(|| {
                e.add("contact.phone", "invalid");
                None
            }),
            None => None,
        };
        let contact = Contact {
            name: short(&mut e, "contact.name", c.name),
            phone,
        };
        let safe_contact = check_safe_contact(&mut e, self.safe_contact.unwrap_or_default());
        let language = match clean(self.language.as_deref()) {
            None => "en".to_string(),
            Some(l) => parse_language(&l).unwrap_or_else(|| {
                e.add("language", "invalid");
                "en".into()
            }),
        };
        let answers: BTreeMap<String, String> = self
            .answers
            .into_iter()
            .filter(|(_, a)| !a.trim().is_empty())
            .collect();
        if let Err(err) = script.check_answers(&answers) {
            let code = match err {
                AnswerError::UnknownQuestion(_) => "unknown",
                AnswerError::UnknownAnswer { .. } => "invalid",
            };
            e.add(&format!("answers.{}", err.question()), code);
        }
        e.into_result(NewRequest {
            channel,
            requester,
            summary,
            location,
            contact,
            safe_contact,
            language,
            answers,
        })
    }
}

/// A correction to a request after intake: each field given replaces the one held, and `version` is the request's
/// version as it was read, so that an edit made on a stale copy is refused. In the API document: the body of
/// `PATCH /api/v1/requests/{id}`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CorrectionBody))]
#[serde(deny_unknown_fields)]
pub struct CorrectionInput {
    /// The request's `version` as read.
    #[serde(deserialize_with = "crate::whole::one")]
    pub version: i64,
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "object")]
    pub location: Option<Location>,
    pub language: Option<String>,
    #[serde(default, deserialize_with = "object")]
    pub safe_contact: Option<SafeContact>,
    /// The needs named at the encounter (a request closed with one): housing, food, money, mental_health,
    /// substance_use, safety, conflict, medical, other.
    pub needs: Option<Vec<String>>,
}

/// A correction, checked: only what was given.
#[derive(Clone, Debug, PartialEq)]
pub struct Correction {
    pub version: i64,
    pub summary: Option<String>,
    pub location: Option<Location>,
    pub language: Option<String>,
    pub safe_contact: Option<SafeContact>,
    pub needs: Option<Vec<crate::care::Need>>,
}

impl CorrectionInput {
    /// Checks what was given as intake checks it, and answers with every problem at once, by field. A correction
    /// that gives nothing to change is refused (`correction`: `required`).
    pub fn parse(self) -> Result<Correction, FieldErrors> {
        let mut e = FieldErrors::default();
        let summary = self.summary.as_deref().map(|s| {
            Words::up_to(MAX_SUMMARY_CHARS)
                .required()
                .check(&mut e, "summary", Some(s))
                .unwrap_or_default()
        });
        let location = self.location.map(|l| check_location(&mut e, l));
        // A blank language is no change, as at intake it is the default.
        let language = clean(self.language.as_deref()).map(|l| {
            parse_language(&l).unwrap_or_else(|| {
                e.add("language", "invalid");
                String::new()
            })
        });
        let safe_contact = self.safe_contact.map(|s| check_safe_contact(&mut e, s));
        let needs = self.needs.map(|list| {
            let mut needs = Vec::new();
            for n in list {
                match crate::care::Need::parse(n.trim()) {
                    Some(n) if !needs.contains(&n) => needs.push(n),
                    Some(_) => {}
                    None => e.add("needs", "unknown"),
                }
            }
            needs
        });
        if summary.is_none()
            && location.is_none()
            && language.is_none()
            && safe_contact.is_none()
            && needs.is_none()
        {
            e.add("correction", "required");
        }
        e.into_result(Correction {
            version: self.version,
            summary,
            location,
            language,
            safe_contact,
            needs,
        })
    }
}

/// Whether a request's personal fields could be opened (they are sealed with the person's own data key).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SealState {
    /// Read (or about to be written) in full.
    #[default]
    Open,
    /// The person's data key was destroyed (erasure or retention): the fields are gone for good.
    Erased,
    /// The sealed value did not open (a wrong key file, or altered data): refused, never guessed.
    Unreadable,
}

impl SealState {
    pub fn is_open(&self) -> bool {
        *self == SealState::Open
    }
    pub fn as_str(&self) -> &'static str {
        match self {
            SealState::Open => "open",
            SealState::Erased => "erased",
            SealState::Unreadable => "unreadable",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script() -> Script {
        Script::shipped().unwrap()
    }

    #[test]
    fn only_summary_is_required() {
        let r = IntakeInput {
            summary: Some("  someone crying outside  ".into()),
            ..Default::default()
        }
        .parse(&script(), Channel::Phone)
        .unwrap();
        assert_eq!(r.summary, "someone crying outside");
        assert_eq!(r.language, "en");
        assert_eq!(r.requester, Requester::Person);
        assert!(r.contact.phone.is_none());
    }

    #[test]
    fn every_problem_at_once_by_field() {
        let e = IntakeInput {
            channel: Some("fax".into()),
            summary: Some("   ".into()),
            location: Some(Location {
                lat: Some(999.0),
                lon: Some(-71.1),
                ..Default::default()
            }),
            contact: Some(Contact {
                name: None,
                phone: Some("call me".into()),
            }),
            language: Some("english!".into()),
            answers: [("medical".to_string(), "maybe".to_string())].into(),
            ..Default::default()
        }
        .parse(&script(), Channel::Phone)
        .unwrap_err();
        let fields: Vec<&str> = e.0.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            [
                "answers.medical",
                "channel",
                "contact.phone",
                "language",
                "location.lat",
                "summary"
            ]
        );
        assert_eq!(e.0["location.lat"], "out_of_range");
    }

    #[test]
    fn prefer_not_to_say_drops_the_location() {
        let r = IntakeInput {
            summary: Some("x".into()),
            location: Some(Location {
                text: Some("somewhere".into()),
                lat: Some(42.0),
                lon: Some(-71.0),
                withheld: true,
            }),
            ..Default::default()
        }
        .parse(&script(), Channel::Web)
        .unwrap();
        assert_eq!(
            r.location,
            Location {
                withheld: true,
                ..Default::default()
            }
        );
    }

    #[test]
    fn languages_and_phones() {
        assert_eq!(parse_language("pt-BR").as_deref(), Some("pt-BR"));
        assert!(parse_language("e").is_none());
        assert!(parse_phone("(617) 555-0100").is_some());
        assert!(parse_phone("555").is_none());
    }
}
