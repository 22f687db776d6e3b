//! Supplies (`heart_domain::supply`): what the team keeps, where, and until when. Stock goes up when supplies are
//! received (bought: linked to the ledger entry that paid; donated in kind: a donor, as for a gift, with a receipt
//! that names the items and no value) and down when given out (by hand, as mutual aid in kind for a request, or by
//! a walk's tallies) or moved between places; each movement is audited. A walk is never refused for lack of
//! recorded stock: what the stock held goes, and the rest is a shortfall for a coordinator to look at. Low stock and
//! what expires within 30 days show on the supplies page and the board, and go to the coordinators once a day.

use crate::doing::Doing;
use crate::push::PushKind;
use crate::{Actor, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{DonorId, EntryId, RequestId, SupplyMoveId, WalkId};
use heart_domain::intake::FieldErrors;
use heart_domain::outreach::valid_item_kind;
use heart_domain::supply::{self, Direction, LevelInput, MoveInput};
use heart_store::StoreError;
use heart_store::model::DonorRow;
use heart_store::outreach::WalkRow;
use heart_store::supplies::{LevelRow, MoveRow, SupplyOp};
use heart_store::{ChangeSet, Op};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `[supplies]`: the kinds of things the team gives out (outreach tallies count them by kind), the places stock
/// is kept, the place walks take from, and the hour of the day's low-stock alert.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct SuppliesConfig {
    pub kinds: Vec<String>,
    /// Where stock is kept (the office, the van, a partner's closet).
    pub places: Vec<String>,
    /// The place a walk's items are taken from (one of `places`).
    pub walks_from: String,
    /// The hour (0-23, the team's time zone) from which the day's low-stock alert goes to the coordinators.
    pub alert_hour: u8,
}

impl Default for SuppliesConfig {
    fn default() -> Self {
        SuppliesConfig {
            kinds: [
                "water",
                "food",
                "socks",
                "hygiene_kits",
                "clothing",
                "blankets",
                "tents",
                "naloxone",
                "fentanyl_test_strips",
                "phone_chargers",
                "transit_passes",
            ]
            .map(String::from)
            .to_vec(),
            places: vec!["office".into(), "van".into()],
            walks_from: "van".into(),
            alert_hour: 8,
        }
    }
}

impl SuppliesConfig {
    pub fn validate(&self) -> Result<(), String> {
        if self.kinds.is_empty() || self.kinds.len() > 100 {
            return Err("[supplies] kinds must name 1 to 100 kinds".into());
        }
        for (i, k) in self.kinds.iter().enumerate() {
            if !valid_item_kind(k) {
                return Err(format!(
                    "[supplies] kinds: {k:?} is not a kind (1-40 lowercase letters, digits, _ or -)"
                ));
            }
            if self.kinds[..i].contains(k) {
                return Err(format!("[supplies] kinds: {k:?} is named twice"));
            }
        }
        if self.places.is_empty() || self.places.len() > 50 {
            return Err("[supplies] places must name 1 to 50 places".into());
        }
        for (i, p) in self.places.iter().enumerate() {
            if !valid_item_kind(p) {
                return Err(format!(
                    "[supplies] places: {p:?} is not a place name (1-40 lowercase letters, digits, _ or -)"
                ));
            }
            if self.places[..i].contains(p) {
                return Err(format!("[supplies] places: {p:?} is named twice"));
            }
        }
        if !self.places.contains(&self.walks_from) {
            return Err(format!(
                "[supplies] walks_from: {:?} is not one of places",
                self.walks_from
            ));
        }
        if self.alert_hour > 23 {
            return Err("[supplies] alert_hour must be 0 to 23".into());
        }
        Ok(())
    }
}

