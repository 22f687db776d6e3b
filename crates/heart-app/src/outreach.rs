//! Outreach walks and events, counted without names (`heart_domain::outreach`). A walk is recorded once, at its end
//! (from the tally page, kept on the phone while there is no signal, or the API): its place kept no finer than a
//! block, who went (accounts of the team), the tallies, and the returning-person codes as keyed hashes: the key lives
//! beside the key file (`heart.uci`), never in the database, so nobody can read a code back, and `heart keys
//! rotate-uci` makes every earlier code unmatchable. Someone who asked for a team opens a request in the usual
//! queue, linked to the walk. The weekly figures are grouped in the store.

use crate::doing::Doing;
use crate::offline::FromDevice;
use crate::{Actor, App, AppError, AppResult};
use heart_domain::access::Capability;
use heart_domain::audit::AuditEntry;
use heart_domain::ids::{RequestId, TeamId, WalkId};
use heart_domain::impact::Period;
use heart_domain::intake::{Channel, FieldErrors, IntakeInput, Location};
use heart_domain::outreach::{CheckedOutreach, OutreachInput, coarsen};
use heart_store::impact::Buckets;
use heart_store::outreach::{OutreachOp, WalkRow};
use heart_store::{ChangeSet, Op};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The key returning-person codes are hashed with: read from its file (beside the key file) and read again when
/// the file changes (`heart keys rotate-uci`), or, with no file, made in memory for this process (tests).
#[derive(Debug)]
pub struct CodeKey {
    path: Option<PathBuf>,
    read: Mutex<Option<(std::time::SystemTime, [u8; 32])>>,
    memory: [u8; 32],
}

impl Default for CodeKey {
    fn default() -> Self {
        CodeKey::in_memory()
    }
}

impl CodeKey {
    pub fn in_memory() -> Self {
        let memory = new_key();
        CodeKey {
            path: None,
            read: Mutex::new(None),
            memory,
        }
    }

    /// The key kept at `path`, made there (mode 0600) if it is not there yet; `true` when it was made.
    pub fn open(path: &Path) -> Result<(CodeKey, bool), String> {
        let made = if path.exists() {
            false
        } else {
            write_key(path)?;
            true
        };
        let k = CodeKey {
            path: Some(path.to_path_buf()),
            read: Mutex::new(None),
            memory: [0u8; 32],
        };
        k.current()?;
        Ok((k, made))
    }

    fn current(&self) -> Result<[u8; 32], String> {
        let Some(path) = &self.path else {
            return Ok(self.memory);
        };
        let modified = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .map_err(|e| format!("cannot read the returning-person key: {e}"))?;
        let mut read = self.read.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((at, key)) = *read
            && at == modified
        {
            return Ok(key);
        }
        let key = read_key(path)?;
        *read = Some((modified, key));
        Ok(key)
    }

    /// A code's keyed hash (HMAC-SHA-256, hex).
    fn hash(&self, code: &str) -> Result<String, String> {
        Ok(heart_crypto::hmac_sha256_hex(
            &self.current()?,
            code.as_bytes(),
        ))
    }
}

fn decode_key(text: &str) -> Option<[u8; 32]> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
}

/// 32 random bytes.
fn new_key() -> [u8; 32] {
    decode_key(&heart_crypto::random_token(32)).unwrap_or([7u8; 32])
}

fn read_key(path: &Path) -> Result<[u8; 32], String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the returning-person key: {e}"))?;
    decode_key(&text).ok_or_else(|| "the returning-person key file does not hold a key".to_string())
}

