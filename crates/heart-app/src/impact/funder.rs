//! A report for a funder (`/impact/funds`, coordinate or finance): for one fund and a period, the money that came
//! into it, what it paid for (mutual aid by purpose, fees, as posted to the ledger), the team's activity in the
//! same period, and the cost per request answered and per person served, with the definitions printed
//! (`docs/metrics.md`).

use super::Impact;
use crate::doing::Doing;
use crate::{Actor, App, AppResult};
use heart_domain::impact::Period;
use serde::Serialize;

/// One thing the fund paid for: `what` is "aid:<purpose>" or an expense account ("fees").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spent {
    pub what: String,
    pub count: u64,
    pub amount_minor: i64,
}

/// A fund's report over a period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunderReport {
    pub fund: String,
    pub fund_id: String,
    /// "general", "mutual_aid", "restricted".
    pub kind: String,
    pub currency: String,
    pub restriction: Option<String>,
    pub from: String,
    pub to: String,
    /// Money in: gifts and grants received, less gifts given back.
    pub gifts_minor: i64,
    pub grants_minor: i64,
    pub refunds_minor: i64,
    pub spent: Vec<Spent>,
    pub spent_minor: i64,
    /// Requests received in the period and not cancelled, and people served by them.
    pub requests_answered: u64,
    pub people_served: u64,
    pub cost_per_request_minor: Option<i64>,
    pub cost_per_person_minor: Option<i64>,
}

/// A local date as the ledger keeps it (20261127).
pub(crate) fn ledger_day(d: jiff::civil::Date) -> i64 {
    i64::from(d.year()) * 10000 + i64::from(d.month()) * 100 + i64::from(d.day())
}

impl App {
    /// The funds a report can be made for: (id, name), archived ones too.
    pub async fn report_funds(&self, actor: &Actor) -> AppResult<Vec<(String, String)>> {
        self.may(actor, Doing::FunderReport)?;
        Ok(self
            .store
            .money()
            .funds()
            .await?
            .into_iter()
            .map(|f| (f.id.to_string(), f.name))
            .collect())
    }

    /// The report for one fund over `period`.
    pub async fn funder_report(
        &self,
        actor: &Actor,
        fund: &str,
        period: Period,
    ) -> AppResult<FunderReport> {
        self.may(actor, Doing::FunderReport)?;
        let f = self.fund_or_404(fund).await?;
        let fid = f.id.to_string();
        let months = period.months(&self.config.tz());
        let (activity, paid): (Impact, _) = self.figures_and_aid(period, &months).await?;
        let sums = self
            .store
            .impact()
            .ledger_sums(ledger_day(period.from), ledger_day(period.to))
            .await?;
        let account = |a: &str| -> i64 {
            sums.iter()
                .filter(|s| s.fund_id == fid && s.account == a)
                .map(|s| s.amount_minor)
                .sum()
        };
        let mut spent: Vec<Spent> = Vec::new();
        for a in paid.iter().filter(|a| a.fund_id == fid) {
            let what = format!("aid:{}", a.purpose);
            match spent.iter_mut().find(|s| s.what == what) {
                Some(s) => {
                    s.count += 1;
                    s.amount_minor += a.amount_minor;
                }
                None => spent.push(Spent {
                    what,
                    count: 1,
                    amount_minor: a.amount_minor,
                }),
            }
        }
        spent.sort_by(|a, b| {
            b.amount_minor
                .cmp(&a.amount_minor)
                .then(a.what.cmp(&b.what))
        });
        let fee_lines = sums
            .iter()
            .filter(|s| s.fund_id == fid && s.account == "fees")
            .map(|s| u64::try_from(s.lines).unwrap_or(0))
            .sum();
        let fees = account("fees");
        if fees != 0 {
            spent.push(Spent {
                what: "fees".into(),
                count: fee_lines,
                amount_minor: fees,
            });
        }
        // What left the fund for care: aid as posted (reversals net out) and fees.
        let spent_minor = account("aid") + fees;
        let answered = activity.requests
            - activity
                .table("outcome")
                .map_or(0, |t| t.column("cancelled"));
        let per = |n: u64| {
            (n > 0 && spent_minor > 0).then(|| spent_minor / i64::try_from(n).unwrap_or(i64::MAX))
        };
        Ok(FunderReport {
            fund: f.name,
            fund_id: fid.clone(),
            kind: f.kind,
            currency: f.currency,
            restriction: f.restriction,
            from: activity.from.clone(),
            to: activity.to.clone(),
            gifts_minor: -account("gifts"),
            grants_minor: -account("grants"),
            refunds_minor: account("refunds"),
            spent,
            spent_minor,
            requests_answered: answered,
            people_served: activity.people_served,
            cost_per_request_minor: per(answered),
            cost_per_person_minor: per(activity.people_served),
        })
    }
}
