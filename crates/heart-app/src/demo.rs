//! `heart demo`: a realistic, entirely fictional Cambridge week. No real person's data.
//!
//! The week is data (`data/demo.toml`): teams and their shifts, the sign-ins, the stories, forty requests with the
//! path each took, referrals, legal demands and the books. This loader reads it and writes it through the use cases
//! a person's actions go through: teams, accounts, the partner, referrals and their answers; and each request's
//! week, replayed in the order things happened with a clock set to each moment (taken, screened, EMS recorded,
//! assigned, en route, on scene, closed with its encounter, followed up). What is still written as change sets is
//! what no use case makes in the past: the teams' shifts over the week, where the teams stand when the demo opens,
//! and the legal register.

use crate::care::EncounterInput;
use crate::{Actor, App, AppError, AppResult};
use heart_domain::access::{Capabilities, Capability};
use heart_domain::audit::AuditEntry;
use heart_domain::care::{CloseOutcome, FollowUpMethod, Need};
use heart_domain::dispatch::{Command, Status, TeamStatus};
use heart_domain::ids::{LegalDemandId, RequestId, ShiftId};
use heart_domain::intake::{Channel, Contact, IntakeInput, Location, Requester, SafeContact};
use heart_domain::time::{FixedClock, Timestamp};
use heart_domain::triage::Outcome;
use heart_store::{ChangeSet, LegalDemandRow, Op, ShiftRow, TeamRow};
use heart_store::{DispatchOp, TrustOp};
use jiff::SignedDuration;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// A demo sign-in, printed by `heart demo`.
#[derive(Clone, Debug)]
pub struct DemoLogin {
    pub username: String,
    pub password: String,
    pub what: String,
}

/// Margaret Fuller Neighborhood House in the demo directory (its stable id, from `scripts/demo_directory.py`).
pub const DEMO_PARTNER_ORG: &str = "a3109d6f-1bfb-5c9b-8d70-90f2e5e9f880";
/// Its help with utility arrears, and its food pantry.
pub const DEMO_ARREARS_SERVICE: &str = "a71f2e63-3256-5d38-aeee-b7cbe812e3b4";
pub const DEMO_PANTRY_SERVICE: &str = "28368098-0399-5f70-af18-d3851c87e2ec";

/// The demo week, as written in `data/demo.toml`.
const WEEK: &str = include_str!("../data/demo.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Week {
    texts: Texts,
    teams: Vec<TeamData>,
    accounts: Vec<AccountData>,
    partner: AccountData,
    stories: Vec<Story>,
    requests: Vec<RequestData>,
    referrals: Vec<ReferralData>,
    legal: Vec<LegalData>,
    pub(crate) funds: Vec<FundData>,
    pub(crate) campaign: CampaignData,
    pub(crate) gifts: Vec<GiftData>,
    pub(crate) aid: Vec<AidData>,
    supplies: Vec<heart_domain::supply::MoveInput>,
    supply_levels: Vec<SupplyLevelData>,
}

