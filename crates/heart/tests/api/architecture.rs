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

/// Every `.rs` file under `dir`, at any depth.
fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Issue 22's limits: no source file over 900 lines (a `#[cfg(test)]` module at its end does not count) and no
/// function over 150 lines. None is over now; the lists below name any that a change must leave over for a while
/// (the test fails when another passes a limit, and when a named one no longer does, so the lists only shrink).
#[test]
fn files_and_functions_stay_within_the_limits() {
    const FILES_OVER: [&str; 0] = [];
    const FUNCTIONS_OVER: [&str; 0] = [];
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for e in std::fs::read_dir(&crates).unwrap() {
        let src = e.unwrap().path().join("src");
        if src.is_dir() {
            walk(&src, &mut files);
        }
    }
    let mut long_files = BTreeSet::new();
    let mut long_fns = BTreeSet::new();
    for f in &files {
        let name = f
            .strip_prefix(&crates)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let code = lines
            .iter()
            .position(|l| l.starts_with("#[cfg(test)]"))
            .unwrap_or(lines.len());
        if code > 900 {
            long_files.insert(name.clone());
        }
        for (i, l) in lines.iter().enumerate() {
            let t = l.trim_start();
            let indent = &l[..l.len() - t.len()];
            let t = ["pub(crate) ", "pub(super) ", "pub "]
                .iter()
                .find_map(|p| t.strip_prefix(p))
                .unwrap_or(t);
            let t = t.strip_prefix("async ").unwrap_or(t);
            let Some(rest) = t.strip_prefix("fn ") else {
                continue;
            };
            let fname: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // The signature ends with `{` (a body) or `;` (a declaration, skipped).
            let Some(sig_end) = (i..lines.len()).find(|&k| {
                let e = lines[k].trim_end();
                e.ends_with('{') || e.ends_with(';')
            }) else {
                continue;
            };
            if lines[sig_end].trim_end().ends_with(';') {
                continue;
            }
            let close = format!("{indent}}}");
            if let Some(end) = (sig_end..lines.len()).find(|&k| lines[k] == close)
                && end - i + 1 > 150
            {
                long_fns.insert(format!("{name} {fname}"));
            }
        }
    }
    let named_files: BTreeSet<String> = FILES_OVER.iter().map(|s| s.to_string()).collect();
    let named_fns: BTreeSet<String> = FUNCTIONS_OVER.iter().map(|s| s.to_string()).collect();
    let new_files: Vec<_> = long_files.difference(&named_files).collect();
    let new_fns: Vec<_> = long_fns.difference(&named_fns).collect();
    assert!(new_files.is_empty(), "files over 900 lines: {new_files:?}");
    assert!(new_fns.is_empty(), "functions over 150 lines: {new_fns:?}");
    let split_files: Vec<_> = named_files.difference(&long_files).collect();
    let split_fns: Vec<_> = named_fns.difference(&long_fns).collect();
    assert!(
        split_files.is_empty() && split_fns.is_empty(),
        "within the limits now, take them off the list: {split_files:?} {split_fns:?}"
    );
}

/// Issue 22: the web layer stands on the use cases only. heart-web does not depend on heart-store, names no
/// `heart_store::` path and never reaches for the app's store: what the pages show comes as the app's view types.
#[test]
fn the_web_layer_stands_on_the_use_cases_only() {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../heart-web");
    let manifest = std::fs::read_to_string(web.join("Cargo.toml")).unwrap();
    assert!(
        !manifest
            .lines()
            .any(|l| l.trim_start().starts_with("heart-store")),
        "crates/heart-web/Cargo.toml depends on heart-store"
    );
    let mut files = Vec::new();
    walk(&web.join("src"), &mut files);
    assert!(files.len() > 10, "the web sources were found");
    let mut reaching = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains("heart_store::")
                || code.contains(".store.")
                || code.contains(".store()")
            {
                reaching.push(format!("{}:{}", f.display(), n + 1));
            }
        }
    }
    assert!(
        reaching.is_empty(),
        "heart-web reaches past the use cases: {reaching:?}"
    );
}

/// Who may do what is the app's to say, once: a use case checks its capabilities, and a page that must know first
/// asks `App::may` with what it is doing (`Doing`). No web source checks a capability list itself.
#[test]
fn capabilities_are_checked_in_the_app_only() {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../heart-web/src");
    let mut files = Vec::new();
    walk(&web, &mut files);
    let mut checking = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains(".require(") || code.contains("authorize(") {
                checking.push(format!("{}:{}", f.display(), n + 1));
            }
        }
    }
    assert!(
        checking.is_empty(),
        "heart-web checks capabilities itself: {checking:?}"
    );
}

