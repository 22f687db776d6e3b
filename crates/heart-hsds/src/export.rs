//! Writing a directory: a folder of HSDS 3.0 JSON (`services.json` as fully nested services, `organizations.json`,
//! `taxonomies.json`, `taxonomy_terms.json`, and any record none of those hold in its own table file) or the 3.0
//! tabular data package (every table as CSV plus `datapackage.json`). Either reads back as the same directory.

use crate::model::{Directory, Kind};
use crate::schema::schemas;
use serde_json::Value;
use std::path::Path;

fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // Write beside, then rename: a reader never sees half a file.
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// The JSON export; returns the files written.
pub fn export_json(dir: &Directory, out: &Path) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(out)?;
    let links = dir.links();
    let mut outputs: Vec<(Kind, Vec<Value>, String)> = Vec::new();
    let services: Vec<Value> = dir
        .table(Kind::Service)
        .filter_map(|r| dir.nested(&links, Kind::Service, r.get("id")?.as_str()?))
        .collect();
    outputs.push((Kind::Service, services, "services.json".into()));
    let orgs: Vec<Value> = dir
        .table(Kind::Organization)
        .filter_map(|r| dir.nested_organization(&links, r.get("id")?.as_str()?, false))
        .collect();
    outputs.push((Kind::Organization, orgs, "organizations.json".into()));
    let flat = |kind: Kind| {
        dir.table(kind)
            .map(|r| Value::Object(r.clone()))
            .collect::<Vec<_>>()
    };
    outputs.push((
        Kind::Taxonomy,
        flat(Kind::Taxonomy),
        "taxonomies.json".into(),
    ));
    outputs.push((
        Kind::TaxonomyTerm,
        flat(Kind::TaxonomyTerm),
        "taxonomy_terms.json".into(),
    ));
    let mut seen = Directory::default();
    for (kind, items, name) in &outputs {
        let place = crate::model::Place {
            file: name.clone(),
            line: 0,
            field: String::new(),
        };
        for v in items {
            // Taking our own output apart cannot fail; if it did, the leftover pass writes the records.
            let _ = seen.flatten(*kind, v, &place, "");
        }
    }
    for kind in Kind::ALL {
        if matches!(
            kind,
            Kind::Service | Kind::Organization | Kind::Taxonomy | Kind::TaxonomyTerm
        ) {
            continue;
        }
        let left: Vec<Value> = dir
            .table(kind)
            .filter(|r| {
                r.get("id")
                    .and_then(|i| i.as_str())
                    .is_some_and(|i| seen.get(kind, i).is_none())
            })
            .map(|r| Value::Object(r.clone()))
            .collect();
        if !left.is_empty() {
            outputs.push((kind, left, kind.json_file()));
        }
    }
    let mut files = Vec::new();
    for (_, items, name) in outputs {
        let bytes = serde_json::to_vec_pretty(&items).map_err(std::io::Error::other)?;
        write(&out.join(&name), &bytes)?;
        files.push(name);
    }
    Ok(files)
}

fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The tabular export; returns the files written.
pub fn export_csv(dir: &Directory, out: &Path) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(out)?;
    let s = schemas();
    let mut files = Vec::new();
    for kind in Kind::ALL {
        let fields = s.fields(kind);
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(fields.iter().map(|f| f.name.as_str()))?;
        for r in dir.table(kind) {
            w.write_record(fields.iter().map(|f| cell(r.get(&f.name))))?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        write(&out.join(kind.file()), &bytes)?;
        files.push(kind.file().to_string());
    }
    let bytes = serde_json::to_vec_pretty(s.datapackage()).map_err(std::io::Error::other)?;
    write(&out.join("datapackage.json"), &bytes)?;
    files.push("datapackage.json".into());
    Ok(files)
}
