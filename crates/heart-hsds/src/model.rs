//! The directory as HSDS 3.0 records: one flat record per row of the tabular model (what a CSV row holds), kept
//! by kind and id. Nested JSON (a "fully nested service") is built from the records and taken apart into them
//! again, so the two serialisations describe the same set of records.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// One HSDS record: the fields of one row, no nested arrays.
pub type Record = Map<String, Value>;

/// The HSDS 3.0 tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Organization,
    Program,
    Service,
    Attribute,
    ServiceAtLocation,
    Location,
    Phone,
    Contact,
    Address,
    Schedule,
    Funding,
    ServiceArea,
    RequiredDocument,
    Language,
    Accessibility,
    TaxonomyTerm,
    Metadata,
    MetaTableDescription,
    CostOption,
    OrganizationIdentifier,
    Taxonomy,
}

impl Kind {
    pub const ALL: [Kind; 21] = [
        Kind::Organization,
        Kind::Program,
        Kind::Service,
        Kind::Attribute,
        Kind::ServiceAtLocation,
        Kind::Location,
        Kind::Phone,
        Kind::Contact,
        Kind::Address,
        Kind::Schedule,
        Kind::Funding,
        Kind::ServiceArea,
        Kind::RequiredDocument,
        Kind::Language,
        Kind::Accessibility,
        Kind::TaxonomyTerm,
        Kind::Metadata,
        Kind::MetaTableDescription,
        Kind::CostOption,
        Kind::OrganizationIdentifier,
        Kind::Taxonomy,
    ];

