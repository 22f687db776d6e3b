//! Every language the city speaks on the surfaces a person meets (issue 25.2, 25.3 in part): chosen by the browser or
//! at the foot of a page, right to left for Arabic, a notice while a translation is unreviewed, staff pages in
//! English message by message, and `/languages` for the people who keep the deployment.

use heart_domain::access::Capability::*;
use heart_testkit::spawn_app;
use heart_web::languages::{self, LANGUAGES};
use reqwest::StatusCode;

/// A message's words in a shipped language, straight from its catalogue (no variables).
fn words(tag: &str, id: &str) -> String {
    let l = languages::find(tag).unwrap();
    let ftl = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../heart-web/locales")
            .join(l.tag)
            .join("main.ftl"),
    )
    .unwrap();
    let text = languages::messages(&ftl)
        .into_iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("{tag}: no {id}"))
        .text;
    // As the page writes it.
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

async fn get(
    t: &heart_testkit::TestApp,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, String) {
    let mut r = t.client.get(format!("{}{path}", t.url));
    for (k, v) in headers {
        r = r.header(*k, *v);
    }
    let r = r.send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

#[tokio::test]
async fn a_browser_gets_the_nearest_language_and_never_an_error() {
    let t = spawn_app().await;
    for (accept, lang, dir) in [
        ("zh-CN,zh;q=0.9", "zh-Hans", "ltr"),
        ("zh", "zh-Hans", "ltr"),
        ("zh-Hans", "zh-Hans", "ltr"),
        ("pt", "pt-BR", "ltr"),
        ("pt-BR,pt;q=0.9", "pt-BR", "ltr"),
        ("ht", "ht", "ltr"),
        ("ar-EG,ar;q=0.9", "ar", "rtl"),
        ("am-ET", "am", "ltr"),
        ("bn-BD,bn", "bn", "ltr"),
        ("fr-CA,fr;q=0.9", "en", "ltr"),
        (";;;,,q=zz,--,*", "en", "ltr"),
    ] {
        let (s, page) = get(&t, "/", &[("accept-language", accept)]).await;
        assert_eq!(s, StatusCode::OK, "{accept}");
        assert!(
            page.contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\">")),
            "{accept}: {}",
            &page[..200]
        );
    }
    // 10 KB of nonsense, and a language cookie nobody ships: English, never an error.
    let junk = "xx-YY;q=0.5,".repeat(850);
    let (s, page) = get(&t, "/request", &[("accept-language", &junk)]).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("<html lang=\"en\" dir=\"ltr\">"));
    let (s, page) = get(&t, "/", &[("cookie", "heart_lang=tlh")]).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("<html lang=\"en\" dir=\"ltr\">"));
}

#[tokio::test]
async fn every_public_page_speaks_each_language_with_its_own_name_at_the_foot() {
    let t = spawn_app().await;
    for l in &LANGUAGES[1..] {
        let cookie = format!("heart_lang={}", l.tag);
        for path in ["/", "/request", "/directory", "/donate", "/data"] {
            let (s, page) = get(&t, path, &[("cookie", &cookie)]).await;
            assert_eq!(s, StatusCode::OK, "{} {path}", l.tag);
            // Every language is offered at the foot, by the name its speakers write, marked with its language.
            for other in LANGUAGES {
                assert!(
                    page.contains(&format!("lang=\"{}\"", other.tag)) && page.contains(other.name),
                    "{} {path}: no link to {}",
                    l.tag,
                    other.name
                );
            }
            // Until a fluent speaker reviews it, the page says the translation is new, in the language itself.
            assert_eq!(
                page.contains(&words(l.tag, "translation-new")),
                languages::translation_is_new(l.tag),
                "{} {path}",
                l.tag
            );
            assert!(
                page.len() < 50 * 1024,
                "{} {path}: {} bytes",
                l.tag,
                page.len()
            );
        }
        // What we hold about people is said in the language, every detail of it, none in English.
        let (_, page) = get(&t, "/data", &[("cookie", &cookie)]).await;
        for id in [
            "inv-sealed",
            "inv-contact-how",
            "inv-sms-how",
            "inv-audit-who",
        ] {
            let w = words(l.tag, id);
            assert!(page.contains(&w), "{}: {id} {w:?} not on /data", l.tag);
            assert!(
                !page.contains(&words("en-US", id)),
                "{}: {id} in English on /data",
                l.tag
            );
        }
        // The request form asks in the language, its language starts as the page's, and the screening
        // questions are the language's.
        let (_, page) = get(&t, "/request", &[("cookie", &cookie)]).await;
        for id in ["request-heading", "intake-summary", "request-send"] {
            let w = words(l.tag, id);
            assert!(page.contains(&w), "{}: {id} {w:?} not on /request", l.tag);
            assert!(
                !page.contains(&words("en-US", id)),
                "{}: {id} in English",
                l.tag
            );
        }
        let person = if l.tag == "zh-Hans" { "zh" } else { l.tag };
        assert!(
            page.contains(&format!("<option value=\"{person}\" selected>")),
            "{}: the person's language does not start as the page's",
            l.tag
        );
    }
    // In Arabic every value in a sentence (here the time the team opens or closes) is isolated, so it reads left
    // to right inside right-to-left words; English text carries no such marks.
    let (_, ar) = get(&t, "/", &[("cookie", "heart_lang=ar")]).await;
    assert!(
        ar.contains('\u{2068}') && ar.contains('\u{2069}'),
        "no isolated value in Arabic"
    );
    let (_, en) = get(&t, "/", &[]).await;
    assert!(!en.contains('\u{2068}'));
    // English pages say nothing about a new translation.
    let (_, page) = get(&t, "/request", &[]).await;
    assert!(!page.contains("class=\"translation-new\""));
}

