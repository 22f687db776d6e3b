//! Words people type, in a form or a body: the one way they are cleaned and the one check of their length, used by
//! every area (a note, a name, a reason, a message).

use crate::intake::FieldErrors;

/// Trimmed; none when blank.
pub fn clean(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(String::from)
}

/// Markup (`<` or `>`): refused in words that other people will read on a page or in a letter.
pub fn has_markup(s: &str) -> bool {
    s.contains('<') || s.contains('>')
}

/// The rule for one field's words: at most `max` characters, and optionally required and plain (no markup).
///
/// The limit is on the text as sent, white space included (what the API document says as `maxLength`); what is
/// kept is trimmed, and blank is none. Problems are told in this order: `required`, `too_long`, `no_markup`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    max: usize,
    required: bool,
    plain: bool,
}

impl Words {
    /// Up to `max` characters; may be left out.
    pub const fn up_to(max: usize) -> Self {
        Words {
            max,
            required: false,
            plain: false,
        }
    }

    /// Must be given (not blank).
    pub const fn required(self) -> Self {
        Words {
            required: true,
            ..self
        }
    }

    /// No markup.
    pub const fn plain(self) -> Self {
        Words {
            plain: true,
            ..self
        }
    }

    /// The words kept, or the code of what is wrong.
    pub fn parse(self, raw: Option<&str>) -> Result<Option<String>, &'static str> {
        let long = raw.is_some_and(|s| s.chars().count() > self.max);
        let kept = clean(raw);
        match &kept {
            None if self.required => Err("required"),
            _ if long => Err("too_long"),
            Some(s) if self.plain && has_markup(s) => Err("no_markup"),
            _ => Ok(kept),
        }
    }

    /// The words, trimmed; what is wrong goes into `errors` under `field` (the words are still given, so a
    /// check that follows does not add a second complaint about the same field).
    pub fn check(self, errors: &mut FieldErrors, field: &str, raw: Option<&str>) -> Option<String> {
        self.parse(raw).unwrap_or_else(|code| {
            errors.add(field, code);
            clean(raw)
        })
    }
}

/// How a text message is carried: in the GSM 7-bit alphabet (160 characters in one segment, 153 in each of several),
/// or, when any character is outside it (Arabic, Chinese, Ethiopic, Bengali, an emoji), in UCS-2 (70 in one, 67 in
/// each of several; a character beyond the Basic Multilingual Plane takes two).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmsEncoding {
    Gsm7,
    Ucs2,
}

/// The GSM 03.38 basic alphabet (one unit each) and its extension (two units each: escape and the character).
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION: &str = "^{}\\[~]|€\u{c}";

/// The encoding a text needs, and how many units it takes in it.
fn sms_units(text: &str) -> (SmsEncoding, usize) {
    let mut gsm = 0;
    for c in text.chars() {
        if GSM_BASIC.contains(c) {
            gsm += 1;
        } else if GSM_EXTENSION.contains(c) {
            gsm += 2;
        } else {
            return (SmsEncoding::Ucs2, text.encode_utf16().count());
        }
    }
    (SmsEncoding::Gsm7, gsm)
}

/// How many segments (texts a phone network carries) a message takes, and in which encoding.
pub fn sms_segments(text: &str) -> (SmsEncoding, usize) {
    let (enc, units) = sms_units(text);
    let (single, each) = match enc {
        SmsEncoding::Gsm7 => (160, 153),
        SmsEncoding::Ucs2 => (70, 67),
    };
    let n = if units <= single {
        1
    } else {
        units.div_ceil(each)
    };
    (enc, n.max(1))
}