    /// The name in the data package and the schema file (`phone` -> `phone.json`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Program => "program",
            Kind::Service => "service",
            Kind::Attribute => "attribute",
            Kind::ServiceAtLocation => "service_at_location",
            Kind::Location => "location",
            Kind::Phone => "phone",
            Kind::Contact => "contact",
            Kind::Address => "address",
            Kind::Schedule => "schedule",
            Kind::Funding => "funding",
            Kind::ServiceArea => "service_area",
            Kind::RequiredDocument => "required_document",
            Kind::Language => "language",
            Kind::Accessibility => "accessibility",
            Kind::TaxonomyTerm => "taxonomy_term",
            Kind::Metadata => "metadata",
            Kind::MetaTableDescription => "meta_table_description",
            Kind::CostOption => "cost_option",
            Kind::OrganizationIdentifier => "organization_identifier",
            Kind::Taxonomy => "taxonomy",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The CSV file of the tabular package.
    pub fn file(self) -> &'static str {
        match self {
            Kind::Organization => "organizations.csv",
            Kind::Program => "programs.csv",
            Kind::Service => "services.csv",
            Kind::Attribute => "attributes.csv",
            Kind::ServiceAtLocation => "service_at_location.csv",
            Kind::Location => "locations.csv",
            Kind::Phone => "phones.csv",
            Kind::Contact => "contacts.csv",
            Kind::Address => "addresses.csv",
            Kind::Schedule => "schedules.csv",
            Kind::Funding => "funding.csv",
            Kind::ServiceArea => "service_areas.csv",
            Kind::RequiredDocument => "required_documents.csv",
            Kind::Language => "languages.csv",
            Kind::Accessibility => "accessibility.csv",
            Kind::TaxonomyTerm => "taxonomy_terms.csv",
            Kind::Metadata => "metadata.csv",
            Kind::MetaTableDescription => "meta_table_descriptions.csv",
            Kind::CostOption => "cost_options.csv",
            Kind::OrganizationIdentifier => "organization_identifiers.csv",
            Kind::Taxonomy => "taxonomies.csv",
        }
    }

    /// The JSON file of an export (`services.json`, ...).
    pub fn json_file(self) -> String {
        self.file().replace(".csv", ".json")
    }

    /// Fields that point at another record: (field, the kind it points at).
    pub fn references(self) -> &'static [(&'static str, Kind)] {
        use Kind::*;
        match self {
            Program => &[("organization_id", Organization)],
            Service => &[("organization_id", Organization), ("program_id", Program)],
            Attribute => &[("taxonomy_term_id", TaxonomyTerm)],
            ServiceAtLocation => &[("service_id", Service), ("location_id", Location)],
            Location => &[("organization_id", Organization)],
            Phone => &[
                ("location_id", Location),
                ("service_id", Service),
                ("organization_id", Organization),
                ("contact_id", Contact),
                ("service_at_location_id", ServiceAtLocation),
            ],
            Contact => &[
                ("organization_id", Organization),
                ("service_id", Service),
                ("service_at_location_id", ServiceAtLocation),
                ("location_id", Location),
            ],
            Address | Accessibility => &[("location_id", Location)],
            Schedule => &[
                ("service_id", Service),
                ("location_id", Location),
                ("service_at_location_id", ServiceAtLocation),
            ],
            Funding => &[("organization_id", Organization), ("service_id", Service)],
            ServiceArea | RequiredDocument | CostOption => &[("service_id", Service)],
            Language => &[
                ("service_id", Service),
                ("location_id", Location),
                ("phone_id", Phone),
            ],
            // A parent (term or organization) may live outside this directory, as the package's foreign
            // keys allow.
            TaxonomyTerm => &[("taxonomy_id", Taxonomy)],
            OrganizationIdentifier => &[("organization_id", Organization)],
            Organization | Metadata | MetaTableDescription | Taxonomy => &[],
        }
    }

    /// What a nested object of this kind holds: (JSON key, child kind, how it links).
    pub fn children(self) -> &'static [(&'static str, Kind, Link)] {
        use Kind::*;
        use Link::*;
        match self {
            Service => &[
                ("phones", Phone, Many("service_id")),
                ("schedules", Schedule, Many("service_id")),
                ("service_areas", ServiceArea, Many("service_id")),
                (
                    "service_at_locations",
                    ServiceAtLocation,
                    Many("service_id"),
                ),
                ("languages", Language, Many("service_id")),
                ("organization", Organization, One("organization_id")),
                ("funding", Funding, Many("service_id")),
                ("cost_options", CostOption, Many("service_id")),
                ("program", Program, One("program_id")),
                ("required_documents", RequiredDocument, Many("service_id")),
                ("contacts", Contact, Many("service_id")),
                ("attributes", Attribute, Many("link_id")),
                ("metadata", Metadata, Many("resource_id")),
            ],
            ServiceAtLocation => &[
                ("contacts", Contact, Many("service_at_location_id")),
                ("phones", Phone, Many("service_at_location_id")),
                ("schedules", Schedule, Many("service_at_location_id")),
                ("location", Location, One("location_id")),
                ("attributes", Attribute, Many("link_id")),
                ("metadata", Metadata, Many("resource_id")),
            ],
            Location => &[
                ("languages", Language, Many("location_id")),
                ("addresses", Address, Many("location_id")),
                ("contacts", Contact, Many("location_id")),
                ("accessibility", Accessibility, Many("location_id")),
                ("phones", Phone, Many("location_id")),
                ("schedules", Schedule, Many("location_id")),
                ("attributes", Attribute, Many("link_id")),
                ("metadata", Metadata, Many("resource_id")),
            ],
            Organization => &[
                ("funding", Funding, Many("organization_id")),
                ("contacts", Contact, Many("organization_id")),
                ("phones", Phone, Many("organization_id")),
                ("locations", Location, Many("organization_id")),
                ("programs", Program, Many("organization_id")),
                (
                    "organization_identifiers",
                    OrganizationIdentifier,
                    Many("organization_id"),
                ),
                ("attributes", Attribute, Many("link_id")),
                ("metadata", Metadata, Many("resource_id")),
            ],
            Contact => &[
                ("phones", Phone, Many("contact_id")),
                ("attributes", Attribute, Many("link_id")),
                ("metadata", Metadata, Many("resource_id")),
            ],
            Phone => &[
                ("languages", Language, Many("phone_id")),
                ("attributes", Attribute, Many("link_id")),
                ("metadata", Metadata, Many("resource_id")),
            ],
            Attribute => &[("taxonomy_term", TaxonomyTerm, One("taxonomy_term_id"))],
            TaxonomyTerm => &[("taxonomy_detail", Taxonomy, One("taxonomy_id"))],
            Program
            | Schedule
            | Address
            | Accessibility
            | Language
            | CostOption
            | Funding
            | ServiceArea
            | RequiredDocument
            | OrganizationIdentifier => &[
                ("attributes", Attribute, Many("link_id")),
                ("metadata", Metadata, Many("resource_id")),
            ],
            Taxonomy | Metadata | MetaTableDescription => &[],
        }
    }

    /// Nested keys a source may use that the export does not write (an organization's services).
    fn extra_children(self) -> &'static [(&'static str, Kind, Link)] {
        match self {
            Kind::Organization => &[("services", Kind::Service, Link::Many("organization_id"))],
            _ => &[],
        }
    }
}

