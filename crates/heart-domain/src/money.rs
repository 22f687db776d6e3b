//! Money: integer minor units (cents) with a currency. Never floats.
//!
//! Amounts people type ("25", "25.50", "$1,200.00") are parsed exactly; anything that is not a positive amount
//! of whole minor units (a negative, zero, a fraction of a cent, an overflow, words) is refused with a reason.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A currency heart can hold: its ISO 4217 code and how many decimal places its minor unit has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Currency {
    pub code: &'static str,
    pub exponent: u32,
    pub symbol: &'static str,
}

/// The currencies a fund can be kept in. A short list on purpose: each one was checked for its exponent.
pub const CURRENCIES: &[Currency] = &[
    Currency {
        code: "USD",
        exponent: 2,
        symbol: "$",
    },
    Currency {
        code: "CAD",
        exponent: 2,
        symbol: "CA$",
    },
    Currency {
        code: "MXN",
        exponent: 2,
        symbol: "MX$",
    },
    Currency {
        code: "EUR",
        exponent: 2,
        symbol: "€",
    },
    Currency {
        code: "GBP",
        exponent: 2,
        symbol: "£",
    },
    Currency {
        code: "JPY",
        exponent: 0,
        symbol: "¥",
    },
];

/// The largest amount one entry may move: ten billion major units (keeps every sum far from `i64::MAX`).
pub const MAX_MAJOR: i64 = 10_000_000_000;

impl Currency {
    pub fn parse(code: &str) -> Result<Currency, MoneyError> {
        let code = code.trim().to_ascii_uppercase();
        CURRENCIES
            .iter()
            .find(|c| c.code == code)
            .copied()
            .ok_or(MoneyError::UnknownCurrency)
    }

    pub fn usd() -> Currency {
        CURRENCIES[0]
    }

    fn scale(self) -> i64 {
        10_i64.pow(self.exponent)
    }

    /// The largest amount, in minor units, one entry may move.
    pub fn max_minor(self) -> i64 {
        MAX_MAJOR * self.scale()
    }

    /// "$1,234.50" (symbol, thousands separators, every minor digit).
    pub fn format(self, minor: i64) -> String {
        let neg = minor < 0;
        let abs = minor.unsigned_abs();
        let scale = self.scale() as u64;
        let (major, frac) = (abs / scale, abs % scale);
        let digits = major.to_string();
        let mut grouped = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        let sign = if neg { "-" } else { "" };
        if self.exponent == 0 {
            format!("{sign}{}{grouped}", self.symbol)
        } else {
            format!(
                "{sign}{}{grouped}.{frac:0width$}",
                self.symbol,
                width = self.exponent as usize
            )
        }
    }

    /// "1234.50": plain, for CSV files and forms.
    pub fn plain(self, minor: i64) -> String {
        let neg = minor < 0;
        let abs = minor.unsigned_abs();
        let scale = self.scale() as u64;
        let sign = if neg { "-" } else { "" };
        if self.exponent == 0 {
            format!("{sign}{abs}")
        } else {
            format!(
                "{sign}{}.{:0width$}",
                abs / scale,
                abs % scale,
                width = self.exponent as usize
            )
        }
    }

    /// Parses an amount a person typed into minor units: digits with optional thousands separators, the currency's
    /// symbol, and at most the currency's decimal places. Only positive amounts up to [`Currency::max_minor`].
    pub fn parse_amount(self, typed: &str) -> Result<i64, MoneyError> {
        let mut s = typed.trim();
        if s.is_empty() {
            return Err(MoneyError::Empty);
        }
        if s.starts_with('-') || s.starts_with('\u{2212}') {
            return Err(MoneyError::NotPositive);
        }
        s = s.strip_prefix('+').unwrap_or(s).trim_start();
        s = s.strip_prefix(self.symbol).unwrap_or(s).trim_start();
        if s.starts_with('-') {
            return Err(MoneyError::NotPositive);
        }
        let (whole, frac) = match s.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (s, None),
        };
        // Thousands separators only in groups of three.
        let whole_digits: String = if whole.contains(',') {
            let mut parts = whole.split(',');
            let first = parts.next().unwrap_or("");
            if first.is_empty() || first.len() > 3 {
                return Err(MoneyError::NotANumber);
            }
            let mut out = first.to_string();
            for p in parts {
                if p.len() != 3 {
                    return Err(MoneyError::NotANumber);
                }
                out.push_str(p);
            }
            out
        } else {
            whole.to_string()
        };
        let frac = frac.unwrap_or("");
        if (whole_digits.is_empty() && frac.is_empty())
            || !whole_digits.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(MoneyError::NotANumber);
        }
        // Trailing zeros past the minor unit are harmless ("1.500"); anything else is a fraction of a cent.
        let frac_trim = frac.trim_end_matches('0');
        if frac_trim.len() > self.exponent as usize {
            return Err(MoneyError::FractionOfMinor);
        }
        let whole_digits = whole_digits.trim_start_matches('0');
        if whole_digits.len() > 12 {
            return Err(MoneyError::TooLarge);
        }
        let major: i64 = if whole_digits.is_empty() {
            0
        } else {
            whole_digits.parse().map_err(|_| MoneyError::TooLarge)?
        };
        let mut minor_part: i64 = 0;
        for (i, b) in frac_trim.bytes().enumerate() {
            minor_part += i64::from(b - b'0') * 10_i64.pow(self.exponent - 1 - i as u32);
        }
        let total = major
            .checked_mul(self.scale())
            .and_then(|m| m.checked_add(minor_part))
            .ok_or(MoneyError::TooLarge)?;
        if total == 0 {
            return Err(MoneyError::NotPositive);
        }
        if total > self.max_minor() {
            return Err(MoneyError::TooLarge);
        }
        Ok(total)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

