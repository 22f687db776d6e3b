//! Upgrading HSDS 1.x/2.x CSV to 3.0. Documented repairs, each reported with file, line and field (or refused
//! with `--strict`):
//!
//! - numeric ids become stable UUIDs (version 5 of the table and the old id; rows without an id get one from the
//!   file and line), so importing the same files twice gives the same directory;
//! - `url` becomes `website` (organizations), `fees` becomes `fees_description` (services);
//! - a service without `status` is `active`; a location without `location_type` is `physical`;
//! - an address without `country` is in the `US`; an address without `city` keeps an empty city;
//! - `postal_addresses`/`physical_addresses` become `addresses`; an address that names only its organization gets a
//!   location of its own (postal or physical) for that organization;
//! - `regular_schedules` (weekday, opens_at, closes_at) become weekly `schedules`; a day without hours is left out
//!   (closed); a day that closes before it opens is kept, with a note, and reported;
//! - an organization named by services or locations but missing from `organizations.csv` is added as a
//!   placeholder, once per missing id;
//! - an empty row (no id) is left out;
//! - a phone's free-text `language` becomes a language record of that phone.

use crate::import::{Options, Places, Rows, Warning, csv_rows, typed};
use crate::model::{Directory, HsdsError, Kind, Place, Record};
use crate::schema::schemas;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use uuid::Uuid;

const NAMESPACE: Uuid = Uuid::from_u128(0x6a0f_3c1e_9b2d_4e57_8a61_0d4c_7e29_b815);

/// The stable UUID for an old id of a table.
pub fn stable_id(table: &str, old: &str) -> String {
    Uuid::new_v5(&NAMESPACE, format!("{table}:{old}").as_bytes()).to_string()
}

struct Ctx<'a, 'b> {
    warnings: &'a mut Vec<Warning>,
    opts: &'a mut Options<'b>,
}

impl Ctx<'_, '_> {
    fn repair(&mut self, file: &str, line: usize, field: &str, msg: &str) -> Result<(), HsdsError> {
        let place = Place {
            file: file.into(),
            line,
            field: field.into(),
        };
        if self.opts.strict {
            return Err(HsdsError {
                place,
                message: format!("{msg} (refused: --strict)"),
            });
        }
        self.warnings.push(Warning {
            place,
            message: msg.into(),
        });
        Ok(())
    }
}

/// Legacy column -> 3.0 field, per file.
fn rename(file: &str, col: &str) -> Option<&'static str> {
    match (file, col) {
        ("organizations.csv", "url") => Some("website"),
        ("services.csv", "fees") => Some("fees_description"),
        ("locations.csv", "alternative_name") => Some("alternate_name"),
        _ => None,
    }
}

/// Id fields and the legacy table their old ids belong to.
fn id_table(field: &str) -> Option<&'static str> {
    Some(match field {
        "organization_id" | "parent_organization_id" => "organizations",
        "service_id" => "services",
        "location_id" => "locations",
        "program_id" => "programs",
        "contact_id" => "contacts",
        "service_at_location_id" => "services_at_location",
        "phone_id" => "phones",
        "taxonomy_term_id" => "taxonomy_terms",
        "taxonomy_id" => "taxonomies",
        "parent_id" => "taxonomy_terms",
        _ => return None,
    })
}

/// A row's cell by header, trimmed ("" when the file has no such column).
fn cell(cells: &[(String, String)], k: &str) -> String {
    cells
        .iter()
        .find(|(h, _)| h == k)
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default()
}

const WEEKDAYS: [(&str, &str); 7] = [
    ("monday", "MO"),
    ("tuesday", "TU"),
    ("wednesday", "WE"),
    ("thursday", "TH"),
    ("friday", "FR"),
    ("saturday", "SA"),
    ("sunday", "SU"),
];