/// How a nested object links to the object it sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// Children whose field names the parent's id.
    Many(&'static str),
    /// One object named by the parent's field.
    One(&'static str),
}

/// Where a record came from, for messages: file, line (1-based, 0 when unknown) and field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub field: String,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.field)
        } else {
            write!(f, "{}: {}", self.file, self.field)
        }
    }
}

/// A refusal: where and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {message}")]
pub struct HsdsError {
    pub place: Place,
    pub message: String,
}

impl HsdsError {
    pub fn new(file: &str, line: usize, field: &str, message: impl Into<String>) -> HsdsError {
        HsdsError {
            place: Place {
                file: file.into(),
                line,
                field: field.into(),
            },
            message: message.into(),
        }
    }
}

/// The directory: every record by kind and id.
#[derive(Clone, Debug, Default)]
pub struct Directory {
    pub tables: BTreeMap<Kind, BTreeMap<String, Record>>,
}

impl PartialEq for Directory {
    fn eq(&self, other: &Self) -> bool {
        self.diff(other).is_none()
    }
}

impl Directory {
    /// The first difference from another directory (an empty table equals a missing one).
    pub fn diff(&self, other: &Directory) -> Option<String> {
        for kind in Kind::ALL {
            let (a, b) = (self.tables.get(&kind), other.tables.get(&kind));
            let empty = BTreeMap::new();
            let (a, b) = (a.unwrap_or(&empty), b.unwrap_or(&empty));
            for (id, r) in a {
                match b.get(id) {
                    None => return Some(format!("{} {id} is only on the left", kind.name())),
                    Some(o) if o != r => {
                        for (k, v) in r {
                            if o.get(k) != Some(v) {
                                return Some(format!(
                                    "{} {id}.{k}: {v} != {:?}",
                                    kind.name(),
                                    o.get(k)
                                ));
                            }
                        }
                        return Some(format!("{} {id}: the right has more fields", kind.name()));
                    }
                    Some(_) => {}
                }
            }
            if let Some(id) = b.keys().find(|id| !a.contains_key(*id)) {
                return Some(format!("{} {id} is only on the right", kind.name()));
            }
        }
        None
    }
}

/// Children found by (child kind, link field, parent id).
#[derive(Default)]
pub struct Links {
    by: HashMap<(Kind, &'static str, String), Vec<String>>,
}

impl Directory {
    pub fn table(&self, kind: Kind) -> impl Iterator<Item = &Record> {
        self.tables.get(&kind).into_iter().flat_map(|t| t.values())
    }

    pub fn get(&self, kind: Kind, id: &str) -> Option<&Record> {
        self.tables.get(&kind).and_then(|t| t.get(id))
    }

    pub fn len(&self, kind: Kind) -> usize {
        self.tables.get(&kind).map_or(0, |t| t.len())
    }