/// Rows stay inside heart-store: what the app gives its callers (a `pub fn`'s parameters and result, a `pub`
/// field) is its own view types, never a store row (`...Row`) or a `heart_store::` type. Crate-private helpers may
/// take rows.
#[test]
fn the_app_gives_views_never_rows() {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../heart-app/src");
    let mut files = Vec::new();
    walk(&app, &mut files);
    let row = |text: &str| {
        text.contains("heart_store::")
            || text
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|w| w.len() > 3 && w.ends_with("Row") && w.starts_with(char::is_uppercase))
    };
    let mut leaking = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        // Tests at the end of a file may use anything.
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        for (at, _) in text.match_indices("pub ") {
            let before = &text[..at];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            if !before[line_start..].trim().is_empty() {
                continue; // `pub(crate)` and the like start with `pub(`, not `pub `; this is mid-line.
            }
            let rest = &text[at + 4..];
            let item = rest.trim_start_matches("async ");
            let what = if item.starts_with("fn ") {
                // The signature, up to its body.
                &rest[..rest.find('{').unwrap_or(rest.len())]
            } else if item.starts_with("struct ")
                || item.starts_with("enum ")
                || item.starts_with("mod ")
                || item.starts_with("use ")
                || item.starts_with("const ")
                || item.starts_with("static ")
                || item.starts_with("trait ")
                || item.starts_with("type ")
            {
                continue;
            } else {
                // A field: `pub name: Type,`.
                &rest[..rest.find('\n').unwrap_or(rest.len())]
            };
            if row(what) {
                let line = before.matches('\n').count() + 1;
                leaking.push(format!("{}:{line}", f.display()));
            }
        }
    }
    assert!(
        leaking.is_empty(),
        "heart-app gives store rows to its callers: {leaking:?}"
    );
}

/// Words people type are cleaned one way and their length checked in one place (`heart_domain::text::Words`):
/// no other source counts characters against a limit or defines its own `clean`. Web addresses are not words
/// (their own rules: the outbound policy and an alert's callback), nor is a query to the geocoder library.
#[test]
fn words_are_checked_in_one_place() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for c in std::fs::read_dir(&crates).unwrap() {
        let src = c.unwrap().path().join("src");
        if src.is_dir() {
            walk(&src, &mut files);
        }
    }
    let addresses = [
        "heart-app/src/outbound.rs",
        "heart-domain/src/channels.rs",
        "heart-geo/src/geocode.rs",
    ];
    let mut counting = Vec::new();
    let mut cleans = Vec::new();
    for f in files {
        let path = f.display().to_string().replace('\\', "/");
        let text = std::fs::read_to_string(&f).unwrap();
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        if path.ends_with("heart-domain/src/text.rs") {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains("chars().count() >") && !addresses.iter().any(|a| path.ends_with(a)) {
                counting.push(format!("{path}:{}", n + 1));
            }
            if code.contains("fn clean(") {
                cleans.push(format!("{path}:{}", n + 1));
            }
        }
    }
    assert!(
        counting.is_empty(),
        "a length checked outside text.rs: {counting:?}"
    );
    assert!(cleans.is_empty(), "a second clean(): {cleans:?}");
}

/// A form sent by a signed-in person comes through one extractor, `SignedForm` (`heart-web/src/form.rs`): the visit,
/// the sign-in and the CSRF token, in that order, before the handler runs. A handler that checks a CSRF token
/// itself is a public form (no one signed in: the request form, a gift, signing out or setting a password) or the
/// a multipart upload (a receipt, a call-type table).
#[test]
fn signed_in_forms_come_through_one_extractor() {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../heart-web/src");
    let mut files = Vec::new();
    walk(&web, &mut files);
    let mut by_hand = Vec::new();
    for f in files {
        let path = f.display().to_string().replace('\\', "/");
        if path.ends_with("/form.rs") || path.ends_with("/ctx.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for part in text.split("\npub async fn ").skip(1) {
            let body = part.split("\n}\n").next().unwrap_or("");
            if body.contains("check_csrf(")
                && (body.contains("signed_in()")
                    || body.contains(".may(")
                    || body.contains("ctx.actor"))
                && !body.contains("Multipart")
            {
                let name = body.split('(').next().unwrap_or("");
                by_hand.push(format!("{path}: {name}"));
            }
        }
    }
    assert!(
        by_hand.is_empty(),
        "signed-in forms that check their CSRF token by hand: {by_hand:?}"
    );
}

/// Forms are `Deserialize` structs read once, at the edge: no handler picks fields out of a form body by hand (no
/// raw pairs outside `form.rs`, and the only bodies read as bytes are the signed webhooks, whose signature covers
/// the exact bytes, and the public forms, which check their token before they read a field).
#[test]
fn forms_are_structs_read_at_the_edge() {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../heart-web/src");
    let mut files = Vec::new();
    walk(&web, &mut files);
    let mut by_hand = Vec::new();
    for f in files {
        let path = f.display().to_string().replace('\\', "/");
        if path.ends_with("/form.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let raw_pairs = line.contains("FormData")
                || line.contains("serde_urlencoded")
                || line.contains("form.get(\"")
                || line.contains("f.get(\"");
            if raw_pairs {
                by_hand.push(format!("{path}:{}: {}", n + 1, line.trim()));
            }
        }
        // A body read as bytes is parsed by `form::fields` (after `form::csrf_of`) or is a signed webhook's.
        for part in text.split("\npub async fn ").skip(1) {
            let body = part.split("\n}\n").next().unwrap_or("");
            if body.contains("body: Bytes")
                && !body.contains("form::fields")
                && !body.contains("form::csrf_of")
                && !body.contains("signature")
                && !body.contains("twilio")
                && !body.contains("from_pairs")
            {
                let name = body.split('(').next().unwrap_or("");
                by_hand.push(format!("{path}: {name} reads its body by hand"));
            }
        }
    }
    assert!(
        by_hand.is_empty(),
        "form fields picked by hand: {by_hand:#?}"
    );
}
