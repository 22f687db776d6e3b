//! Ways in from outside: a partner's signed alert (a bank's vestibule alarm, a library's referral), and what
//! every channel shares: the place an alert is about, for joining repeated alerts into one request, and the
//! plain state a sender may see ("received", "a team is on the way", "closed"). Pure: parsing and rules only.

use crate::dispatch::Status;
use crate::intake::{
    Channel, Contact, FieldErrors, IntakeInput, Location, MAX_SUMMARY_CHARS, NewRequest,
};
use crate::text::Words;
use crate::time::Timestamp;
use crate::triage::{Kind, Script};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The largest partner alert body accepted (bytes); more is refused with 413 before parsing.
pub const MAX_ALERT_BYTES: usize = 16 * 1024;
/// The longest callback URL kept.
pub const MAX_CALLBACK_CHARS: usize = 500;

/// A partner alert as sent (JSON). Documented in the README and the OpenAPI.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = AlertBody))]
#[serde(deny_unknown_fields)]
pub struct AlertInput {
    /// One of the script's kinds the partner may send: person_sheltering, person_in_distress, welfare_check,
    /// conflict, referral.
    pub kind: Option<String>,
    /// Where: words, a point, or both (required unless `cleared`).
    pub place: Option<Location>,
    /// When it began (RFC 3339), e.g. when the person came into the vestibule (default: when it arrives); with the
    /// partner's escalation timer, a request opens only once it has lasted that long.
    pub time: Option<String>,
    /// What the partner saw, in their words (up to 4,000 characters).
    pub text: Option<String>,
    /// Where the partner would like to hear of changes (https).
    pub callback: Option<String>,
    /// The language of the person, if known (for any reply to them).
    pub language: Option<String>,
    /// The situation ended before anyone was sent (the person left): an alert still held is dropped.
    #[serde(default)]
    pub cleared: bool,
}

/// A partner alert that passed the checks.
#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    pub kind: String,
    pub place: Location,
    pub began: Option<Timestamp>,
    pub text: Option<String>,
    pub callback: Option<String>,
    pub language: Option<String>,
    pub cleared: bool,
}

impl AlertInput {
    /// Every problem at once, by field. `kind_ok` says whether this partner may send a kind.
    pub fn parse(
        self,
        kind_ok: impl Fn(&str) -> bool,
        now: Timestamp,
    ) -> Result<Alert, FieldErrors> {
        let mut e = FieldErrors::default();
        let kind = self.kind.map(|k| k.trim().to_string()).unwrap_or_default();
        if kind.is_empty() {
            e.add("kind", "required");
        } else if !kind_ok(&kind) {
            e.add("kind", "not_allowed");
        }
        let place = self.place.unwrap_or_default();
        let text_place = Words::up_to(crate::intake::MAX_SHORT_CHARS).check(
            &mut e,
            "place.text",
            place.text.as_deref(),
        );
        match (place.lat, place.lon) {
            (Some(lat), Some(lon)) => {
                if !(-90.0..=90.0).contains(&lat) || !lat.is_finite() {
                    e.add("place.lat", "out_of_range");
                }
                if !(-180.0..=180.0).contains(&lon) || !lon.is_finite() {
                    e.add("place.lon", "out_of_range");
                }
            }
            (None, None) => {}
            (None, Some(_)) => e.add("place.lat", "required"),
            (Some(_), None) => e.add("place.lon", "required"),
        }
        if text_place.is_none() && place.lat.is_none() && !self.cleared {
            e.add("place", "required");
        }
        let began = match self.time.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(t) => match t.parse::<Timestamp>() {
                // A clock a little ahead is forgiven; a time far in the future is a mistake.
                Ok(t) if t.as_second() <= now.as_second() + 300 => Some(t.min(now)),
                Ok(_) => {
                    e.add("time", "out_of_range");
                    None
                }
                Err(_) => {
                    e.add("time", "invalid");
                    None
                }
            },
        };
        let text = Words::up_to(MAX_SUMMARY_CHARS).check(&mut e, "text", self.text.as_deref());
        let callback = self
            .callback
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty());
        if let Some(c) = &callback
            && (!(c.starts_with("https://") || c.starts_with("http://"))
                || c.chars().count() > MAX_CALLBACK_CHARS
                || c.chars().any(char::is_whitespace))
        {
            e.add("callback", "invalid");
        }
        let language = match self.language.as_deref() {
            None | Some("") => None,
            Some(l) => match crate::intake::parse_language(l) {
                Some(l) => Some(l),
                None => {
                    e.add("language", "invalid");
                    None
                }
            },
        };
        e.into_result(Alert {
            kind,
            place: Location {
                text: text_place,
                lat: place.lat,
                lon: place.lon,
                withheld: false,
            },
            began,
            text,
            callback,
            language,
            cleared: self.cleared,
        })
    }
}

