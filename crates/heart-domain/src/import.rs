//! Past requests from a spreadsheet, read: a map says which column holds which field and what the sheet's words
//! for channels, outcomes and needs mean; each row is checked as a closed request of its day. Pure: the team's
//! time zone and "now" are given. Writing them is the app's (`intake::import`).

use crate::care::{CloseOutcome, Need};
use crate::intake::{Channel, FieldErrors, MAX_SHORT_CHARS, MAX_SUMMARY_CHARS, parse_language};
use crate::text::Words;
use jiff::Timestamp;
use std::collections::BTreeMap;

/// How a spreadsheet's columns and words become heart's fields (`docs/import/requests-map.toml`).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestsMap {
    /// How the date column is written, as strftime (`%Y-%m-%d`, `%m/%d/%Y`, `%m/%d/%Y %H:%M`); in the team's time
    /// zone. A date alone is taken as noon.
    pub date_format: String,
    pub columns: Columns,
    /// The sheet's words for how the person reached the team -> phone, web, sms, partner, open311.
    #[serde(default)]
    pub channel: BTreeMap<String, String>,
    /// The sheet's words for how it ended -> connected_to_support, resolved_for_now, declined_their_choice,
    /// could_not_find_them, ongoing_support.
    #[serde(default)]
    pub outcome: BTreeMap<String, String>,
    /// The sheet's words for needs -> housing, food, money, ... (a word heart knows needs no entry).
    #[serde(default)]
    pub needs: BTreeMap<String, String>,
}

/// Which column holds which field: the column's name in the sheet's first row.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub date: String,
    pub summary: String,
    pub outcome: String,
    pub channel: Option<String>,
    /// Several needs in one cell, separated by `;` or `,`.
    pub needs: Option<String>,
    pub place: Option<String>,
    pub language: Option<String>,
}

/// A row, checked: a request closed at `at`.
#[derive(Clone, Debug, PartialEq)]
pub struct PastRequest {
    pub at: Timestamp,
    pub summary: String,
    pub channel: Channel,
    pub outcome: CloseOutcome,
    pub needs: Vec<Need>,
    pub place: Option<String>,
    pub language: String,
}

/// The rows of a file: those checked, and those refused with their line and why (the field and what is wrong,
/// never the cell's words).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows {
    pub rows: Vec<PastRequest>,
    pub refused: Refused,
}

/// Rows refused: each line in the file, and why (the field and what is wrong, never the cell's words).
pub type Refused = Vec<(u64, String)>;

/// The most rows one import takes.
pub const IMPORT_MAX_ROWS: usize = 50_000;

impl RequestsMap {
    /// Reads a map; a field heart does not know is refused with its line.
    pub fn parse(text: &str) -> Result<Self, String> {
        parse_map(text)
    }

    /// Reads every row of `csv` (a first row of column names) in time zone `tz`, refusing dates after `now`. A
    /// column the map names but the file lacks, or a file that is not CSV, refuses the whole file (by field).
    pub fn read(
        &self,
        csv: &[u8],
        tz: &jiff::tz::TimeZone,
        now: Timestamp,
    ) -> Result<Rows, FieldErrors> {
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(csv);
        let whole = |field: &str, code: &str| {
            let mut e = FieldErrors::default();
            e.add(field, code);
            e
        };
        let headers = reader
            .headers()
            .map_err(|_| whole("file", "invalid"))?
            .clone();
        let col = |name: Option<&String>, field: &str| -> Result<Option<usize>, FieldErrors> {
            match name {
                None => Ok(None),
                Some(n) => headers
                    .iter()
                    .position(|h| h.trim() == n.trim())
                    .map(Some)
                    .ok_or_else(|| whole(&format!("columns.{field}"), "not_in_file")),
            }
        };
        let c = &self.columns;
        let cols = Cols {
            date: col(Some(&c.date), "date")?.unwrap_or_default(),
            summary: col(Some(&c.summary), "summary")?.unwrap_or_default(),
            outcome: col(Some(&c.outcome), "outcome")?.unwrap_or_default(),
            channel: col(c.channel.as_ref(), "channel")?,
            needs: col(c.needs.as_ref(), "needs")?,
            place: col(c.place.as_ref(), "place")?,
            language: col(c.language.as_ref(), "language")?,
        };
        let mut out = Rows::default();
        for record in reader.records() {
            if out.rows.len() + out.refused.len() >= IMPORT_MAX_ROWS {
                return Err(whole("file", "too_many"));
            }
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    out.refused
                        .push((line, "not a row of the file's shape".into()));
                    continue;
                }
            };
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
            match self.row(&cell, &cols, tz, now) {
                Ok(r) => out.rows.push(r),
                Err(why) => out.refused.push((line, why)),
            }
        }
        Ok(out)
    }

    /// One row checked: the field and what is wrong with it, never its words.
    fn row<'a>(
        &self,
        cell: &dyn Fn(Option<usize>) -> &'a str,
        c: &Cols,
        tz: &jiff::tz::TimeZone,
        now: Timestamp,
    ) -> Result<PastRequest, String> {
        let at = past_moment(cell(Some(c.date)), &self.date_format, tz, now)?;
        let summary = Words::up_to(MAX_SUMMARY_CHARS)
            .required()
            .parse(Some(cell(Some(c.summary))))
            .map_err(|code| format!("summary: {code}"))?
            .unwrap_or_default();
        let word = |words: &BTreeMap<String, String>, cell: &str| -> String {
            words
                .iter()
                .find(|(k, _)| k.trim().eq_ignore_ascii_case(cell))
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_else(|| cell.to_ascii_lowercase())
        };
        let outcome = CloseOutcome::parse(&word(&self.outcome, cell(Some(c.outcome))))
            .ok_or_else(|| "outcome: not one heart knows (add it to [outcome])".to_string())?;
        let channel = match cell(c.channel) {
            "" => Channel::Phone,
            v => Channel::parse(&word(&self.channel, v))
                .ok_or_else(|| "channel: not one heart knows (add it to [channel])".to_string())?,
        };
        let mut needs = Vec::new();
        for n in cell(c.needs)
            .split([';', ','])
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            let need = Need::parse(&word(&self.needs, n))
                .ok_or_else(|| "needs: not one heart knows (add it to [needs])".to_string())?;
            if !needs.contains(&need) {
                needs.push(need);
            }
        }
        let place = Words::up_to(MAX_SHORT_CHARS)
            .parse(Some(cell(c.place)))
            .map_err(|code| format!("place: {code}"))?;
        let language = match cell(c.language) {
            "" => "en".to_string(),
            l => parse_language(l).ok_or_else(|| "language: not a language tag".to_string())?,
        };
        Ok(PastRequest {
            at,
            summary,
            channel,
            outcome,
            needs,
            place,
            language,
        })
    }
}

