//! The official HSDS 3.0 JSON Schemas and tabular package, embedded. Each object's schema names its neighbours by
//! file (`"$ref": "phone.json"`); they are gathered under `$defs` so each validator stands alone and nothing is
//! fetched.

use crate::model::{Kind, Record};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The package descriptor (with heart's one extension field, see [`datapackage`]).
const DATAPACKAGE: &str = include_str!("../schema/datapackage.json");

fn source(kind: Kind) -> &'static str {
    match kind {
        Kind::Organization => include_str!("../schema/organization.json"),
        Kind::Program => include_str!("../schema/program.json"),
        Kind::Service => include_str!("../schema/service.json"),
        Kind::Attribute => include_str!("../schema/attribute.json"),
        Kind::ServiceAtLocation => include_str!("../schema/service_at_location.json"),
        Kind::Location => include_str!("../schema/location.json"),
        Kind::Phone => include_str!("../schema/phone.json"),
        Kind::Contact => include_str!("../schema/contact.json"),
        Kind::Address => include_str!("../schema/address.json"),
        Kind::Schedule => include_str!("../schema/schedule.json"),
        Kind::Funding => include_str!("../schema/funding.json"),
        Kind::ServiceArea => include_str!("../schema/service_area.json"),
        Kind::RequiredDocument => include_str!("../schema/required_document.json"),
        Kind::Language => include_str!("../schema/language.json"),
        Kind::Accessibility => include_str!("../schema/accessibility.json"),
        Kind::TaxonomyTerm => include_str!("../schema/taxonomy_term.json"),
        Kind::Metadata => include_str!("../schema/metadata.json"),
        Kind::MetaTableDescription => include_str!("../schema/meta_table_description.json"),
        Kind::CostOption => include_str!("../schema/cost_option.json"),
        Kind::OrganizationIdentifier => include_str!("../schema/organization_identifier.json"),
        Kind::Taxonomy => include_str!("../schema/taxonomy.json"),
    }
}

/// The HSDS OpenAPI document, as published.
pub const OPENAPI: &str = include_str!("../schema/openapi.json");

/// A field of the tabular model and its type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    /// "string", "number", "integer", "boolean", "date", "time", "datetime".
    pub kind: String,
}

/// heart's extension to `schedules`: the IANA time zone beside HSDS's numeric `timezone` offset, so opening hours
/// follow daylight-saving changes.
pub const TZ_FIELD: &str = "timezone_name";

pub struct Schemas {
    validators: HashMap<Kind, jsonschema::Validator>,
    required: HashMap<Kind, Vec<String>>,
    fields: HashMap<Kind, Vec<Field>>,
    datapackage: Value,
}

