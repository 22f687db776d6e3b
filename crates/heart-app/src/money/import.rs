//! Gifts from a spreadsheet (`heart import gifts FILE.csv --map MAP.toml`): the rows read by the domain's map
//! (`heart_domain::import::GiftsMap`), each a gift entered by hand as the funds page takes one (a balanced entry,
//! the donor by email), without a receipt mail. A dry run reports what would be made and each refused row by line;
//! applying writes every gift in one change set, or none.

use super::*;
use crate::intake::import::ImportReport;
use heart_domain::import::GiftsMap;

impl App {
    /// Imports gifts from CSV (`finance`). With `apply` false nothing is written; with it, every gift is written in
    /// one change set, or none when any row is refused.
    pub async fn import_gifts(
        &self,
        actor: &Actor,
        csv_text: &[u8],
        map: &GiftsMap,
        apply: bool,
    ) -> AppResult<ImportReport> {
        actor.require(&[Capability::Finance])?;
        let digest = self.not_imported_before("gifts", csv_text).await?;
        let tz = jiff::tz::TimeZone::get(&self.config.hours.timezone)
            .map_err(|_| AppError::field("timezone", "invalid"))?;
        let today = self.clock.now().to_zoned_datetime(tz).date();
        let (gifts, mut refused) = map.read(csv_text, today).map_err(AppError::Invalid)?;
        let funds = self.store.money().funds().await?;
        let mut all = ChangeSet::new();
        let mut made = 0;
        for g in gifts {
            let Some(fund) = funds.iter().find(|f| {
                f.name.eq_ignore_ascii_case(g.fund.trim()) || f.id.to_string() == g.fund.trim()
            }) else {
                refused.push((g.line, "fund: there is no fund of that name".into()));
                continue;
            };
            let gift = ManualGift {
                fund_id: fund.id.to_string(),
                amount: g.amount,
                method: g.method,
                email: g.email,
                name: g.name,
                anonymous: false,
                message: g.message,
                date: Some(g.day.to_string()),
                language: None,
            };
            match self.gift_ops(actor, gift, false).await {
                Ok((cs, _)) => {
                    all.ops.extend(cs.ops);
                    all.audit.extend(cs.audit);
                    made += 1;
                }
                Err(AppError::Invalid(e)) => {
                    let why: Vec<String> =
                        e.0.iter()
                            .map(|(f, code)| format!("{f}: {}", code.replace('_', " ")))
                            .collect();
                    refused.push((g.line, why.join("; ")));
                }
                Err(e) => return Err(e),
            }
        }
        refused.sort();
        let report = ImportReport { made, refused };
        if apply && report.refused.is_empty() && made > 0 {
            self.audit_money(
                &mut all,
                actor,
                "donations.import",
                "donations",
                &made.to_string(),
            );
            all.push(self.import_op(digest, "gifts", made, &actor.audit_name()));
            self.apply_import(all).await?;
        }
        Ok(report)
    }
}
