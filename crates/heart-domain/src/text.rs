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
}
