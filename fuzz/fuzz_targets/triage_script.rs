//! A screening script from config: any text must parse into a valid script or be refused, never panic.
#![no_main]
use heart_domain::triage::{Script, evaluate};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(script) = Script::parse(text) {
        // A valid script evaluates every one-answer set without error.
        for q in &script.questions {
            for a in &q.answers {
                let answers: BTreeMap<String, String> = [(q.id.clone(), a.id.clone())].into();
                assert!(evaluate(&script, &answers).is_ok());
            }
        }
    }
});
