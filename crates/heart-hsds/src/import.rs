//! Reading a directory: HSDS 3.0 JSON (one file or a folder; a service array, a page or one object), the 3.0
//! tabular data package (CSV), and HSDS 1.x/2.x CSV, which is upgraded (see [`crate::upgrade`]). The format is
//! found from the files. Every record is checked against the official schemas and every reference must name a
//! record that exists; the first problem refuses the whole import, naming file, line and field.

use crate::model::{Directory, HsdsError, Kind, Place, Record};
use crate::schema::{TZ_FIELD, schemas};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What an import found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Tabular,
    Legacy,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Json => "HSDS 3.0 JSON",
            Format::Tabular => "HSDS 3.0 tabular data package (CSV)",
            Format::Legacy => "HSDS 1.x/2.x CSV (upgraded to 3.0)",
        }
    }
}

/// A repair the import made, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub place: Place,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Told of each file as it is read: (file, rows).
pub type Progress = dyn FnMut(&str, usize);

pub struct Options<'a> {
    /// Refuse instead of repairing.
    pub strict: bool,
    /// The IANA zone of opening hours that do not name one.
    pub timezone: String,
    /// Told of each file as it is read, with its row count.
    pub progress: Option<&'a mut Progress>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            strict: false,
            timezone: "America/New_York".into(),
            progress: None,
        }
    }
}

/// An import that may be stored: the records and the repairs made.
#[derive(Debug)]
pub struct Imported {
    pub format: Format,
    pub directory: Directory,
    pub warnings: Vec<Warning>,
}

/// Where each record was read, for messages about it.
pub(crate) type Places = HashMap<(Kind, String), Place>;