/// A low mark, and for supplies received, their expiry as days from the demo's day.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SupplyLevelData {
    kind: String,
    place: String,
    low_at: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Texts {
    ems_reason: String,
    follow_up_note: String,
    gift_message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamData {
    key: String,
    name: String,
    base: (f64, f64),
    shift_starts_hours_ago: i64,
    shift_hours: i64,
    /// The team's weekly pattern from today on (the week behind came from the shifts above).
    rota: String,
    today_started_minutes_ago: Option<i64>,
    status_now: Option<TeamStatus>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountData {
    username: String,
    name: String,
    #[serde(default)]
    capabilities: Vec<Capability>,
    team: Option<String>,
    organization: Option<String>,
    what: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Story {
    key: String,
    summary: String,
    place: Option<String>,
    at: Option<(f64, f64)>,
    answers: BTreeMap<String, String>,
    needs: Vec<Need>,
    actions: String,
    own_words: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RequestData {
    key: Option<String>,
    story: String,
    minutes_ago: i64,
    channel: Channel,
    requester: Requester,
    language: String,
    caller: Option<String>,
    phone: Option<String>,
    text_ok: bool,
    voicemail_ok: bool,
    hours: Option<String>,
    code_word: Option<String>,
    ems_consent: Option<String>,
    /// Each status reached, with the minutes after the request came in.
    path: Vec<(Status, i64)>,
    team: Option<String>,
    outcome: Option<CloseOutcome>,
    follow_up: Option<FollowUpMethod>,
    #[serde(default)]
    follow_up_done: bool,
    /// Lines on its timeline: notes, tries to reach the person, handovers.
    #[serde(default)]
    notes: Vec<NoteData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteData {
    /// Minutes after the request came in.
    after: i64,
    kind: String,
    result: Option<String>,
    text: String,
    /// The name of the team member who wrote it.
    by: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferralData {
    request: String,
    service: String,
    share: Vec<String>,
    accepted: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LegalData {
    reference: String,
    asked: String,
    about: Option<String>,
    days_ago: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FundData {
    pub(crate) key: String,
    pub(crate) name: String,
    pub(crate) kind: String,
    pub(crate) restriction: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CampaignData {
    pub(crate) name: String,
    pub(crate) fund: String,
    pub(crate) goal_minor: i64,
    pub(crate) days_ago: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GiftData {
    pub(crate) email: String,
    pub(crate) name: Option<String>,
    pub(crate) fund: String,
    pub(crate) amount_minor: i64,
    pub(crate) method: String,
    pub(crate) days_ago: i64,
    #[serde(default)]
    pub(crate) campaign: bool,
    #[serde(default)]
    pub(crate) monthly: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AidData {
    pub(crate) request: String,
    pub(crate) fund: String,
    pub(crate) amount_minor: i64,
    pub(crate) purpose: String,
    pub(crate) payee_kind: String,
    pub(crate) payee_name: Option<String>,
    pub(crate) method: String,
    pub(crate) notes: String,
    pub(crate) requested_by: String,
    pub(crate) days_ago: i64,
    pub(crate) paid: Option<AidPaid>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AidPaid {
    pub(crate) approved_by: String,
    pub(crate) paid_by: String,
    pub(crate) days_ago: i64,
}

impl Week {
    /// Reads the embedded week (a test keeps it readable; a broken one is refused, never half-loaded).
    pub(crate) fn read() -> AppResult<Week> {
        toml::from_str(WEEK).map_err(|_| AppError::field("demo", "invalid"))
    }

    pub(crate) fn gift_message(&self) -> &str {
        &self.texts.gift_message
    }
}

/// Caller names, phone numbers and words of the demo's fictional people: tests look for them where they must not
/// be (files under the data directory, logs).
pub fn personal_strings() -> Vec<String> {
    let Ok(week) = Week::read() else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for sc in &week.stories {
        out.push(sc.summary.clone());
        out.extend(sc.place.clone());
        out.push(sc.actions.clone());
        out.extend(sc.own_words.clone());
    }
    for r in &week.requests {
        out.extend(r.caller.clone());
        out.extend(r.phone.clone());
        out.extend(r.hours.clone());
        out.extend(r.code_word.clone());
        out.extend(r.notes.iter().map(|n| n.text.clone()));
    }
    out.push(week.texts.ems_reason.clone());
    out.push(week.texts.follow_up_note.clone());
    for l in &week.legal {
        out.push(l.reference.clone());
        out.push(l.asked.clone());
    }
    out.sort();
    out.dedup();
    out
}

fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

/// What a step of the loader needs to find: the moment the week ends, and the teams and requests by their keys.
struct Loaded {
    now: Timestamp,
    teams: HashMap<String, crate::dispatch::Team>,
    requests: HashMap<String, RequestId>,
}

impl Loaded {
    fn ago(&self, m: i64) -> Timestamp {
        self.now.checked_sub(mins(m)).unwrap_or(self.now)
    }

    fn team(&self, key: &str) -> AppResult<&crate::dispatch::Team> {
        self.teams
            .get(key)
            .ok_or_else(|| AppError::field("demo.team", "unknown"))
    }

    fn request(&self, key: &str) -> AppResult<RequestId> {
        self.requests
            .get(key)
            .copied()
            .ok_or_else(|| AppError::field("demo.request", "unknown"))
    }
}

/// One step of a request's week: a status reached, or its follow-up done.
#[derive(Clone, Copy, Debug)]
enum Step {
    To(Status),
    FollowUpDone,
    /// The request's n-th note.
    Note(usize),
}

/// What the call-taker typed for a request of the week.
fn intake_of(r: &RequestData, story: &Story) -> IntakeInput {
    IntakeInput {
        channel: Some(r.channel.as_str().into()),
        requester: Some(r.requester.as_str().into()),
        summary: Some(story.summary.clone()),
        location: Some(match (&story.place, story.at) {
            (Some(place), Some((lat, lon))) => Location {
                text: Some(place.clone()),
                lat: Some(lat),
                lon: Some(lon),
                withheld: false,
            },
            _ => Location {
                withheld: true,
                ..Default::default()
            },
        }),
        contact: Some(Contact {
            name: r.caller.clone(),
            phone: r.phone.clone(),
        }),
        safe_contact: Some(SafeContact {
            text_ok: r.text_ok,
            voicemail_ok: r.voicemail_ok,
            call_ok: true,
            hours: r.hours.clone(),
            code_word: r.code_word.clone(),
            interpreter: false,
        }),
        language: Some(r.language.clone()),
        // Screening comes after, as a step of its own.
        answers: BTreeMap::new(),
    }
}

/// What the responder recorded when the request closed, and the follow-up the person agreed to.
fn encounter_of(r: &RequestData, story: &Story, config: &crate::AppConfig) -> EncounterInput {
    EncounterInput {
        needs: story.needs.iter().map(|n| n.as_str().to_string()).collect(),
        actions: Some(story.actions.clone()),
        own_words: story.own_words.clone(),
        outcome: r.outcome.map(|o| o.as_str().to_string()),
        follow_up_consent: r.follow_up.is_some(),
        follow_up_method: r.follow_up.map(|m| m.as_str().to_string()),
        follow_up_hours: r.follow_up.map(|_| config.follow_up_hours),
        follow_up_safe_confirmed: r.follow_up.is_some(),
        ..EncounterInput::default()
    }
}

impl App {
    /// Loads the demo week if the database is empty. Returns the sign-ins to print (None when not loaded).
    pub async fn load_demo(&self) -> AppResult<Option<Vec<DemoLogin>>> {
        if !self.store.is_empty().await? {
            return Ok(None);
        }
        let week = Week::read()?;
        let mut at = Loaded {
            now: self.clock.now(),
            teams: HashMap::new(),
            requests: HashMap::new(),
        };
        self.demo_teams(&week, &mut at).await?;
        let logins = self.demo_accounts(&week, &at).await?;
        self.demo_rota(&week, &at).await?;
        self.demo_requests(&week, &mut at).await?;
        self.demo_team_status(&week, &at).await?;
        self.load_demo_money(&week, &at.requests).await?;
        self.demo_referrals(&week, &at).await?;
        self.demo_legal(&week, &at).await?;
        self.demo_supplies(&week).await?;
        Ok(Some(logins))
    }

    /// The stock: what was received, moved and given out, through the use case; an expiry written `+N` is N days
    /// from the demo's day. Then the low marks.
    async fn demo_supplies(&self, week: &Week) -> AppResult<()> {
        let cli = Actor::cli();
        let today = self.today();
        for m in &week.supplies {
            let mut m = m.clone();
            if let Some(days) = m.expires.as_deref().and_then(|e| e.strip_prefix('+')) {
                let days: i64 = days
                    .parse()
                    .map_err(|_| AppError::field("demo", "invalid"))?;
                m.expires = today
                    .checked_add(jiff::Span::new().days(days))
                    .ok()
                    .map(|d| d.to_string());
            }
            self.move_supplies(&cli, m).await?;
        }
        for l in &week.supply_levels {
            let input = heart_domain::supply::LevelInput {
                kind: Some(l.kind.clone()),
                place: Some(l.place.clone()),
                low_at: Some(l.low_at),
            };
            self.set_supply_level(&cli, input).await?;
        }
        Ok(())
    }

    /// Teams at their bases, and their shifts over the week and the day before it (the first calls came in a
    /// week ago).
    async fn demo_teams(&self, week: &Week, at: &mut Loaded) -> AppResult<()> {
        let cli = Actor::cli();
        let mut cs = ChangeSet::new();
        for t in &week.teams {
            let row = self.create_team(&cli, &t.name, Some(t.base)).await?;
            for day in 0..8 {
                let starts = match t.today_started_minutes_ago {
                    Some(m) if day == 0 => at.ago(m),
                    _ => at.ago(day * 24 * 60 + t.shift_starts_hours_ago * 60),
                };
                cs.push(Op::Dispatch(DispatchOp::InsertShift(ShiftRow {
                    id: ShiftId::new(),
                    team_id: row.id,
                    starts_at: starts,
                    ends_at: starts
                        .checked_add(SignedDuration::from_hours(t.shift_hours))
                        .unwrap_or(starts),
                    needed: heart_domain::rota::DEFAULT_NEEDED,
                    from_pattern: false,
                    version: 1,
                })));
            }
            at.teams.insert(t.key.clone(), row);
        }
        self.store.apply(cs).await?;
        Ok(())
    }

    /// The rota: each team's weekly pattern from today on, its first two members in the shifts of the week behind
    /// and of now and in two of every three coming slots, and its first member alone in the third (the gaps the rota
    /// page shows first).
    async fn demo_rota(&self, week: &Week, at: &Loaded) -> AppResult<()> {
        let cli = Actor::cli();
        let users = self.store.users().await?;
        let mut cs = ChangeSet::new();
        for t in &week.teams {
            let team = at.team(&t.key)?.id;
            self.set_rota_pattern(&cli, team, Some(&t.rota), None)
                .await?;
            let members: Vec<_> = users.iter().filter(|u| u.team_id == Some(team)).collect();
            let ahead = SignedDuration::from_hours(24 * (heart_domain::rota::DAYS_AHEAD + 1));
            let slots = self
                .store
                .rota()
                .slots(
                    at.ago(9 * 24 * 60),
                    at.now.checked_add(ahead).unwrap_or(at.now),
                )
                .await?;
            let mut coming = 0;
            for s in slots.iter().filter(|s| s.shift.team_id == team) {
                let take = if s.shift.from_pattern {
                    coming += 1;
                    if coming % 3 == 0 { 1 } else { 2 }
                } else {
                    2
                };
                let since = s
                    .shift
                    .starts_at
                    .checked_sub(SignedDuration::from_hours(72))
                    .unwrap_or(s.shift.starts_at);
                let places = members
                    .iter()
                    .take(take)
                    .map(|u| heart_store::rota::PlaceRow {
                        user_id: u.id,
                        name: u.display_name.clone(),
                        since,
                        offered_at: None,
                        placed_by: format!("user:{}", u.id),
                        reminded_at: None,
                    })
                    .collect();
                cs.push(Op::Rota(heart_store::rota::RotaOp::SetPlaces {
                    shift: s.shift.id,
                    version: s.shift.version,
                    places,
                }));
            }
        }
        self.store.apply(cs).await?;
        Ok(())
    }

    /// The sign-ins (each password `heart-demo-<username>`), and the demo directory with its partner's account.
    async fn demo_accounts(&self, week: &Week, at: &Loaded) -> AppResult<Vec<DemoLogin>> {
        let cli = Actor::cli();
        let mut logins = Vec::new();
        for a in &week.accounts {
            let team = match &a.team {
                Some(k) => Some(at.team(k)?.id),
                None => None,
            };
            let password = format!("heart-demo-{}", a.username);
            self.add_user(
                &cli,
                &a.username,
                Some(&a.name),
                Capabilities::of(&a.capabilities),
                team,
                Some(&password),
            )
            .await?;
            logins.push(DemoLogin {
                username: a.username.clone(),
                password,
                what: a.what.clone(),
            });
        }
        self.seed_demo_directory().await?;
        let p = &week.partner;
        let password = format!("heart-demo-{}", p.username);
        let organization = p.organization.as_deref().unwrap_or(DEMO_PARTNER_ORG);
        self.add_partner_user(
            &cli,
            &p.username,
            Some(&p.name),
            organization,
            Some(&password),
        )
        .await?;
        logins.push(DemoLogin {
            username: p.username.clone(),
            password,
            what: p.what.clone(),
        });
        Ok(logins)
    }

    /// The week's requests, replayed in the order things happened through the use cases a call-taker, a
    /// dispatcher and a responder use: each step at its moment (the replay's clock is set to it), so every record,
    /// status change, encounter, follow-up and audit line is the one those use cases write.
    async fn demo_requests(&self, week: &Week, at: &mut Loaded) -> AppResult<()> {
        let stories: HashMap<&str, &Story> =
            week.stories.iter().map(|s| (s.key.as_str(), s)).collect();
        let clock = Arc::new(FixedClock::new(at.now));
        let replay = App::new(
            self.store.clone(),
            clock.clone(),
            (*self.script).clone(),
            self.config.clone(),
        );
        // Every step of every request, then the follow-ups done, each at its moment.
        let mut steps: Vec<(Timestamp, usize, Step)> = Vec::new();
        for (i, r) in week.requests.iter().enumerate() {
            if !stories.contains_key(r.story.as_str()) {
                return Err(AppError::field("demo.story", "unknown"));
            }
            let created = at.ago(r.minutes_ago);
            let mut closed = None;
            for (s, after) in &r.path {
                let when = created.checked_add(mins(*after)).unwrap_or(created);
                steps.push((when, i, Step::To(*s)));
                closed = (*s == Status::Closed).then_some(when);
            }
            let due = closed.and_then(|c| {
                c.checked_add(SignedDuration::from_hours(self.config.follow_up_hours))
                    .ok()
            });
            if let Some(due) = due.filter(|d| r.follow_up_done && *d < at.now) {
                steps.push((due, i, Step::FollowUpDone));
            }
            for (n, note) in r.notes.iter().enumerate() {
                let when = created.checked_add(mins(note.after)).unwrap_or(created);
                steps.push((when, i, Step::Note(n)));
            }
        }
        steps.sort_by_key(|(when, i, _)| (*when, *i));
        let cli = Actor::cli();
        let mut ids: Vec<Option<RequestId>> = vec![None; week.requests.len()];
        for (when, i, step) in steps {
            clock.set(when);
            // Shifts start and end with the replay's clock, not the machine's.
            replay.teams_changed();
            let r = &week.requests[i];
            let story = stories[r.story.as_str()];
            let id = match (step, ids[i]) {
                (Step::To(Status::Received), _) => {
                    ids[i] = Some(replay.create_request(&cli, intake_of(r, story)).await?.id);
                    continue;
                }
                (_, Some(id)) => id,
                (_, None) => return Err(AppError::field("demo.path", "invalid")),
            };
            let command = match step {
                Step::Note(n) => {
                    let note = &r.notes[n];
                    let by = Actor {
                        name: note.by.clone(),
                        ..Actor::cli()
                    };
                    let input = crate::care::notes::NoteInput {
                        kind: Some(note.kind.clone()),
                        text: Some(note.text.clone()),
                        result: note.result.clone(),
                    };
                    replay.add_note(&by, id, input).await?;
                    continue;
                }
                Step::FollowUpDone => {
                    for f in replay.follow_ups_for(&cli, id).await? {
                        replay
                            .complete_follow_up(&cli, f.id, &week.texts.follow_up_note)
                            .await?;
                    }
                    continue;
                }
                Step::To(Status::Closed) => {
                    replay
                        .close_with_encounter(&cli, id, encounter_of(r, story, &self.config))
                        .await?;
                    // The team that went is free again once the call is closed.
                    if r.path.iter().any(|(s, _)| *s == Status::Assigned)
                        && let Some(k) = &r.team
                    {
                        replay
                            .set_team_status(&cli, at.team(k)?.id, TeamStatus::Available)
                            .await?;
                    }
                    continue;
                }
                // Screening decides whether the request waits (no team free) or is triaged: the week must say
                // what the use case decides, or it is not loaded.
                Step::To(s @ (Status::Triaged | Status::Waiting)) => {
                    let screened = replay.screen(&cli, id, story.answers.clone()).await?;
                    if screened.status != s {
                        return Err(AppError::field("demo.path", "invalid"));
                    }
                    if screened.triage.outcome == Outcome::EmsMedical
                        && let Some(consent) = &r.ems_consent
                    {
                        replay
                            .record_ems(&cli, id, &week.texts.ems_reason, consent)
                            .await?;
                    }
                    continue;
                }
                Step::To(Status::Assigned) => Command::Assign {
                    team: at.team(r.team.as_deref().unwrap_or_default())?.id,
                },
                Step::To(Status::EnRoute) => Command::EnRoute,
                Step::To(Status::OnScene) => Command::OnScene,
                Step::To(Status::Cancelled) => Command::Cancel,
                Step::To(Status::Received) => continue,
            };
            replay.transition(&cli, id, command, None).await?;
        }
        for (r, id) in week.requests.iter().zip(ids) {
            if let (Some(k), Some(id)) = (&r.key, id) {
                at.requests.insert(k.clone(), id);
            }
        }
        Ok(())
    }

    /// Where each team is when the demo opens.
    async fn demo_team_status(&self, week: &Week, at: &Loaded) -> AppResult<()> {
        let mut cs = ChangeSet::new();
        for t in &week.teams {
            let Some(status) = t.status_now else {
                continue;
            };
            let id = at.team(&t.key)?.id;
            let mut row: TeamRow = self.store.team(id).await?.ok_or(AppError::NotFound)?;
            row.status = status;
            row.status_at = at.ago(6);
            row.checkin_at = (status == TeamStatus::OnScene).then(|| at.ago(6));
            cs.push(Op::Dispatch(DispatchOp::UpdateTeam(row)));
            cs.audit(AuditEntry::new(
                at.now,
                "cli",
                "team.status",
                "team",
                &id.to_string(),
                status.as_str(),
            ));
        }
        self.store.apply(cs).await?;
        Ok(())
    }

    /// Referrals made with the people's agreement, and the partner's answers.
    async fn demo_referrals(&self, week: &Week, at: &Loaded) -> AppResult<()> {
        let partner = Actor {
            kind: crate::ActorKind::Cli,
            caps: Capabilities::of(&[Capability::Partner]),
            team: None,
            organization: Some(
                week.partner
                    .organization
                    .clone()
                    .unwrap_or_else(|| DEMO_PARTNER_ORG.into()),
            ),
            name: "cli".into(),
        };
        for r in &week.referrals {
            let made = self
                .refer(
                    &Actor::cli(),
                    at.request(&r.request)?,
                    crate::referrals::ReferralInput {
                        service_id: r.service.clone(),
                        share: r.share.clone(),
                        note: None,
                        consent: true,
                    },
                )
                .await?;
            if r.accepted {
                self.answer_referral(&partner, made.id, "accepted", None)
                    .await?;
            }
        }
        Ok(())
    }

    /// The legal register: demands waiting for their two reviews; one about a person is sealed under their key
    /// (and erased with them), one naming nobody under the deployment's key.
    async fn demo_legal(&self, week: &Week, at: &Loaded) -> AppResult<()> {
        let mut cs = ChangeSet::new();
        for l in &week.legal {
            let subject = match &l.about {
                Some(k) => self.store.request(at.request(k)?).await?.map(|r| r.subject),
                None => None,
            };
            let row = LegalDemandRow {
                id: LegalDemandId::new(),
                received_at: at.ago(l.days_ago * 24 * 60),
                from_kind: "court".into(),
                reference: l.reference.clone(),
                asked: l.asked.clone(),
                subject,
                recorded_by: "cli".into(),
                first_review_by: None,
                first_decision: None,
                second_review_by: None,
                second_decision: None,
                gag_order: false,
                person_told_at: None,
                handed_over: None,
                closed_at: None,
                version: 1,
            };
            cs.audit(AuditEntry::new(
                at.now,
                "cli",
                "legal.record",
                "legal_demand",
                &row.id.to_string(),
                "court",
            ));
            cs.push(Op::Trust(TrustOp::InsertLegalDemand(row)));
        }
        self.store.apply(cs).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_demo_week_reads_and_hangs_together() {
        let week = Week::read().unwrap();
        assert_eq!(week.requests.len(), 40);
        let stories: Vec<&str> = week.stories.iter().map(|s| s.key.as_str()).collect();
        let teams: Vec<&str> = week.teams.iter().map(|t| t.key.as_str()).collect();
        let keys: Vec<&str> = week
            .requests
            .iter()
            .filter_map(|r| r.key.as_deref())
            .collect();
        for r in &week.requests {
            assert!(stories.contains(&r.story.as_str()), "{}", r.story);
            assert!(r.team.as_deref().is_none_or(|t| teams.contains(&t)));
            assert_eq!(r.path.first().map(|p| p.0), Some(Status::Received));
            // Each step is a move the request's states allow, in time order.
            for w in r.path.windows(2) {
                use Status::*;
                let allowed = [
                    (Received, Triaged),
                    (Received, Waiting),
                    (Triaged, Assigned),
                    (Triaged, Closed),
                    (Triaged, Cancelled),
                    (Assigned, EnRoute),
                    (EnRoute, OnScene),
                    (OnScene, Closed),
                ];
                assert!(
                    allowed.contains(&(w[0].0, w[1].0)),
                    "{:?} -> {:?}",
                    w[0].0,
                    w[1].0
                );
                assert!(w[0].1 <= w[1].1);
            }
            assert_eq!(r.caller.is_some(), r.phone.is_some());
        }
        for k in week
            .referrals
            .iter()
            .map(|r| &r.request)
            .chain(week.aid.iter().map(|a| &a.request))
            .chain(week.legal.iter().filter_map(|l| l.about.as_ref()))
        {
            assert!(keys.contains(&k.as_str()), "{k}");
        }
        assert_eq!(week.partner.organization.as_deref(), Some(DEMO_PARTNER_ORG));
        let services: Vec<&str> = week.referrals.iter().map(|r| r.service.as_str()).collect();
        assert_eq!(services, [DEMO_ARREARS_SERVICE, DEMO_PANTRY_SERVICE]);
        // The newest five wait in each state a request can wait in.
        let mut newest: Vec<&RequestData> = week.requests.iter().collect();
        newest.sort_by_key(|r| r.minutes_ago);
        let states: Vec<Status> = newest[..5]
            .iter()
            .map(|r| r.path.last().unwrap().0)
            .collect();
        assert_eq!(
            states,
            [
                Status::Received,
                Status::Waiting,
                Status::Triaged,
                Status::OnScene,
                Status::Assigned
            ]
        );
    }

    #[test]
    fn the_demo_words_are_among_the_strings_looked_for() {
        let words = personal_strings();
        assert!(words.iter().any(|w| w == "Demo caller 1"));
        assert!(words.iter().any(|w| w == "sunflower"));
        assert!(words.len() > 60, "{}", words.len());
    }
}
