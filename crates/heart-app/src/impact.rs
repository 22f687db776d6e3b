//! Impact: the team's figures over a period (`docs/metrics.md`), computed here once for the team's page
//! (`/impact`), its downloads and API, and the public page (`/transparency`, `public.rs`, which suppresses small
//! counts). Every figure comes from counts grouped in the database (`heart_store::impact`), bucketed by month in the
//! team's time zone.

mod funder;
mod public;

use crate::doing::Doing;
use crate::{Actor, App, AppError, AppResult};
use heart_domain::care::{CloseOutcome, Need};
use heart_domain::impact::{Bucket, Minutes, Period, median};
use heart_domain::intake::Channel;
use heart_domain::referral::ReferralStatus;
use heart_store::impact::Buckets;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use funder::{FunderReport, Spent};
pub(crate) use public::Cache;
pub use public::{PublicAid, PublicTime, Shown, Transparency, TransparencyTable};

/// `[impact]`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ImpactConfig {
    /// Serve the public page `/transparency` and its API (on by default).
    pub public: bool,
    /// On the public page, a count from 1 to this less one is shown as "fewer than" it (default 11).
    pub suppress_below: u64,
}

impl Default for ImpactConfig {
    fn default() -> Self {
        ImpactConfig {
            public: true,
            suppress_below: 11,
        }
    }
}

impl ImpactConfig {
    pub fn validate(&self) -> Result<(), String> {
        if !(2..=1000).contains(&self.suppress_below) {
            return Err("[impact] suppress_below must be from 2 to 1000".into());
        }
        Ok(())
    }
}

/// A table of counts: a row per month (or quarter), a column per kind, with totals unless `totals` is false (a
/// request may count in several columns, as for needs).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Table {
    pub name: &'static str,
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    pub cells: Vec<Vec<u64>>,
    pub totals: bool,
}

impl Table {
    fn new(name: &'static str, rows: &[Bucket], columns: Vec<String>, totals: bool) -> Table {
        Table {
            name,
            rows: rows.iter().map(|b| b.label.clone()).collect(),
            cells: vec![vec![0; columns.len()]; rows.len()],
            columns,
            totals,
        }
    }
    /// Adds `n` to a row's column, making the column (at the end) when it is new.
    fn add(&mut self, row: usize, column: &str, n: i64) {
        let c = match self.columns.iter().position(|c| c == column) {
            Some(c) => c,
            None => {
                self.columns.push(column.to_string());
                for r in &mut self.cells {
                    r.push(0);
                }
                self.columns.len() - 1
            }
        };
        if let Some(cell) = self.cells.get_mut(row).and_then(|r| r.get_mut(c)) {
            *cell += u64::try_from(n).unwrap_or(0);
        }
    }
    pub fn row_total(&self, r: usize) -> u64 {
        self.cells.get(r).map_or(0, |r| r.iter().sum())
    }
    pub fn column_total(&self, c: usize) -> u64 {
        self.cells.iter().filter_map(|r| r.get(c)).sum()
    }
    pub fn total(&self) -> u64 {
        self.cells.iter().flatten().sum()
    }
    /// The column's total, by name.
    pub fn column(&self, name: &str) -> u64 {
        self.columns
            .iter()
            .position(|c| c == name)
            .map_or(0, |c| self.column_total(c))
    }
}

/// How long one step took, over a month and a channel (`None`: every channel).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeFigure {
    pub month: String,
    pub channel: Option<String>,
    /// "reply", "assigned", "arrived", "on_scene".
    pub step: &'static str,
    pub count: u64,
    pub p50_minutes: Option<i64>,
    pub p90_minutes: Option<i64>,
}

/// The steps timed, in order.
pub const STEPS: [&str; 4] = ["reply", "assigned", "arrived", "on_scene"];

/// Mutual aid paid from one fund in the period.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AidFigure {
    pub fund: String,
    pub currency: String,
    pub count: u64,
    pub total_minor: i64,
    pub median_minor: Option<i64>,
}