fn io_err(path: &Path, e: impl std::fmt::Display) -> HsdsError {
    HsdsError::new(
        &path.display().to_string(),
        0,
        "",
        format!("cannot be read: {e}"),
    )
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Find the format of PATH (a file or a folder).
pub fn detect(path: &Path) -> Result<Format, HsdsError> {
    if path.is_file() {
        return match path.extension().and_then(|e| e.to_str()) {
            Some("json") if file_name(path) == "datapackage.json" => Ok(Format::Tabular),
            Some("json") => Ok(Format::Json),
            _ => Err(HsdsError::new(
                &path.display().to_string(),
                0,
                "",
                "is not a .json file; name the folder that holds the CSV files",
            )),
        };
    }
    let list = std::fs::read_dir(path).map_err(|e| io_err(path, e))?;
    let mut names: Vec<String> = list
        .filter_map(|e| e.ok())
        .map(|e| file_name(&e.path()))
        .collect();
    names.sort();
    if names.iter().any(|n| n == "datapackage.json") {
        return Ok(Format::Tabular);
    }
    let csv: Vec<&String> = names.iter().filter(|n| n.ends_with(".csv")).collect();
    if !csv.is_empty() {
        if names
            .iter()
            .any(|n| n == "regular_schedules.csv" || n == "postal_addresses.csv")
            || legacy_ids(path)?
        {
            return Ok(Format::Legacy);
        }
        return Ok(Format::Tabular);
    }
    if names.iter().any(|n| n.ends_with(".json")) {
        return Ok(Format::Json);
    }
    Err(HsdsError::new(
        &path.display().to_string(),
        0,
        "",
        "holds no .json or .csv files",
    ))
}

/// True when the first organization or service id is a number, as in HSDS 1.x/2.x.
fn legacy_ids(dir: &Path) -> Result<bool, HsdsError> {
    for f in ["organizations.csv", "services.csv"] {
        let p = dir.join(f);
        if !p.exists() {
            continue;
        }
        let mut r = csv::Reader::from_path(&p).map_err(|e| io_err(&p, e))?;
        let headers = r.headers().map_err(|e| io_err(&p, e))?.clone();
        let Some(i) = headers.iter().position(|h| h == "id") else {
            continue;
        };
        if let Some(Ok(row)) = r.records().next() {
            let id = row.get(i).unwrap_or("");
            return Ok(!id.is_empty() && id.chars().all(|c| c.is_ascii_digit()));
        }
    }
    Ok(false)
}

/// Read PATH as whatever it is, check it and return it; nothing is stored here.
pub fn import(path: &Path, mut opts: Options) -> Result<Imported, HsdsError> {
    let format = detect(path)?;
    let mut places = Places::new();
    let mut warnings = Vec::new();
    let mut dir = match format {
        Format::Json => read_json(path, &mut places, &mut opts)?,
        Format::Tabular => {
            let folder = if path.is_file() {
                path.parent().unwrap_or(path)
            } else {
                path
            };
            read_tabular(folder, &mut places, &mut warnings, &mut opts)?
        }
        Format::Legacy => crate::upgrade::read(path, &mut places, &mut warnings, &mut opts)?,
    };
    finish(&mut dir, &places, &opts)?;
    Ok(Imported {
        format,
        directory: dir,
        warnings,
    })
}

fn place_of(places: &Places, kind: Kind, id: &str, field: &str) -> Place {
    let mut p = places
        .get(&(kind, id.to_string()))
        .cloned()
        .unwrap_or(Place {
            file: kind.file().into(),
            line: 0,
            field: String::new(),
        });
    p.field = if p.line > 0 {
        field.to_string()
    } else {
        format!("{} {id}: {field}", kind.name())
    };
    p
}

/// Normalise, validate every record against its schema, and check every reference.
pub fn check(dir: &mut Directory, places: &Places) -> Result<(), HsdsError> {
    let s = schemas();
    let tz_ok = |name: &str| jiff::tz::TimeZone::get(name).is_ok();
    for (kind, table) in dir.tables.iter_mut() {
        for (id, r) in table.iter_mut() {
            s.normalize(*kind, r);
            if let Some(Value::String(tz)) = r.get(TZ_FIELD)
                && !tz_ok(tz)
            {
                return Err(HsdsError {
                    place: place_of(places, *kind, id, TZ_FIELD),
                    message: format!("{tz:?} is not an IANA time zone"),
                });
            }
            let v = Value::Object(r.clone());
            if let Some((path, msg)) = s.errors(*kind, &v).into_iter().next() {
                return Err(HsdsError {
                    place: place_of(places, *kind, id, &path),
                    message: msg,
                });
            }
            if *kind == Kind::Schedule
                && let Err((field, msg)) =
                    crate::hours::Rule::from_record(r, &jiff::tz::TimeZone::UTC)
            {
                return Err(HsdsError {
                    place: place_of(places, *kind, id, &field),
                    message: msg,
                });
            }
            if *kind == Kind::Location {
                for (f, max) in [("latitude", 90.0), ("longitude", 180.0)] {
                    if let Some(x) = r.get(f).and_then(Value::as_f64)
                        && !(-max..=max).contains(&x)
                    {
                        return Err(HsdsError {
                            place: place_of(places, *kind, id, f),
                            message: format!("{x} is out of range (-{max} to {max})"),
                        });
                    }
                }
            }
        }
    }
    for (kind, table) in &dir.tables {
        for (id, r) in table {
            for (field, target) in kind.references() {
                if let Some(Value::String(t)) = r.get(*field)
                    && dir.get(*target, t).is_none()
                {
                    let what = if *target == Kind::TaxonomyTerm {
                        "an unknown taxonomy term".to_string()
                    } else {
                        format!("a {} that is not in the directory", target.name())
                    };
                    return Err(HsdsError {
                        place: place_of(places, *kind, id, field),
                        message: format!("{t} names {what}"),
                    });
                }
            }
        }
    }
    Ok(())
}

fn json_files(path: &Path) -> Result<Vec<PathBuf>, HsdsError> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| io_err(path, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .collect();
    files.sort();
    Ok(files)
}

/// The kind a JSON file holds, from its name (`organizations.json`); services otherwise.
fn json_kind(name: &str) -> Kind {
    Kind::ALL
        .into_iter()
        .find(|k| k.json_file() == name || format!("{}.json", k.name()) == name)
        .or(match name {
            "service_at_locations.json" => Some(Kind::ServiceAtLocation),
            _ => None,
        })
        .unwrap_or(Kind::Service)
}

fn read_json(path: &Path, places: &mut Places, opts: &mut Options) -> Result<Directory, HsdsError> {
    let mut files = Vec::new();
    for f in json_files(path)? {
        let text = std::fs::read_to_string(&f).map_err(|e| io_err(&f, e))?;
        files.push((file_name(&f), text));
    }
    read_json_texts(&files, places, opts)
}

/// Import HSDS 3.0 JSON held in memory: (file name, text) pairs, named as in a folder.
pub fn import_json(files: &[(String, String)], mut opts: Options) -> Result<Imported, HsdsError> {
    let mut places = Places::new();
    let mut dir = read_json_texts(files, &mut places, &mut opts)?;
    finish(&mut dir, &places, &opts)?;
    Ok(Imported {
        format: Format::Json,
        directory: dir,
        warnings: vec![],
    })
}

fn finish(dir: &mut Directory, places: &Places, opts: &Options) -> Result<(), HsdsError> {
    for r in dir.tables.entry(Kind::Schedule).or_default().values_mut() {
        if !r.contains_key(TZ_FIELD) {
            r.insert(TZ_FIELD.into(), Value::String(opts.timezone.clone()));
        }
    }
    crate::taxonomy::add_to(dir);
    check(dir, places)
}

fn read_json_texts(
    files: &[(String, String)],
    places: &mut Places,
    opts: &mut Options,
) -> Result<Directory, HsdsError> {
    let mut dir = Directory::default();
    for (name, text) in files {
        let name = name.clone();
        let value: Value = serde_json::from_str(text)
            .map_err(|e| HsdsError::new(&name, e.line(), "", format!("is not valid JSON: {e}")))?;
        let kind = json_kind(&name);
        let (items, prefix): (Vec<&Value>, &str) = match &value {
            Value::Array(a) => (a.iter().collect(), ""),
            Value::Object(o) => match o.get("contents") {
                Some(Value::Array(a)) => (a.iter().collect(), "contents"),
                Some(_) => {
                    return Err(HsdsError::new(&name, 0, "contents", "must be an array"));
                }
                None => (vec![&value], ""),
            },
            _ => {
                return Err(HsdsError::new(
                    &name,
                    0,
                    "",
                    "must hold an array, a page or an object",
                ));
            }
        };
        if let Some(p) = opts.progress.as_mut() {
            p(&name, items.len());
        }
        for (i, item) in items.iter().enumerate() {
            let path = if prefix.is_empty() && matches!(value, Value::Object(_)) {
                String::new()
            } else if prefix.is_empty() {
                format!("[{i}].")
            } else {
                format!("{prefix}[{i}].")
            };
            let place = Place {
                file: name.clone(),
                line: 0,
                field: String::new(),
            };
            dir.flatten(kind, item, &place, &path)?;
        }
        // Later messages about a record name the file it came from.
        for (k, t) in &dir.tables {
            for id in t.keys() {
                places.entry((*k, id.clone())).or_insert_with(|| Place {
                    file: name.clone(),
                    line: 0,
                    field: String::new(),
                });
            }
        }
    }
    Ok(dir)
}

/// Turn a CSV cell into the JSON value its field type says. Empty cells are left out.
pub(crate) fn typed(kind: &str, cell: &str) -> Result<Option<Value>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    match kind {
        "number" | "integer" => {
            let t = cell.trim();
            if let Ok(i) = t.parse::<i64>() {
                return Ok(Some(Value::from(i)));
            }
            if kind == "number"
                && let Ok(f) = t.parse::<f64>()
                && f.is_finite()
            {
                return Ok(serde_json::Number::from_f64(f).map(Value::Number));
            }
            Err(format!("{cell:?} is not a {kind}"))
        }
        "boolean" => match cell.trim() {
            "true" | "TRUE" | "True" | "1" => Ok(Some(Value::Bool(true))),
            "false" | "FALSE" | "False" | "0" => Ok(Some(Value::Bool(false))),
            _ => Err(format!("{cell:?} is not true or false")),
        },
        _ => Ok(Some(Value::String(cell.to_string()))),
    }
}