/// A map from TOML; a field heart does not know is refused with its line.
fn parse_map<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        match line {
            Some(l) => format!("line {l}: {}", e.message()),
            None => e.message().to_string(),
        }
    })
}

/// Where each field is in a row.
struct Cols {
    date: usize,
    summary: usize,
    outcome: usize,
    channel: Option<usize>,
    needs: Option<usize>,
    place: Option<usize>,
    language: Option<usize>,
}

/// A date (and maybe a time) as `format` writes it, in `tz`: noon when only a day; never later than `now`.
fn past_moment(
    cell: &str,
    format: &str,
    tz: &jiff::tz::TimeZone,
    now: Timestamp,
) -> Result<Timestamp, String> {
    let timed = ["%H", "%I", "%M", "%T", "%R", "%k", "%l"]
        .iter()
        .any(|d| format.contains(d));
    let local = if timed {
        jiff::civil::DateTime::strptime(format, cell)
    } else {
        jiff::civil::Date::strptime(format, cell)
            .map(|d| d.to_datetime(jiff::civil::time(12, 0, 0, 0)))
    }
    .map_err(|_| format!("date: not written as {format}"))?;
    let at = local
        .to_zoned_datetime(tz.clone())
        .map_err(|_| "date: not a time in the team's time zone".to_string())?
        .timestamp();
    if at > now {
        return Err("date: in the future".into());
    }
    Ok(at)
}

/// How a spreadsheet of gifts becomes donors and gifts in the books (`docs/import/gifts-map.toml`).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GiftsMap {
    /// How the date column is written, as strftime; in the team's time zone.
    pub date_format: String,
    /// The fund (its name) a gift goes to when the sheet has no fund column or the cell is empty.
    pub default_fund: Option<String>,
    pub columns: GiftColumns,
    /// The sheet's words for how it was given -> cash, check, bank_transfer.
    #[serde(default)]
    pub method: BTreeMap<String, String>,
    /// The sheet's words for funds -> the fund's name in heart.
    #[serde(default)]
    pub fund: BTreeMap<String, String>,
}

/// Which column holds which field of a gift.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GiftColumns {
    pub date: String,
    /// In the fund's currency, as people write it ("25", "25.50", "$1,200.00").
    pub amount: String,
    /// The donor's email: one donor per address.
    pub email: String,
    pub name: Option<String>,
    pub fund: Option<String>,
    pub method: Option<String>,
    pub message: Option<String>,
}

/// A gift's row, read: the amount and fund are checked against the books by the app.
#[derive(Clone, Debug, PartialEq)]
pub struct PastGift {
    pub line: u64,
    pub day: jiff::civil::Date,
    pub amount: String,
    pub email: String,
    pub name: Option<String>,
    /// The fund's name in heart.
    pub fund: String,
    pub method: String,
    pub message: Option<String>,
}