/// Requests that came while the team was closed or full: all kept, and how soon they were answered.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AfterHours {
    pub arrived: u64,
    pub answered: u64,
    pub p50_minutes: Option<i64>,
    pub p90_minutes: Option<i64>,
}

/// The team's figures over a period.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Impact {
    pub from: String,
    pub to: String,
    pub timezone: String,
    pub requests: u64,
    pub people_served: u64,
    pub returning_people: u64,
    pub share_returning: Option<f64>,
    pub share_ems_with_consent: Option<f64>,
    pub share_referrals_connected: Option<f64>,
    pub share_follow_ups_on_time: Option<f64>,
    pub tables: Vec<Table>,
    pub times: Vec<TimeFigure>,
    pub aid: Vec<AidFigure>,
    pub closed_or_full: AfterHours,
}

impl Impact {
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }
}

/// The names of the team's tables, in the order they are shown.
pub const TABLES: [&str; 10] = [
    "channel",
    "outcome",
    "priority",
    "need",
    "neighbourhood",
    "ems",
    "alerts",
    "referrals",
    "follow_ups",
    "availability",
];

fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * 1000.0).round() / 1000.0)
}

fn codes(list: impl IntoIterator<Item = &'static str>) -> Vec<String> {
    list.into_iter().map(str::to_string).collect()
}

impl App {
    /// Reads a period from the page's or the API's fields (`from`, `to`: "YYYY-MM-DD"; none: the last twelve
    /// months to today, in the team's time zone).
    pub fn impact_period(&self, from: Option<&str>, to: Option<&str>) -> AppResult<Period> {
        let today = self.clock.now().to_zoned_datetime(self.config.tz()).date();
        Period::parse(from, to, today).map_err(AppError::Invalid)
    }

    /// The team's figures over `period` (capability `coordinate`).
    pub async fn impact(&self, actor: &Actor, period: Period) -> AppResult<Impact> {
        self.may(actor, Doing::SeeImpact)?;
        self.figures(period, &period.months(&self.config.tz()))
            .await
    }

    pub(crate) async fn figures(&self, period: Period, months: &[Bucket]) -> AppResult<Impact> {
        Ok(self.figures_and_aid(period, months).await?.0)
    }