/// The place an alert is about, as a key: alerts with the same key within the window join one request. A point
/// is snapped to a grid of about 50 metres (two alarms of one building differ by a few metres); words are
/// compared without case, punctuation or extra spaces. The store keeps only a keyed hash of it.
pub fn place_key(place: &Location) -> Option<String> {
    if let (Some(lat), Some(lon)) = (place.lat, place.lon) {
        // 0.0005 degrees of latitude is 55 m; of longitude at 42 degrees north, 41 m.
        let snap = |x: f64| (x / 0.0005).round() as i64;
        return Some(format!("pt:{}:{}", snap(lat), snap(lon)));
    }
    let words: Vec<String> = place
        .text
        .as_deref()?
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    (!words.is_empty()).then(|| format!("tx:{}", words.join(" ")))
}

/// The keys of the places an alert may join: its own, and for a point the eight cells around it (two alarms a
/// few metres apart can fall either side of a cell's edge).
pub fn nearby_keys(place: &Location) -> Vec<String> {
    if let (Some(lat), Some(lon)) = (place.lat, place.lon) {
        let snap = |x: f64| (x / 0.0005).round() as i64;
        let (a, b) = (snap(lat), snap(lon));
        let mut out = vec![format!("pt:{a}:{b}")];
        for da in -1..=1 {
            for db in -1..=1 {
                if (da, db) != (0, 0) {
                    out.push(format!("pt:{}:{}", a + da, b + db));
                }
            }
        }
        return out;
    }
    place_key(place).into_iter().collect()
}

/// A partner's short name in its webhook URL: lowercase letters, digits and dashes, from its name.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(48);
    out
}

/// What someone outside (a partner, a 311 system) may know of a request: nothing personal, only how far along.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    /// Held by the partner's escalation timer: heart has it and will open a request when the time is up.
    Waiting,
    /// The team has it (screening, waiting for a free team).
    Received,
    /// A team is assigned, on the way or there.
    TeamOnTheWay,
    /// Closed or withdrawn.
    Closed,
}

impl Progress {
    pub fn of(status: Status) -> Self {
        match status {
            Status::Received | Status::Triaged | Status::Waiting => Progress::Received,
            Status::Assigned | Status::EnRoute | Status::OnScene => Progress::TeamOnTheWay,
            Status::Closed | Status::Cancelled => Progress::Closed,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Progress::Waiting => "waiting",
            Progress::Received => "received",
            Progress::TeamOnTheWay => "team_on_the_way",
            Progress::Closed => "closed",
        }
    }
}

/// An Open311 GeoReport v2 service request as posted (`POST requests`, form-encoded).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Open311Post {
    pub service_code: String,
    pub lat: Option<String>,
    pub long: Option<String>,
    pub address_string: Option<String>,
    pub address_id: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    pub description: Option<String>,
    /// `attribute[CODE]=VALUE`: answers to the service definition's attributes (screening questions).
    pub attributes: BTreeMap<String, String>,
}

/// An Open311 refusal: the HTTP status and the description for the spec's error array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Open311Error {
    pub status: u16,
    pub description: String,
}

impl Open311Error {
    pub fn new(status: u16, description: impl Into<String>) -> Self {
        Open311Error {
            status,
            description: description.into(),
        }
    }
}

