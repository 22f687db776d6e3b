//! heart's open taxonomy of needs (no licensed 211/AIRS codes): what a person may need, mapped to the needs an
//! encounter records, plus a few features a responder filters on (free, no ID asked, accessible). Published in
//! the directory (and at `/hsds/taxonomies/{id}`) under [`URI`].

use crate::model::{Directory, Kind, Record};
use crate::upgrade::stable_id;
use serde_json::{Value, json};

pub const URI: &str = "urn:heart:taxonomy:needs:v1";
pub const NAME: &str = "heart needs";

/// (code, name, description, parent code, the encounter's need it maps to).
pub const TERMS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "housing",
        "Housing and shelter",
        "A place to stay tonight or for longer.",
        "",
        "housing",
    ),
    (
        "shelter-bed",
        "A bed tonight",
        "Emergency or overnight shelter beds.",
        "housing",
        "housing",
    ),
    (
        "warming-centre",
        "Warm place",
        "Somewhere warm to be during the day or in the cold.",
        "housing",
        "housing",
    ),
    ("food", "Food", "Food tonight or groceries.", "", "food"),
    (
        "food-pantry",
        "Food pantry",
        "Groceries to take home.",
        "food",
        "food",
    ),
    (
        "meals",
        "Meals",
        "A hot meal served on site.",
        "food",
        "food",
    ),
    (
        "money",
        "Money and bills",
        "Help with money, bills and benefits.",
        "",
        "money",
    ),
    (
        "utility-arrears",
        "Help with bills and arrears",
        "Paying utility, rent or phone arrears.",
        "money",
        "money",
    ),
    (
        "mental-health",
        "Mental health",
        "Counselling, peer support, crisis lines.",
        "",
        "mental_health",
    ),
    (
        "peer-support",
        "Peer support",
        "Support from people with lived experience.",
        "mental-health",
        "mental_health",
    ),
    (
        "substance-use",
        "Substance use",
        "Harm reduction, recovery, detox.",
        "",
        "substance_use",
    ),
    (
        "safety",
        "Safety",
        "Safety from violence or abuse at home.",
        "",
        "safety",
    ),
    (
        "domestic-violence",
        "Domestic violence",
        "Support for people facing abuse, including financial abuse.",
        "safety",
        "safety",
    ),
    (
        "conflict",
        "Conflict and mediation",
        "Help resolving a conflict without police.",
        "",
        "conflict",
    ),
    (
        "medical",
        "Health care",
        "Clinics, hospitals, dental and medicine.",
        "",
        "medical",
    ),
    (
        "legal",
        "Legal help",
        "Legal advice and representation.",
        "",
        "other",
    ),
    (
        "community",
        "Community space",
        "Community centres, libraries and gathering places.",
        "",
        "other",
    ),
    (
        "evacuation-site",
        "Emergency evacuation site",
        "Opened by the city in a disaster; not a nightly shelter.",
        "",
        "other",
    ),
    ("free", "Free of charge", "No cost to the person.", "", ""),
    (
        "no-id",
        "No ID required",
        "The service does not ask for identification.",
        "",
        "",
    ),
    (
        "accessible",
        "Wheelchair accessible",
        "Step-free access.",
        "",
        "",
    ),
    (
        "spanish",
        "Spanish spoken",
        "Staff or volunteers speak Spanish.",
        "",
        "",
    ),
];

pub fn taxonomy_id() -> String {
    stable_id("heart-taxonomy", URI)
}

pub fn term_id(code: &str) -> String {
    stable_id("heart-taxonomy-term", code)
}

/// The taxonomy and its terms as HSDS records.
pub fn records() -> Vec<(Kind, Record)> {
    let mut out = Vec::new();
    let tid = taxonomy_id();
    if let Value::Object(m) = json!({
        "id": tid, "name": NAME, "uri": URI, "version": "1",
        "description": "heart's open taxonomy of needs, mapped to the needs a care record keeps. Free to use.",
    }) {
        out.push((Kind::Taxonomy, m));
    }
    for (code, name, desc, parent, _) in TERMS {
        let mut v = json!({
            "id": term_id(code), "code": code, "name": name, "description": desc,
            "taxonomy": NAME, "taxonomy_id": tid, "language": "en",
        });
        if !parent.is_empty() {
            v["parent_id"] = Value::String(term_id(parent));
        }
        if let Value::Object(m) = v {
            out.push((Kind::TaxonomyTerm, m));
        }
    }
    out
}

/// Put the taxonomy into a directory (a no-op when it is there).
pub fn add_to(dir: &mut Directory) {
    for (kind, r) in records() {
        if let Some(Value::String(id)) = r.get("id") {
            let id = id.clone();
            dir.tables.entry(kind).or_default().entry(id).or_insert(r);
        }
    }
}

/// The code of one of our terms from its id.
pub fn code_of(term_id_: &str) -> Option<&'static str> {
    TERMS.iter().find(|t| term_id(t.0) == term_id_).map(|t| t.0)
}

/// An attribute linking a record to one of our terms.
pub fn attribute(link_id: &str, link_type: &str, code: &str) -> Record {
    let mut m = Record::new();
    m.insert(
        "id".into(),
        stable_id("heart-attribute", &format!("{link_id}:{code}")).into(),
    );
    m.insert("link_id".into(), link_id.into());
    m.insert("link_type".into(), link_type.into());
    m.insert("link_entity".into(), link_type.into());
    m.insert("taxonomy_term_id".into(), term_id(code).into());
    m
}