/// Why an amount was refused. `code()` is the field-error code shown beside the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("an amount is needed")]
    Empty,
    #[error("the amount is not a number")]
    NotANumber,
    #[error("the amount must be more than zero")]
    NotPositive,
    #[error("the amount has a fraction of the smallest unit (a fraction of a cent)")]
    FractionOfMinor,
    #[error("the amount is too large")]
    TooLarge,
    #[error("the currency is not one heart keeps")]
    UnknownCurrency,
}

impl MoneyError {
    pub fn code(self) -> &'static str {
        match self {
            MoneyError::Empty => "required",
            MoneyError::NotANumber => "amount_not_a_number",
            MoneyError::NotPositive => "amount_not_positive",
            MoneyError::FractionOfMinor => "amount_fraction",
            MoneyError::TooLarge => "amount_too_large",
            MoneyError::UnknownCurrency => "unknown_currency",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn usd(s: &str) -> Result<i64, MoneyError> {
        Currency::usd().parse_amount(s)
    }

    #[test]
    fn amounts_people_type() {
        assert_eq!(usd("25"), Ok(2500));
        assert_eq!(usd("25.5"), Ok(2550));
        assert_eq!(usd("25.50"), Ok(2550));
        assert_eq!(usd("$1,200.00"), Ok(120_000));
        assert_eq!(usd(" 0.01 "), Ok(1));
        assert_eq!(usd(".75"), Ok(75));
        assert_eq!(usd("1.500"), Ok(150));
        assert_eq!(usd("+5"), Ok(500));
    }

    #[test]
    fn refusals() {
        assert_eq!(usd(""), Err(MoneyError::Empty));
        assert_eq!(usd("-5"), Err(MoneyError::NotPositive));
        assert_eq!(usd("$-5"), Err(MoneyError::NotPositive));
        assert_eq!(usd("0"), Err(MoneyError::NotPositive));
        assert_eq!(usd("0.00"), Err(MoneyError::NotPositive));
        assert_eq!(usd("1.005"), Err(MoneyError::FractionOfMinor));
        assert_eq!(usd("ten"), Err(MoneyError::NotANumber));
        assert_eq!(usd("1e3"), Err(MoneyError::NotANumber));
        assert_eq!(usd("1,00"), Err(MoneyError::NotANumber));
        assert_eq!(usd("."), Err(MoneyError::NotANumber));
        assert_eq!(usd("NaN"), Err(MoneyError::NotANumber));
        assert_eq!(usd("99999999999999999999999"), Err(MoneyError::TooLarge));
        assert_eq!(usd("10000000001"), Err(MoneyError::TooLarge));
        assert_eq!(
            Currency::parse("XYZ").unwrap_err(),
            MoneyError::UnknownCurrency
        );
        assert_eq!(
            Currency::parse("JPY").unwrap().parse_amount("1.5"),
            Err(MoneyError::FractionOfMinor)
        );
    }

    #[test]
    fn formats() {
        let u = Currency::usd();
        assert_eq!(u.format(123_450), "$1,234.50");
        assert_eq!(u.format(5), "$0.05");
        assert_eq!(u.format(-2500), "-$25.00");
        assert_eq!(u.plain(-2505), "-25.05");
        assert_eq!(Currency::parse("jpy").unwrap().format(1500), "¥1,500");
    }

    proptest! {
        #[test]
        fn plain_round_trips(minor in 1i64..=Currency::usd().max_minor()) {
            let u = Currency::usd();
            prop_assert_eq!(u.parse_amount(&u.plain(minor)), Ok(minor));
            prop_assert_eq!(u.parse_amount(&u.format(minor)), Ok(minor));
        }

        #[test]
        fn any_text_is_parsed_or_refused(s in ".{0,40}") {
            let _ = Currency::usd().parse_amount(&s);
        }
    }
}
