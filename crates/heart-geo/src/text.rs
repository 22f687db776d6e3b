//! How a place is said: lower case, no punctuation, abbreviations written out ("Mass Ave" -> "massachusetts
//! avenue", "2nd" and "second" alike), so that what a call-taker types meets what the city's files say.

/// Street types as written in full; the left side is every way the city's files or a person abbreviates them.
const TYPES: &[(&[&str], &str)] = &[
    (&["st", "str", "street"], "street"),
    (&["ave", "av", "avenue", "avn"], "avenue"),
    (&["rd", "road"], "road"),
    (&["pl", "place"], "place"),
    (&["dr", "drive"], "drive"),
    (&["ct", "court"], "court"),
    (&["ter", "terr", "terrace"], "terrace"),
    (&["pkwy", "pky", "parkway"], "parkway"),
    (&["sq", "square"], "square"),
    (&["ln", "lane"], "lane"),
    (&["cir", "circle"], "circle"),
    (&["hwy", "highway"], "highway"),
    (&["blvd", "boulevard"], "boulevard"),
    (&["pk", "park"], "park"),
    (&["tpk", "tpke", "turnpike"], "turnpike"),
    (&["aly", "alley"], "alley"),
    (&["ext", "extension"], "extension"),
    (&["way"], "way"),
    (&["row"], "row"),
    (&["mews"], "mews"),
    (&["hill"], "hill"),
];

/// Other words people shorten.
const WORDS: &[(&str, &str)] = &[
    ("mass", "massachusetts"),
    ("mt", "mount"),
    ("n", "north"),
    ("s", "south"),
    ("e", "east"),
    ("w", "west"),
    ("jfk", "john f kennedy"),
    ("univ", "university"),
    ("ctr", "center"),
    ("centre", "center"),
    ("hosp", "hospital"),
    ("sch", "school"),
];

/// Ordinals written as words become digits ("Second St" is "2nd St").
const ORDINALS: &[(&str, &str)] = &[
    ("first", "1st"),
    ("second", "2nd"),
    ("third", "3rd"),
    ("fourth", "4th"),
    ("fifth", "5th"),
    ("sixth", "6th"),
    ("seventh", "7th"),
    ("eighth", "8th"),
    ("ninth", "9th"),
    ("tenth", "10th"),
];

/// The full form of a street type word, if it is one.
pub fn street_type(token: &str) -> Option<&'static str> {
    TYPES
        .iter()
        .find(|(forms, _)| forms.contains(&token))
        .map(|(_, full)| *full)
}

/// Lower case words, punctuation dropped (an apostrophe joins: "o'brien" -> "obrien"), abbreviations written out.
pub fn tokens(text: &str) -> Vec<String> {
    let mut clean = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\'' || c == '\u{2019}' || c == '.' {
            continue;
        }
        if c.is_alphanumeric() {
            clean.extend(c.to_lowercase());
        } else {
            clean.push(' ');
        }
    }
    let mut out = Vec::new();
    for w in clean.split_whitespace() {
        if let Some((_, full)) = WORDS.iter().find(|(short, _)| *short == w) {
            out.extend(full.split(' ').map(str::to_string));
        } else if let Some((_, digits)) = ORDINALS.iter().find(|(word, _)| *word == w) {
            out.push((*digits).to_string());
        } else if let Some(full) = street_type(w) {
            out.push(full.to_string());
        } else {
            out.push(w.to_string());
        }
    }
    out
}

/// The tokens as one string.
pub fn norm(text: &str) -> String {
    tokens(text).join(" ")
}

/// Splits a street name's tokens into its name and its type ("harvard street" -> ("harvard", Some("street"))).
/// A name that is only a type word ("The Way") keeps it as its name.
pub fn split_type(tokens: &[String]) -> (String, Option<String>) {
    if tokens.len() > 1
        && let Some(last) = tokens.last()
        && street_type(last).is_some()
    {
        return (tokens[..tokens.len() - 1].join(" "), Some(last.clone()));
    }
    (tokens.join(" "), None)
}

/// Drops what follows the address itself: ", Cambridge", ", Cambridge, MA 02139", "Cambridge MA", a ZIP code,
/// "USA". `city` are the city's own name tokens.
pub fn strip_locality(text: &str, city: &[String]) -> String {
    let is_locality = |t: &str| {
        city.iter().any(|c| c == t)
            || matches!(t, "ma" | "massachusetts" | "usa" | "us")
            || (t.len() == 5 && t.bytes().all(|b| b.is_ascii_digit()))
            || (t.len() == 10 && t.as_bytes()[5] == b'-')
    };
    // After the first comma, parts made only of locality words go.
    let mut parts: Vec<&str> = text.split(',').collect();
    while parts.len() > 1 {
        let last = parts[parts.len() - 1];
        let words: Vec<String> = last
            .split_whitespace()
            .map(|w| w.to_lowercase().replace('.', ""))
            .collect();
        if words.iter().all(|w| is_locality(w)) {
            parts.pop();
        } else {
            break;
        }
    }
    let head = parts.join(",");
    // Without commas: trailing locality words, as long as something that is not a street type stays before them
    // ("Cambridge St" keeps its name).
    let mut words: Vec<&str> = head.split_whitespace().collect();
    while words.len() > 2 {
        let last = words[words.len() - 1].to_lowercase().replace('.', "");
        let before = words[words.len() - 2].to_lowercase().replace('.', "");
        let ends_street = street_type(&before).is_some() || is_locality(&before);
        if is_locality(&last) && ends_street {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ")
}

/// How alike two words are (0 to 1): Jaro-Winkler, which forgives a slip late in a word more than an early one.
pub fn alike(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    strsim::jaro_winkler(a, b)
}

/// Edits between two strings (a swap of two letters counts once).
pub fn edits(a: &str, b: &str) -> usize {
    strsim::damerau_levenshtein(a, b)
}

/// "CENTRAL" -> "Central", "KENDALL/MIT" -> "Kendall/MIT" (short all-capital words are kept: acronyms).
pub fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.len() <= 3 && word.chars().all(|c| c.is_ascii_uppercase()) && word.len() > 1 {
            out.push_str(word);
        } else {
            let mut cs = word.chars();
            if let Some(f) = cs.next() {
                out.extend(f.to_uppercase());
                out.extend(cs.flat_map(char::to_lowercase));
            }
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_written_out() {
        assert_eq!(norm("Mass Ave"), "massachusetts avenue");
        assert_eq!(norm("Massachusetts Avenue"), "massachusetts avenue");
        assert_eq!(norm("2nd St."), "2nd street");
        assert_eq!(norm("Second Street"), "2nd street");
        assert_eq!(norm("O'Brien Hwy"), "obrien highway");
    }

    #[test]
    fn the_locality_is_dropped() {
        let city = vec!["cambridge".to_string()];
        assert_eq!(
            strip_locality("71 Cherry St, Cambridge", &city),
            "71 Cherry St"
        );
        assert_eq!(
            strip_locality("71 Cherry St, Cambridge, MA 02139", &city),
            "71 Cherry St"
        );
        assert_eq!(
            strip_locality("71 Cherry St Cambridge MA 02139", &city),
            "71 Cherry St"
        );
        assert_eq!(
            strip_locality("1493 Cambridge St", &city),
            "1493 Cambridge St"
        );
        assert_eq!(
            strip_locality("Cambridge St, Cambridge", &city),
            "Cambridge St"
        );
    }

    #[test]
    fn names_are_title_cased() {
        assert_eq!(title_case("KENDALL/MIT"), "Kendall/MIT");
        assert_eq!(title_case("UNION SQUARE"), "Union Square");
    }
}
