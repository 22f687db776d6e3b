//! ARCHITECTURE.md stays true to the workspace: its code map names every crate under `crates/`, and no other.

use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn the_code_map_names_every_crate_and_no_other() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let map =
        std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md at the root");
    let named: BTreeSet<String> = map
        .lines()
        .filter_map(|l| l.strip_prefix("### `"))
        .filter_map(|l| l.strip_suffix('`'))
        .map(str::to_string)
        .collect();
    let mut crates = BTreeSet::new();
    for entry in std::fs::read_dir(root.join("crates")).unwrap() {
        let manifest = entry.unwrap().path().join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        let name = text
            .lines()
            .find_map(|l| l.strip_prefix("name = \""))
            .and_then(|l| l.strip_suffix('"'))
            .unwrap_or_else(|| panic!("{} names its package", manifest.display()));
        crates.insert(name.to_string());
    }
    let missing: Vec<_> = crates.difference(&named).collect();
    let gone: Vec<_> = named.difference(&crates).collect();
    assert!(
        missing.is_empty(),
        "crates ARCHITECTURE.md does not map: {missing:?}"
    );
    assert!(
        gone.is_empty(),
        "ARCHITECTURE.md maps crates that are not there: {gone:?}"
    );
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains("ARCHITECTURE.md"),
        "the README points to the map"
    );
}
