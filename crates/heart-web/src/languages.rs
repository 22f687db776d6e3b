//! The languages heart ships: each one's name as its speakers write it, its direction, and its catalogues as built
//! in (the words that choose one by text are `heart_app::sms::LANGUAGE_WORDS`); and how complete each is (`coverage`): the messages a person served or a
//! donor meets (`locales/person-facing.txt`, which every shipped language must have), the staff messages (which may
//! fall back to English message by message), whether a fluent speaker reviewed it, and which translations were made
//! from English that has changed since (each translated message carries `# en-hash:` with a hash of the English it
//! was made from; `heart i18n stamp` writes them).

/// A language heart ships.
pub struct Language {
    /// The catalogue's folder under `locales/` and the `lang` attribute.
    pub tag: &'static str,
    /// Its name as its speakers write it (the links at the foot of each page).
    pub name: &'static str,
    /// Written right to left.
    pub rtl: bool,
    pub(crate) main: &'static str,
    pub(crate) triage: &'static str,
}

macro_rules! shipped {
    ($($tag:literal, $name:literal, $rtl:literal);* $(;)?) => {
        /// Every language heart ships, English first (the source and the fallback).
        pub const LANGUAGES: &[Language] = &[$(
            Language {
                tag: $tag,
                name: $name,
                rtl: $rtl,
                main: include_str!(concat!("../locales/", $tag, "/main.ftl")),
                triage: include_str!(concat!("../locales/", $tag, "/triage.ftl")),
            }
        ),*];
    };
}

shipped! {
    "en-US", "English", false;
    "es", "Español", false;
    "pt-BR", "Português", false;
    "ht", "Kreyòl ayisyen", false;
    "zh-Hans", "中文", false;
    "ar", "العربية", true;
    "am", "አማርኛ", false;
    "bn", "বাংলা", false;
}

/// The messages every shipped language must have, in the English catalogue's order.
pub fn person_facing() -> Vec<&'static str> {
    include_str!("../locales/person-facing.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The shipped language with this tag (`zh-Hans`), or whose language this is (`zh`, `pt`), if any.
pub fn find(tag: &str) -> Option<&'static Language> {
    let lang = tag.split(['-', '_']).next().unwrap_or("");
    LANGUAGES
        .iter()
        .find(|l| l.tag.eq_ignore_ascii_case(tag))
        .or_else(|| {
            LANGUAGES
                .iter()
                .find(|l| l.tag.split('-').next() == Some(lang) && !lang.is_empty())
        })
}

/// One message of a catalogue: its id, its text as written (continuation lines included), and the hash of the
/// English it was translated from, when stamped.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: String,
    pub text: String,
    pub en_hash: Option<String>,
}

/// The messages of an `.ftl` file, in order.
pub fn messages(ftl: &str) -> Vec<Message> {
    let mut out: Vec<Message> = Vec::new();
    let mut stamp: Option<String> = None;
    let mut open = false;
    for line in ftl.lines() {
        if let Some(h) = line.strip_prefix("# en-hash:") {
            stamp = Some(h.trim().to_string());
            open = false;
        } else if let Some((id, rest)) = line.split_once(" =")
            && !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && id.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            out.push(Message {
                id: id.to_string(),
                text: rest.trim().to_string(),
                en_hash: stamp.take(),
            });
            open = true;
        } else if open && line.starts_with(' ') {
            if let Some(m) = out.last_mut() {
                m.text.push('\n');
                m.text.push_str(line.trim_end());
            }
        } else {
            open = false;
            if !line.starts_with("# en-hash:") && !line.trim().is_empty() {
                stamp = None;
            }
        }
    }
    out
}

/// The hash a translation keeps of the English it was made from: 8 hex digits of SHA-256 over its text.
pub fn en_hash(text: &str) -> String {
    heart_crypto::sha256_hex(text)[..8].to_string()
}