/// Writes a new key to `path` (mode 0600), replacing any key there in one rename.
fn write_key(path: &Path) -> Result<(), String> {
    use std::io::Write;
    let text = heart_crypto::random_token(32);
    let tmp = path.with_extension("uci.new");
    let _ = std::fs::remove_file(&tmp);
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o
        .open(&tmp)
        .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    f.write_all(text.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Makes a new returning-person key at `path`: every code kept before can no longer be matched. A running server
/// reads the new key at its next walk; every node of a deployment needs the same file.
pub fn rotate_code_key(path: &Path) -> Result<(), String> {
    write_key(path)
}

/// The settings of outreach that are not in the settings file: the returning-person key.
#[derive(Clone, Debug, Default)]
pub struct OutreachConfig {
    pub code_key: Arc<CodeKey>,
}

view! {
    /// A walk or an event as recorded.
    Walk from WalkRow {
        id: WalkId,
        kind: String,
        place: String,
        neighbourhood: Option<String>,
        started_at: jiff::Timestamp,
        ended_at: jiff::Timestamp,
        team_id: Option<TeamId>,
        people: Vec<String>,
        people_reached: i64,
        conversations: i64,
        naloxone_given: i64,
        naloxone_used: i64,
        referrals: i64,
        asked_for_team: i64,
        items: BTreeMap<String, i64>,
        codes: i64,
    }
}

/// What the walks of a week (or of the whole period) counted.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutreachFigures {
    pub walks: i64,
    pub people_reached: i64,
    /// Distinct returning-person codes: each person who gave one counted once however often met.
    pub unique_people: i64,
    pub conversations: i64,
    /// Items given, by kind.
    pub items: BTreeMap<String, i64>,
    pub naloxone_given: i64,
    pub naloxone_used: i64,
    pub referrals: i64,
    pub asked_for_team: i64,
}

/// One week: its Monday (in the team's time zone) and what its walks counted.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutreachWeek {
    /// YYYY-MM-DD, the week's Monday.
    pub week: String,
    #[serde(flatten)]
    pub figures: OutreachFigures,
}

/// The weeks of a period and the whole period (`unique_people` counted over all of it).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutreachSummary {
    pub weeks: Vec<OutreachWeek>,
    pub total: OutreachFigures,
}

/// Someone who may be named as having gone on a walk.
#[derive(Clone, Debug, PartialEq)]
pub struct Walker {
    pub username: String,
    pub display_name: String,
    /// The person asking.
    pub me: bool,
}

/// A walk recorded, and the requests it opened.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    pub walk: Walk,
    pub requests: Vec<RequestId>,
}

impl App {
    /// The kinds of items outreach counts (`[supplies] kinds`).
    pub fn item_kinds(&self) -> &[String] {
        &self.config.supplies.kinds
    }

    /// Records a walk or an event (capability `respond` or `coordinate`), once per device key. Everything is
    /// checked before anything is written; the walk is written with the first request it opens (if any), and
    /// each later request with its link.
    pub async fn record_outreach(
        &self,
        actor: &Actor,
        input: OutreachInput,
        from: Option<&FromDevice>,
    ) -> AppResult<Option<Recorded>> {
        self.may(actor, Doing::Outreach)?;
        let now = self.clock.now();
        let mut errors = FieldErrors::default();
        let checked = input.check(now, self.item_kinds());
        let place = self.outreach_place(input.place.as_deref().unwrap_or_default());
        let people = self.outreach_people(&input).await?;
        let checked = match (checked, place, people) {
            (Ok(c), Ok(p), Ok(pp)) => Some((c, p, pp)),
            (c, p, pp) => {
                if let Err(e) = c {
                    errors.0.extend(e.0);
                }
                for e in [p.err(), pp.err()].into_iter().flatten() {
                    for (f, code) in e.0 {
                        errors.add(&f, &code);
                    }
                }
                None
            }
        };
        let Some((c, (place, neighbourhood), (people, team))) = checked else {
            return Err(AppError::Invalid(errors));
        };
        if c.kind == heart_domain::outreach::OutreachKind::Walk && people.len() < 2 {
            return Err(AppError::field("people", "too_few"));
        }
        let mut codes = Vec::with_capacity(c.codes.len());
        for code in &c.codes {
            codes.push(
                self.config
                    .outreach
                    .code_key
                    .hash(code)
                    .map_err(AppError::Internal)?,
            );
        }
        let row = walk_row(&c, place, neighbourhood, people, team, actor, now);
        let mut walk_ops = vec![Op::Outreach(OutreachOp::Record {
            walk: Box::new(row.clone()),
            codes,
        })];
        walk_ops.extend(self.device_op(actor, from, "outreach", None, team)?);
        // What it gave comes out of the stock (never refused: a shortfall is flagged), each movement audited.
        let (supply_ops, mut audits) = self.walk_supply_ops(&row);
        walk_ops.extend(supply_ops);
        let who = actor.audit_name();
        audits.insert(
            0,
            AuditEntry::new(
                now,
                &who,
                "outreach.record",
                "walk",
                &row.id.to_string(),
                c.kind.as_str(),
            ),
        );
        let requests = self
            .once(actor, from, self.write_walk(actor, &row, walk_ops, audits))
            .await?;
        Ok(requests.map(|requests| Recorded {
            walk: row.into(),
            requests,
        }))
    }