impl GiftsMap {
    /// Reads a map; a field heart does not know is refused with its line.
    pub fn parse(text: &str) -> Result<Self, String> {
        parse_map(text)
    }

    /// Reads every row: the gifts read, and the rows refused by line. Days after `today` are refused.
    pub fn read(
        &self,
        csv: &[u8],
        today: jiff::civil::Date,
    ) -> Result<(Vec<PastGift>, Refused), FieldErrors> {
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(csv);
        let whole = |field: &str, code: &str| {
            let mut e = FieldErrors::default();
            e.add(field, code);
            e
        };
        let headers = reader
            .headers()
            .map_err(|_| whole("file", "invalid"))?
            .clone();
        let col = |name: Option<&String>, field: &str| -> Result<Option<usize>, FieldErrors> {
            match name {
                None => Ok(None),
                Some(n) => headers
                    .iter()
                    .position(|h| h.trim() == n.trim())
                    .map(Some)
                    .ok_or_else(|| whole(&format!("columns.{field}"), "not_in_file")),
            }
        };
        let c = &self.columns;
        let date = col(Some(&c.date), "date")?;
        let amount = col(Some(&c.amount), "amount")?;
        let email = col(Some(&c.email), "email")?;
        let (name, fund) = (col(c.name.as_ref(), "name")?, col(c.fund.as_ref(), "fund")?);
        let (method, message) = (
            col(c.method.as_ref(), "method")?,
            col(c.message.as_ref(), "message")?,
        );
        if fund.is_none() && self.default_fund.is_none() {
            return Err(whole("default_fund", "required"));
        }
        let (mut gifts, mut refused) = (Vec::new(), Vec::new());
        for record in reader.records() {
            if gifts.len() + refused.len() >= IMPORT_MAX_ROWS {
                return Err(whole("file", "too_many"));
            }
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    refused.push((
                        e.position().map(|p| p.line()).unwrap_or(0),
                        "not a row of the file's shape".into(),
                    ));
                    continue;
                }
            };
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
            let word = |words: &BTreeMap<String, String>, v: &str| -> String {
                words
                    .iter()
                    .find(|(k, _)| k.trim().eq_ignore_ascii_case(v))
                    .map(|(_, w)| w.trim().to_string())
                    .unwrap_or_else(|| v.to_string())
            };
            let day = match jiff::civil::Date::strptime(&self.date_format, cell(date)) {
                Ok(d) if d > today => {
                    refused.push((line, "date: in the future".into()));
                    continue;
                }
                Ok(d) => d,
                Err(_) => {
                    refused.push((line, format!("date: not written as {}", self.date_format)));
                    continue;
                }
            };
            let fund = match cell(fund) {
                "" => self.default_fund.clone().unwrap_or_default(),
                f => word(&self.fund, f),
            };
            let method = match cell(method) {
                "" => "check".to_string(),
                m => word(&self.method, m).to_ascii_lowercase(),
            };
            let text = |i: Option<usize>| Some(cell(i).to_string()).filter(|v| !v.is_empty());
            gifts.push(PastGift {
                line,
                day,
                amount: cell(amount).replace([',', '$'], ""),
                email: cell(email).to_string(),
                name: text(name),
                fund,
                method,
                message: text(message),
            });
        }
        Ok((gifts, refused))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_names_its_unknown_field_and_line() {
        let e = RequestsMap::parse("date_format = \"%Y\"\n[columns]\ndate = \"a\"\nwho = \"b\"\n")
            .unwrap_err();
        assert!(e.starts_with("line 4:") && e.contains("who"), "{e}");
    }

    #[test]
    fn rows_are_read_by_the_map_and_refused_by_line() {
        let map = RequestsMap::parse(
            "date_format = \"%Y-%m-%d\"\n[columns]\ndate = \"D\"\nsummary = \"S\"\noutcome = \"O\"\nneeds = \"N\"\n[outcome]\nok = \"resolved_for_now\"\n",
        )
        .unwrap();
        let tz = jiff::tz::TimeZone::get("America/New_York").unwrap();
        let now: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let csv = "D,S,O,N\n2025-07-04,Fireworks worry,OK,safety; Safety\n2025-07-05,,ok,\n2027-01-01,Later,ok,\n";
        let r = map.read(csv.as_bytes(), &tz, now).unwrap();
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.rows[0].at.to_string(), "2025-07-04T16:00:00Z");
        assert_eq!(r.rows[0].needs, vec![Need::Safety]);
        assert_eq!(r.rows[0].outcome, CloseOutcome::ResolvedForNow);
        let lines: Vec<u64> = r.refused.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [3, 4]);
        let missing = RequestsMap::parse(
            "date_format = \"%Y\"\n[columns]\ndate = \"D\"\nsummary = \"S\"\noutcome = \"Gone\"\n",
        )
        .unwrap();
        assert!(missing.read(csv.as_bytes(), &tz, now).is_err());
    }
}
