//! Import, export and round trips on real files: Open Referral's official examples and the Illinois Legal Aid
//! Online directory (HSDS 1.x/2.x, upgraded).

use heart_hsds::export::{export_csv, export_json};
use heart_hsds::{Directory, Format, Kind, Options, import};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn data(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(p)
}

fn opts() -> Options<'static> {
    Options::default()
}

fn illinois() -> heart_hsds::Imported {
    import(
        &data("ilao"),
        Options {
            timezone: "America/Chicago".into(),
            ..Options::default()
        },
    )
    .unwrap()
}

fn every_service_valid(dir: &Directory) {
    let s = heart_hsds::schema::schemas();
    let links = dir.links();
    for r in dir.table(Kind::Service) {
        let id = r["id"].as_str().unwrap();
        let v = dir.nested(&links, Kind::Service, id).unwrap();
        assert_eq!(
            s.errors(Kind::Service, &v),
            Vec::<(String, String)>::new(),
            "service {id}"
        );
    }
}

#[test]
fn the_official_tabular_example_imports_and_round_trips() {
    let a = import(&data("hsds3/csv"), opts()).unwrap();
    assert_eq!(a.format, Format::Tabular);
    assert_eq!(a.directory.len(Kind::Service), 1);
    assert_eq!(a.directory.len(Kind::Schedule), 1);
    every_service_valid(&a.directory);
    for f in [export_csv, export_json] {
        let out = tempfile::tempdir().unwrap();
        f(&a.directory, out.path()).unwrap();
        let b = import(out.path(), opts()).unwrap();
        assert_eq!(a.directory.diff(&b.directory), None);
    }
}

#[test]
fn the_official_json_examples_import() {
    let a = import(&data("hsds3/json/service_full.json"), opts()).unwrap();
    assert_eq!(a.format, Format::Json);
    assert_eq!(a.directory.len(Kind::Service), 1);
    assert!(a.directory.len(Kind::Location) >= 1);
    let page = import(&data("hsds3/json/service_list.json"), opts()).unwrap();
    assert!(page.directory.len(Kind::Service) >= 1);
    let out = tempfile::tempdir().unwrap();
    export_json(&a.directory, out.path()).unwrap();
    assert_eq!(
        import(out.path(), opts())
            .unwrap()
            .directory
            .diff(&a.directory),
        None
    );
}

#[test]
fn the_illinois_directory_is_upgraded_with_one_warning_per_repair() {
    let a = illinois();
    assert_eq!(a.format, Format::Legacy);
    let d = &a.directory;
    assert_eq!(d.len(Kind::Service), 429, "430 rows, one of them empty");
    assert_eq!(
        d.len(Kind::Organization) - 33,
        d.table(Kind::Organization)
            .filter(|o| o["name"].as_str().unwrap().contains("not in the source"))
            .count()
    );
    let w = |needle: &str| {
        a.warnings
            .iter()
            .filter(|w| w.message.contains(needle))
            .count()
    };
    assert_eq!(w("no status; set to active"), 429);
    assert_eq!(w("no location type"), 520);
    assert_eq!(w("kept as given and flagged"), 29);
    assert_eq!(w("an empty row"), 1);
    assert!(w("placeholder was added") > 100);
    let first = a
        .warnings
        .iter()
        .find(|w| w.message.contains("an empty row"))
        .unwrap();
    assert_eq!(
        first.to_string(),
        "services.csv:651: id: an empty row (no id); it was left out"
    );
    // Ids are stable UUIDs.
    assert!(
        d.get(
            Kind::Service,
            &heart_hsds::upgrade::stable_id("services", "135836")
        )
        .is_some()
    );
    assert_eq!(illinois().directory.diff(&a.directory), None);
    // Flagged schedules are kept, with a note.
    let flagged = d
        .table(Kind::Schedule)
        .filter(|s| heart_hsds::hours::flagged(s))
        .count();
    assert_eq!(flagged, 29);
    every_service_valid(d);
    for f in [export_csv, export_json] {
        let out = tempfile::tempdir().unwrap();
        f(d, out.path()).unwrap();
        let b = import(
            out.path(),
            Options {
                timezone: "Europe/Paris".into(),
                ..Options::default()
            },
        )
        .unwrap();
        assert!(b.warnings.is_empty(), "{:?}", b.warnings.first());
        assert_eq!(b.directory.diff(d), None);
    }
}

