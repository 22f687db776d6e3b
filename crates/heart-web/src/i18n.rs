//! Fluent catalogues: every user-facing string comes from `locales/<lang>/*.ftl`.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en-US",
        // In a language written right to left, every value put into a message (a time, a number, a name, a
        // reference) is isolated (Unicode FSI ... PDI), so it reads in its own direction inside the words around
        // it; elsewhere the plain text is kept as it is. Texts strip the marks (`Catalogue::say`).
        customise: |bundle| {
            let rtl = bundle.locales.first().is_some_and(|l| l.language.as_str() == "ar");
            bundle.set_use_isolating(rtl)
        },
    };
}

pub const DEFAULT: LanguageIdentifier = langid!("en-US");

/// The best catalogue for an `Accept-Language` header (or a `lang` choice).
pub fn negotiate(accept: Option<&str>) -> LanguageIdentifier {
    let available: Vec<&LanguageIdentifier> = LOCALES.locales().collect();
    for part in accept.unwrap_or("").split(',') {
        let tag = part.split(';').next().unwrap_or("").trim();
        let Ok(want) = tag.parse::<LanguageIdentifier>() else {
            continue;
        };
        if let Some(exact) = available.iter().find(|l| **l == &want) {
            return (*exact).clone();
        }
        if let Some(same_lang) = available.iter().find(|l| l.language == want.language) {
            return (*same_lang).clone();
        }
    }
    DEFAULT
}

/// A catalogue chosen by name (the language links), if heart has it.
pub fn chosen(tag: Option<&str>) -> Option<LanguageIdentifier> {
    let want: LanguageIdentifier = tag?.trim().parse().ok()?;
    LOCALES.locales().find(|l| **l == want).cloned()
}

/// Looks a message up; a missing message shows its id (and a test makes sure none is missing).
pub fn t(lang: &LanguageIdentifier, key: &str) -> String {
    LOCALES
        .try_lookup(lang, key)
        .unwrap_or_else(|| key.to_string())
}

/// "Monday 17:00" in the language (the team's local time; weekday names from the catalogue, not the system).
pub fn weekday_time(lang: &LanguageIdentifier, at: jiff::civil::DateTime) -> String {
    format!(
        "{} {:02}:{:02}",
        t(
            lang,
            &format!("weekday-{}", at.weekday().to_monday_one_offset())
        ),
        at.hour(),
        at.minute()
    )
}

/// "Thu 26 Nov 15:00" in the language.
pub fn short_date_time(lang: &LanguageIdentifier, at: jiff::civil::DateTime) -> String {
    format!(
        "{} {:02} {} {:02}:{:02}",
        t(
            lang,
            &format!("weekday-short-{}", at.weekday().to_monday_one_offset())
        ),
        at.day(),
        t(lang, &format!("month-short-{}", at.month())),
        at.hour(),
        at.minute()
    )
}

pub fn try_t(lang: &LanguageIdentifier, key: &str) -> Option<String> {
    LOCALES.try_lookup(lang, key)
}

/// Whether the catalogue has a message (with any of the arguments our messages take).
pub fn has(lang: &LanguageIdentifier, key: &str) -> bool {
    const ARGS: [&str; 36] = [
        "date",
        "refs",
        "id",
        "time",
        "phone",
        "count",
        "distance",
        "channel",
        "minutes",
        "who",
        "days",
        "name",
        "team",
        "area",
        "until",
        "at",
        "reference",
        "seconds",
        "incident",
        "n",
        "age",
        "hours",
        "word",
        "reason",
        "km",
        "when",
        "duration",
        "m",
        "h",
        "d",
        "total",
        "ids",
        "language",
        "from",
        "to",
        "fields",
    ];
    let map: HashMap<Cow<'static, str>, FluentValue> = ARGS
        .iter()
        .map(|k| (Cow::Borrowed(*k), FluentValue::from("x")))
        .collect();
    LOCALES.try_lookup_with_args(lang, key, &map).is_some()
}