/// Rows of a CSV file as (line, header -> cell).
/// CSV rows: (line, header -> cell).
pub(crate) type Rows = Vec<(usize, Vec<(String, String)>)>;

pub(crate) fn csv_rows(path: &Path) -> Result<Rows, HsdsError> {
    let name = file_name(path);
    let bytes = std::fs::read(path).map_err(|e| io_err(path, e))?;
    // The physical line where a record starts (quoted cells may hold line breaks; files may use CRLF).
    let line_at = |byte: u64| {
        let mut pos = (byte as usize).min(bytes.len());
        while pos < bytes.len() && matches!(bytes[pos], b'\r' | b'\n') {
            pos += 1;
        }
        1 + bytes[..pos].iter().filter(|b| **b == b'\n').count()
    };
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(&bytes[..]);
    let headers: Vec<String> = r
        .headers()
        .map_err(|e| HsdsError::new(&name, 1, "", format!("cannot be read as CSV: {e}")))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let mut rows = Vec::new();
    for row in r.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, |p| line_at(p.byte()));
            HsdsError::new(&name, line, "", format!("cannot be read as CSV: {e}"))
        })?;
        let line = row.position().map_or(0, |p| line_at(p.byte()));
        rows.push((
            line,
            headers
                .iter()
                .cloned()
                .zip(row.iter().map(|c| c.to_string()))
                .collect(),
        ));
    }
    Ok(rows)
}

