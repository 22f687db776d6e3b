//! Which fields are personal, and how they are sealed: backend-neutral, so every adapter stores the same bytes.
//!
//! Each row keeps its personal fields in one `sealed` column: a JSON object encrypted under the person's data key
//! with associated data binding (table, "sealed", row id, key version). Everything else in the row (statuses,
//! times, categories) stays readable for dispatch and for aggregate counts.

use crate::model::{EncounterRow, FollowUpRow, RequestRow, SealState};
use heart_crypto::keys::{Aad, DataKey, KeyError, Keyring, Keys, WrappedKey};
use heart_domain::ids::SubjectId;
use heart_domain::intake::{Contact, Location};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

pub const COLUMN: &str = "sealed";

/// Every personal field kept sealed, as `table.field`: what-we-hold (the data inventory) must cover each one.
pub const SEALED_FIELDS: &[&str] = &[
    "requests.summary",
    "requests.location_text",
    "requests.lat",
    "requests.lon",
    "requests.contact_name",
    "requests.contact_phone",
    "requests.safe_hours",
    "requests.code_word",
    "requests.answers",
    "requests.ems_reason",
    "requests.interpreter",
    "encounters.actions",
    "encounters.own_words",
    "follow_ups.done_note",
    "request_notes.sealed",
    "mutual_aid.notes",
    "mutual_aid.proof",
    "mutual_aid.payee_name",
    "mutual_aid.decline_reason",
    "mutual_aid.proof_name",
    "sms_messages.sealed",
    "alert_ways.sealed",
    "partner_alerts.held",
    "referrals.sealed",
    "legal_demands.reference",
    "legal_demands.asked",
    "legal_demands.handed_over",
    "circles.sealed",
    "circle_people.sealed",
    "circle_people.plan",
    "circle_notes.sealed",
    "circle_commitments.sealed",
    "circle_check_ins.sealed",
];

/// A legal demand's free text (their reference, what was asked, what was handed over): one sealed payload.
#[derive(Default, Serialize, Deserialize)]
struct LegalSecrets {
    reference: String,
    asked: String,
    handed_over: Option<String>,
}

/// The purpose a legal demand's text is sealed for under the deployment's key (when no person is named).
pub const LEGAL_PURPOSE: &str = "legal";

/// How a legal demand's text is stored: under the named person's key (erased with them), else under the
/// deployment's key-encryption key (`kek_id` set; re-wrapped by `heart keys rotate`).
pub fn seal_legal(
    id: &str,
    reference: &str,
    asked: &str,
    handed_over: Option<&str>,
    person: Option<(&DataKey, u32)>,
    ring: &heart_crypto::keys::Keyring,
) -> (Option<i64>, Vec<u8>) {
    let text = LegalSecrets {
        reference: reference.to_string(),
        asked: asked.to_string(),
        handed_over: handed_over.map(str::to_string),
    };
    match person {
        Some((key, version)) => (
            None,
            seal_json(&text, key, aad("legal_demands", id, version)),
        ),
        None => {
            let w = ring.seal_secret(
                LEGAL_PURPOSE,
                id,
                &serde_json::to_vec(&text).unwrap_or_default(),
            );
            (Some(i64::from(w.kek_id)), w.bytes)
        }
    }
}

/// Opens what [`seal_legal`] wrote: `(reference, asked, handed_over)`; `None` when it does not open (the person
/// was erased, or a wrong key).
pub fn open_legal(
    id: &str,
    sealed: &[u8],
    kek: Option<i64>,
    person: Option<(&DataKey, u32)>,
    keys: &Keys,
) -> Option<(String, String, Option<String>)> {
    let text: LegalSecrets = match (kek, person) {
        (Some(kek), _) => {
            let w = heart_crypto::keys::WrappedKey {
                kek_id: kek as u32,
                bytes: sealed.to_vec(),
            };
            let raw = keys
                .get()
                .open_secret(LEGAL_PURPOSE, id, &w)
                .or_else(|_| keys.refresh().open_secret(LEGAL_PURPOSE, id, &w))
                .ok()?;
            serde_json::from_slice(&raw).ok()?
        }
        (None, Some((key, version))) => {
            open_json(key, aad("legal_demands", id, version), sealed).ok()?
        }
        (None, None) => return None,
    };
    Some((text.reference, text.asked, text.handed_over))
}

#[derive(Default, Serialize, Deserialize)]
struct RequestSecrets {
    summary: String,
    location_text: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    contact_name: Option<String>,
    contact_phone: Option<String>,
    safe_hours: Option<String>,
    code_word: Option<String>,
    answers: BTreeMap<String, String>,
    ems_reason: Option<String>,
    /// Sealed with the rest (and erased with the person); absent from requests sealed before it existed.
    #[serde(default)]
    interpreter: bool,
}

