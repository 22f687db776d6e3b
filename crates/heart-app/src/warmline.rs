//! The warmline: a call or a text that needed no request is logged in three fields and counted in the team's
//! figures (`/impact`: by what it was about and by what was offered). Nothing personal is asked or kept.

use crate::doing::Doing;
use crate::{Actor, App, AppError, AppResult};
use heart_domain::audit::AuditEntry;
use heart_domain::ids::WarmlineId;
use heart_domain::warmline::WarmlineInput;
use heart_store::warmline::{WarmlineOp, WarmlineRow};
use heart_store::{ChangeSet, Op};

/// A warmline contact as logged.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarmlineContact {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: WarmlineId,
    /// RFC 3339.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub at: jiff::Timestamp,
    pub channel: String,
    pub minutes: i64,
    pub about: String,
    pub offered: Vec<String>,
}

impl App {
    /// Logs a warmline contact (capability intake, dispatch, respond or coordinate: whoever answered).
    pub async fn log_warmline(
        &self,
        actor: &Actor,
        input: WarmlineInput,
    ) -> AppResult<WarmlineContact> {
        self.may(actor, Doing::Warmline)?;
        let now = self.clock.now();
        let c = input.check(now).map_err(AppError::Invalid)?;
        let row = WarmlineRow {
            id: WarmlineId::new(),
            at: c.at,
            channel: c.channel.into(),
            minutes: c.minutes,
            about: c.about.into(),
            offered: c.offered.join(","),
            recorded_by: actor.audit_name(),
            recorded_at: now,
        };
        let mut cs = ChangeSet::new().op(Op::Warmline(WarmlineOp::Record(row.clone())));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "warmline.log",
            "warmline",
            &row.id.to_string(),
            c.about,
        ));
        self.store.apply(cs).await?;
        Ok(WarmlineContact {
            id: row.id,
            at: row.at,
            channel: row.channel,
            minutes: row.minutes,
            about: row.about,
            offered: c.offered.iter().map(|o| o.to_string()).collect(),
        })
    }
}