/// A translated catalogue with every message stamped with the hash of today's English (what a translator does
/// after checking each message against the English): `# en-hash:` lines are added or replaced, nothing else moves.
pub fn stamp(english: &str, translated: &str) -> String {
    let en: std::collections::HashMap<String, String> = messages(english)
        .into_iter()
        .map(|m| (m.id, m.text))
        .collect();
    let mut out = String::with_capacity(translated.len() * 11 / 10);
    for line in translated.lines() {
        if line.starts_with("# en-hash:") {
            continue;
        }
        let id = line.split_once(" =").map(|(id, _)| id);
        if let Some(text) = id.and_then(|id| en.get(id)) {
            out.push_str("# en-hash: ");
            out.push_str(&en_hash(text));
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Plain words (issue 25.5): the Flesch-Kincaid grade of an English text, counted on its words (placeables count
/// as one short word) with syllables estimated from vowel groups, and its longest sentence in words.
pub fn reading_grade(text: &str) -> (f64, usize) {
    // A service's own name is not ours to make plainer: it counts as one short word.
    let text = text.replace("Massachusetts Behavioral Health Help Line", "it");
    let mut plain = String::with_capacity(text.len());
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    plain.push_str(" it ");
                }
            }
            '}' => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let sentences: Vec<&str> = plain
        .split(['.', '!', '?', ':', ';'])
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect();
    // A word is what spaces separate (a phone number is one word), if it has a letter or a digit.
    let words_of = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect()
    };
    let words = words_of(&plain);
    if words.is_empty() {
        return (0.0, 0);
    }
    let longest = sentences
        .iter()
        .map(|s| words_of(s).len())
        .max()
        .unwrap_or(0);
    let syllables: usize = words.iter().map(|w| syllables(w)).sum();
    let w = words.len() as f64;
    let grade = 0.39 * w / sentences.len().max(1) as f64 + 11.8 * syllables as f64 / w - 15.59;
    (grade, longest)
}

/// Syllables in an English word, estimated: groups of vowels, less a silent final e.
fn syllables(word: &str) -> usize {
    let w: Vec<char> = word.chars().filter(char::is_ascii_alphabetic).collect();
    if w.is_empty() {
        return 1;
    }
    if w.len() <= 3 {
        return 1;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let mut n: usize = 0;
    let mut prev = false;
    for &c in &w {
        let v = vowel(c);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    let ends = |s: &str| w.iter().collect::<String>().ends_with(s);
    if (ends("e") && !ends("le")) || ends("es") || ends("ed") {
        n = n.saturating_sub(1);
    }
    n.max(1)
}

/// How complete one language is.
#[derive(Debug, Clone)]
pub struct Coverage {
    pub tag: &'static str,
    pub name: &'static str,
    /// The catalogue's first line says a fluent speaker reviewed it (English, the source, always is).
    pub reviewed: bool,
    /// Person-facing messages (the list and the screening script) present, of all of them.
    pub person_present: usize,
    pub person_total: usize,
    /// Person-facing messages missing (ids).
    pub person_missing: Vec<String>,
    /// Staff messages present, of all of them.
    pub staff_present: usize,
    pub staff_total: usize,
    /// Translations made from English that has changed since (or never stamped): ids.
    pub stale: Vec<String>,
}

impl Coverage {
    /// Whole per cent of person-facing messages present.
    pub fn person_pct(&self) -> usize {
        (self.person_present * 100)
            .checked_div(self.person_total)
            .unwrap_or(100)
    }
    pub fn staff_pct(&self) -> usize {
        (self.staff_present * 100)
            .checked_div(self.staff_total)
            .unwrap_or(100)
    }
}

/// Whether a catalogue says at its top that a fluent speaker reviewed it.
fn reviewed(main: &str) -> bool {
    main.lines()
        .next()
        .and_then(|l| l.strip_prefix("# reviewed-by-fluent-speaker:"))
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("yes"))
}

/// Whether the pages in this language say that its translation is new (not yet reviewed by a fluent speaker).
pub fn translation_is_new(tag: &str) -> bool {
    find(tag).is_some_and(|l| l.tag != LANGUAGES[0].tag && !reviewed(l.main))
}

/// Every shipped language's coverage, English first.
pub fn coverage() -> Vec<Coverage> {
    let english = &LANGUAGES[0];
    let en_main = messages(english.main);
    let en_triage = messages(english.triage);
    let person: std::collections::HashSet<&str> = person_facing().into_iter().collect();
    LANGUAGES
        .iter()
        .map(|l| {
            let main = messages(l.main);
            let triage = messages(l.triage);
            let find_in = |list: &[Message], id: &str| list.iter().find(|m| m.id == id).cloned();
            let mut c = Coverage {
                tag: l.tag,
                name: l.name,
                reviewed: l.tag == english.tag || reviewed(l.main),
                person_present: 0,
                person_total: 0,
                person_missing: Vec::new(),
                staff_present: 0,
                staff_total: 0,
                stale: Vec::new(),
            };
            let mut check = |en: &Message, mine: Option<Message>, person_facing: bool| {
                if person_facing {
                    c.person_total += 1;
                } else {
                    c.staff_total += 1;
                }
                match mine {
                    Some(m) => {
                        if person_facing {
                            c.person_present += 1;
                        } else {
                            c.staff_present += 1;
                        }
                        if l.tag != english.tag && m.en_hash.as_deref() != Some(&en_hash(&en.text))
                        {
                            c.stale.push(en.id.clone());
                        }
                    }
                    None if person_facing => c.person_missing.push(en.id.clone()),
                    None => {}
                }
            };
            for en in &en_main {
                check(en, find_in(&main, &en.id), person.contains(en.id.as_str()));
            }
            for en in &en_triage {
                check(en, find_in(&triage, &en.id), true);
            }
            c
        })
        .collect()
}

/// The coverage as a table (for `heart i18n status`, the README and `/languages`).
pub fn table(all: &[Coverage]) -> String {
    let mut out = String::from(
        "| Language | Person-facing messages | Staff messages | Made from older English | Reviewed by a fluent speaker |\n|---|---|---|---|---|\n",
    );
    for c in all {
        out.push_str(&format!(
            "| {} ({}) | {}/{} ({}%) | {}/{} ({}%) | {} | {} |\n",
            c.name,
            c.tag,
            c.person_present,
            c.person_total,
            c.person_pct(),
            c.staff_present,
            c.staff_total,
            c.staff_pct(),
            c.stale.len(),
            if c.reviewed { "yes" } else { "no" }
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_language_has_every_person_facing_message() {
        let all = coverage();
        assert_eq!(all.len(), LANGUAGES.len());
        for c in &all {
            assert!(
                c.person_missing.is_empty(),
                "{} misses person-facing messages: {:?}",
                c.tag,
                c.person_missing
            );
        }
    }

    #[test]
    fn every_translation_was_made_from_todays_english() {
        for c in coverage() {
            assert!(
                c.stale.is_empty(),
                "{}: made from older English (check them, then `heart i18n stamp {}`): {:?}",
                c.tag,
                c.tag,
                c.stale
            );
        }
    }

    /// The pages a person served or a donor meets, which every shipped language must word.
    const PUBLIC_TEMPLATES: [&str; 19] = [
        "base.html",
        "home.html",
        "error.html",
        "_alternatives.html",
        "_error_summary.html",
        "_field_error.html",
        "_hours.html",
        "_test_mode.html",
        "intake/request_form.html",
        "intake/_intake_fields.html",
        "intake/_safe_ways.html",
        "intake/_language.html",
        "intake/request_thanks.html",
        "channels/status.html",
        "directory/directory.html",
        "money/donate.html",
        "money/donate_receipt.html",
        "money/donate_test_checkout.html",
        "trust/inventory.html",
    ];

    /// The list is true: every English message a public page names is on it (the layout's links for signed-in
    /// staff aside).
    #[test]
    fn every_message_a_public_page_names_is_person_facing() {
        let en: std::collections::HashSet<String> = messages(LANGUAGES[0].main)
            .into_iter()
            .map(|m| m.id)
            .collect();
        let person: std::collections::HashSet<&str> = person_facing().into_iter().collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut missing = Vec::new();
        for f in PUBLIC_TEMPLATES {
            let text = std::fs::read_to_string(dir.join(f)).unwrap();
            for lit in text.split('"').skip(1).step_by(2) {
                let staff_nav = lit.starts_with("nav-")
                    && ![
                        "nav-label",
                        "nav-ask",
                        "nav-directory",
                        "nav-donate",
                        "nav-sign-in",
                    ]
                    .contains(&lit);
                if en.contains(lit) && !person.contains(lit) && !staff_nav {
                    missing.push(format!("{f}: {lit}"));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "not in locales/person-facing.txt: {missing:?}"
        );
    }

    #[test]
    fn the_person_facing_list_names_only_english_messages() {
        let en: Vec<String> = messages(LANGUAGES[0].main)
            .into_iter()
            .map(|m| m.id)
            .collect();
        for id in person_facing() {
            assert!(en.iter().any(|e| e == id), "{id} is not an English message");
        }
    }

    #[test]
    fn languages_are_found_by_tag_and_by_language_and_chosen_by_text() {
        assert_eq!(find("zh").map(|l| l.tag), Some("zh-Hans"));
        assert_eq!(find("zh-CN").map(|l| l.tag), Some("zh-Hans"));
        assert_eq!(find("pt").map(|l| l.tag), Some("pt-BR"));
        assert_eq!(find("PT-br").map(|l| l.tag), Some("pt-BR"));
        assert!(find("fr").is_none());
        assert!(find("").is_none());
        // Every shipped language can be chosen by text, and a text's choice finds its catalogue.
        for l in LANGUAGES {
            let tag = if l.tag == "en-US" { "en" } else { l.tag };
            let words = heart_app::sms::LANGUAGE_WORDS
                .iter()
                .find(|(t, _)| *t == tag)
                .map(|(_, w)| *w)
                .unwrap_or_else(|| panic!("{} cannot be chosen by text", l.tag));
            for w in words {
                assert_eq!(
                    heart_app::sms::keyword(w),
                    Some(heart_app::sms::Keyword::Language(tag))
                );
            }
            assert_eq!(find(tag).map(|f| f.tag), Some(l.tag));
        }
    }

    #[test]
    fn a_stamp_follows_the_english_it_was_made_from() {
        let en = "a = Hello\nb = Bye { $name }\n";
        let es = "# reviewed-by-fluent-speaker: no\n\na = Hola\nb = Adiós { $name }\n";
        let stamped = stamp(en, es);
        let m = messages(&stamped);
        assert_eq!(m[0].en_hash.as_deref(), Some(en_hash("Hello").as_str()));
        assert_eq!(m[1].text, "Adiós { $name }");
        // Stamping twice changes nothing; a changed English makes the old stamp stale.
        assert_eq!(stamp(en, &stamped), stamped);
        let changed = messages(&stamp("a = Hello there\nb = Bye { $name }\n", &stamped));
        assert_ne!(m[0].en_hash, changed[0].en_hash);
        assert_eq!(m[1].en_hash, changed[1].en_hash);
    }

    /// Plain words (issue 25.5): every English message a person served or a donor meets that is a sentence (eight
    /// words or more) reads at grade 7 or below, and no sentence in any of them is over 20 words. The screening
    /// script's questions and answers are held to it; its rules' reasons, which the team reads, are not.
    #[test]
    fn what_a_person_reads_is_in_plain_words() {
        let person: std::collections::HashSet<&str> = person_facing().into_iter().collect();
        let mut over = Vec::new();
        let english = &LANGUAGES[0];
        let all = messages(english.main)
            .into_iter()
            .filter(|m| person.contains(m.id.as_str()))
            // The screening questions and answers; the rules' reasons are for the team.
            .chain(
                messages(english.triage)
                    .into_iter()
                    .filter(|m| !m.id.starts_with("triage-rule-")),
            );
        for m in all {
            let (grade, longest) = reading_grade(&m.text);
            let words = m.text.split_whitespace().count();
            if (words >= 8 && grade > 7.0) || longest > 20 {
                over.push(format!(
                    "{} (grade {grade:.1}, {longest} words): {}",
                    m.id, m.text
                ));
            }
        }
        assert!(
            over.is_empty(),
            "over grade 7 or 20 words a sentence:\n{}",
            over.join("\n")
        );
    }

    #[test]
    fn the_reading_grade_counts_like_flesch_kincaid() {
        // Short words in short sentences read early; long words in one long sentence read late.
        assert!(reading_grade("We can help. Text us any time.").0 < 3.0);
        assert!(
            reading_grade(
                "Notwithstanding organisational considerations, confidentiality obligations necessitate documentation."
            )
            .0 > 16.0
        );
        assert_eq!(
            reading_grade("One two three. Four { $five } six seven eight.").1,
            5
        );
        assert_eq!(syllables("people"), 2);
        assert_eq!(syllables("support"), 2);
        assert_eq!(syllables("emergency"), 4);
    }

    /// Right-to-left pages mirror because the style sheet says start and end, never left and right.
    #[test]
    fn the_style_sheet_uses_logical_sides_only() {
        let css = include_str!("../static/heart.css");
        let physical: Vec<&str> = css
            .lines()
            .filter(|l| {
                ["left", "right"].iter().any(|side| {
                    l.contains(&format!("-{side}"))
                        || l.contains(&format!("{side}:"))
                        || l.contains(&format!(": {side}"))
                })
            })
            .collect();
        assert!(
            physical.is_empty(),
            "physical sides in heart.css: {physical:#?}"
        );
    }

    #[test]
    fn only_unreviewed_translations_say_they_are_new() {
        assert!(!translation_is_new("en-US"));
        assert!(!translation_is_new("fr"));
        for l in &LANGUAGES[1..] {
            assert_eq!(translation_is_new(l.tag), !reviewed(l.main), "{}", l.tag);
        }
    }
}