#[derive(Default, Serialize, Deserialize)]
struct EncounterSecrets {
    actions: String,
    own_words: Option<String>,
}

#[derive(Default, Serialize, Deserialize)]
struct FollowUpSecrets {
    done_note: Option<String>,
}

fn aad<'a>(table: &'a str, row_id: &'a str, key_version: u32) -> Aad<'a> {
    Aad {
        table,
        column: COLUMN,
        row_id,
        key_version,
    }
}

pub(crate) fn seal_json<T: Serialize>(v: &T, key: &DataKey, a: Aad<'_>) -> Vec<u8> {
    // Serialising plain structs of strings and numbers cannot fail.
    key.seal(a, &serde_json::to_vec(v).unwrap_or_default())
}

pub(crate) fn open_json<T: for<'de> Deserialize<'de>>(
    key: &DataKey,
    a: Aad<'_>,
    sealed: &[u8],
) -> Result<T, KeyError> {
    let raw = key.open(a, sealed)?;
    serde_json::from_slice(&raw).map_err(|_| KeyError::Tampered)
}

/// A mutual-aid request's notes, or its proof of payment (`column` "sealed" or "proof"), sealed as bytes.
pub fn seal_aid(
    id: &str,
    column: &'static str,
    bytes: &[u8],
    key: &DataKey,
    version: u32,
) -> Vec<u8> {
    key.seal(
        Aad {
            table: "mutual_aid",
            column,
            row_id: id,
            key_version: version,
        },
        bytes,
    )
}

/// How a sealed value is written into a text column: this prefix, then URL-safe base64 of the sealed bytes.
/// A value without it was written before the column was sealed, and is read as it is (and erased the same).
pub const SEALED_TEXT: &str = "sealed:v1:";

