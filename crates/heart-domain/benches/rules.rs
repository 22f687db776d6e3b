//! Hot pure functions of intake: parsing a request and screening it.
use criterion::{Criterion, criterion_group, criterion_main};
use heart_domain::intake::{Channel, IntakeInput};
use heart_domain::triage::{Script, evaluate};
use std::hint::black_box;

const BODY: &str = r#"{"channel":"phone","summary":"Someone is sheltering in an ATM vestibule in the cold","location":{"text":"Mass Ave near Porter Square","lat":42.3884,"lon":-71.1191},"contact":{"name":"Caller","phone":"617-555-0100"},"language":"en","answers":{"medical":"no","in_area":"yes","where_now":"sheltering","weather":"yes","distress":"calm"}}"#;

fn rules(c: &mut Criterion) {
    let Ok(script) = Script::shipped() else {
        return;
    };
    c.bench_function("intake: JSON to a checked request", |b| {
        b.iter(|| {
            let input: IntakeInput = serde_json::from_str(black_box(BODY)).ok()?;
            input.parse(&script, Channel::Phone).ok()
        })
    });
    let Ok(input) = serde_json::from_str::<IntakeInput>(BODY) else {
        return;
    };
    let Ok(req) = input.parse(&script, Channel::Phone) else {
        return;
    };
    c.bench_function("triage: evaluate the shipped script", |b| {
        b.iter(|| evaluate(&script, black_box(&req.answers)))
    });
    c.bench_function("triage: parse the shipped script", |b| {
        b.iter(Script::shipped)
    });
}

criterion_group!(benches, rules);
criterion_main!(benches);
