//! Any text typed into the directory's search box: the query is built word by word (never parsed), so every input
//! answers, with no more hits than the total it reports. Never a panic.
#![no_main]
use heart_search::{Index, Query};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn index() -> &'static Index {
    static IX: OnceLock<Index> = OnceLock::new();
    IX.get_or_init(|| {
        let text = include_str!("../../crates/heart-app/data/directory-demo/services.json");
        let imported = heart_hsds::import::import_json(
            &[("services.json".into(), text.into())],
            heart_hsds::Options::default(),
        )
        .expect("the demo directory imports");
        Index::build(&imported.directory, &jiff::tz::TimeZone::UTC).expect("the index builds")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let flags = data.first().copied().unwrap_or(0);
    let q = Query {
        text,
        free: flags & 1 != 0,
        no_id: flags & 2 != 0,
        near: (flags & 4 != 0).then_some((42.3736, -71.1097)),
        within_m: (flags & 8 != 0).then_some(500.0),
        limit: 20,
        ..Query::default()
    };
    let found = index().search(&q);
    assert!(found.hits.len() <= found.total.max(found.hits.len()));
    assert!(found.hits.iter().all(|h| h.service < index().len()));
});