#[tokio::test]
async fn staff_pages_in_another_language_fall_back_to_english_message_by_message() {
    let t = spawn_app().await;
    let pw = t.user("dee", &[Dispatch], None).await;
    let s = t.login("dee", &pw).await;
    for tag in ["pt-BR", "ar", "bn"] {
        let r = t
            .client
            .get(format!("{}/board", t.url))
            .header("cookie", format!("{}; heart_lang={tag}", s.cookie))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let page = r.text().await.unwrap();
        // The board's own words in English; the layout's shared words in the language; never a message id.
        assert!(page.contains("Live board"), "{tag}");
        assert!(page.contains(&words(tag, "skip-to-content")), "{tag}");
        for id in ["board-title", "nav-board", "col-summary", "board-full-hint"] {
            assert!(
                !page.contains(&format!(">{id}<")),
                "{tag}: {id} shown as an id"
            );
        }
    }
}

#[tokio::test]
async fn the_languages_page_tells_coverage_and_review() {
    let t = spawn_app().await;
    let pw = t.user("ada", &[Admin], None).await;
    let admin = t.login("ada", &pw).await;
    let (s, page, _) = t.page("/languages", Some(&admin)).await;
    assert_eq!(s, StatusCode::OK);
    for c in languages::coverage() {
        assert!(page.contains(c.name), "{}", c.tag);
        assert!(
            page.contains(&format!("{} of {}", c.person_present, c.person_total)),
            "{}",
            c.tag
        );
        assert_eq!(c.person_present, c.person_total, "{}", c.tag);
    }
    assert!(
        page.contains("Not yet"),
        "unreviewed languages are said to be so"
    );
    let pw = t.user("rue", &[Respond], None).await;
    let responder = t.login("rue", &pw).await;
    let (s, _, _) = t.page("/languages", Some(&responder)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

/// A follow-up shows first the language the person speaks, so the call or text is in it, and whether they asked
/// for an interpreter (issue 25.2); English needs no mention.
#[tokio::test]
async fn a_follow_up_says_first_which_language_to_call_in() {
    let t = spawn_app().await;
    let intake = t.token(&[Intake]).await;
    let answers = serde_json::json!({"medical": "no", "in_area": "yes", "where_now": "home", "weather": "no",
        "distress": "calm", "suicide": "thoughts", "wants_visit": "no", "harm_at_home": "yes", "money_need": "yes"});
    for (language, summary) in [("pt-BR", "Contas atrasadas"), ("en", "Bills overdue")] {
        let (s, r) = t
            .post(
                "/api/v1/requests",
                Some(&intake),
                &serde_json::json!({"summary": summary, "answers": answers, "language": language,
                    "contact": {"phone": "617-555-0123"},
                    "safe_contact": {"call_ok": true, "interpreter": language != "en"}}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{r}");
        let id = r["id"].as_str().unwrap();
        let (s, r) = t
            .post(
                &format!("/api/v1/requests/{id}/close"),
                Some(&intake),
                &serde_json::json!({"actions": "Talked it through", "outcome": "ongoing_support", "needs": ["money"], "follow_up_consent": true,
                    "follow_up_method": "phone", "follow_up_safe_confirmed": true}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{r}");
    }
    let pw = t.user("cleo", &[Coordinate], None).await;
    let s = t.login("cleo", &pw).await;
    let (status, page, _) = t.page("/follow-ups", Some(&s)).await;
    assert_eq!(status, StatusCode::OK);
    let cards: Vec<&str> = page.split("<li class=\"card follow-up\"").skip(1).collect();
    let pt = cards
        .iter()
        .find(|c| c.contains("Contas atrasadas"))
        .unwrap();
    let first = pt.split("<p").nth(1).unwrap();
    assert!(
        first.contains("follow-up-language")
            && first.contains("Speaks Portuguese (Brazil)")
            && first.contains("Interpreter needed."),
        "{pt}"
    );
    let en = cards.iter().find(|c| c.contains("Bills overdue")).unwrap();
    assert!(!en.contains("follow-up-language"), "{en}");
}

#[tokio::test]
async fn what_we_hold_is_said_in_words_with_the_retention_period() {
    let t = spawn_app().await;
    let (s, body) = t.get("/api/v1/data-inventory", None).await;
    assert_eq!(s, StatusCode::OK);
    let items = body["items"].as_array().unwrap();
    assert!(items.len() >= 10);
    for i in items {
        for k in ["what", "why", "kept", "who_can_see", "how_protected"] {
            let w = i[k].as_str().unwrap();
            assert!(!w.starts_with("inv-"), "{k} is a message id: {w}");
        }
    }
    assert_eq!(
        items[0]["kept"],
        format!(
            "For {} days after the person's last contact. Then it is erased on its own, unless \
             the person asked us to keep it.",
            t.app.config.retention_days
        )
    );
}