/// "9:00", "09:00:00", "9" -> "09:00".
fn clock(s: &str) -> Option<String> {
    let s = s.trim();
    let mut parts = s.split(':');
    let h: u32 = parts.next()?.trim().parse().ok()?;
    let m: u32 = match parts.next() {
        Some(m) => m.trim().parse().ok()?,
        None => 0,
    };
    (h < 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

struct Table {
    kind: Kind,
    /// The legacy table name used for ids.
    old: &'static str,
}

fn table_of(file: &str) -> Option<Table> {
    let (kind, old) = match file {
        "organizations.csv" => (Kind::Organization, "organizations"),
        "programs.csv" => (Kind::Program, "programs"),
        "services.csv" => (Kind::Service, "services"),
        "locations.csv" => (Kind::Location, "locations"),
        "services_at_location.csv" | "service_at_location.csv" => {
            (Kind::ServiceAtLocation, "services_at_location")
        }
        "phones.csv" => (Kind::Phone, "phones"),
        "contacts.csv" => (Kind::Contact, "contacts"),
        "languages.csv" => (Kind::Language, "languages"),
        "service_areas.csv" => (Kind::ServiceArea, "service_areas"),
        "funding.csv" => (Kind::Funding, "funding"),
        "required_documents.csv" => (Kind::RequiredDocument, "required_documents"),
        "accessibility_for_disabilities.csv" => (Kind::Accessibility, "accessibility"),
        "taxonomy.csv" | "taxonomy_terms.csv" => (Kind::TaxonomyTerm, "taxonomy_terms"),
        _ => return None,
    };
    Some(Table { kind, old })
}

pub(crate) fn read(
    folder: &Path,
    places: &mut Places,
    warnings: &mut Vec<Warning>,
    opts: &mut Options,
) -> Result<Directory, HsdsError> {
    let s = schemas();
    let mut cx = Ctx { warnings, opts };
    let mut dir = Directory::default();
    let mut files: Vec<String> = std::fs::read_dir(folder)
        .map_err(|e| HsdsError::new(&folder.display().to_string(), 0, "", e.to_string()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    // Parents first, so references can be checked as rows arrive.
    let order = |n: &str| match n {
        "organizations.csv" => 0,
        "programs.csv" => 1,
        "services.csv" => 2,
        "locations.csv" => 3,
        _ => 4,
    };
    files.sort_by_key(|n| (order(n), n.clone()));
    // Old organization ids named by rows, for placeholders: id -> (file, line).
    let mut wanted_orgs: BTreeMap<String, (String, usize, String)> = BTreeMap::new();
    for file in &files {
        let rows = csv_rows(&folder.join(file))?;
        if let Some(p) = cx.opts.progress.as_mut() {
            p(file, rows.len());
        }
        match file.as_str() {
            "regular_schedules.csv" | "holiday_schedules.csv" => {
                schedules(&mut cx, &mut dir, places, file, rows)?;
                continue;
            }
            "postal_addresses.csv" | "physical_addresses.csv" => {
                addresses(&mut cx, &mut dir, places, &mut wanted_orgs, file, rows)?;
                continue;
            }
            _ => {}
        }
        let Some(table) = table_of(file) else {
            cx.repair(
                file,
                0,
                "",
                "is not an HSDS table heart knows; it was left out",
            )?;
            continue;
        };
        let fields = s.fields(table.kind);
        let mut unknown_told: Vec<String> = Vec::new();
        for (line, cells) in rows {
            let old_id = cells
                .iter()
                .find(|(h, _)| h == "id")
                .map(|(_, v)| v.trim().to_string());
            if cells.iter().all(|(_, v)| v.trim().is_empty())
                || (table.kind != Kind::Phone && old_id.as_deref().is_none_or(str::is_empty))
            {
                cx.repair(file, line, "id", "an empty row (no id); it was left out")?;
                continue;
            }
            let id = match old_id.as_deref() {
                Some(old) if !old.is_empty() => stable_id(table.old, old),
                _ => stable_id(table.old, &format!("{file}:{line}")),
            };
            let mut rec = Record::new();
            rec.insert("id".into(), Value::String(id.clone()));
            let mut phone_language = None;
            for (h, cell) in &cells {
                let cell = cell.trim();
                if h == "id" || cell.is_empty() {
                    continue;
                }
                if table.kind == Kind::Phone && h == "language" {
                    phone_language = Some(cell.to_string());
                    continue;
                }
                let name = rename(file, h).unwrap_or(h.as_str());
                let Some(f) = fields.iter().find(|f| f.name == name) else {
                    if !unknown_told.contains(h) {
                        unknown_told.push(h.clone());
                        cx.repair(
                            file,
                            line,
                            h,
                            "is not an HSDS 3.0 field; its values were left out",
                        )?;
                    }
                    continue;
                };
                let value = if let Some(t) = id_table(name) {
                    if name == "organization_id" && table.kind != Kind::Organization {
                        wanted_orgs
                            .entry(cell.to_string())
                            .or_insert_with(|| (file.clone(), line, name.to_string()));
                    }
                    Value::String(stable_id(t, cell))
                } else {
                    match typed(&f.kind, cell).map_err(|m| HsdsError::new(file, line, h, m))? {
                        Some(v) => v,
                        None => continue,
                    }
                };
                rec.insert(name.to_string(), value);
            }
            if !complete(&mut cx, file, line, table.kind, &mut rec)? {
                continue;
            }
            if let Some(lang) = phone_language {
                let mut l = Record::new();
                let lid = stable_id("phone_languages", &id);
                l.insert("id".into(), Value::String(lid.clone()));
                l.insert("phone_id".into(), Value::String(id.clone()));
                l.insert("name".into(), Value::String(lang));
                places.insert(
                    (Kind::Language, lid.clone()),
                    Place {
                        file: file.clone(),
                        line,
                        field: String::new(),
                    },
                );
                dir.tables.entry(Kind::Language).or_default().insert(lid, l);
            }
            let t = dir.tables.entry(table.kind).or_default();
            if t.contains_key(&id) {
                return Err(HsdsError::new(file, line, "id", "this id is used twice"));
            }
            places.insert(
                (table.kind, id.clone()),
                Place {
                    file: file.clone(),
                    line,
                    field: String::new(),
                },
            );
            t.insert(id, rec);
        }
    }
    placeholders(&mut cx, &mut dir, places, wanted_orgs)?;
    Ok(dir)
}

/// The fields HSDS 3.0 requires that older files may leave out: set (and said) where there is a safe default;
/// a phone without a number is left out (false).
fn complete(
    cx: &mut Ctx,
    file: &str,
    line: usize,
    kind: Kind,
    rec: &mut Record,
) -> Result<bool, HsdsError> {
    match kind {
        Kind::Service if !rec.contains_key("status") => {
            cx.repair(file, line, "status", "no status; set to active")?;
            rec.insert("status".into(), "active".into());
        }
        Kind::Service => {
            if let Some(Value::String(st)) = rec.get_mut("status") {
                *st = st.to_lowercase();
            }
        }
        Kind::Location if !rec.contains_key("location_type") => {
            cx.repair(
                file,
                line,
                "location_type",
                "no location type; set to physical",
            )?;
            rec.insert("location_type".into(), "physical".into());
        }
        Kind::Phone if !rec.contains_key("number") => {
            cx.repair(
                file,
                line,
                "number",
                "a phone without a number; it was left out",
            )?;
            return Ok(false);
        }
        _ => {}
    }
    Ok(true)
}

/// Organizations named by rows but missing from organizations.csv: a placeholder each, said as a repair.
fn placeholders(
    cx: &mut Ctx,
    dir: &mut Directory,
    places: &mut Places,
    wanted_orgs: BTreeMap<String, (String, usize, String)>,
) -> Result<(), HsdsError> {
    for (old, (file, line, field)) in wanted_orgs {
        let id = stable_id("organizations", &old);
        if dir.get(Kind::Organization, &id).is_some() {
            continue;
        }
        cx.repair(
            &file,
            line,
            &field,
            &format!(
                "organization {old} is missing from organizations.csv; a placeholder was added"
            ),
        )?;
        let mut r = Record::new();
        r.insert("id".into(), Value::String(id.clone()));
        r.insert(
            "name".into(),
            format!("Organization {old} (not in the source)").into(),
        );
        r.insert(
            "description".into(),
            format!(
                "Placeholder added by the importer: {file} names organization {old}, which organizations.csv \
                 does not list."
            )
            .into(),
        );
        places.insert(
            (Kind::Organization, id.clone()),
            Place {
                file,
                line,
                field: String::new(),
            },
        );
        dir.tables
            .entry(Kind::Organization)
            .or_default()
            .insert(id, r);
    }
    Ok(())
}

fn schedules(
    cx: &mut Ctx,
    dir: &mut Directory,
    places: &mut Places,
    file: &str,
    rows: Rows,
) -> Result<(), HsdsError> {
    for (line, cells) in rows {
        let get = |k: &str| cell(&cells, k);
        let day = get("weekday").to_lowercase();
        let byday = WEEKDAYS
            .iter()
            .enumerate()
            .find(|(i, (name, code))| {
                day == *name
                    || day == name[..3]
                    || day.eq_ignore_ascii_case(code)
                    || day == (i + 1).to_string()
            })
            .map(|(_, (_, code))| *code);
        let Some(byday) = byday else {
            return Err(HsdsError::new(
                file,
                line,
                "weekday",
                format!("{day:?} is not a day of the week"),
            ));
        };
        let (opens, closes) = (get("opens_at"), get("closes_at"));
        if opens.is_empty() && closes.is_empty() {
            cx.repair(
                file,
                line,
                "opens_at",
                "a day without hours; left out (closed that day)",
            )?;
            continue;
        }
        let Some(o) = clock(&opens) else {
            return Err(HsdsError::new(
                file,
                line,
                "opens_at",
                format!("{opens:?} is not a time"),
            ));
        };
        let Some(c) = clock(&closes) else {
            return Err(HsdsError::new(
                file,
                line,
                "closes_at",
                format!("{closes:?} is not a time"),
            ));
        };
        let id = match get("id") {
            old if !old.is_empty() => stable_id("regular_schedules", &old),
            _ => stable_id("regular_schedules", &format!("{file}:{line}")),
        };
        let mut r = Record::new();
        r.insert("id".into(), Value::String(id.clone()));
        for (f, t) in [
            ("service_id", "services"),
            ("location_id", "locations"),
            ("service_at_location_id", "services_at_location"),
        ] {
            let v = get(f);
            if !v.is_empty() {
                r.insert(f.into(), Value::String(stable_id(t, &v)));
            }
        }
        r.insert("freq".into(), "WEEKLY".into());
        r.insert("wkst".into(), "MO".into());
        r.insert("byday".into(), byday.into());
        r.insert("opens_at".into(), Value::String(o.clone()));
        r.insert("closes_at".into(), Value::String(c.clone()));
        if c <= o {
            cx.repair(
                file,
                line,
                "closes_at",
                &format!("closes at {c}, before it opens at {o}; kept as given and flagged"),
            )?;
            r.insert(
                "notes".into(),
                format!(
                    "Flagged on import: the source says it closes ({c}) before it opens ({o})."
                )
                .into(),
            );
        }
        places.insert(
            (Kind::Schedule, id.clone()),
            Place {
                file: file.into(),
                line,
                field: String::new(),
            },
        );
        dir.tables.entry(Kind::Schedule).or_default().insert(id, r);
    }
    Ok(())
}

fn addresses(
    cx: &mut Ctx,
    dir: &mut Directory,
    places: &mut Places,
    wanted_orgs: &mut BTreeMap<String, (String, usize, String)>,
    file: &str,
    rows: Rows,
) -> Result<(), HsdsError> {
    let kind = if file.starts_with("postal") {
        "postal"
    } else {
        "physical"
    };
    for (line, cells) in rows {
        let get = |k: &str| cell(&cells, k);
        if cells.iter().all(|(_, v)| v.trim().is_empty()) {
            cx.repair(file, line, "", "an empty row; it was left out")?;
            continue;
        }
        let id = match get("id") {
            old if !old.is_empty() => stable_id(file.trim_end_matches(".csv"), &old),
            _ => stable_id(file.trim_end_matches(".csv"), &format!("{file}:{line}")),
        };
        let location = match (get("location_id"), get("organization_id")) {
            (l, _) if !l.is_empty() => stable_id("locations", &l),
            (_, o) if !o.is_empty() => {
                cx.repair(
                    file,
                    line,
                    "location_id",
                    &format!("an address of organization {o} only; it was given a {kind} location of its own"),
                )?;
                wanted_orgs
                    .entry(o.clone())
                    .or_insert_with(|| (file.into(), line, "organization_id".into()));
                let loc = stable_id(&format!("{kind}_locations"), &o);
                let mut r = Record::new();
                r.insert("id".into(), Value::String(loc.clone()));
                r.insert(
                    "organization_id".into(),
                    Value::String(stable_id("organizations", &o)),
                );
                r.insert("location_type".into(), kind.into());
                r.insert(
                    "name".into(),
                    format!(
                        "{} address",
                        if kind == "postal" {
                            "Mailing"
                        } else {
                            "Street"
                        }
                    )
                    .into(),
                );
                places.insert(
                    (Kind::Location, loc.clone()),
                    Place {
                        file: file.into(),
                        line,
                        field: String::new(),
                    },
                );
                dir.tables
                    .entry(Kind::Location)
                    .or_default()
                    .insert(loc.clone(), r);
                loc
            }
            _ => {
                return Err(HsdsError::new(
                    file,
                    line,
                    "location_id",
                    "names no location or organization",
                ));
            }
        };
        let mut r = Record::new();
        r.insert("id".into(), Value::String(id.clone()));
        r.insert("location_id".into(), Value::String(location));
        r.insert("address_type".into(), kind.into());
        for f in [
            "attention",
            "address_1",
            "address_2",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
        ] {
            let v = get(f);
            if !v.is_empty() {
                r.insert(f.into(), Value::String(v));
            }
        }
        if !r.contains_key("country") {
            cx.repair(file, line, "country", "no country; set to US")?;
            r.insert("country".into(), "US".into());
        }
        for f in ["address_1", "city", "state_province", "postal_code"] {
            if !r.contains_key(f) {
                cx.repair(file, line, f, "missing; kept empty")?;
                r.insert(f.into(), "".into());
            }
        }
        places.insert(
            (Kind::Address, id.clone()),
            Place {
                file: file.into(),
                line,
                field: String::new(),
            },
        );
        dir.tables.entry(Kind::Address).or_default().insert(id, r);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_what_real_files_hold() {
        assert_eq!(clock("9:00").as_deref(), Some("09:00"));
        assert_eq!(clock("17:30:00").as_deref(), Some("17:30"));
        assert_eq!(clock("25:00"), None);
        assert_eq!(clock("noon"), None);
        assert_eq!(stable_id("services", "1"), stable_id("services", "1"));
        assert_ne!(stable_id("services", "1"), stable_id("locations", "1"));
    }
}