impl Open311Post {
    /// From the decoded form pairs (`api_key` and `jurisdiction_id` are read by the caller).
    pub fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Open311Error> {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let service_code =
            get("service_code").ok_or_else(|| Open311Error::new(400, "service_code is missing"))?;
        let mut attributes = BTreeMap::new();
        for (k, v) in pairs {
            if let Some(code) = k
                .strip_prefix("attribute[")
                .and_then(|c| c.strip_suffix(']'))
                && !v.trim().is_empty()
            {
                attributes.insert(code.to_string(), v.trim().to_string());
            }
        }
        Ok(Open311Post {
            service_code,
            lat: get("lat"),
            long: get("long"),
            address_string: get("address_string"),
            address_id: get("address_id"),
            first_name: get("first_name"),
            last_name: get("last_name"),
            phone: get("phone"),
            description: get("description"),
            attributes,
        })
    }

    /// Checks it against the script's kinds and questions and makes the request it asks for (channel `open311`,
    /// asked on someone's behalf). Errors are the spec's: 404 for an unknown service, 400 for the rest.
    pub fn to_request(&self, script: &Script) -> Result<(NewRequest, Kind), Open311Error> {
        let kind = script
            .kind(self.service_code.trim())
            .ok_or_else(|| Open311Error::new(404, "service_code is not a known service"))?
            .clone();
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let (lat, lon) = match (clean(&self.lat), clean(&self.long)) {
            (Some(a), Some(b)) => match (a.parse::<f64>(), b.parse::<f64>()) {
                (Ok(a), Ok(b)) if (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&b) => {
                    (Some(a), Some(b))
                }
                _ => return Err(Open311Error::new(400, "lat and long must be WGS84 degrees")),
            },
            (None, None) => (None, None),
            _ => return Err(Open311Error::new(400, "lat and long go together")),
        };
        let address = clean(&self.address_string).or_else(|| clean(&self.address_id));
        if lat.is_none() && address.is_none() {
            return Err(Open311Error::new(
                400,
                "a location is required: lat and long, address_string or address_id",
            ));
        }
        let mut answers = kind.answers.clone();
        for (q, a) in &self.attributes {
            let ok = script
                .question(q)
                .is_some_and(|x| x.answers.iter().any(|y| &y.id == a));
            if !ok {
                return Err(Open311Error::new(
                    400,
                    format!("attribute[{q}] has no such value"),
                ));
            }
            answers.insert(q.clone(), a.clone());
        }
        let name = [clean(&self.first_name), clean(&self.last_name)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let input = IntakeInput {
            channel: Some("open311".into()),
            requester: Some("on_behalf".into()),
            summary: Some(clean(&self.description).unwrap_or_else(|| kind.name.clone())),
            location: Some(Location {
                text: address,
                lat,
                lon,
                withheld: false,
            }),
            contact: Some(Contact {
                name: (!name.is_empty()).then_some(name),
                phone: clean(&self.phone),
            }),
            safe_contact: None,
            language: None,
            answers,
        };
        let new = input.parse(script, Channel::Open311).map_err(|e| {
            let (field, code) =
                e.0.iter()
                    .next()
                    .map(|(f, c)| (f.clone(), c.clone()))
                    .unwrap_or_default();
            Open311Error::new(400, format!("{field} is {}", code.replace('_', " ")))
        })?;
        Ok((new, kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-11-27T08:00:00Z".parse().unwrap()
    }

    fn input(json: &str) -> AlertInput {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_full_alert_parses() {
        let a = input(
            r#"{"kind":"person_sheltering","place":{"text":"ATM vestibule, 1 Main St","lat":42.3625,"lon":-71.0843},
               "time":"2026-11-27T07:00:00Z","text":"Someone has been inside for an hour","callback":"https://bank.example/h"}"#,
        )
        .parse(|k| k == "person_sheltering", now())
        .unwrap();
        assert_eq!(a.kind, "person_sheltering");
        assert_eq!(a.began.unwrap().to_string(), "2026-11-27T07:00:00Z");
        assert_eq!(a.place.text.as_deref(), Some("ATM vestibule, 1 Main St"));
    }

    #[test]
    fn every_problem_is_named_by_field() {
        let e = input(
            r#"{"kind":"police","place":{"lat":95.0,"lon":-71.0},"time":"tomorrow","callback":"ftp://x","language":"!!"}"#,
        )
        .parse(|k| k == "referral", now())
        .unwrap_err();
        let fields: Vec<&str> = e.0.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            ["callback", "kind", "language", "place.lat", "time"],
            "{e:?}"
        );
        assert_eq!(e.0["kind"], "not_allowed");
        let e = input(r#"{"kind":"referral"}"#)
            .parse(|_| true, now())
            .unwrap_err();
        assert_eq!(e.0["place"], "required");
        let e = input(r#"{"kind":"referral","place":{"text":"x"},"time":"2026-11-28T08:00:00Z"}"#)
            .parse(|_| true, now())
            .unwrap_err();
        assert_eq!(e.0["time"], "out_of_range");
    }

    #[test]
    fn unknown_fields_are_refused_by_the_format() {
        assert!(serde_json::from_str::<AlertInput>(r#"{"kind":"x","route_to":"police"}"#).is_err());
    }

    #[test]
    fn nearby_points_and_the_same_words_share_a_place() {
        let p = |lat, lon| Location {
            lat: Some(lat),
            lon: Some(lon),
            ..Default::default()
        };
        assert_eq!(
            place_key(&p(42.36251, -71.08431)),
            place_key(&p(42.36253, -71.08429))
        );
        assert_ne!(
            place_key(&p(42.3625, -71.0843)),
            place_key(&p(42.3650, -71.0843))
        );
        // Either side of a cell's edge: different cells, but each is among the other's neighbours.
        let (a, b) = (p(42.36523, -71.10363), p(42.36525, -71.10363));
        assert_ne!(place_key(&a), place_key(&b));
        assert!(nearby_keys(&a).contains(&place_key(&b).unwrap()));
        assert_eq!(nearby_keys(&a).len(), 9);
        assert_eq!(nearby_keys(&a)[0], place_key(&a).unwrap());
        let t = |s: &str| Location {
            text: Some(s.into()),
            ..Default::default()
        };
        assert_eq!(place_key(&t("1 Main St.")), place_key(&t("  1  main st ")));
        assert_eq!(place_key(&t(" ,. ")), None);
    }

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(
            slug("  Cambridge Savings Bank (Central) "),
            "cambridge-savings-bank-central"
        );
        assert_eq!(slug("Café Ünïcode"), "caf-n-code");
    }

    #[test]
    fn progress_says_nothing_more_than_how_far_along() {
        assert_eq!(Progress::of(Status::Waiting), Progress::Received);
        assert_eq!(Progress::of(Status::EnRoute), Progress::TeamOnTheWay);
        assert_eq!(Progress::of(Status::Cancelled), Progress::Closed);
    }

    fn pairs(s: &str) -> Vec<(String, String)> {
        s.split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn open311_posts_become_requests_or_the_specs_errors() {
        let script = Script::shipped().unwrap();
        let p = Open311Post::from_pairs(&pairs(
            "service_code=person_in_distress&lat=42.36&long=-71.1&attribute[distress]=acute&attribute[medical]=no&attribute[x]=",
        ))
        .unwrap();
        assert_eq!(p.attributes.len(), 2);
        let (r, k) = p.to_request(&script).unwrap();
        assert_eq!(k.code, "person_in_distress");
        assert_eq!(r.channel, Channel::Open311);
        assert_eq!(r.answers["where_now"], "outside");
        assert_eq!(r.summary, k.name);
        let status = |q: &str| match Open311Post::from_pairs(&pairs(q)) {
            Err(e) => e.status,
            Ok(p) => p
                .to_request(&script)
                .map(|_| 200)
                .unwrap_or_else(|e| e.status),
        };
        assert_eq!(status("lat=1&long=2"), 400);
        assert_eq!(status("service_code=potholes&lat=1&long=2"), 404);
        assert_eq!(status("service_code=conflict"), 400);
        assert_eq!(status("service_code=conflict&lat=1"), 400);
        assert_eq!(status("service_code=conflict&lat=91&long=0"), 400);
        assert_eq!(
            status("service_code=conflict&address_id=12&attribute[medical]=maybe"),
            400
        );
        assert_eq!(
            status("service_code=conflict&address_id=12&phone=call-me"),
            400
        );
        assert_eq!(
            status("service_code=conflict&address_string=1 Main St"),
            200
        );
    }
}
