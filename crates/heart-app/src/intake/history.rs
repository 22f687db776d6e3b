//! Past requests: found by date, status, outcome, channel, team and need, a page at a time, newest first; and by
//! words, matched in the sealed text of the period's requests as they are opened (nothing is indexed in
//! plaintext), at most `WORDS_PERIOD_MAX` of them a search.

use super::*;
use heart_domain::care::{CloseOutcome, Need};
use heart_domain::ids::TeamId;
use heart_domain::intake::FieldErrors;
use heart_store::history::RequestFilter;
use serde::Deserialize;

/// At most this many requests a page.
pub const PER_PAGE_MAX: i64 = 200;
/// A page holds this many unless asked otherwise.
pub const PER_PAGE_DEFAULT: i64 = 50;
/// The last page a search may ask for.
pub const PAGE_MAX: i64 = 1_000_000;
/// A search by words opens at most this many requests: beyond, the dates must be narrowed.
pub const WORDS_PERIOD_MAX: i64 = 5_000;
/// The longest period a search covers.
pub const PERIOD_DAYS_MAX: i64 = 731;

/// What to look for: every part optional.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = RequestSearchBody))]
#[serde(deny_unknown_fields)]
pub struct RequestSearch {
    /// The first day (YYYY-MM-DD, team time).
    pub from: Option<String>,
    /// The last day (YYYY-MM-DD, team time), at most two years after `from`.
    pub to: Option<String>,
    /// `open`, or one status: received, triaged, waiting, assigned, en_route, on_scene, closed, cancelled.
    pub status: Option<String>,
    /// How it closed: connected_to_support, resolved_for_now, declined_their_choice, could_not_find_them,
    /// ongoing_support.
    pub outcome: Option<String>,
    /// phone, web, sms, partner or open311.
    pub channel: Option<String>,
    /// The team that went.
    pub team_id: Option<String>,
    /// A need recorded when it closed: housing, food, money, mental_health, substance_use, safety, conflict,
    /// medical, other.
    pub need: Option<String>,
    /// From 1.
    #[serde(default, deserialize_with = "heart_domain::whole::opt")]
    pub page: Option<i64>,
    /// 1 to 200 (default 50).
    #[serde(default, deserialize_with = "heart_domain::whole::opt")]
    pub per_page: Option<i64>,
    /// Words to find in what was said and where (all of them, any case). Only a person is given this search.
    pub words: Option<String>,
}

/// One page of what a search found.
#[derive(Clone, Debug)]
pub struct RequestPage {
    pub requests: Vec<Request>,
    /// How many the search found in all.
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

impl RequestPage {
    /// How many pages the search found.
    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page).max(1)
    }
}

fn one_of<T>(
    e: &mut FieldErrors,
    field: &str,
    v: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let v = v.map(str::trim).filter(|v| !v.is_empty())?;
    parse(v).or_else(|| {
        e.add(field, "unknown");
        None
    })
}

impl App {
    fn filter_of(
        &self,
        q: &RequestSearch,
    ) -> Result<(RequestFilter, i64, i64, Vec<String>), FieldErrors> {
        let mut e = FieldErrors::default();
        let mut day = |field: &str, v: Option<&str>, next: bool| -> Option<Timestamp> {
            let v = v.map(str::trim).filter(|v| !v.is_empty())?;
            let d: Option<jiff::civil::Date> = v.parse().ok();
            let at = d
                .and_then(|d| if next { d.tomorrow().ok() } else { Some(d) })
                .and_then(|d| self.config.local_moment(d, jiff::civil::Time::midnight()));
            if at.is_none() {
                e.add(field, "invalid_date");
            }
            at
        };
        let from = day("from", q.from.as_deref(), false);
        let to = day("to", q.to.as_deref(), true);
        let end = to.unwrap_or_else(|| self.clock.now());
        if let Some(from) = from
            && (end <= from || end - from > jiff::SignedDuration::from_hours(24 * PERIOD_DAYS_MAX))
        {
            e.add("to", "out_of_range");
        }
        let statuses = match q.status.as_deref().map(str::trim) {
            None | Some("") => Vec::new(),
            Some("open") => Status::ALL.into_iter().filter(|s| s.is_open()).collect(),
            Some(s) => match Status::parse(s) {
                Some(s) => vec![s],
                None => {
                    e.add("status", "unknown");
                    Vec::new()
                }
            },
        };
        let filter = RequestFilter {
            from,
            to,
            statuses,
            outcome: one_of(&mut e, "outcome", q.outcome.as_deref(), CloseOutcome::parse),
            channel: one_of(&mut e, "channel", q.channel.as_deref(), Channel::parse),
            team: one_of(&mut e, "team_id", q.team_id.as_deref(), |s| {
                s.parse::<TeamId>().ok()
            }),
            need: one_of(&mut e, "need", q.need.as_deref(), Need::parse),
        };
        let page = q.page.unwrap_or(1);
        if !(1..=PAGE_MAX).contains(&page) {
            e.add("page", "out_of_range");
        }
        let per_page = q.per_page.unwrap_or(PER_PAGE_DEFAULT);
        if !(1..=PER_PAGE_MAX).contains(&per_page) {
            e.add("per_page", "out_of_range");
        }
        let words = heart_domain::text::Words::up_to(200)
            .check(&mut e, "words", q.words.as_deref())
            .map(|w| {
                w.to_lowercase()
                    .split_whitespace()
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        e.into_result((
            filter,
            page.clamp(1, PAGE_MAX),
            per_page.clamp(1, PER_PAGE_MAX),
            words,
        ))
    }

    /// Past requests the search keeps, newest first, one page of them. A search by words is for a person only
    /// (the words are matched in sealed text) and opens the requests of the period, at most `WORDS_PERIOD_MAX`.
    pub async fn search_requests(&self, actor: &Actor, q: RequestSearch) -> AppResult<RequestPage> {
        actor.require(&[
            Capability::Intake,
            Capability::Dispatch,
            Capability::Coordinate,
        ])?;
        let (filter, page, per_page, words) = self.filter_of(&q).map_err(AppError::Invalid)?;
        let offset = (page - 1).saturating_mul(per_page);
        let (rows, total) = if words.is_empty() {
            self.store
                .history()
                .find_requests(&filter, offset, per_page)
                .await?
        } else {
            if !actor.for_person() {
                return Err(AppError::field("words", "not_allowed"));
            }
            let (all, in_period) = self
                .store
                .history()
                .find_requests(&filter, 0, WORDS_PERIOD_MAX)
                .await?;
            if in_period > WORDS_PERIOD_MAX {
                return Err(AppError::field("from", "too_many"));
            }
            let found: Vec<RequestRow> = all
                .into_iter()
                .filter(|r| {
                    let text = format!(
                        "{} {}",
                        r.summary.to_lowercase(),
                        r.location
                            .text
                            .as_deref()
                            .unwrap_or_default()
                            .to_lowercase()
                    );
                    words.iter().all(|w| text.contains(w.as_str()))
                })
                .collect();
            let total = found.len() as i64;
            let rows = found
                .into_iter()
                .skip(offset as usize)
                .take(per_page as usize)
                .collect();
            (rows, total)
        };
        let ids: Vec<RequestId> = rows.iter().map(|r| r.id).collect();
        if !ids.is_empty() {
            self.audit_list_read(actor, "requests.list", "search", "history", &ids)
                .await?;
        }
        Ok(RequestPage {
            requests: rows.views(),
            total,
            page,
            per_page,
        })
    }
}
