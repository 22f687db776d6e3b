//! Intake from outside: any bytes as the JSON body of POST /api/v1/requests must parse or be refused, never panic.
#![no_main]
use heart_domain::intake::{Channel, IntakeInput};
use heart_domain::triage::{Script, evaluate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(script) = Script::shipped() else { return };
    if let Ok(input) = serde_json::from_slice::<IntakeInput>(data)
        && let Ok(req) = input.parse(&script, Channel::Phone)
    {
        // Whatever passed intake can be triaged.
        assert!(evaluate(&script, &req.answers).is_ok());
        assert!(!req.summary.trim().is_empty());
    }
});