/// One kind at one place: what is on hand, its low mark, and how many expire within 30 days.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Supply {
    pub kind: String,
    pub place: String,
    pub on_hand: i64,
    /// At or below this it is low (0: never low).
    pub low_at: i64,
    /// How many of those on hand have expired or expire within 30 days.
    pub expiring_30d: i64,
    /// YYYY-MM-DD, the soonest expiry day of those on hand.
    pub soonest_expiry: Option<String>,
    /// Whether it is low.
    pub low: bool,
}

/// A movement of supplies.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplyMove {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: SupplyMoveId,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub at: jiff::Timestamp,
    /// received, given, moved or discarded.
    pub direction: String,
    pub kind: String,
    pub place: String,
    pub to_place: Option<String>,
    pub count: i64,
    /// Given by a walk: how many the stock did not hold.
    pub shortfall: i64,
    /// Received: YYYY-MM-DD.
    pub expires: Option<String>,
    /// Received: bought, donated or other.
    pub source: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub ledger_entry_id: Option<EntryId>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub walk_id: Option<WalkId>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub request_id: Option<RequestId>,
    /// Donated: the receipt's link (`/supplies/receipt/{token}`).
    pub receipt: Option<String>,
}

impl From<MoveRow> for SupplyMove {
    fn from(m: MoveRow) -> Self {
        SupplyMove {
            id: m.id,
            at: m.at,
            direction: m.direction,
            kind: m.kind,
            place: m.place,
            to_place: m.to_place,
            count: m.count,
            shortfall: m.shortfall,
            expires: m.expires_on,
            source: m.source,
            ledger_entry_id: m.entry_id,
            walk_id: m.walk_id,
            request_id: m.request_id,
            receipt: m.receipt_token.map(|t| format!("/supplies/receipt/{t}")),
        }
    }
}

/// A receipt for supplies donated in kind: the day, the donor's name as given, and the items; never a value.
#[derive(Clone, Debug, PartialEq)]
pub struct SupplyReceipt {
    /// YYYY-MM-DD, in the team's time zone.
    pub day: String,
    pub donor_name: Option<String>,
    /// Kind and how many, in the order received.
    pub items: Vec<(String, i64)>,
}

impl App {
    /// The places stock is kept (`[supplies] places`).
    pub fn supply_places(&self) -> &[String] {
        &self.config.supplies.places
    }

    /// Every kind at every place that has stock or a low mark (capability `respond` or `coordinate`).
    pub async fn supplies(&self, actor: &Actor) -> AppResult<Vec<Supply>> {
        self.may(actor, Doing::Supplies)?;
        self.stock().await
    }

    /// What is low or expires within 30 days, for the board and the day's alert (no capability checked: the
    /// caller shows it to those who coordinate).
    pub(crate) async fn stock(&self) -> AppResult<Vec<Supply>> {
        let today = self.today();
        let mut by: BTreeMap<(String, String), Supply> = BTreeMap::new();
        let blank = |kind: &str, place: &str| Supply {
            kind: kind.to_string(),
            place: place.to_string(),
            on_hand: 0,
            low_at: 0,
            expiring_30d: 0,
            soonest_expiry: None,
            low: false,
        };
        for l in self.store.supplies().supply_levels().await? {
            let s = by
                .entry((l.kind.clone(), l.place.clone()))
                .or_insert_with(|| blank(&l.kind, &l.place));
            s.low_at = l.low_at;
        }
        for lot in self.store.supplies().supply_lots().await? {
            let s = by
                .entry((lot.kind.clone(), lot.place.clone()))
                .or_insert_with(|| blank(&lot.kind, &lot.place));
            s.on_hand += lot.on_hand;
            if lot.on_hand == 0 {
                continue;
            }
            if let Some(day) = lot.expires_on.as_deref().and_then(|d| d.parse().ok()) {
                if supply::expiring(day, today) {
                    s.expiring_30d += lot.on_hand;
                }
                if s.soonest_expiry.is_none() {
                    s.soonest_expiry = lot.expires_on.clone();
                }
            }
        }
        Ok(by
            .into_values()
            .map(|mut s| {
                s.low = supply::low(s.on_hand, s.low_at);
                s
            })
            .collect())
    }

