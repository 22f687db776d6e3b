//! Whole numbers as JSON Schema counts them: `3` and `3.0` are the same integer; `3.5` is not one. For fields
//! declared `integer` in the API document (`#[serde(deserialize_with = "whole::opt")]`).

use serde::de::{Deserializer, Error, Visitor};
use std::fmt;

struct WholeVisitor;

impl Visitor<'_> for WholeVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a whole number")
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::custom("the number is too large"))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<i64, E> {
        // Within the range an f64 holds exactly, and with nothing after the point.
        if v.fract() == 0.0 && v.abs() <= 9_007_199_254_740_992.0 {
            Ok(v as i64)
        } else {
            Err(E::custom("not a whole number"))
        }
    }
}

/// A required whole number.
pub fn one<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_any(WholeVisitor)
}

/// An optional whole number (`null` or absent: none).
pub fn opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    struct OptVisitor;
    impl<'de> Visitor<'de> for OptVisitor {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a whole number or null")
        }
        fn visit_none<E: Error>(self) -> Result<Option<i64>, E> {
            Ok(None)
        }
        fn visit_unit<E: Error>(self) -> Result<Option<i64>, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Option<i64>, D2::Error> {
            one(d).map(Some)
        }
    }
    d.deserialize_option(OptVisitor)
}

/// A map of names to whole numbers (`{"water": 3, "socks": 2.0}`).
pub fn map<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, i64>, D::Error> {
    #[derive(serde::Deserialize)]
    struct Whole(#[serde(deserialize_with = "one")] i64);
    let m = <std::collections::BTreeMap<String, Whole> as serde::Deserialize>::deserialize(d)?;
    Ok(m.into_iter().map(|(k, Whole(v))| (k, v)).collect())
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, Debug)]
    struct T {
        #[serde(deserialize_with = "super::one")]
        a: i64,
        #[serde(default, deserialize_with = "super::opt")]
        b: Option<i64>,
    }

    #[test]
    fn a_map_of_whole_numbers() {
        #[derive(serde::Deserialize)]
        struct M {
            #[serde(deserialize_with = "super::map")]
            m: std::collections::BTreeMap<String, i64>,
        }
        let t: M = serde_json::from_str(r#"{"m": {"water": -15437.0, "socks": 2}}"#).unwrap();
        assert_eq!(t.m["water"], -15437);
        assert!(serde_json::from_str::<M>(r#"{"m": {"water": 1.5}}"#).is_err());
    }

    #[test]
    fn integral_numbers_in_any_spelling_and_nothing_else() {
        let t: T = serde_json::from_str(r#"{"a": 530.0, "b": -3}"#).unwrap();
        assert_eq!((t.a, t.b), (530, Some(-3)));
        let t: T = serde_json::from_str(r#"{"a": 7, "b": null}"#).unwrap();
        assert_eq!((t.a, t.b), (7, None));
        let t: T = serde_json::from_str(r#"{"a": 1e3}"#).unwrap();
        assert_eq!((t.a, t.b), (1000, None));
        for bad in [
            r#"{"a": 1.5}"#,
            r#"{"a": "1"}"#,
            r#"{"a": 1e300}"#,
            r#"{"a": 1, "b": 0.5}"#,
        ] {
            assert!(serde_json::from_str::<T>(bad).is_err(), "{bad}");
        }
    }
}