fn read_tabular(
    folder: &Path,
    places: &mut Places,
    warnings: &mut Vec<Warning>,
    opts: &mut Options,
) -> Result<Directory, HsdsError> {
    let s = schemas();
    let mut dir = Directory::default();
    for kind in Kind::ALL {
        let path = folder.join(kind.file());
        if !path.exists() {
            continue;
        }
        let rows = csv_rows(&path)?;
        if let Some(p) = opts.progress.as_mut() {
            p(kind.file(), rows.len());
        }
        let fields = s.fields(kind);
        let required = s.required(kind);
        let table = dir.tables.entry(kind).or_default();
        for (line, cells) in rows {
            let mut rec = Record::new();
            for (h, cell) in cells {
                let Some(f) = fields.iter().find(|f| f.name == h) else {
                    if line == 2 {
                        let w = Warning {
                            place: Place {
                                file: kind.file().into(),
                                line: 1,
                                field: h.clone(),
                            },
                            message: "is not an HSDS 3.0 field; its values were left out".into(),
                        };
                        if opts.strict {
                            return Err(HsdsError {
                                place: w.place,
                                message: w.message,
                            });
                        }
                        warnings.push(w);
                    }
                    continue;
                };
                let v = typed(&f.kind, &cell)
                    .map_err(|m| HsdsError::new(kind.file(), line, &h, m))?
                    .or_else(|| required.contains(&h).then(|| Value::String(String::new())));
                if let Some(v) = v {
                    rec.insert(h, v);
                }
            }
            let id = match rec.get("id") {
                Some(Value::String(id)) => id.clone(),
                _ => return Err(HsdsError::new(kind.file(), line, "id", "is empty")),
            };
            if let Some(first) = places.get(&(kind, id.clone())) {
                return Err(HsdsError::new(
                    kind.file(),
                    line,
                    "id",
                    format!("{id} is used twice (first on line {})", first.line),
                ));
            }
            places.insert(
                (kind, id.clone()),
                Place {
                    file: kind.file().into(),
                    line,
                    field: String::new(),
                },
            );
            table.insert(id, rec);
        }
    }
    Ok(dir)
}
