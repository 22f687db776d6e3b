//! The rota: a team's weekly pattern makes its shifts (the rota's slots) four weeks ahead; people sign up, withdraw,
//! offer a place for a swap that someone else takes, and coordinators place people. The board's "on shift" is the
//! rota's: a team is on shift while one of its slots covers now. Each person may keep a private calendar feed of
//! their own shifts (its token shown once, only its hash kept).

mod strain;

pub use strain::{MyWeek, PastLimits, Strained};

use crate::{Actor, ActorKind, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{ShiftId, TeamId, UserId};
use heart_domain::rota::{self as rules, Move, Place};
use heart_domain::time::Timestamp;
use heart_store::rota::{PatternRow, PlaceRow, RotaOp, SlotRow};
use heart_store::{ChangeSet, Op, ShiftRow, StoreError};

/// The people who may see the rota when signed in (a token that acts for no person needs `dispatch` or
/// `coordinate`); partners' accounts and systems that hand requests in may not.
const READERS: [Capability; 6] = [
    Capability::Intake,
    Capability::Dispatch,
    Capability::Respond,
    Capability::Coordinate,
    Capability::Admin,
    Capability::Finance,
];

/// The longest period the rota is read for at once, in days.
const PERIOD_DAYS_MAX: i64 = 92;

/// One person's place in a slot.
#[derive(Clone, Debug, PartialEq)]
pub struct RotaPlace {
    pub user_id: UserId,
    pub name: String,
    /// Offered for a swap; nobody has taken it yet.
    pub offered: bool,
}

/// A slot of the rota: one team's shift and who has a place in it.
#[derive(Clone, Debug, PartialEq)]
pub struct RotaSlot {
    pub id: ShiftId,
    pub team_id: TeamId,
    pub team_name: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub needed: i64,
    pub people: Vec<RotaPlace>,
}

impl RotaSlot {
    /// Places nobody has taken.
    pub fn free(&self) -> i64 {
        (self.needed - self.people.len() as i64).max(0)
    }
    pub fn has(&self, user: UserId) -> bool {
        self.people.iter().any(|p| p.user_id == user)
    }
    /// A place someone other than `user` offered for a swap.
    pub fn offered_to(&self, user: UserId) -> Option<&RotaPlace> {
        self.people.iter().find(|p| p.offered && p.user_id != user)
    }
}

/// A team's weekly pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct RotaPattern {
    pub team_id: TeamId,
    pub team_name: String,
    pub pattern: String,
    pub needed: i64,
}

/// The rota page: four weeks from today.
#[derive(Clone, Debug)]
pub struct Rota {
    pub slots: Vec<RotaSlot>,
    pub patterns: Vec<RotaPattern>,
    /// Every team, by name: (id, name).
    pub teams: Vec<(TeamId, String)>,
    /// The person looking (none for a token that acts for no person).
    pub me: Option<UserId>,
    /// The person's team: they sign up for its slots.
    pub my_team: Option<TeamId>,
    /// Responders a coordinator may place, by team: (id, name, team).
    pub responders: Vec<(UserId, String, Option<TeamId>)>,
    /// When the person's calendar feed was made, if they keep one.
    pub feed_made: Option<Timestamp>,
    /// For those who coordinate: the coming places past someone's hours or rest.
    pub strained: Vec<Strained>,
}

impl Rota {
    /// Slots short of people, soonest first: the gaps the page shows first.
    pub fn gaps(&self) -> Vec<&RotaSlot> {
        self.slots.iter().filter(|s| s.free() > 0).collect()
    }
}

/// What someone does with a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RotaMove {
    SignUp,
    Withdraw,
    /// Offer one's place for a swap.
    Offer,
    /// Take back one's offer.
    KeepPlace,
    /// Take the place another person offered.
    Take,
    /// A coordinator places a person.
    Place(UserId),
    /// A coordinator takes a person off.
    Remove(UserId),
}

