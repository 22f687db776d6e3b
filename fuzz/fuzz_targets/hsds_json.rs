//! An HSDS 3.0 JSON file from another system (a service array, a page or one object): imported and checked, or
//! refused with a place and a reason. What imports exports and reads back identically. Never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let files = [("services.json".to_string(), text.to_string())];
    match heart_hsds::import::import_json(&files, heart_hsds::Options::default()) {
        Err(e) => assert!(!e.message.is_empty()),
        Ok(imported) => {
            let dir = tempfile::tempdir().expect("a temp dir");
            heart_hsds::export::export_json(&imported.directory, dir.path()).expect("export");
            let back = heart_hsds::import(dir.path(), heart_hsds::Options::default()).expect("re-import");
            assert_eq!(back.directory.diff(&imported.directory), None);
        }
    }
});