fn rewrite_refs(v: &mut Value) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get_mut("$ref")
                && let Some(name) = r.strip_suffix(".json")
                && !name.contains('/')
            {
                *r = format!("#/$defs/{name}");
            }
            for (_, x) in m.iter_mut() {
                rewrite_refs(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

fn build() -> Result<Schemas, String> {
    let mut raw: HashMap<Kind, Value> = HashMap::new();
    for kind in Kind::ALL {
        let mut v: Value = serde_json::from_str(source(kind)).map_err(|e| e.to_string())?;
        rewrite_refs(&mut v);
        raw.insert(kind, v);
    }
    let defs: Map<String, Value> = Kind::ALL
        .iter()
        .map(|k| (k.name().to_string(), raw[k].clone()))
        .collect();
    let mut validators = HashMap::new();
    let mut required = HashMap::new();
    for kind in Kind::ALL {
        let mut root = raw[&kind].clone();
        if let Value::Object(m) = &mut root {
            m.insert("$defs".into(), Value::Object(defs.clone()));
            m.insert(
                "$schema".into(),
                "https://json-schema.org/draft/2020-12/schema".into(),
            );
        }
        let v = jsonschema::options()
            .should_validate_formats(true)
            .build(&root)
            .map_err(|e| format!("{}: {e}", kind.name()))?;
        validators.insert(kind, v);
        let req = raw[&kind]
            .get("required")
            .and_then(|r| r.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        required.insert(kind, req);
    }
    let mut datapackage: Value = serde_json::from_str(DATAPACKAGE).map_err(|e| e.to_string())?;
    let mut fields = HashMap::new();
    if let Some(Value::Array(resources)) = datapackage.get_mut("resources") {
        for r in resources {
            let Some(kind) = r
                .get("name")
                .and_then(|n| n.as_str())
                .and_then(Kind::from_name)
            else {
                continue;
            };
            if kind == Kind::Schedule
                && let Some(Value::Array(fs)) = r.pointer_mut("/schema/fields")
            {
                fs.push(serde_json::json!({
                    "name": TZ_FIELD,
                    "type": "string",
                    "title": "Time zone (IANA)",
                    "description": "heart's extension: the IANA time zone of opens_at and closes_at \
                        (e.g. America/New_York), so hours follow daylight-saving changes.",
                    "constraints": { "required": false, "unique": false }
                }));
            }
            let list = r
                .pointer("/schema/fields")
                .and_then(|f| f.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|f| {
                            Some(Field {
                                name: f.get("name")?.as_str()?.to_string(),
                                kind: f.get("type")?.as_str()?.to_string(),
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            fields.insert(kind, list);
        }
    }
    Ok(Schemas {
        validators,
        required,
        fields,
        datapackage,
    })
}

/// The schemas, built once.
pub fn schemas() -> &'static Schemas {
    static S: OnceLock<Schemas> = OnceLock::new();
    S.get_or_init(|| match build() {
        Ok(s) => s,
        // The schemas are compiled into the binary and checked by a unit test.
        #[allow(clippy::panic)]
        Err(e) => panic!("embedded HSDS schemas do not build: {e}"),
    })
}

impl Schemas {
    /// Problems with a (flat or nested) object of this kind: (JSON path, message). Empty when valid.
    pub fn errors(&self, kind: Kind, value: &Value) -> Vec<(String, String)> {
        match self.validators.get(&kind) {
            Some(v) => v
                .iter_errors(value)
                .map(|e| {
                    let path = e.instance_path().to_string();
                    let msg = e.to_string();
                    (path.trim_start_matches('/').replace('/', "."), msg)
                })
                .collect(),
            None => vec![],
        }
    }

    pub fn required(&self, kind: Kind) -> &[String] {
        self.required
            .get(&kind)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    /// The tabular fields of a kind, in the package's order.
    pub fn fields(&self, kind: Kind) -> &[Field] {
        self.fields.get(&kind).map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// The package descriptor an export writes: the official one plus heart's schedule field.
    pub fn datapackage(&self) -> &Value {
        &self.datapackage
    }

    /// Drop nulls, and empty strings in fields that are not required; keep required ones (as "" if need be).
    pub fn normalize(&self, kind: Kind, record: &mut Record) {
        let req = self.required(kind);
        record.retain(|k, v| match v {
            Value::Null => false,
            Value::String(s) if s.trim().is_empty() => req.iter().any(|r| r == k),
            _ => true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_builds_and_the_official_full_service_is_valid() {
        let s = build().unwrap();
        let svc: Value =
            serde_json::from_str(include_str!("../tests/data/hsds3/json/service_full.json"))
                .unwrap();
        assert_eq!(
            s.errors(Kind::Service, &svc),
            Vec::<(String, String)>::new()
        );
        let mut bad = svc.clone();
        bad["status"] = "open".into();
        bad["phones"][0]["id"] = 5.into();
        let errs = s.errors(Kind::Service, &bad);
        assert!(errs.iter().any(|(p, _)| p == "status"), "{errs:?}");
        assert!(errs.iter().any(|(p, _)| p == "phones.0.id"), "{errs:?}");
        assert!(s.fields(Kind::Schedule).iter().any(|f| f.name == TZ_FIELD));
        assert_eq!(s.required(Kind::Service), ["id", "name", "status"]);
    }
}
