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
        let sheet = Sheet::open(csv)?;
        let c = &self.columns;
        let cols = Cols {
            date: sheet.column(Some(&c.date), "date")?.unwrap_or_default(),
            summary: sheet
                .column(Some(&c.summary), "summary")?
                .unwrap_or_default(),
            outcome: sheet
                .column(Some(&c.outcome), "outcome")?
                .unwrap_or_default(),
            channel: sheet.column(c.channel.as_ref(), "channel")?,
            needs: sheet.column(c.needs.as_ref(), "needs")?,
            place: sheet.column(c.place.as_ref(), "place")?,
            language: sheet.column(c.language.as_ref(), "language")?,
        };
        let (rows, refused) = sheet.rows(|cell| self.row(cell, &cols, tz, now))?;
        Ok(Rows {
            rows: rows.into_iter().map(|(_, r)| r).collect(),
            refused,
        })
    }

    /// One row checked: the field and what is wrong with it, never its words.
    fn row(
        &self,
        cell: &Cells<'_>,
        c: &Cols,
        tz: &jiff::tz::TimeZone,
        now: Timestamp,
    ) -> Result<PastRequest, String> {
        let at = past_moment(cell.get(Some(c.date)), &self.date_format, tz, now)?;
        let summary = Words::up_to(MAX_SUMMARY_CHARS)
            .required()
            .parse(Some(cell.get(Some(c.summary))))
            .map_err(|code| format!("summary: {code}"))?
            .unwrap_or_default();
        // The sheet's word as the map says it, else the word itself (heart's words are lower case).
        let word = |words: &BTreeMap<String, String>, cell: &str| {
            mapped(words, cell).unwrap_or_else(|| cell.to_ascii_lowercase())
        };
        let outcome = CloseOutcome::parse(&word(&self.outcome, cell.get(Some(c.outcome))))
            .ok_or_else(|| "outcome: not one heart knows (add it to [outcome])".to_string())?;
        let channel = match cell.get(c.channel) {
            "" => Channel::Phone,
            v => Channel::parse(&word(&self.channel, v))
                .ok_or_else(|| "channel: not one heart knows (add it to [channel])".to_string())?,
        };
        let mut needs = Vec::new();
        for n in cell
            .get(c.needs)
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
            .parse(Some(cell.get(c.place)))
            .map_err(|code| format!("place: {code}"))?;
        let language = match cell.get(c.language) {
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
        let sheet = Sheet::open(csv)?;
        let c = &self.columns;
        let date = sheet.column(Some(&c.date), "date")?;
        let amount = sheet.column(Some(&c.amount), "amount")?;
        let email = sheet.column(Some(&c.email), "email")?;
        let (name, fund) = (
            sheet.column(c.name.as_ref(), "name")?,
            sheet.column(c.fund.as_ref(), "fund")?,
        );
        let (method, message) = (
            sheet.column(c.method.as_ref(), "method")?,
            sheet.column(c.message.as_ref(), "message")?,
        );
        if fund.is_none() && self.default_fund.is_none() {
            return Err(file_error("default_fund", "required"));
        }
        let (gifts, refused) = sheet.rows(|cell| {
            let day = match jiff::civil::Date::strptime(&self.date_format, cell.get(date)) {
                Ok(d) if d > today => return Err("date: in the future".into()),
                Ok(d) => d,
                Err(_) => return Err(format!("date: not written as {}", self.date_format)),
            };
            let fund = match cell.get(fund) {
                "" => self.default_fund.clone().unwrap_or_default(),
                f => mapped(&self.fund, f).unwrap_or_else(|| f.to_string()),
            };
            let method = match cell.get(method) {
                "" => "check".to_string(),
                m => mapped(&self.method, m).unwrap_or_else(|| m.to_string()),
            };
            let text = |i: Option<usize>| Some(cell.get(i).to_string()).filter(|v| !v.is_empty());
            Ok(PastGift {
                line: 0,
                day,
                amount: cell.get(amount).replace([',', '$'], ""),
                email: cell.get(email).to_string(),
                name: text(name),
                fund,
                method: method.to_ascii_lowercase(),
                message: text(message),
            })
        })?;
        let gifts = gifts
            .into_iter()
            .map(|(line, g)| PastGift { line, ..g })
            .collect();
        Ok((gifts, refused))
    }
}

/// A whole-file error, by field.
fn file_error(field: &str, code: &str) -> FieldErrors {
    let mut e = FieldErrors::default();
    e.add(field, code);
    e
}

/// The map's word for a cell (its keys matched in any case), if it has one.
fn mapped(words: &BTreeMap<String, String>, cell: &str) -> Option<String> {
    words
        .iter()
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(cell))
        .map(|(_, v)| v.trim().to_string())
}

/// A CSV file read by its first row's column names.
struct Sheet<'a> {
    reader: csv::Reader<&'a [u8]>,
    headers: csv::StringRecord,
}

/// One row's cells, trimmed; a column the map left out reads as empty.
struct Cells<'r>(&'r csv::StringRecord);

impl Cells<'_> {
    fn get(&self, i: Option<usize>) -> &str {
        i.and_then(|i| self.0.get(i)).unwrap_or("").trim()
    }
}

impl<'a> Sheet<'a> {
    fn open(csv: &'a [u8]) -> Result<Self, FieldErrors> {
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(csv);
        let headers = reader
            .headers()
            .map_err(|_| file_error("file", "invalid"))?
            .clone();
        Ok(Sheet { reader, headers })
    }

    /// Where the column the map names for `field` is; none when the map names none, an error for the whole file
    /// when the file lacks it.
    fn column(&self, name: Option<&String>, field: &str) -> Result<Option<usize>, FieldErrors> {
        match name {
            None => Ok(None),
            Some(n) => self
                .headers
                .iter()
                .position(|h| h.trim() == n.trim())
                .map(Some)
                .ok_or_else(|| file_error(&format!("columns.{field}"), "not_in_file")),
        }
    }

    /// Each row checked by `check`: those it takes with their lines, and those refused by line (a row not of the
    /// file's shape too). More than [`IMPORT_MAX_ROWS`] rows refuse the whole file.
    fn rows<T>(
        mut self,
        mut check: impl FnMut(&Cells<'_>) -> Result<T, String>,
    ) -> Result<(Vec<(u64, T)>, Refused), FieldErrors> {
        let (mut taken, mut refused) = (Vec::new(), Vec::new());
        for record in self.reader.records() {
            if taken.len() + refused.len() >= IMPORT_MAX_ROWS {
                return Err(file_error("file", "too_many"));
            }
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    refused.push((line, "not a row of the file's shape".into()));
                    continue;
                }
            };
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            match check(&Cells(&record)) {
                Ok(t) => taken.push((line, t)),
                Err(why) => refused.push((line, why)),
            }
        }
        Ok((taken, refused))
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