    /// The figures, and the mutual aid paid in the period one by one (a funder's report sorts them by purpose).
    pub(crate) async fn figures_and_aid(
        &self,
        period: Period,
        months: &[Bucket],
    ) -> AppResult<(Impact, Vec<heart_store::impact::AidPaid>)> {
        let b = buckets(months);
        let store = self.store.impact();
        let (counts, durations, people, alerts, referrals, follow_ups, aid) = tokio::try_join!(
            store.request_counts(&b),
            store.durations(&b),
            store.people(&b),
            store.alert_counts(&b),
            store.referral_counts(&b),
            store.follow_up_counts(&b),
            store.aid_paid(&b),
        )?;
        let outreach = self.outreach_table(months, &b).await?;
        let (warmline, warmline_offered, warmline_minutes) =
            self.warmline_tables(months, &b).await?;
        let mut channel = Table::new(
            "channel",
            months,
            codes(Channel::ALL.map(Channel::as_str)),
            true,
        );
        let mut outcome = Table::new("outcome", months, outcome_columns(), true);
        let mut priority = Table::new("priority", months, Vec::new(), true);
        let mut ems = Table::new(
            "ems",
            months,
            codes(["agreed", "declined", "could_not_ask"]),
            true,
        );
        let mut availability = Table::new(
            "availability",
            months,
            codes(["open", "full", "closed", "not_recorded"]),
            true,
        );
        for c in &counts {
            channel.add(c.bucket, &c.channel, c.n);
            let o = match (&c.outcome, c.status.as_str()) {
                (Some(o), _) => o.as_str(),
                (None, "cancelled") => "cancelled",
                _ => "not_closed",
            };
            outcome.add(c.bucket, o, c.n);
            priority.add(
                c.bucket,
                &c.priority.map_or("none".into(), |p| p.to_string()),
                c.n,
            );
            if let Some(e) = &c.ems_consent {
                ems.add(c.bucket, e, c.n);
            }
            availability.add(
                c.bucket,
                c.availability.as_deref().unwrap_or("not_recorded"),
                c.n,
            );
        }
        sort_columns(&mut priority, |c| (c == "none", c.to_string()));
        let mut need = Table::new("need", months, codes(Need::ALL.map(Need::as_str)), false);
        let mut hood = Table::new("neighbourhood", months, Vec::new(), true);
        for c in &counts {
            match c.needs.as_deref().filter(|k| !k.is_empty()) {
                Some(list) => list
                    .split(',')
                    .for_each(|k| need.add(c.bucket, k.trim(), c.n)),
                None => need.add(c.bucket, "none", c.n),
            }
            hood.add(
                c.bucket,
                c.neighbourhood.as_deref().unwrap_or("not_said"),
                c.n,
            );
        }
        sort_columns(&mut hood, |c| (c == "not_said", c.to_string()));
        let keyed = |name, columns: Vec<String>, rows: &[heart_store::impact::KeyCount]| {
            let mut t = Table::new(name, months, columns, true);
            for r in rows {
                t.add(r.bucket, r.key.as_deref().unwrap_or("none"), r.n);
            }
            t
        };
        let alerts = keyed("alerts", codes(["need_help", "checkin_lapsed"]), &alerts);
        let referrals = keyed(
            "referrals",
            codes(ReferralStatus::ALL.map(ReferralStatus::as_str)),
            &referrals,
        );
        let follow_ups = keyed(
            "follow_ups",
            codes(["on_time", "late", "could_not_reach", "open", "cancelled"]),
            &follow_ups,
        );
        let (times, mut closed_or_full) = times(months, &durations);
        closed_or_full.arrived = availability.column("closed") + availability.column("full");
        let requests = channel.total();
        let ems_total = ems.total();
        let done = follow_ups.column("on_time")
            + follow_ups.column("late")
            + follow_ups.column("could_not_reach");
        let impact = Impact {
            from: period.from.to_string(),
            to: period.to.to_string(),
            timezone: self.config.hours.timezone.clone(),
            requests,
            people_served: u64::try_from(people.people).unwrap_or(0),
            returning_people: u64::try_from(people.returning).unwrap_or(0),
            share_returning: share(
                u64::try_from(people.returning).unwrap_or(0),
                u64::try_from(people.people).unwrap_or(0),
            ),
            share_ems_with_consent: share(ems.column("agreed"), ems_total),
            share_referrals_connected: share(referrals.column("connected"), referrals.total()),
            share_follow_ups_on_time: share(follow_ups.column("on_time"), done),
            tables: vec![
                channel,
                outcome,
                priority,
                need,
                hood,
                ems,
                alerts,
                referrals,
                follow_ups,
                availability,
                outreach,
                warmline,
                warmline_offered,
                warmline_minutes,
            ],
            times,
            aid: aid_figures(&aid),
            closed_or_full,
        };
        Ok((impact, aid))
    }
}

impl App {
    /// Outreach by month: walks and what they counted, and the different people who gave a returning-person code
    /// in each month (not summed: a person met in two months is one in each).
    async fn outreach_table(&self, months: &[Bucket], b: &Buckets) -> AppResult<Table> {
        let store = self.store.outreach();
        let (counts, (unique, _)) =
            tokio::try_join!(store.outreach_counts(b), store.outreach_unique(b))?;
        let mut t = Table::new(
            "outreach",
            months,
            codes([
                "walks",
                "people_reached",
                "unique_people",
                "naloxone_given",
                "naloxone_used",
                "referrals",
                "asked_for_team",
            ]),
            false,
        );
        for c in counts {
            for (col, n) in [
                ("walks", c.walks),
                ("people_reached", c.people_reached),
                ("naloxone_given", c.naloxone_given),
                ("naloxone_used", c.naloxone_used),
                ("referrals", c.referrals),
                ("asked_for_team", c.asked_for_team),
            ] {
                t.add(c.bucket, col, n);
            }
        }
        for u in unique {
            t.add(u.bucket, "unique_people", u.n);
        }
        Ok(t)
    }
}