    /// What needs a coordinator's eye: low stock and what expires within 30 days (`Doing::KeepSupplies`).
    pub async fn supplies_to_watch(&self, actor: &Actor) -> AppResult<Vec<Supply>> {
        self.may(actor, Doing::KeepSupplies)?;
        Ok(self
            .stock()
            .await?
            .into_iter()
            .filter(|s| s.low || s.expiring_30d > 0)
            .collect())
    }

    /// The newest movements, at most 100.
    pub async fn supply_moves(&self, actor: &Actor) -> AppResult<Vec<SupplyMove>> {
        self.may(actor, Doing::Supplies)?;
        let rows = self.store.supplies().supply_moves(100).await?;
        Ok(rows.into_iter().map(SupplyMove::from).collect())
    }

    /// What walks gave beyond the stock recorded, until a coordinator has looked.
    pub async fn supply_shortfalls(&self, actor: &Actor) -> AppResult<Vec<SupplyMove>> {
        self.may(actor, Doing::KeepSupplies)?;
        let rows = self.store.supplies().supply_shortfalls().await?;
        Ok(rows.into_iter().map(SupplyMove::from).collect())
    }

    /// Records supplies received, given out or moved (capability `respond` or `coordinate`). Giving or moving
    /// more than is on hand is refused (`count`: `more_than_on_hand`), also when someone else took the last of it
    /// a moment before. A donation in kind makes a receipt.
    pub async fn move_supplies(&self, actor: &Actor, input: MoveInput) -> AppResult<SupplyMove> {
        self.may(actor, Doing::Supplies)?;
        let c = input
            .check(
                self.today(),
                &self.config.supplies.kinds,
                &self.config.supplies.places,
            )
            .map_err(AppError::Invalid)?;
        let mut errors = FieldErrors::default();
        let entry_id = match &c.ledger_entry_id {
            None => None,
            Some(e) => match e.parse::<EntryId>() {
                Ok(id) if self.store.money().entry(id).await?.is_some() => Some(id),
                _ => {
                    errors.add("ledger_entry_id", "not_found");
                    None
                }
            },
        };
        let request_id = match &c.request_id {
            None => None,
            Some(r) => match r.parse::<RequestId>() {
                Ok(id) if self.store.request(id).await?.is_some() => Some(id),
                _ => {
                    errors.add("request_id", "not_found");
                    None
                }
            },
        };
        if let Some(email) = &c.donor_email
            && !crate::money::valid_email(email)
        {
            errors.add("donor_email", "invalid_email");
        }
        // An item added to an earlier receipt: its donor is the receipt's.
        let earlier = match &c.receipt {
            None => None,
            Some(token) => {
                let rows = self.store.supplies().supply_receipt(token).await?;
                if rows.is_empty() {
                    errors.add("receipt", "not_found");
                }
                rows.into_iter().next()
            }
        };
        if c.direction != Direction::Received {
            let on_hand = self.on_hand(&c.kind, &c.place).await?;
            if c.count > on_hand {
                errors.add("count", "more_than_on_hand");
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let now = self.clock.now();
        let donated = c.source == Some("donated");
        let m = MoveRow {
            id: SupplyMoveId::new(),
            at: now,
            direction: c.direction.as_str().into(),
            kind: c.kind.clone(),
            place: c.place.clone(),
            to_place: c.to_place.clone(),
            count: c.count,
            shortfall: 0,
            expires_on: c.expires.map(|d| d.to_string()),
            source: c.source.map(String::from),
            entry_id,
            donor_id: earlier.as_ref().and_then(|e| e.donor_id),
            donor_name: c
                .donor_name
                .clone()
                .or_else(|| earlier.as_ref().and_then(|e| e.donor_name.clone())),
            receipt_token: match &earlier {
                Some(e) => e.receipt_token.clone(),
                None => donated.then(|| heart_crypto::random_token(24)),
            },
            walk_id: None,
            request_id,
            recorded_by: actor.audit_name(),
            checked_by: None,
            checked_at: None,
        };
        let donor = c.donor_email.clone().map(|email| DonorRow {
            id: DonorId::new(),
            email,
            name: c.donor_name.clone(),
            created_at: now,
        });
        let op = match c.direction {
            Direction::Received => SupplyOp::Receive {
                mv: Box::new(m.clone()),
                donor,
            },
            Direction::Given | Direction::Discarded => SupplyOp::Give {
                mv: Box::new(m.clone()),
                strict: true,
            },
            Direction::Moved => SupplyOp::Move {
                mv: Box::new(m.clone()),
            },
        };
        let mut cs = ChangeSet::new().op(Op::Supply(op));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            &format!("supply.{}", c.direction.as_str()),
            "supply_move",
            &m.id.to_string(),
            &c.kind,
        ));
        match self.store.apply(cs).await {
            Ok(()) => Ok(m.into()),
            Err(StoreError::Refused("short-stock")) => {
                Err(AppError::field("count", "more_than_on_hand"))
            }
            Err(e) => Err(e.into()),
        }
    }