    /// Writes the walk (with its audit entry and the device's key) in one change set, then opens a request for each
    /// person who asked for a team, each with its link to the walk in its own change set. A request that cannot be
    /// opened ends the opening there: the walk is kept with those opened so far.
    async fn write_walk(
        &self,
        actor: &Actor,
        row: &WalkRow,
        walk_ops: Vec<Op>,
        audits: Vec<AuditEntry>,
    ) -> AppResult<Vec<RequestId>> {
        let mut cs = ChangeSet::new();
        for op in walk_ops {
            cs.push(op);
        }
        for a in audits {
            cs.audit(a);
        }
        self.store.apply(cs).await?;
        let mut opened = Vec::new();
        for _ in 0..row.asked_for_team {
            let id = RequestId::new();
            let extra = vec![Op::Outreach(OutreachOp::Asked {
                walk: row.id,
                request: id,
            })];
            let new = IntakeInput {
                channel: Some(Channel::Outreach.as_str().into()),
                requester: Some("person".into()),
                summary: Some(format!("Asked for a team on outreach at {}", row.place)),
                location: Some(Location {
                    text: Some(row.place.clone()),
                    ..Location::default()
                }),
                ..IntakeInput::default()
            }
            .parse(&self.script, Channel::Outreach)
            .map_err(AppError::Invalid)?;
            if let Err(e) = self.open_request(actor, new, id, extra).await {
                // Never a person's data in the log: the walk's id and how many were opened.
                tracing::warn!(walk = %row.id, opened = opened.len(), "outreach: a request was not opened: {e:?}");
                break;
            }
            opened.push(id);
        }
        Ok(opened)
    }

    /// A place outreach may name: what the map finds, an address kept as its block; nothing found: a field error.
    fn outreach_place(&self, words: &str) -> Result<(String, Option<String>), FieldErrors> {
        let mut e = FieldErrors::default();
        if words.trim().is_empty() {
            return Err(e);
        }
        let found = self.geo().and_then(|g| {
            g.geocode(words, 1)
                .into_iter()
                .next()
                .filter(|c| c.confidence >= crate::intake::GEOCODE_SURE)
        });
        match found {
            Some(c) => Ok((coarsen(&c.label, &c.kind), c.neighbourhood)),
            None => {
                e.add("place", "not_placed");
                Err(e)
            }
        }
    }