/// As `t_args`, or `None` when the catalogue has no such message.
pub fn try_t_args(
    lang: &LanguageIdentifier,
    key: &str,
    args: &[(&'static str, String)],
) -> Option<String> {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
        .collect();
    LOCALES.try_lookup_with_args(lang, key, &map)
}

/// A screening script's words for a reader: the message `id` from the reader's own catalogue (never another
/// language's), else the script's English. English readers get the script's own words, so a team's own script
/// says what the team wrote; and a translation is used only while the script's English is the English it was
/// translated from (`locales/en-US/triage.ftl`), so a text a team rewrote is never shown in its old meaning.
pub fn script_words(lang: &LanguageIdentifier, id: &str, english: &str) -> String {
    if lang.language == DEFAULT.language {
        return english.to_string();
    }
    translation(lang, id, english).unwrap_or_else(|| english.to_string())
}

fn translation(lang: &LanguageIdentifier, id: &str, english: &str) -> Option<String> {
    let single = |l: &LanguageIdentifier| {
        LOCALES
            .lookup_single_language(l, id, None::<&HashMap<&str, FluentValue>>)
            .ok()
    };
    (single(&DEFAULT)? == english).then_some(())?;
    single(lang)
}

/// The texts of a screening script that a shipped language has no words for (new texts, or texts whose English
/// changed since they were translated): `(language, message ids)`, one entry per language that misses any.
pub fn untranslated(script: &heart_domain::triage::Script) -> Vec<(String, Vec<String>)> {
    let texts = script.texts();
    let mut langs: Vec<&LanguageIdentifier> = LOCALES
        .locales()
        .filter(|l| l.language != DEFAULT.language)
        .collect();
    langs.sort_by_key(|l| l.to_string());
    langs
        .into_iter()
        .filter_map(|lang| {
            let missing: Vec<String> = texts
                .iter()
                .filter(|t| translation(lang, &t.id, &t.english).is_none())
                .map(|t| t.id.clone())
                .collect();
            (!missing.is_empty()).then(|| (lang.to_string(), missing))
        })
        .collect()
}

/// The words of texts, from this catalogue (heart-app asks for `sms-*` messages in a person's language).
pub struct Catalogue;

impl heart_app::sms::Words for Catalogue {
    fn say(&self, lang: &str, key: &str, args: &[(&'static str, String)]) -> Option<String> {
        // Fluent marks placeables with isolation characters; a text message is plain.
        try_t_args(&negotiate(Some(lang)), key, args)
            .map(|t| t.replace(['\u{2068}', '\u{2069}'], ""))
    }
    fn script(&self, lang: &str, id: &str, english: &str) -> String {
        script_words(&negotiate(Some(lang)), id, english)
    }
}

pub fn t_args(lang: &LanguageIdentifier, key: &str, args: &[(&'static str, String)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
        .collect();
    LOCALES
        .try_lookup_with_args(lang, key, &map)
        .unwrap_or_else(|| key.to_string())
}

/// A message with a count, which Fluent's plural rules choose the words for ("1 donor", "2 donors"), and an
/// optional second text argument.
pub fn t_count(
    lang: &LanguageIdentifier,
    key: &str,
    name: &'static str,
    n: i64,
    more: Option<(&'static str, String)>,
) -> String {
    let mut map: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
    map.insert(Cow::Borrowed(name), FluentValue::from(n));
    if let Some((k, v)) = more {
        map.insert(Cow::Borrowed(k), FluentValue::from(v));
    }
    LOCALES
        .try_lookup_with_args(lang, key, &map)
        .unwrap_or_else(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_choose_their_plural_form() {
        let en: LanguageIdentifier = "en-US".parse().unwrap();
        let es: LanguageIdentifier = "es".parse().unwrap();
        assert_eq!(t_count(&en, "donors-count", "n", 1, None), "from 1 donor");
        assert_eq!(t_count(&en, "donors-count", "n", 3, None), "from 3 donors");
        assert_eq!(t_count(&es, "donors-count", "n", 1, None), "de 1 donante");
    }

    #[test]
    fn negotiation_falls_back_to_english() {
        assert_eq!(negotiate(Some("fr-CA,fr;q=0.9")), DEFAULT);
        assert_eq!(negotiate(Some("en-GB,en;q=0.9")), DEFAULT);
        assert_eq!(negotiate(None), DEFAULT);
    }

    #[test]
    fn spanish_is_offered() {
        assert_eq!(negotiate(Some("es-MX,es;q=0.9,en;q=0.5")), langid!("es"));
        assert_eq!(negotiate(Some("fr,es;q=0.5")), langid!("es"));
        assert_eq!(t(&langid!("es"), "nav-ask"), "Pedir apoyo");
    }

    /// Messages by id, with the variables each one uses.
    /// Each message of a catalogue (read as `languages::messages` reads it) with the variables it uses.
    fn messages(ftl: &str) -> Vec<(String, std::collections::BTreeSet<String>)> {
        crate::languages::messages(ftl)
            .into_iter()
            .map(|m| {
                // A variable is a `$` inside a placeable (`{ $name }`), not a dollar amount ("$250").
                let vars = m
                    .text
                    .match_indices('$')
                    .filter(|(i, _)| m.text[..*i].trim_end().ends_with('{'))
                    .map(|(i, _)| {
                        m.text[i + 1..]
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                            .collect::<String>()
                    })
                    .filter(|v| !v.is_empty())
                    .collect();
                (m.id, vars)
            })
            .collect()
    }

    /// Every catalogue has every English message, with the same variables (so no page falls back to English
    /// mid-sentence, and no message asks for a value the code does not give).
    #[test]
    fn every_catalogue_matches_the_english_one() {
        let en = messages(include_str!("../locales/en-US/main.ftl"));
        assert!(en.len() > 800, "{}", en.len());
        let mut seen = std::collections::BTreeSet::new();
        for (id, _) in &en {
            assert!(seen.insert(id.clone()), "{id} is defined twice");
        }
        for (name, text) in [("es", include_str!("../locales/es/main.ftl"))] {
            let other = messages(text);
            let ids = |m: &[(String, std::collections::BTreeSet<String>)]| {
                m.iter().map(|(i, _)| i.clone()).collect::<Vec<_>>()
            };
            assert_eq!(ids(&other), ids(&en), "{name}: ids differ");
            for ((id, want), (_, got)) in en.iter().zip(&other) {
                assert_eq!(got, want, "{name}: {id} uses other variables");
            }
            let lang: LanguageIdentifier = name.parse().unwrap();
            for (id, _) in en.iter().filter(|(id, _)| has(&DEFAULT, id)) {
                assert!(has(&lang, id), "{name}: {id} does not load");
            }
        }
    }

    /// The languages beyond English and Spanish hold what a person served meets (and may hold more): each message
    /// is an English one, in the English order, with the same variables, and loads; a staff message they lack
    /// comes in English, never as its id.
    #[test]
    fn every_other_catalogue_is_part_of_the_english_one() {
        let en = messages(include_str!("../locales/en-US/main.ftl"));
        for l in &crate::languages::LANGUAGES[2..] {
            let other = messages(l.main);
            let mut from = 0;
            for (id, vars) in &other {
                let at = en[from..]
                    .iter()
                    .position(|(e, _)| e == id)
                    .unwrap_or_else(|| {
                        panic!(
                            "{}: {id} is not an English message, or is out of order",
                            l.tag
                        )
                    });
                assert_eq!(
                    vars,
                    &en[from + at].1,
                    "{}: {id} uses other variables",
                    l.tag
                );
                from += at + 1;
            }
            let lang: LanguageIdentifier = l.tag.parse().unwrap();
            for (id, _) in other.iter().filter(|(id, _)| has(&DEFAULT, id)) {
                assert!(has(&lang, id), "{}: {id} does not load", l.tag);
            }
            // A staff message the catalogue does not have: English, message by message.
            assert!(!other.iter().any(|(id, _)| id == "board-title"));
            assert_eq!(t(&lang, "board-title"), t(&DEFAULT, "board-title"));
        }
    }

    /// The screening script's words (issue 25.1): `locales/en-US/triage.ftl` is the shipped script's English, text
    /// for text and in order (the source translators work from); every other catalogue has each of its ids, with
    /// no variables; and so every shipped language can ask every question and give every reason.
    #[test]
    fn the_screening_script_is_worded_in_every_language() {
        let script = heart_domain::triage::Script::shipped().unwrap();
        let en = include_str!("../locales/en-US/triage.ftl");
        let source: Vec<(String, String)> = en
            .lines()
            .filter_map(|l| l.split_once(" = "))
            .filter(|(id, _)| id.starts_with("triage-"))
            .map(|(id, text)| (id.to_string(), text.to_string()))
            .collect();
        let texts: Vec<(String, String)> = script
            .texts()
            .into_iter()
            .map(|t| (t.id, t.english))
            .collect();
        assert_eq!(
            source, texts,
            "locales/en-US/triage.ftl is not the shipped script's English"
        );
        for (name, text) in crate::languages::LANGUAGES[1..]
            .iter()
            .map(|l| (l.tag, l.triage))
        {
            let other = messages(text);
            let ids: Vec<&str> = other.iter().map(|(i, _)| i.as_str()).collect();
            let want: Vec<&str> = texts.iter().map(|(i, _)| i.as_str()).collect();
            assert_eq!(ids, want, "{name}: the script's ids differ");
            assert!(other.iter().all(|(_, v)| v.is_empty()), "{name}: variables");
        }
        assert_eq!(untranslated(&script), Vec::<(String, Vec<String>)>::new());

        let es: LanguageIdentifier = "es".parse().unwrap();
        let q = &script.questions[0];
        let id = heart_domain::triage::question_msg(&q.id);
        assert!(script_words(&es, &id, &q.text).starts_with("¿Hay alguien herido"));
        assert_eq!(script_words(&DEFAULT, &id, &q.text), q.text);
        // A team that rewrote the question: its own words in English, and no translation of the old ones.
        assert_eq!(
            script_words(&DEFAULT, &id, "Is someone hurt?"),
            "Is someone hurt?"
        );
        assert_eq!(
            script_words(&es, &id, "Is someone hurt?"),
            "Is someone hurt?"
        );
        let mut rewritten = script.clone();
        rewritten.questions[0].text = "Is someone hurt?".into();
        let mut every: Vec<(String, Vec<String>)> = crate::languages::LANGUAGES[1..]
            .iter()
            .map(|l| (l.tag.to_string(), vec![id.clone()]))
            .collect();
        every.sort();
        assert_eq!(untranslated(&rewritten), every);
    }

    /// The text of every `.rs` file under `dir`, subfolders included (areas split into folders).
    fn sources_under(dir: &std::path::Path) -> Vec<String> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(sources_under(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(std::fs::read_to_string(path).unwrap());
            }
        }
        out
    }

    /// Every field error code written in the domain, the use cases or the web layer has its words in the
    /// catalogue, so no API error or form shows a message id.
    #[test]
    fn every_field_error_is_worded() {
        let mut codes = std::collections::BTreeSet::new();
        for crate_dir in ["heart-domain", "heart-app", "heart-web"] {
            let dir = format!("{}/../{crate_dir}/src", env!("CARGO_MANIFEST_DIR"));
            for text in sources_under(std::path::Path::new(&dir)) {
                for pat in ["AppError::field(", "e.add(", "errors.add(", "err.add("] {
                    for (i, _) in text.match_indices(pat) {
                        let rest = &text[i + pat.len()..];
                        let Some(end) = rest.find(')') else { continue };
                        let call = &rest[..end];
                        let Some(last) = call.rsplit(',').next() else {
                            continue;
                        };
                        let last = last.trim();
                        if last.len() > 2 && last.starts_with('"') && last.ends_with('"') {
                            codes.insert(last.trim_matches('"').to_string());
                        }
                    }
                }
            }
        }
        assert!(codes.len() >= 20, "{codes:?}");
        let missing: Vec<_> = codes
            .iter()
            .filter(|c| try_t(&DEFAULT, &format!("field-error-{c}")).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "missing field-error-* messages: {missing:?}"
        );
    }

    /// Every conflict the use cases can raise has its words in the catalogue.
    #[test]
    fn every_conflict_is_worded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../heart-app/src");
        let mut keys = Vec::new();
        for text in sources_under(std::path::Path::new(dir)) {
            for (i, _) in text.match_indices("AppError::conflict(") {
                let rest = text[i + 19..].trim_start().trim_start_matches('"');
                keys.push(rest[..rest.find('"').unwrap()].to_string());
            }
        }
        assert!(keys.len() >= 8, "{keys:?}");
        let missing: Vec<_> = keys
            .iter()
            .filter(|k| !has(&DEFAULT, &format!("conflict-{k}")))
            .collect();
        assert!(
            missing.is_empty(),
            "missing conflict-* messages: {missing:?}"
        );
    }

    /// Every `ctx.t("...")` key used by a template exists in the English catalogue.
    #[test]
    fn every_template_string_is_in_the_catalogue() {
        // The shared templates at the top, each area's in its own folder.
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/templates"));
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            } else {
                files.push(path);
            }
        }
        assert!(files.len() > 40, "found only {} templates", files.len());
        let mut missing = Vec::new();
        let mut checked = 0;
        for file in files {
            let text = std::fs::read_to_string(file).unwrap();
            for pat in ["ctx.t(\"", "ctx.t1(\""] {
                for (i, _) in text.match_indices(pat) {
                    let rest = &text[i + pat.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    checked += 1;
                    if !has(&DEFAULT, key) {
                        missing.push(key.to_string());
                    }
                }
            }
        }
        assert!(checked > 50, "found only {checked} strings");
        assert!(
            missing.is_empty(),
            "missing from locales/en-US: {missing:?}"
        );
    }
}