impl RotaMove {
    fn audit(self) -> &'static str {
        match self {
            RotaMove::SignUp => "rota.sign_up",
            RotaMove::Withdraw => "rota.withdraw",
            RotaMove::Offer => "rota.offer",
            RotaMove::KeepPlace => "rota.keep_place",
            RotaMove::Take => "rota.take",
            RotaMove::Place(_) => "rota.place",
            RotaMove::Remove(_) => "rota.remove",
        }
    }
}

/// Places and calendar links are a person's own: a token that acts for nobody has none.
fn people_only() -> AppError {
    AppError::conflict(
        "people-only",
        "only a person signed in (or a token made for one) has a place on the rota",
    )
}

fn slot_error(code: &'static str) -> AppError {
    AppError::field("slot", code)
}

impl App {
    fn may_read_rota(&self, actor: &Actor) -> AppResult<()> {
        match actor.kind {
            ActorKind::User(_) => actor.require(&READERS),
            _ => actor.require(&[Capability::Dispatch, Capability::Coordinate]),
        }
    }

    async fn slot_views(&self, rows: Vec<SlotRow>) -> AppResult<Vec<RotaSlot>> {
        let teams = self.store.teams().await?;
        Ok(rows
            .into_iter()
            .map(|r| RotaSlot {
                id: r.shift.id,
                team_id: r.shift.team_id,
                team_name: teams
                    .iter()
                    .find(|t| t.id == r.shift.team_id)
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                starts_at: r.shift.starts_at,
                ends_at: r.shift.ends_at,
                needed: r.shift.needed,
                people: r
                    .places
                    .into_iter()
                    .map(|p| RotaPlace {
                        user_id: p.user_id,
                        name: p.name,
                        offered: p.offered_at.is_some(),
                    })
                    .collect(),
            })
            .collect())
    }

    /// The rota from the first day to the last (both included, `YYYY-MM-DD` in the team's time zone; at most 92
    /// days).
    pub async fn rota_between(
        &self,
        actor: &Actor,
        from: Option<&str>,
        to: Option<&str>,
    ) -> AppResult<Vec<RotaSlot>> {
        self.may_read_rota(actor)?;
        let mut e = heart_domain::intake::FieldErrors::default();
        let mut day = |field: &str, v: Option<&str>| -> Option<jiff::civil::Date> {
            let v = v.map(str::trim).filter(|v| !v.is_empty());
            let d = v.and_then(|v| v.parse().ok());
            if d.is_none() {
                e.add(
                    field,
                    if v.is_none() {
                        "required"
                    } else {
                        "invalid_date"
                    },
                );
            }
            d
        };
        let (from, to) = (day("from", from), day("to", to));
        if let (Some(f), Some(t)) = (from, to)
            && (t < f || (t - f).get_days() as i64 >= PERIOD_DAYS_MAX)
        {
            e.add("to", "out_of_range");
        }
        let start = from.and_then(|d| self.config.local_moment(d, jiff::civil::Time::midnight()));
        let end = to
            .and_then(|d| d.tomorrow().ok())
            .and_then(|d| self.config.local_moment(d, jiff::civil::Time::midnight()));
        let (Some(start), Some(end)) = (start, end) else {
            return Err(AppError::Invalid(e));
        };
        if !e.0.is_empty() {
            return Err(AppError::Invalid(e));
        }
        self.slot_views(self.store.rota().slots(start, end).await?)
            .await
    }