impl App {
    /// Warmline contacts by month: by what they were about, by what was offered (a contact may be offered several
    /// things, so that table has no totals), and the minutes they took.
    async fn warmline_tables(
        &self,
        months: &[Bucket],
        b: &Buckets,
    ) -> AppResult<(Table, Table, Table)> {
        let counts = self.store.warmline().warmline_counts(b).await?;
        let mut about = Table::new(
            "warmline",
            months,
            codes(heart_domain::warmline::ABOUT),
            true,
        );
        let mut offered = Table::new(
            "warmline_offered",
            months,
            codes(heart_domain::warmline::OFFERED),
            false,
        );
        let mut minutes = Table::new("warmline_minutes", months, codes(["minutes"]), true);
        for c in &counts {
            about.add(c.bucket, &c.about, c.n);
            minutes.add(c.bucket, "minutes", c.minutes);
            for o in c.offered.split(',').filter(|o| !o.is_empty()) {
                offered.add(c.bucket, o, c.n);
            }
        }
        Ok((about, offered, minutes))
    }
}

fn buckets(months: &[Bucket]) -> Buckets {
    let mut b: Vec<_> = months.iter().map(|m| m.start).collect();
    if let Some(last) = months.last() {
        b.push(last.end);
    }
    Buckets(b)
}

fn outcome_columns() -> Vec<String> {
    let mut c = codes(CloseOutcome::ALL.map(CloseOutcome::as_str));
    c.extend(codes(["cancelled", "not_closed"]));
    c
}

/// Orders a table's columns (and their cells) by `key`.
fn sort_columns<K: Ord>(t: &mut Table, key: impl Fn(&str) -> K) {
    let mut order: Vec<usize> = (0..t.columns.len()).collect();
    order.sort_by_key(|c| key(&t.columns[*c]));
    t.columns = order.iter().map(|c| t.columns[*c].clone()).collect();
    for r in &mut t.cells {
        *r = order.iter().map(|c| r[*c]).collect();
    }
}

fn times(
    months: &[Bucket],
    durations: &[heart_store::impact::Duration],
) -> (Vec<TimeFigure>, AfterHours) {
    // (month, channel or none, step) -> minutes.
    let mut by: BTreeMap<(usize, Option<String>, usize), Minutes> = BTreeMap::new();
    let mut after = Minutes::default();
    for d in durations {
        let Some(step) = STEPS.iter().position(|s| *s == d.step) else {
            continue;
        };
        let n = u64::try_from(d.n).unwrap_or(0);
        by.entry((d.bucket, Some(d.channel.clone()), step))
            .or_default()
            .add(d.minutes, n);
        by.entry((d.bucket, None, step))
            .or_default()
            .add(d.minutes, n);
        if step == 0 && matches!(d.availability.as_deref(), Some("closed" | "full")) {
            after.add(d.minutes, n);
        }
    }
    let figures = by
        .into_iter()
        .map(|((b, channel, step), m)| TimeFigure {
            month: months.get(b).map(|m| m.label.clone()).unwrap_or_default(),
            channel,
            step: STEPS[step],
            count: m.count(),
            p50_minutes: m.percentile(0.5),
            p90_minutes: m.percentile(0.9),
        })
        .collect();
    (
        figures,
        AfterHours {
            arrived: 0,
            answered: after.count(),
            p50_minutes: after.percentile(0.5),
            p90_minutes: after.percentile(0.9),
        },
    )
}

fn aid_figures(paid: &[heart_store::impact::AidPaid]) -> Vec<AidFigure> {
    let mut by: BTreeMap<(String, String), Vec<i64>> = BTreeMap::new();
    for a in paid {
        by.entry((a.fund_name.clone(), a.currency.clone()))
            .or_default()
            .push(a.amount_minor);
    }
    by.into_iter()
        .map(|((fund, currency), mut amounts)| {
            amounts.sort_unstable();
            AidFigure {
                fund,
                currency,
                count: amounts.len() as u64,
                total_minor: amounts.iter().sum(),
                median_minor: median(&amounts),
            }
        })
        .collect()
}