    pub fn is_empty(&self) -> bool {
        self.tables.values().all(|t| t.is_empty())
    }

    pub fn count(&self) -> usize {
        self.tables.values().map(|t| t.len()).sum()
    }

    /// Put a record in, merging with a record of the same kind and id: fields must agree.
    pub fn merge(&mut self, kind: Kind, record: Record, place: &Place) -> Result<(), HsdsError> {
        let id = match record.get("id") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            _ => {
                return Err(HsdsError {
                    place: Place {
                        field: "id".into(),
                        ..place.clone()
                    },
                    message: format!("a {} has no id", kind.name()),
                });
            }
        };
        let table = self.tables.entry(kind).or_default();
        match table.get_mut(&id) {
            None => {
                table.insert(id, record);
            }
            Some(old) => {
                for (k, v) in record {
                    match old.get(&k) {
                        None => {
                            old.insert(k, v);
                        }
                        Some(o) if *o == v => {}
                        Some(_) => {
                            return Err(HsdsError {
                                place: Place {
                                    field: k,
                                    ..place.clone()
                                },
                                message: format!(
                                    "the id {id} is used by two different {} records",
                                    kind.name()
                                ),
                            });
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Index of children by their link fields, for nesting.
    pub fn links(&self) -> Links {
        let mut by: HashMap<(Kind, &'static str, String), Vec<String>> = HashMap::new();
        for kind in Kind::ALL {
            let mut fields: Vec<&'static str> = Vec::new();
            for parent in Kind::ALL {
                for (_, child, link) in parent.children() {
                    if let (true, Link::Many(f)) = (*child == kind, link)
                        && !fields.contains(f)
                    {
                        fields.push(f);
                    }
                }
            }
            for r in self.table(kind) {
                let Some(Value::String(id)) = r.get("id") else {
                    continue;
                };
                for f in &fields {
                    if let Some(Value::String(p)) = r.get(*f) {
                        by.entry((kind, *f, p.clone()))
                            .or_default()
                            .push(id.clone());
                    }
                }
            }
        }
        Links { by }
    }

    /// The record with everything under it, as HSDS nests it.
    pub fn nested(&self, links: &Links, kind: Kind, id: &str) -> Option<Value> {
        self.nest(links, kind, id, 0)
    }

    fn nest(&self, links: &Links, kind: Kind, id: &str, depth: usize) -> Option<Value> {
        let mut out = self.get(kind, id)?.clone();
        if depth > 6 {
            return Some(Value::Object(out));
        }
        for (key, child, link) in kind.children() {
            match link {
                Link::Many(field) => {
                    let ids = links.by.get(&(*child, *field, id.to_string()));
                    let items: Vec<Value> = ids
                        .into_iter()
                        .flatten()
                        .filter_map(|c| self.nest(links, *child, c, depth + 1))
                        .collect();
                    out.insert((*key).into(), Value::Array(items));
                }
                Link::One(field) => {
                    if let Some(Value::String(target)) = out.get(*field).cloned()
                        && let Some(v) = self.nest(links, *child, &target, depth + 1)
                    {
                        out.insert((*key).into(), v);
                    }
                }
            }
        }
        Some(Value::Object(out))
    }

    /// An organization with its services (each without the organization again).
    pub fn nested_organization(&self, links: &Links, id: &str, services: bool) -> Option<Value> {
        let mut org = self.nested(links, Kind::Organization, id)?;
        if services && let Value::Object(o) = &mut org {
            let list: Vec<Value> = links
                .by
                .get(&(Kind::Service, "organization_id", id.to_string()))
                .into_iter()
                .flatten()
                .filter_map(|s| {
                    let mut v = self.nested(links, Kind::Service, s)?;
                    if let Value::Object(m) = &mut v {
                        m.remove("organization");
                    }
                    Some(v)
                })
                .collect();
            o.insert("services".into(), Value::Array(list));
        }
        Some(org)
    }

    /// Ids of the services an organization provides.
    pub fn services_of(&self, links: &Links, org: &str) -> Vec<String> {
        links
            .by
            .get(&(Kind::Service, "organization_id", org.to_string()))
            .cloned()
            .unwrap_or_default()
    }

    /// Children of a record by link field (e.g. the schedules of a location).
    pub fn children_of<'a>(
        &'a self,
        links: &Links,
        child: Kind,
        field: &'static str,
        parent: &str,
    ) -> Vec<&'a Record> {
        links
            .by
            .get(&(child, field, parent.to_string()))
            .into_iter()
            .flatten()
            .filter_map(|id| self.get(child, id))
            .collect()
    }

    /// Take nested JSON of one kind apart into records. `place` names the file; `path` grows as it descends.
    pub fn flatten(
        &mut self,
        kind: Kind,
        value: &Value,
        place: &Place,
        path: &str,
    ) -> Result<String, HsdsError> {
        let Value::Object(obj) = value else {
            return Err(HsdsError {
                place: Place {
                    field: path.into(),
                    ..place.clone()
                },
                message: format!("expected a {} object", kind.name()),
            });
        };
        let here = |field: &str| Place {
            field: format!("{path}{field}"),
            ..place.clone()
        };
        let id = match obj.get("id") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(_) => {
                return Err(HsdsError {
                    place: here("id"),
                    message: "must be a string".into(),
                });
            }
            None => {
                return Err(HsdsError {
                    place: here("id"),
                    message: format!("a {} has no id", kind.name()),
                });
            }
        };
        let mut record = Record::new();
        let specs: Vec<(&str, Kind, Link)> = kind
            .children()
            .iter()
            .chain(kind.extra_children())
            .copied()
            .collect();
        for (k, v) in obj {
            if let Some((key, child, link)) = specs.iter().find(|(key, _, _)| key == k) {
                match (link, v) {
                    (_, Value::Null) => {}
                    (Link::Many(field), Value::Array(items)) => {
                        for (i, item) in items.iter().enumerate() {
                            let mut item = item.clone();
                            if let Value::Object(m) = &mut item {
                                match m.get(*field) {
                                    None | Some(Value::Null) => {
                                        m.insert((*field).into(), Value::String(id.clone()));
                                    }
                                    Some(Value::String(s)) if *s == id => {}
                                    Some(_) => {
                                        return Err(HsdsError {
                                            place: here(&format!("{key}[{i}].{field}")),
                                            message: format!(
                                                "does not name the {} it sits in",
                                                kind.name()
                                            ),
                                        });
                                    }
                                }
                            }
                            self.flatten(*child, &item, place, &format!("{path}{key}[{i}]."))?;
                        }
                    }
                    (Link::One(field), Value::Object(_)) => {
                        let child_id = self.flatten(*child, v, place, &format!("{path}{key}."))?;
                        match obj.get(*field) {
                            None | Some(Value::Null) => {
                                record.insert((*field).into(), Value::String(child_id));
                            }
                            Some(Value::String(s)) if *s == child_id => {}
                            Some(_) => {
                                return Err(HsdsError {
                                    place: here(field),
                                    message: format!("does not match {key}.id"),
                                });
                            }
                        }
                    }
                    _ => {
                        return Err(HsdsError {
                            place: here(k),
                            message: match link {
                                Link::Many(_) => "must be an array".into(),
                                Link::One(_) => "must be an object".into(),
                            },
                        });
                    }
                }
            } else if !v.is_null() {
                if v.is_object() || v.is_array() {
                    return Err(HsdsError {
                        place: here(k),
                        message: format!("is not a field of a {}", kind.name()),
                    });
                }
                record.insert(k.clone(), v.clone());
            }
        }
        self.merge(
            kind,
            record,
            &Place {
                field: path.into(),
                ..place.clone()
            },
        )?;
        Ok(id)
    }
}
