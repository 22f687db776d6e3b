//! Training records: coordinators record what each person trained in and until when it holds; a training that has
//! lapsed or lapses within 30 days is shown to the person (their account page) and to the coordinators
//! (`/trainings`). Care for the people who do the work: nobody is scored.

use crate::doing::Doing;
use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{TrainingId, UserId};
use heart_domain::training::{TrainingInput, standing};
use heart_store::trainings::{TrainingOp, TrainingRow};
use heart_store::{ChangeSet, Op, StoreError};

/// A training, with whose it is and where it stands today.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Training {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: TrainingId,
    /// The person's username.
    pub user: String,
    /// The person's name, as colleagues see it.
    pub name: String,
    pub kind: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// YYYY-MM-DD; none: it does not expire.
    pub expires: Option<String>,
    /// current, expiring (within 30 days) or expired.
    pub standing: &'static str,
}

impl App {
    /// Today in the team's time zone.
    pub(crate) fn today(&self) -> jiff::civil::Date {
        self.clock.now().to_zoned_datetime(self.config.tz()).date()
    }

    fn training_of(&self, r: TrainingRow, user: &str, name: &str) -> Training {
        let expires = r.expires_on.as_deref().and_then(|x| x.parse().ok());
        Training {
            id: r.id,
            user: user.to_string(),
            name: name.to_string(),
            kind: r.kind,
            date: r.done_on,
            standing: standing(expires, self.today()),
            expires: r.expires_on,
        }
    }

    /// Records a training for someone on the team (capability `coordinate`).
    pub async fn record_training(
        &self,
        actor: &Actor,
        input: TrainingInput,
    ) -> AppResult<Training> {
        self.may(actor, Doing::Trainings)?;
        let checked = input.check(self.today());
        let user = match input
            .user
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            None => Err("required"),
            Some(u) => match self.store.user_by_username(u).await? {
                Some(row) if row.active && row.organization_id.is_none() => Ok(row),
                _ => Err("unknown"),
            },
        };
        let (c, user) = match (checked, user) {
            (Ok(c), Ok(u)) => (c, u),
            (c, u) => {
                let mut e = c.err().unwrap_or_default();
                if let Err(code) = u {
                    e.add("user", code);
                }
                return Err(AppError::Invalid(e));
            }
        };
        let now = self.clock.now();
        let row = TrainingRow {
            id: TrainingId::new(),
            user_id: user.id,
            kind: c.kind.into(),
            done_on: c.date.to_string(),
            expires_on: c.expires.map(|x| x.to_string()),
            recorded_by: actor.audit_name(),
            recorded_at: now,
        };
        let mut cs = ChangeSet::new().op(Op::Training(TrainingOp::Record(row.clone())));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "training.record",
            "user",
            &user.id.to_string(),
            c.kind,
        ));
        self.store.apply(cs).await?;
        Ok(self.training_of(row, &user.username, &user.display_name))
    }

    /// Removes a training record typed by mistake (capability `coordinate`).
    pub async fn remove_training(&self, actor: &Actor, id: TrainingId) -> AppResult<()> {
        self.may(actor, Doing::Trainings)?;
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Training(TrainingOp::Remove { id }));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "training.remove",
            "training",
            &id.to_string(),
            "",
        ));
        match self.store.apply(cs).await {
            Ok(()) => Ok(()),
            Err(StoreError::Conflict) => Err(AppError::NotFound),
            Err(e) => Err(e.into()),
        }
    }

    /// Every training of the team's active people, by name (capability `coordinate`).
    pub async fn trainings(&self, actor: &Actor) -> AppResult<Vec<Training>> {
        self.may(actor, Doing::Trainings)?;
        let users = self.store.users().await?;
        let mut out: Vec<Training> = self
            .store
            .trainings()
            .trainings()
            .await?
            .into_iter()
            .filter_map(|r| {
                let u = users.iter().find(|u| u.id == r.user_id && u.active)?;
                Some(self.training_of(r, &u.username, &u.display_name))
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name).then(b.date.cmp(&a.date)));
        Ok(out)
    }

    /// The people a training can be recorded for: the team's active accounts (username, name), by name.
    pub async fn trainable(&self, actor: &Actor) -> AppResult<Vec<(String, String)>> {
        self.may(actor, Doing::Trainings)?;
        let mut out: Vec<(String, String)> = self
            .store
            .users()
            .await?
            .into_iter()
            .filter(|u| u.active && u.organization_id.is_none())
            .map(|u| (u.username, u.display_name))
            .collect();
        out.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(out)
    }

    /// The signed-in person's own trainings (their account page).
    pub async fn my_trainings(&self, actor: &Actor) -> AppResult<Vec<Training>> {
        let ActorKind::User(id) = actor.kind else {
            return Ok(Vec::new());
        };
        let user: UserId = id;
        let rows = self.store.trainings().trainings_of(user).await?;
        Ok(rows
            .into_iter()
            .map(|r| self.training_of(r, "", &actor.name))
            .collect())
    }
}
