//! An Open311 `POST requests` form body: decoded, read into a service request and checked against the shipped
//! script. A request or one of the spec's errors (400 or 404), never a panic.
#![no_main]
use heart_domain::channels::Open311Post;
use heart_domain::triage::Script;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data) else {
        return;
    };
    let Ok(script) = Script::shipped() else { return };
    match Open311Post::from_pairs(&pairs) {
        Err(e) => assert_eq!(e.status, 400),
        Ok(post) => match post.to_request(&script) {
            Ok((req, kind)) => {
                assert_eq!(req.channel, heart_domain::intake::Channel::Open311);
                assert!(script.kind(&kind.code).is_some());
            }
            Err(e) => assert!(e.status == 400 || e.status == 404),
        },
    }
});