/// A short mutual-aid text (a payee's name, a decline reason, a proof's file name), sealed under the person's key
/// for its own column, as text.
pub fn seal_aid_text(
    id: &str,
    column: &'static str,
    text: &str,
    key: &DataKey,
    version: u32,
) -> String {
    use base64::Engine;
    let bytes = seal_aid(id, column, text.as_bytes(), key, version);
    format!(
        "{SEALED_TEXT}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// Opens what `seal_aid_text` wrote; a value from before sealing comes back as it is. `None` when it does not
/// open (another key, or altered).
pub fn open_aid_text(
    id: &str,
    column: &'static str,
    stored: &str,
    key: Option<(&DataKey, u32)>,
) -> Option<String> {
    use base64::Engine;
    let Some(b64) = stored.strip_prefix(SEALED_TEXT) else {
        return Some(stored.to_string());
    };
    let (key, version) = key?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(b64)
        .ok()?;
    open_aid(id, column, &bytes, key, version)
        .ok()
        .and_then(|raw| String::from_utf8(raw).ok())
}

pub fn open_aid(
    id: &str,
    column: &'static str,
    sealed: &[u8],
    key: &DataKey,
    version: u32,
) -> Result<Vec<u8>, KeyError> {
    key.open(
        Aad {
            table: "mutual_aid",
            column,
            row_id: id,
            key_version: version,
        },
        sealed,
    )
}

pub fn seal_request(r: &RequestRow, key: &DataKey, version: u32) -> Vec<u8> {
    let s = RequestSecrets {
        summary: r.summary.clone(),
        location_text: r.location.text.clone(),
        lat: r.location.lat,
        lon: r.location.lon,
        contact_name: r.contact.name.clone(),
        contact_phone: r.contact.phone.clone(),
        safe_hours: r.safe_contact.hours.clone(),
        code_word: r.safe_contact.code_word.clone(),
        answers: r.answers.clone(),
        ems_reason: r.ems_reason.clone(),
        interpreter: r.safe_contact.interpreter,
    };
    seal_json(&s, key, aad("requests", &r.id.to_string(), version))
}

/// Fills the personal fields of `r` (which arrive empty from the database).
pub fn open_request(
    r: &mut RequestRow,
    key: &DataKey,
    version: u32,
    sealed: &[u8],
) -> Result<(), KeyError> {
    let s: RequestSecrets = open_json(key, aad("requests", &r.id.to_string(), version), sealed)?;
    r.summary = s.summary;
    r.location = Location {
        text: s.location_text,
        lat: s.lat,
        lon: s.lon,
        withheld: r.location.withheld,
    };
    r.contact = Contact {
        name: s.contact_name,
        phone: s.contact_phone,
    };
    r.safe_contact.hours = s.safe_hours;
    r.safe_contact.code_word = s.code_word;
    r.safe_contact.interpreter = s.interpreter;
    r.answers = s.answers;
    r.ems_reason = s.ems_reason;
    r.sealed = SealState::Open;
    Ok(())
}

pub fn seal_encounter(e: &EncounterRow, key: &DataKey, version: u32) -> Vec<u8> {
    let s = EncounterSecrets {
        actions: e.actions.clone(),
        own_words: e.own_words.clone(),
    };
    seal_json(&s, key, aad("encounters", &e.id.to_string(), version))
}

pub fn open_encounter(
    e: &mut EncounterRow,
    key: &DataKey,
    version: u32,
    sealed: &[u8],
) -> Result<(), KeyError> {
    let s: EncounterSecrets =
        open_json(key, aad("encounters", &e.id.to_string(), version), sealed)?;
    e.actions = s.actions;
    e.own_words = s.own_words;
    Ok(())
}

pub fn seal_follow_up(f: &FollowUpRow, key: &DataKey, version: u32) -> Vec<u8> {
    let s = FollowUpSecrets {
        done_note: f.done_note.clone(),
    };
    seal_json(&s, key, aad("follow_ups", &f.id.to_string(), version))
}

pub fn open_follow_up(
    f: &mut FollowUpRow,
    key: &DataKey,
    version: u32,
    sealed: &[u8],
) -> Result<(), KeyError> {
    let s: FollowUpSecrets = open_json(key, aad("follow_ups", &f.id.to_string(), version), sealed)?;
    f.done_note = s.done_note;
    Ok(())
}

/// Digits only, without a leading US country code: "(617) 555-0100" and "+1 617 555 0100" index alike.
pub fn normalize_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix('1') {
        Some(rest) if digits.len() == 11 => rest.to_string(),
        _ => digits,
    }
}

pub fn phone_index(ring: &Keyring, phone: &str) -> String {
    ring.blind_index("phone", &normalize_phone(phone))
}

/// Unwraps a stored data key, re-reading the key file once if it names a KEK this process has not seen (a
/// rotation by another process).
pub fn unwrap_key(
    keys: &Keys,
    subject: SubjectId,
    kek_id: u32,
    wrapped: Vec<u8>,
) -> Result<Arc<DataKey>, KeyError> {
    let w = WrappedKey {
        kek_id,
        bytes: wrapped,
    };
    let s = subject.to_string();
    match keys.get().unwrap(&s, &w) {
        Err(KeyError::UnknownKek(_)) => keys.refresh().unwrap(&s, &w).map(Arc::new),
        other => other.map(Arc::new),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_of<T: Serialize>(table: &str, v: &T) -> Vec<String> {
        match serde_json::to_value(v).unwrap_or_default() {
            serde_json::Value::Object(m) => m.keys().map(|k| format!("{table}.{k}")).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn the_list_of_sealed_fields_is_the_sealed_payloads() {
        let mut all = keys_of("requests", &RequestSecrets::default());
        all.extend(keys_of("encounters", &EncounterSecrets::default()));
        all.extend(keys_of("follow_ups", &FollowUpSecrets::default()));
        // Sealed as bytes, one column each (`seal_aid`).
        all.extend([
            "mutual_aid.notes".to_string(),
            "mutual_aid.proof".to_string(),
            // Sealed one by one into their own text columns (`seal_aid_text`).
            "mutual_aid.payee_name".to_string(),
            "mutual_aid.decline_reason".to_string(),
            "mutual_aid.proof_name".to_string(),
            // The number and words of a text, as one sealed payload (`sms.rs`).
            "sms_messages.sealed".to_string(),
            // A partner's alert waiting for its timer, under the KEK (`channels.rs`).
            "partner_alerts.held".to_string(),
            // What a person agreed to share with a service, as one payload (`referrals.rs`).
            "referrals.sealed".to_string(),
            // The words of a line on a request's timeline (`notes.rs`).
            "request_notes.sealed".to_string(),
            // A team member's number for alerts by text, under a key of their own (`push.rs`).
            "alert_ways.sealed".to_string(),
        ]);
        // A circle's words: each under its person's key or the circle's own (`circles.rs`).
        all.extend(
            [
                "circles.sealed",
                "circle_people.sealed",
                "circle_people.plan",
                "circle_notes.sealed",
                "circle_commitments.sealed",
                "circle_check_ins.sealed",
            ]
            .map(String::from),
        );
        all.extend(["reference", "asked", "handed_over"].map(|c| format!("legal_demands.{c}")));
        all.sort();
        let mut listed: Vec<String> = SEALED_FIELDS.iter().map(|s| s.to_string()).collect();
        listed.sort();
        assert_eq!(all, listed);
    }

    #[test]
    fn phones_normalise_to_one_index() {
        assert_eq!(normalize_phone("(617) 555-0100"), "6175550100");
        assert_eq!(normalize_phone("+1 617 555 0100"), "6175550100");
        assert_eq!(normalize_phone("+44 20 7946 0000"), "442079460000");
    }
}