    async fn on_hand(&self, kind: &str, place: &str) -> AppResult<i64> {
        Ok(self.store.supplies().supply_on_hand(kind, place).await?)
    }

    /// Sets the low mark of a kind at a place (capability `coordinate`).
    pub async fn set_supply_level(&self, actor: &Actor, input: LevelInput) -> AppResult<Supply> {
        self.may(actor, Doing::KeepSupplies)?;
        let (kind, place, low_at) = input
            .check(&self.config.supplies.kinds, &self.config.supplies.places)
            .map_err(AppError::Invalid)?;
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Supply(SupplyOp::Level(LevelRow {
            kind: kind.clone(),
            place: place.clone(),
            low_at,
        })));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "supply.level",
            "supply",
            &format!("{kind}@{place}"),
            &low_at.to_string(),
        ));
        self.store.apply(cs).await?;
        self.stock()
            .await?
            .into_iter()
            .find(|s| s.kind == kind && s.place == place)
            .ok_or_else(|| AppError::Internal("the low mark was not kept".into()))
    }

    /// A coordinator has looked at a walk's shortfall (a conflict when someone already had).
    pub async fn check_supply_shortfall(&self, actor: &Actor, id: &str) -> AppResult<()> {
        self.may(actor, Doing::KeepSupplies)?;
        let id: SupplyMoveId = id.parse().map_err(|_| AppError::NotFound)?;
        // Only a walk's shortfall is looked at; anything else is not one.
        match self.store.supplies().supply_move(id).await? {
            Some(m) if m.shortfall > 0 => {}
            _ => return Err(AppError::NotFound),
        }
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Supply(SupplyOp::Checked {
            id,
            by: actor.audit_name(),
            at: now,
        }));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "supply.shortfall_checked",
            "supply_move",
            &id.to_string(),
            "",
        ));
        self.store.apply(cs).await.map_err(|e| match e {
            StoreError::Conflict => AppError::conflict("done-already", e.to_string()),
            e => e.into(),
        })
    }

    /// A receipt's movements in the order received, and its day (the first's, in the team's time zone).
    async fn receipt_rows(&self, token: &str) -> AppResult<(Vec<MoveRow>, String)> {
        if token.len() > 64 {
            return Err(AppError::NotFound);
        }
        let rows = self.store.supplies().supply_receipt(token).await?;
        let first = rows.first().ok_or(AppError::NotFound)?;
        let day = first
            .at
            .to_zoned_datetime(self.config.tz())
            .date()
            .to_string();
        Ok((rows, day))
    }

    /// The day of a receipt an item is being added to (no donor: for whoever records supplies).
    pub async fn supply_receipt_day(&self, actor: &Actor, token: &str) -> AppResult<String> {
        self.may(actor, Doing::Supplies)?;
        Ok(self.receipt_rows(token).await?.1)
    }

    /// The receipt of a donation in kind, by its link (capability `finance`: it names the donor).
    pub async fn supply_receipt(&self, actor: &Actor, token: &str) -> AppResult<SupplyReceipt> {
        self.may(actor, Doing::SupplyReceipts)?;
        let (rows, day) = self.receipt_rows(token).await?;
        Ok(SupplyReceipt {
            day,
            donor_name: rows.first().and_then(|m| m.donor_name.clone()),
            items: rows.iter().map(|m| (m.kind.clone(), m.count)).collect(),
        })
    }

    /// What a walk gave, out of the stock at `[supplies] walks_from`: never refused; beyond the stock recorded,
    /// a shortfall for a coordinator. Kinds that are not kept as supplies are only counted.
    pub(crate) fn walk_supply_ops(&self, walk: &WalkRow) -> (Vec<Op>, Vec<AuditEntry>) {
        let cfg = &self.config.supplies;
        let mut given: BTreeMap<&str, i64> = walk
            .items
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| (k.as_str(), *n))
            .collect();
        if walk.naloxone_given > 0
            && cfg.kinds.iter().any(|k| k == "naloxone")
            && !given.contains_key("naloxone")
        {
            given.insert("naloxone", walk.naloxone_given);
        }
        given
            .into_iter()
            .map(|(kind, n)| {
                let id = SupplyMoveId::new();
                let audit = AuditEntry::new(
                    walk.recorded_at,
                    &walk.recorded_by,
                    "supply.given",
                    "supply_move",
                    &id.to_string(),
                    kind,
                );
                let op = Op::Supply(SupplyOp::Give {
                    mv: Box::new(MoveRow {
                        id,
                        at: walk.recorded_at,
                        direction: Direction::Given.as_str().into(),
                        kind: kind.to_string(),
                        place: cfg.walks_from.clone(),
                        to_place: None,
                        count: n.min(supply::MAX_COUNT),
                        shortfall: 0,
                        expires_on: None,
                        source: None,
                        entry_id: None,
                        donor_id: None,
                        donor_name: None,
                        receipt_token: None,
                        walk_id: Some(walk.id),
                        request_id: None,
                        recorded_by: walk.recorded_by.clone(),
                        checked_by: None,
                        checked_at: None,
                    }),
                    strict: false,
                });
                (op, audit)
            })
            .unzip()
    }

    /// The day's alert to the coordinators when something is low or expires within 30 days: once a day, from
    /// `[supplies] alert_hour` in the team's time zone, by one node. Returns whether it went.
    pub async fn alert_supplies(&self, actor: &Actor) -> AppResult<bool> {
        actor.require(&[Capability::Coordinate, Capability::Admin])?;
        let local = self.clock.now().to_zoned_datetime(self.config.tz());
        if i64::from(local.hour()) < i64::from(self.config.supplies.alert_hour) {
            return Ok(false);
        }
        if !self
            .stock()
            .await?
            .iter()
            .any(|s| s.low || s.expiring_30d > 0)
        {
            return Ok(false);
        }
        let coordinators: Vec<_> = self
            .store
            .users()
            .await?
            .into_iter()
            .filter(|u| u.active && u.capabilities.has(Capability::Coordinate))
            .map(|u| u.id)
            .collect();
        let mut cs = ChangeSet::new().op(Op::Supply(SupplyOp::Alerted {
            day: local.date().to_string(),
            at: self.clock.now(),
        }));
        cs.ops.extend(
            self.alert_ops(&coordinators, PushKind::Supplies, None, None, "/supplies")
                .await?,
        );
        match self.store.apply(cs).await {
            Ok(()) => Ok(true),
            // It went today already (here or from another node).
            Err(StoreError::Duplicate(_)) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
}