    /// The rota page: four weeks from the start of today, the patterns, and what the person may do.
    pub async fn rota(&self, actor: &Actor) -> AppResult<Rota> {
        self.may_read_rota(actor)?;
        let now = self.clock.now();
        let today = now.to_zoned_datetime(self.config.tz()).date();
        let start = self
            .config
            .local_moment(today, jiff::civil::Time::midnight())
            .unwrap_or(now);
        let end = start
            .checked_add(jiff::SignedDuration::from_hours(24 * rules::DAYS_AHEAD))
            .unwrap_or(start);
        let slots = self
            .slot_views(self.store.rota().slots(now, end).await?)
            .await?;
        let teams = self.store.teams().await?;
        let patterns = self
            .store
            .rota()
            .patterns()
            .await?
            .into_iter()
            .map(|p| RotaPattern {
                team_name: teams
                    .iter()
                    .find(|t| t.id == p.team_id)
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                team_id: p.team_id,
                pattern: p.pattern,
                needed: p.needed,
            })
            .collect();
        let me = match actor.kind {
            ActorKind::User(u) => Some(u),
            _ => None,
        };
        let responders = if actor.caps.has(Capability::Coordinate) {
            self.store
                .users()
                .await?
                .into_iter()
                .filter(|u| u.active && u.capabilities.has(Capability::Respond))
                .map(|u| (u.id, u.display_name, u.team_id))
                .collect()
        } else {
            Vec::new()
        };
        let feed_made = match me {
            Some(u) => self.store.rota().feed_made(u).await?,
            None => None,
        };
        let mut teams: Vec<_> = teams.into_iter().map(|t| (t.id, t.name)).collect();
        teams.sort_by(|a, b| a.1.cmp(&b.1));
        let mut rota = Rota {
            slots,
            patterns,
            teams,
            me,
            my_team: actor.team,
            responders,
            feed_made,
            strained: Vec::new(),
        };
        if actor.caps.has(Capability::Coordinate) {
            rota.strained = self.strains(&rota).await?;
        }
        Ok(rota)
    }