/// A message made of pieces (an answer, then a question with its choices) as texts of at most `max_segments`
/// segments each, in order: pieces go together while they fit, a piece is never cut unless it alone is longer than
/// a text (then as [`split_sms`] cuts it).
pub fn pack_sms(pieces: &[&str], max_segments: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in pieces.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if let Some(last) = out.last_mut() {
            let joined = format!("{last} {piece}");
            if sms_segments(&joined).1 <= max_segments.max(1) {
                *last = joined;
                continue;
            }
        }
        out.extend(split_sms(piece, max_segments));
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// A message cut into texts of at most `max_segments` segments each, in order: at the end of a sentence where one
/// fits, else between words, so that no question is cut in the middle of a word (or of a sentence, where it can be
/// helped). Only a single word longer than a whole text is cut inside it.
pub fn split_sms(text: &str, max_segments: usize) -> Vec<String> {
    let max_segments = max_segments.max(1);
    let fits = |t: &str| sms_segments(t).1 <= max_segments;
    let text = text.trim();
    if fits(text) {
        return vec![text.to_string()];
    }
    // Sentences (their end kept with them), then words.
    let mut sentences: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        cur.push(c);
        if matches!(c, '.' | '?' | '!' | '。' | '？' | '！' | '؟' | '።' | '।') {
            sentences.push(std::mem::take(&mut cur));
        }
    }
    if !cur.trim().is_empty() {
        sentences.push(cur);
    }
    let mut out: Vec<String> = Vec::new();
    let mut part = String::new();
    let add = |piece: &str, part: &mut String, out: &mut Vec<String>| {
        let joined = format!("{part}{piece}");
        if fits(joined.trim()) {
            *part = joined;
        } else {
            if !part.trim().is_empty() {
                out.push(part.trim().to_string());
            }
            *part = piece.to_string();
        }
    };
    for s in sentences {
        if fits(s.trim()) {
            add(&s, &mut part, &mut out);
            continue;
        }
        // A sentence longer than a text: word by word (a word longer than a text, character by character).
        for w in s.split_inclusive(char::is_whitespace) {
            if fits(w.trim()) {
                add(w, &mut part, &mut out);
            } else {
                for c in w.chars() {
                    add(&c.to_string(), &mut part, &mut out);
                }
            }
        }
    }
    if !part.trim().is_empty() {
        out.push(part.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_trimmed_and_blank_is_none() {
        assert_eq!(
            Words::up_to(10).parse(Some("  hi  ")),
            Ok(Some("hi".into()))
        );
        assert_eq!(Words::up_to(10).parse(Some("   ")), Ok(None));
        assert_eq!(Words::up_to(10).parse(None), Ok(None));
        assert_eq!(clean(Some(" a ")), Some("a".into()));
    }

    #[test]
    fn problems_come_in_order_required_long_markup() {
        let w = Words::up_to(5).required().plain();
        assert_eq!(w.parse(None), Err("required"));
        assert_eq!(w.parse(Some("  ")), Err("required"));
        assert_eq!(w.parse(Some("<b>long</b>")), Err("too_long"));
        assert_eq!(w.parse(Some("<b>")), Err("no_markup"));
        assert_eq!(w.parse(Some("fine")), Ok(Some("fine".into())));
        // Markup is allowed where the words are not shown as a page.
        assert_eq!(Words::up_to(5).parse(Some("a<b")), Ok(Some("a<b".into())));
    }

    #[test]
    fn the_limit_counts_characters_as_sent() {
        // Five characters of Portuguese are five, whatever their bytes.
        assert_eq!(
            Words::up_to(5).parse(Some("ação!")),
            Ok(Some("ação!".into()))
        );
        // White space counts: the API document's maxLength is on the text as sent.
        assert_eq!(Words::up_to(5).parse(Some("abcd  ")), Err("too_long"));
    }

    #[test]
    fn check_records_the_code_by_field() {
        let mut e = FieldErrors::default();
        assert_eq!(
            Words::up_to(3).check(&mut e, "note", Some("long")),
            Some("long".into())
        );
        assert_eq!(e.0.get("note").map(String::as_str), Some("too_long"));
    }

    #[test]
    fn texts_are_counted_in_their_encoding() {
        assert_eq!(sms_segments("Reply SAFE"), (SmsEncoding::Gsm7, 1));
        assert_eq!(sms_segments(&"a".repeat(160)), (SmsEncoding::Gsm7, 1));
        assert_eq!(sms_segments(&"a".repeat(161)), (SmsEncoding::Gsm7, 2));
        assert_eq!(sms_segments(&"€".repeat(80)), (SmsEncoding::Gsm7, 1));
        assert_eq!(sms_segments(&"€".repeat(81)), (SmsEncoding::Gsm7, 2));
        assert_eq!(sms_segments("¿Hay alguien herido?"), (SmsEncoding::Gsm7, 1));
        assert_eq!(sms_segments(&"ب".repeat(70)), (SmsEncoding::Ucs2, 1));
        assert_eq!(sms_segments(&"ب".repeat(71)), (SmsEncoding::Ucs2, 2));
        assert_eq!(sms_segments(&"中".repeat(134)), (SmsEncoding::Ucs2, 2));
        assert_eq!(sms_segments(&"中".repeat(135)), (SmsEncoding::Ucs2, 3));
        // An emoji is two UCS-2 units.
        assert_eq!(sms_segments(&"🙂".repeat(35)), (SmsEncoding::Ucs2, 1));
        assert_eq!(sms_segments(&"🙂".repeat(36)), (SmsEncoding::Ucs2, 2));
        assert_eq!(sms_segments(""), (SmsEncoding::Gsm7, 1));
    }

    #[test]
    fn long_texts_are_split_between_sentences_never_inside_a_word() {
        let ack = "ቡድኑ መልእክትዎን ተቀብሏል። ".repeat(6);
        let question = "አሁን ክፉኛ የተጎዳ ሰው አለ? 1 ለአዎ፣ 2 ለአይ።";
        let text = format!("{ack}{question}");
        let parts = pack_sms(&[&ack, question], 2);
        assert!(parts.len() > 1, "{parts:?}");
        for p in &parts {
            assert!(sms_segments(p).1 <= 2, "{p}");
        }
        // The question arrives whole, in one text; nothing is lost or reordered.
        assert!(parts.iter().any(|p| p.contains(question)), "{parts:?}");
        let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(words(&parts.join(" ")), words(&text));
        // Pieces that fit together go as one text.
        assert_eq!(
            pack_sms(&["Thank you.", "Is anyone hurt?"], 1),
            vec!["Thank you. Is anyone hurt?".to_string()]
        );
        // A short text stays one.
        assert_eq!(split_sms("Reply SAFE.", 1), vec!["Reply SAFE.".to_string()]);
        // One sentence longer than a text is cut between words.
        let long = "word ".repeat(100);
        let parts = split_sms(&long, 1);
        assert!(
            parts.iter().all(|p| p.split(' ').all(|w| w == "word")),
            "{parts:?}"
        );
        assert_eq!(words(&parts.join(" ")), words(&long));
    }
}