    /// The people who went: a team's active members, and those named (active accounts that respond or
    /// coordinate); each one not found is named.
    async fn outreach_people(
        &self,
        input: &OutreachInput,
    ) -> AppResult<Result<(Vec<String>, Option<TeamId>), FieldErrors>> {
        let mut e = FieldErrors::default();
        let users = self.store.users().await?;
        let mut people: Vec<String> = Vec::new();
        let team = match input
            .team_id
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            None => None,
            Some(t) => match t.parse::<TeamId>() {
                Ok(t) if self.store.team(t).await?.is_some() => {
                    people.extend(
                        users
                            .iter()
                            .filter(|u| u.team_id == Some(t) && goes_out(u))
                            .map(|u| u.username.clone()),
                    );
                    Some(t)
                }
                _ => {
                    e.add("team_id", "unknown");
                    None
                }
            },
        };
        if input.people.len() > 50 {
            e.add("people", "out_of_range");
        }
        for (i, name) in input.people.iter().take(50).enumerate() {
            match users
                .iter()
                .find(|u| u.username == name.trim() && goes_out(u))
            {
                Some(u) => people.push(u.username.clone()),
                None => e.add(&format!("people.{i}"), "unknown"),
            }
        }
        people.sort();
        people.dedup();
        if team.is_none() && input.people.is_empty() && input.team_id.is_none() {
            e.add("people", "required");
        }
        Ok(e.into_result((people, team)))
    }

    /// The people who may be named on a walk (active accounts that respond or coordinate), by name.
    pub async fn walkers(&self, actor: &Actor) -> AppResult<Vec<Walker>> {
        self.may(actor, Doing::Outreach)?;
        let me = match actor.kind {
            crate::ActorKind::User(u) => Some(u),
            _ => None,
        };
        let mut out: Vec<Walker> = self
            .store
            .users()
            .await?
            .into_iter()
            .filter(goes_out)
            .map(|u| Walker {
                me: Some(u.id) == me,
                username: u.username,
                display_name: u.display_name,
            })
            .collect();
        out.sort_by(|a, b| b.me.cmp(&a.me).then(a.display_name.cmp(&b.display_name)));
        Ok(out)
    }

    /// The walks that started in `period`, newest first (at most 200), for the outreach page.
    pub async fn walks(&self, actor: &Actor, period: Period) -> AppResult<Vec<Walk>> {
        self.may(actor, Doing::Outreach)?;
        let (from, to) = period.bounds(&self.config.tz());
        let rows = self.store.outreach().walks(from, to, 200).await?;
        Ok(rows.into_iter().map(Walk::from).collect())
    }

    /// The requests a walk opened.
    pub async fn walk_requests(&self, actor: &Actor, id: WalkId) -> AppResult<Vec<RequestId>> {
        self.may(actor, Doing::Outreach)?;
        if self.store.outreach().walk(id).await?.is_none() {
            return Err(AppError::NotFound);
        }
        Ok(self.store.outreach().walk_requests(id).await?)
    }

    /// What the walks of `period` counted, week by week (weeks from Monday, in the team's time zone) and over the
    /// whole period: counts only, grouped in the store.
    pub async fn outreach_summary(
        &self,
        actor: &Actor,
        period: Period,
    ) -> AppResult<OutreachSummary> {
        self.may(actor, Doing::Outreach)?;
        let weeks = period.weeks(&self.config.tz());
        let mut bounds: Vec<_> = weeks.iter().map(|w| w.start).collect();
        bounds.extend(weeks.last().map(|w| w.end));
        let b = Buckets(bounds);
        let store = self.store.outreach();
        let counts = store.outreach_counts(&b).await?;
        let items = store.outreach_items(&b).await?;
        let (unique, unique_total) = store.outreach_unique(&b).await?;
        let mut out: Vec<OutreachWeek> = weeks
            .iter()
            .map(|w| OutreachWeek {
                week: w.label.clone(),
                figures: OutreachFigures::default(),
            })
            .collect();
        let mut total = OutreachFigures::default();
        for c in counts {
            let Some(w) = out.get_mut(c.bucket) else {
                continue;
            };
            for f in [&mut w.figures, &mut total] {
                f.walks += c.walks;
                f.people_reached += c.people_reached;
                f.conversations += c.conversations;
                f.naloxone_given += c.naloxone_given;
                f.naloxone_used += c.naloxone_used;
                f.referrals += c.referrals;
                f.asked_for_team += c.asked_for_team;
            }
        }
        for i in items {
            let (Some(w), Some(kind)) = (out.get_mut(i.bucket), i.key) else {
                continue;
            };
            *w.figures.items.entry(kind.clone()).or_default() += i.n;
            *total.items.entry(kind).or_default() += i.n;
        }
        for u in unique {
            if let Some(w) = out.get_mut(u.bucket) {
                w.figures.unique_people = u.n;
            }
        }
        total.unique_people = unique_total;
        Ok(OutreachSummary { weeks: out, total })
    }
}

/// Someone who may be named as having gone: an active account that responds or coordinates.
fn goes_out(u: &heart_store::model::UserRow) -> bool {
    u.active
        && u.capabilities
            .has_any(&[Capability::Respond, Capability::Coordinate])
}

fn walk_row(
    c: &CheckedOutreach,
    place: String,
    neighbourhood: Option<String>,
    people: Vec<String>,
    team: Option<TeamId>,
    actor: &Actor,
    now: jiff::Timestamp,
) -> WalkRow {
    let t = &c.tallies;
    WalkRow {
        id: WalkId::new(),
        kind: c.kind.as_str().into(),
        place,
        neighbourhood,
        started_at: c.started_at,
        ended_at: c.ended_at,
        team_id: team,
        people,
        people_reached: t.people_reached,
        conversations: t.conversations,
        naloxone_given: t.naloxone_given,
        naloxone_used: t.naloxone_used,
        referrals: t.referrals,
        asked_for_team: t.asked_for_team,
        items: t.items.clone(),
        codes: i64::try_from(c.codes.len()).unwrap_or(i64::MAX),
        recorded_by: actor.audit_name(),
        recorded_at: now,
    }
}