#[test]
fn strict_refuses_the_first_repair() {
    let e = import(
        &data("ilao"),
        Options {
            strict: true,
            ..Options::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("--strict"), "{e}");
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(d.path().join(name), text).unwrap();
    }
    d
}

const ORG: &str = "id,name,description\nd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,Org,Helps\n";
const SVC_HEAD: &str = "id,organization_id,name,status\n";

#[test]
fn bad_input_is_refused_naming_file_line_and_field() {
    let cases: Vec<(Vec<(&str, String)>, &str)> = vec![
        (
            vec![("services.json", "[{\"id\": ".into())],
            "services.json:1: : is not valid JSON",
        ),
        (
            vec![("datapackage.json", "{}".into()), ("organizations.csv", ORG.into()),
                 ("locations.csv", "id,organization_id,location_type,latitude\n3f7b145d-84af-42d7-8fae-eaca714b02b2,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,physical,north\n".into())],
            "locations.csv:2: latitude: \"north\" is not a number",
        ),
        (
            vec![("datapackage.json", "{}".into()), ("organizations.csv", format!("{ORG}d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,Again,Twice\n"))],
            "organizations.csv:3: id: d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610 is used twice (first on line 2)",
        ),
        (
            vec![("datapackage.json", "{}".into()), ("organizations.csv", ORG.into()),
                 ("services.csv", format!("{SVC_HEAD}ac148810-d857-441c-9679-408f346de14b,5c4d79d7-cc55-470e-9f1f-8cad074e4892,Food,active\n"))],
            "services.csv:2: organization_id: 5c4d79d7-cc55-470e-9f1f-8cad074e4892 names a organization that is not in the directory",
        ),
        (
            vec![("datapackage.json", "{}".into()), ("organizations.csv", ORG.into()),
                 ("services.csv", format!("{SVC_HEAD}ac148810-d857-441c-9679-408f346de14b,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,Food,open\n"))],
            "services.csv:2: status:",
        ),
        (
            vec![("datapackage.json", "{}".into()),
                 ("attributes.csv", "id,link_id,taxonomy_term_id\nae58cc39-8b70-4ab1-8aea-786882e5ac8e,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,3f7b145d-84af-42d7-8fae-eaca714b02b2\n".into())],
            "attributes.csv:2: taxonomy_term_id: 3f7b145d-84af-42d7-8fae-eaca714b02b2 names an unknown taxonomy term",
        ),
        (
            vec![("datapackage.json", "{}".into()),
                 ("schedules.csv", "id,freq,byday,opens_at,closes_at\nae58cc39-8b70-4ab1-8aea-786882e5ac8e,WEEKLY,MO,09:00,27:00\n".into())],
            "schedules.csv:2: closes_at: \"27:00\" is not a time",
        ),
        (
            vec![("datapackage.json", "{}".into()), ("organizations.csv", ORG.into()),
                 ("locations.csv", "id,organization_id,location_type,latitude\n3f7b145d-84af-42d7-8fae-eaca714b02b2,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,physical,91\n".into())],
            "locations.csv:2: latitude: 91 is out of range",
        ),
        (
            vec![("services.json", "[{\"id\":\"ac148810-d857-441c-9679-408f346de14b\",\"name\":\"x\",\"status\":\"active\",\"phones\":[{\"id\":\"x\",\"number\":5}]}]".into())],
            "services.json: phone x: id:",
        ),
    ];
    for (files, want) in cases {
        let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let d = folder(&files);
        let e = import(d.path(), opts()).unwrap_err().to_string();
        assert!(e.starts_with(want), "got {e:?}, want {want:?}");
    }
}

#[test]
fn a_json_array_of_services_from_another_system_round_trips() {
    let text = std::fs::read_to_string(data("hsds3/json/service_full.json")).unwrap();
    let one: Value = serde_json::from_str(&text).unwrap();
    let d = folder(&[("services.json", &serde_json::to_string(&vec![one]).unwrap())]);
    let a = import(d.path(), opts()).unwrap();
    let out = tempfile::tempdir().unwrap();
    export_csv(&a.directory, out.path()).unwrap();
    assert_eq!(
        import(out.path(), opts())
            .unwrap()
            .directory
            .diff(&a.directory),
        None
    );
}