    /// Sets a team's weekly pattern and makes its slots four weeks ahead; slots the old pattern made that nobody
    /// took and the new one does not make are dropped. Returns how many slots the pattern makes in those weeks.
    pub async fn set_rota_pattern(
        &self,
        actor: &Actor,
        team: TeamId,
        pattern: Option<&str>,
        needed: Option<i64>,
    ) -> AppResult<usize> {
        actor.require(&[Capability::Coordinate, Capability::Admin])?;
        let mut e = heart_domain::intake::FieldErrors::default();
        let spec = pattern.map(str::trim).unwrap_or_default();
        if spec.is_empty() {
            e.add("pattern", "required");
        } else if let Err(code) = rules::parse_pattern(spec) {
            e.add("pattern", code);
        }
        let needed = needed.unwrap_or(rules::DEFAULT_NEEDED);
        if let Err(code) = rules::check_needed(needed) {
            e.add("needed", code);
        }
        if !e.0.is_empty() {
            return Err(AppError::Invalid(e));
        }
        self.store.team(team).await?.ok_or(AppError::NotFound)?;
        let now = self.clock.now();
        let row = PatternRow {
            team_id: team,
            pattern: spec.to_string(),
            needed,
            set_at: now,
            set_by: actor.audit_name(),
        };
        let mut cs = ChangeSet::new().op(Op::Rota(RotaOp::SetPattern(row.clone())));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "rota.pattern",
            "team",
            &team.to_string(),
            spec,
        ));
        let (make, drop) = self.slots_to_make(&row, now).await?;
        let made = make.len();
        cs.push(Op::Rota(RotaOp::MakeSlots(make)));
        cs.push(Op::Rota(RotaOp::DropEmptySlots(drop)));
        self.store.apply(cs).await?;
        self.teams_changed();
        self.publish(crate::dispatch::team_event(team));
        Ok(made)
    }

    /// What a pattern makes from the start of today for four weeks that is not made yet, and the future slots an
    /// earlier pattern made that this one does not.
    async fn slots_to_make(
        &self,
        p: &PatternRow,
        now: Timestamp,
    ) -> AppResult<(Vec<ShiftRow>, Vec<ShiftId>)> {
        let windows = rules::parse_pattern(&p.pattern).unwrap_or_default();
        let tz = self.config.tz();
        let today = now.to_zoned_datetime(tz.clone()).date();
        let wanted: Vec<_> = rules::slots(&windows, &tz, today, rules::DAYS_AHEAD)
            .into_iter()
            .filter(|(_, end)| *end > now)
            .collect();
        let horizon = wanted.last().map(|w| w.1).unwrap_or(now).max(
            now.checked_add(jiff::SignedDuration::from_hours(24 * rules::DAYS_AHEAD))
                .unwrap_or(now),
        );
        let have: Vec<SlotRow> = self
            .store
            .rota()
            .slots(now, horizon)
            .await?
            .into_iter()
            .filter(|s| s.shift.team_id == p.team_id)
            .collect();
        // A slot already made, or a shift added by hand that overlaps it, is not made again.
        let make = wanted
            .iter()
            .filter(|(s, e)| {
                !have.iter().any(|h| {
                    (h.shift.starts_at == *s && h.shift.ends_at == *e)
                        || (!h.shift.from_pattern && h.shift.starts_at < *e && *s < h.shift.ends_at)
                })
            })
            .map(|(s, e)| ShiftRow {
                id: ShiftId::new(),
                team_id: p.team_id,
                starts_at: *s,
                ends_at: *e,
                needed: p.needed,
                from_pattern: true,
                version: 1,
            })
            .collect();
        let drop = have
            .iter()
            .filter(|h| h.shift.from_pattern && h.shift.starts_at > now && h.places.is_empty())
            .filter(|h| {
                !wanted
                    .iter()
                    .any(|(s, e)| h.shift.starts_at == *s && h.shift.ends_at == *e)
            })
            .map(|h| h.shift.id)
            .collect();
        Ok((make, drop))
    }

    /// Keeps every team's rota four weeks ahead (run hourly by the server; making the same slot twice makes it
    /// once). Returns how many slots were made.
    pub async fn extend_rota(&self, actor: &Actor) -> AppResult<usize> {
        actor.require(&[Capability::Coordinate, Capability::Admin])?;
        let now = self.clock.now();
        let mut made = 0;
        for p in self.store.rota().patterns().await? {
            let (make, _) = self.slots_to_make(&p, now).await?;
            if make.is_empty() {
                continue;
            }
            made += make.len();
            self.store
                .apply(ChangeSet::new().op(Op::Rota(RotaOp::MakeSlots(make))))
                .await?;
        }
        if made > 0 {
            self.teams_changed();
        }
        Ok(made)
    }

    /// Signs up, withdraws, offers a place for a swap, takes one, or (a coordinator) places or removes a person.
    /// Decided on the slot as read; a change committed meanwhile is read again and decided anew (so of two people
    /// taking the last place, one has it and the other is told the slot is full).
    pub async fn rota_move(
        &self,
        actor: &Actor,
        slot: ShiftId,
        m: RotaMove,
    ) -> AppResult<RotaSlot> {
        self.rota_move_past(actor, slot, m, &PastLimits::default())
            .await
    }

    /// As `rota_move`, saying what to do when the place goes past the team's hours or rest (`week_hours`,
    /// `rest_hours`): a person signs up anyway (the coordinators are told), a coordinator gives a reason (kept in
    /// the audit entry; the person is told). Without it, such a place is a field error.
    pub async fn rota_move_past(
        &self,
        actor: &Actor,
        slot: ShiftId,
        m: RotaMove,
        past: &PastLimits,
    ) -> AppResult<RotaSlot> {
        let who = match m {
            RotaMove::Place(u) | RotaMove::Remove(u) => {
                actor.require(&[Capability::Coordinate, Capability::Admin])?;
                u
            }
            _ => {
                actor.require(&[Capability::Respond])?;
                match actor.kind {
                    ActorKind::User(u) => u,
                    _ => return Err(people_only()),
                }
            }
        };
        for _ in 0..3 {
            match self.try_move(actor, slot, who, m, past).await {
                Err(AppError::Conflict(c)) if c.key == "changed-meanwhile" => continue,
                other => return other,
            }
        }
        Err(AppError::conflict(
            "changed-meanwhile",
            "the slot kept changing; try again",
        ))
    }

    async fn try_move(
        &self,
        actor: &Actor,
        slot: ShiftId,
        who: UserId,
        m: RotaMove,
        past: &PastLimits,
    ) -> AppResult<RotaSlot> {
        let row = self
            .store
            .rota()
            .slot(slot)
            .await?
            .ok_or(AppError::NotFound)?;
        if matches!(m, RotaMove::SignUp | RotaMove::Take | RotaMove::Place(_)) {
            let user = self.store.user(who).await?.ok_or(AppError::NotFound)?;
            let field = if matches!(m, RotaMove::Place(_)) {
                "member"
            } else {
                "slot"
            };
            if !user.active || !user.capabilities.has(Capability::Respond) {
                return Err(AppError::field(field, "invalid"));
            }
            if user.team_id != Some(row.shift.team_id) {
                return Err(AppError::field(field, "not_member"));
            }
        }
        let strain = if matches!(m, RotaMove::SignUp | RotaMove::Take | RotaMove::Place(_))
            && !row.places.iter().any(|p| p.user_id == who)
        {
            let s = self.strain_of(who, &row).await?;
            Self::past_allowed(m, &s, past)?;
            s.code()
        } else {
            None
        };
        let now = self.clock.now();
        let rules_slot = rules::Slot {
            starts_at: row.shift.starts_at,
            ends_at: row.shift.ends_at,
            needed: row.shift.needed,
            places: row
                .places
                .iter()
                .map(|p| Place {
                    user: p.user_id,
                    offered: p.offered_at.is_some(),
                })
                .collect(),
        };
        let step = match m {
            RotaMove::SignUp | RotaMove::Place(_) => Move::Join(who),
            RotaMove::Withdraw | RotaMove::Remove(_) => Move::Leave(who),
            RotaMove::Offer => Move::Offer(who),
            RotaMove::KeepPlace => Move::KeepPlace(who),
            RotaMove::Take => {
                // The first place offered by someone else (or, with none, the person's own: a swap with oneself).
                let from = row
                    .places
                    .iter()
                    .find(|p| p.offered_at.is_some() && p.user_id != who)
                    .or_else(|| row.places.iter().find(|p| p.offered_at.is_some()))
                    .map(|p| p.user_id)
                    .ok_or(slot_error("not_offered"))?;
                Move::Take { from, to: who }
            }
        };
        let next = rules_slot.after(step, now).map_err(slot_error)?;
        let name = match self.store.user(who).await? {
            Some(u) => u.display_name,
            None => String::new(),
        };
        let places = next
            .places
            .iter()
            .map(|p| {
                let old = row.places.iter().find(|o| o.user_id == p.user);
                PlaceRow {
                    user_id: p.user,
                    name: old.map(|o| o.name.clone()).unwrap_or_else(|| name.clone()),
                    since: old.map(|o| o.since).unwrap_or(now),
                    offered_at: match (p.offered, old.and_then(|o| o.offered_at)) {
                        (false, _) => None,
                        (true, Some(at)) => Some(at),
                        (true, None) => Some(now),
                    },
                    placed_by: old
                        .map(|o| o.placed_by.clone())
                        .unwrap_or_else(|| actor.audit_name()),
                    reminded_at: old.and_then(|o| o.reminded_at),
                }
            })
            .collect::<Vec<_>>();
        let mut cs = ChangeSet::new().op(Op::Rota(RotaOp::SetPlaces {
            shift: slot,
            version: row.shift.version,
            places: places.clone(),
        }));
        let mut detail = format!("user:{who}");
        if let Some(code) = strain {
            detail.push_str(&format!(" {code}"));
            if let (RotaMove::Place(_), Some(r)) = (m, past.reason.as_deref()) {
                detail.push_str(&format!(" reason:{}", r.trim()));
            }
            cs.ops.extend(self.past_alerts(m, who, slot).await?);
        }
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            m.audit(),
            "shift",
            &slot.to_string(),
            &detail,
        ));
        self.store.apply(cs).await.map_err(|e| match e {
            StoreError::Conflict => AppError::conflict("changed-meanwhile", e.to_string()),
            other => other.into(),
        })?;
        let mut row = row;
        row.shift.version += 1;
        row.places = places;
        self.slot_views(vec![row])
            .await?
            .pop()
            .ok_or(AppError::NotFound)
    }

    /// Reminds each person with a place in a shift that begins within a day, once, on their phones (the alert names
    /// the kind and links to the rota, nothing else). Run every few minutes by the server; of two nodes, one
    /// reminds. Returns how many places were reminded.
    pub async fn remind_shifts(&self, actor: &Actor) -> AppResult<usize> {
        actor.require(&[Capability::Coordinate, Capability::Admin])?;
        let now = self.clock.now();
        let until = now
            .checked_add(jiff::SignedDuration::from_hours(24))
            .unwrap_or(now);
        let mut reminded = 0;
        for slot in self.store.rota().slots(now, until).await? {
            if slot.shift.starts_at <= now || slot.shift.starts_at > until {
                continue;
            }
            for p in slot.places.iter().filter(|p| p.reminded_at.is_none()) {
                let mut cs = ChangeSet::new().op(Op::Rota(RotaOp::Reminded {
                    shift: slot.shift.id,
                    user: p.user_id,
                    at: now,
                }));
                let kind = crate::push::PushKind::ShiftReminder;
                cs.ops.extend(
                    self.alert_ops(&[p.user_id], kind, None, None, "/rota")
                        .await?,
                );
                match self.store.apply(cs).await {
                    Ok(()) => reminded += 1,
                    // Another node reminded them first.
                    Err(StoreError::Conflict) => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
        Ok(reminded)
    }

    /// Makes the person's calendar feed (a link any calendar app can subscribe to), replacing an earlier one, whose
    /// link stops working. The token is returned once; only its hash is kept.
    pub async fn make_rota_feed(&self, actor: &Actor) -> AppResult<String> {
        let ActorKind::User(user) = actor.kind else {
            return Err(people_only());
        };
        self.may_read_rota(actor)?;
        let token = heart_crypto::random_token(24);
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Rota(RotaOp::SetFeed {
            user,
            token_hash: heart_crypto::sha256_hex(&token),
            at: now,
        }));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "rota.feed_made",
            "user",
            &user.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok(token)
    }

    /// Ends the person's calendar feed: its link answers 404 from now on.
    pub async fn drop_rota_feed(&self, actor: &Actor) -> AppResult<()> {
        let ActorKind::User(user) = actor.kind else {
            return Err(people_only());
        };
        self.may_read_rota(actor)?;
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Rota(RotaOp::DropFeed(user)));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "rota.feed_revoked",
            "user",
            &user.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        Ok(())
    }

    /// The shifts of the person whose feed token this is, from four weeks back to four weeks ahead; `NotFound` for
    /// an unknown or revoked token, or an account that has ended.
    pub async fn rota_feed(&self, token: &str) -> AppResult<Vec<RotaSlot>> {
        let hash = heart_crypto::sha256_hex(token.trim());
        let user = self
            .store
            .rota()
            .feed_user(&hash)
            .await?
            .ok_or(AppError::NotFound)?;
        match self.store.user(user).await? {
            Some(u) if u.active => {}
            _ => return Err(AppError::NotFound),
        }
        let now = self.clock.now();
        let span = jiff::SignedDuration::from_hours(24 * rules::DAYS_AHEAD);
        let (from, to) = (
            now.checked_sub(span).unwrap_or(now),
            now.checked_add(span).unwrap_or(now),
        );
        let mine = self
            .store
            .rota()
            .slots(from, to)
            .await?
            .into_iter()
            .filter(|s| s.places.iter().any(|p| p.user_id == user))
            .collect();
        self.slot_views(mine).await
    }
}
