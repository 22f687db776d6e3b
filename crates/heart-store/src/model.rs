//! Rows the store keeps. Backend-neutral: the SQLite and PostgreSQL adapters map these to their tables.

use heart_domain::access::Capabilities;
pub use heart_domain::access::{ApprovalKind, ApprovalStatus, SessionStage};
use heart_domain::audit::AuditEntry;
use heart_domain::care::{CloseOutcome, FollowUpMethod, Need};
pub use heart_domain::dispatch::AlertKind;
use heart_domain::dispatch::{Status, TeamStatus};
use heart_domain::ids::*;
pub use heart_domain::intake::SealState;
use heart_domain::intake::{Channel, Contact, Location, Requester, SafeContact};
use heart_domain::time::Timestamp;
use heart_domain::triage::Triage;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct UserRow {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    /// argon2id PHC string; None until the person sets a password through their setup link.
    pub password_hash: Option<String>,
    pub capabilities: Capabilities,
    pub team_id: Option<TeamId>,
    /// A partner's account: the directory organization (HSDS id) it acts for.
    pub organization_id: Option<String>,
    pub active: bool,
    pub setup_token_hash: Option<String>,
    /// When the setup link ends (a reset link: 24 hours after it was made); none: a week after `created_at`.
    pub setup_until: Option<Timestamp>,
    pub created_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TokenRow {
    pub id: TokenId,
    pub name: String,
    /// The person it acts for, if any.
    pub user_id: Option<UserId>,
    pub token_hash: String,
    pub capabilities: Capabilities,
    pub created_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
    /// When it stops working (every token made for a person has one).
    pub expires_at: Option<Timestamp>,
    /// When it was last used (noted at most once a minute); none if never.
    pub last_used_at: Option<Timestamp>,
}

/// Failed sign-ins of an account (counts only: never who tried or from where).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoginFailures {
    /// Wrong passwords since the last sign-in.
    pub since_signin: i64,
    pub last_at: Option<Timestamp>,
    /// Wrong passwords there had been when the holder last signed in (what they are told).
    pub before_this_signin: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SessionRow {
    /// SHA-256 of the cookie value: a stolen database does not give usable sessions.
    pub id_hash: String,
    pub user_id: UserId,
    pub csrf: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    /// For idle expiry (updated at most once a minute).
    pub last_seen_at: Timestamp,
    pub stage: SessionStage,
}

/// A staff member's second factor, opened.
#[derive(Clone, Debug, PartialEq)]
pub struct TotpRow {
    pub secret: Vec<u8>,
    /// `None` while set up but not yet confirmed with a first code.
    pub enabled_at: Option<Timestamp>,
    pub last_step: i64,
    /// Recovery codes not used yet.
    pub recovery_left: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TeamRow {
    pub id: TeamId,
    pub name: String,
    pub status: TeamStatus,
    pub status_at: Timestamp,
    /// Where the team last said it was (or its base, until it says), and when it said so.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub position_at: Option<Timestamp>,
    /// Where it starts from (set when the team is made).
    pub base_lat: Option<f64>,
    pub base_lon: Option<f64>,
    /// The last time the team said it is OK (status change or check-in) while on scene.
    pub checkin_at: Option<Timestamp>,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ShiftRow {
    pub id: ShiftId,
    pub team_id: TeamId,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    /// How many people the shift needs (the rota's slot).
    pub needed: i64,
    /// Made by the team's weekly pattern (rather than added by hand).
    pub from_pattern: bool,
    /// Goes up with every change to the shift's places (`rota.rs`).
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RequestRow {
    pub id: RequestId,
    /// The person this request is about (pseudonymous): their data key seals the personal fields below.
    pub subject: SubjectId,
    /// Whether the personal fields could be read. When they could not, they are empty.
    pub sealed: SealState,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub channel: Channel,
    pub requester: Requester,
    pub summary: String,
    pub location: Location,
    pub contact: Contact,
    pub safe_contact: SafeContact,
    pub language: String,
    pub answers: BTreeMap<String, String>,
    pub triage: Triage,
    pub ems_reason: Option<String>,
    /// "agreed", "declined", "could_not_ask".
    pub ems_consent: Option<String>,
    pub status: Status,
    pub team_id: Option<TeamId>,
    pub outcome: Option<CloseOutcome>,
    pub version: i64,
    /// What the figures count without opening the record.
    pub facts: RequestFacts,
}

/// What the figures count of a request without opening anyone's record (`docs/metrics.md`): the neighbourhood its
/// point is in (never finer; none when withheld, outside every neighbourhood, or the person erased), and whether
/// the team was open, full or closed when it arrived (none for imported history).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestFacts {
    pub neighbourhood: Option<String>,
    pub availability: Option<heart_domain::impact::Availability>,
}

/// A person's data key as stored (wrapped by the key file), and what happened to it.
#[derive(Clone, Debug, PartialEq)]
pub struct SubjectRow {
    pub id: SubjectId,
    pub created_at: Timestamp,
    /// The person asked to keep their record past the retention period.
    pub keep: bool,
    pub erased_at: Option<Timestamp>,
    pub erase_reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ApprovalRow {
    pub id: ApprovalId,
    pub kind: ApprovalKind,
    pub subject: Option<SubjectId>,
    pub request_id: Option<RequestId>,
    pub target_user: Option<UserId>,
    pub capabilities: Option<Capabilities>,
    /// A code ("person_asked", ...), never free text.
    pub reason: String,
    /// Audit names (`user:<id>`).
    pub requested_by: String,
    pub requested_at: Timestamp,
    pub status: ApprovalStatus,
    pub decided_by: Option<String>,
    pub decided_at: Option<Timestamp>,
    pub decline_reason: Option<String>,
    pub done_at: Option<Timestamp>,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegalDemandRow {
    pub id: LegalDemandId,
    pub received_at: Timestamp,
    /// "police", "court", "agency", "lawyer", "other".
    pub from_kind: String,
    /// Their reference (docket or case number).
    pub reference: String,
    /// What was asked, without names.
    pub asked: String,
    pub subject: Option<SubjectId>,
    pub recorded_by: String,
    pub first_review_by: Option<String>,
    /// "refuse", "hand_over_some", "hand_over", "challenge".
    pub first_decision: Option<String>,
    pub second_review_by: Option<String>,
    pub second_decision: Option<String>,
    /// A court order forbids telling the person.
    pub gag_order: bool,
    pub person_told_at: Option<Timestamp>,
    /// What, if anything, was handed over (without names), or "nothing".
    pub handed_over: Option<String>,
    pub closed_at: Option<Timestamp>,
    pub version: i64,
}

/// What a running node last said about its key file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeKeysRow {
    pub node: String,
    /// Every KEK its key file holds (the prepared one included).
    pub kek_ids: Vec<u32>,
    /// The KEK it wraps under.
    pub wraps: u32,
    pub seen_at: Timestamp,
}

/// What one retention or erasure pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EraseReport {
    pub erased: Vec<SubjectId>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TransitionRow {
    pub request_id: RequestId,
    pub from: Option<Status>,
    pub to: Status,
    pub team_id: Option<TeamId>,
    pub at: Timestamp,
    pub actor: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EncounterRow {
    pub id: EncounterId,
    pub request_id: RequestId,
    pub team_id: Option<TeamId>,
    pub needs: Vec<Need>,
    pub actions: String,
    pub own_words: Option<String>,
    pub outcome: CloseOutcome,
    pub follow_up_consent: bool,
    pub follow_up_method: Option<FollowUpMethod>,
    pub created_at: Timestamp,
    pub created_by: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FollowUpRow {
    pub id: FollowUpId,
    pub request_id: RequestId,
    pub encounter_id: Option<EncounterId>,
    pub due_at: Timestamp,
    pub method: Option<FollowUpMethod>,
    pub done_at: Option<Timestamp>,
    pub done_note: Option<String>,
    pub done_by: Option<String>,
    /// Set when the person was erased before the follow-up was done: it will not happen.
    pub cancelled_at: Option<Timestamp>,
    pub version: i64,
    /// How the last try went (none before the first).
    pub result: Option<heart_domain::care::FollowUpResult>,
    /// Tries made.
    pub tries: i64,
    /// Who took it, as the audit log names them.
    pub taken_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AlertRow {
    pub id: AlertId,
    pub kind: AlertKind,
    pub team_id: TeamId,
    pub request_id: Option<RequestId>,
    /// Where the team is thought to be (kept only while the alert is open).
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// How that position was known: "device", "request", "shared" or "base".
    pub position_source: Option<String>,
    /// When that position was true (the press, the arrival, the share); none for a base.
    pub position_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub cleared_at: Option<Timestamp>,
    pub cleared_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AuditRow {
    pub seq: i64,
    pub entry: AuditEntry,
}

/// One write. Updates carry the version they were decided on: if the row moved meanwhile, the whole change set
/// is refused with `StoreError::Conflict`.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Accounts, tokens, sessions and second factors.
    Auth(AuthOp),
    /// Requests, their status history, and the idempotency keys that made them.
    Request(RequestOp),
    /// Teams, shifts and "need help" alerts.
    Dispatch(DispatchOp),
    /// The care record: encounters, follow-ups and requests' timelines.
    Care(CareOp),
    /// People's data keys, erasure, the two-person rule, legal demands, and which key file wraps.
    Trust(TrustOp),
    /// Takes a scheduled job's lease for `holder` until `until`, if nobody holds it at `now`; a conflict otherwise
    /// (another process runs this job this time).
    ClaimJob {
        name: String,
        holder: String,
        now: Timestamp,
        until: Timestamp,
    },
    /// Money: funds, the ledger, mutual aid, donors and gifts.
    Money(MoneyOp),
    /// Every way in: partners, alerts, places, senders' tokens, acknowledgements, the "we are full" switch.
    Channel(crate::channels::ChannelOp),
    /// Text messages: the conversation, the outbox, opt-outs.
    Sms(crate::sms::SmsOp),
    Passkey(crate::passkeys::PasskeyOp),
    Directory(crate::directory::DirectoryOp),
    Referral(crate::referrals::ReferralOp),
    /// Alerts to phones: people's devices and the alerts waiting for them.
    Push(crate::push::PushOp),
    /// What a responder's phone sent after a time with no signal: its key and the device's time.
    Offline(crate::offline::OfflineOp),
    /// Outreach walks and events, and the requests they opened.
    Outreach(crate::outreach::OutreachOp),
    /// A warmline contact logged.
    Warmline(crate::warmline::WarmlineOp),
    /// Debriefs after hard calls: opened, a reason added, done.
    Debrief(crate::debriefs::DebriefOp),
    /// Training records: recorded, removed.
    Training(crate::trainings::TrainingOp),
    /// Supplies: received, given, moved, low marks, shortfalls looked at, the day's alert.
    Supply(crate::supplies::SupplyOp),
    Circle(crate::circles::CircleOp),
    /// A file brought in by `heart import` (its digest kept, so it is not imported twice).
    Imported(crate::history::ImportRow),
    /// The rota: teams' weekly patterns, the shifts they make, people's places, calendar feeds.
    Rota(crate::rota::RotaOp),
    /// Taking and settling a row of an outbox (callbacks, referral hooks, mail, texts): one implementation for
    /// all four.
    Outbox(crate::outbox::OutboxOp),
}

/// API tokens: made, revoked, noted when used.
#[derive(Clone, Debug, PartialEq)]
pub enum TokenOp {
    Insert(TokenRow),
    /// Ends a token at once; ending one already ended is a conflict.
    Revoke {
        id: TokenId,
        at: Timestamp,
    },
    /// Notes that a token was used.
    Touch {
        id: TokenId,
        at: Timestamp,
    },
}

/// Accounts, tokens, sessions and second factors.
#[derive(Clone, Debug, PartialEq)]
pub enum AuthOp {
    InsertUser(UserRow),
    UpdateUser(UserRow),
    /// Moves one person to a team (or none), touching nothing else of the account.
    SetUserTeam {
        user: UserId,
        team: Option<TeamId>,
    },
    /// Sets the password through a setup link, only while that link is still unused.
    SetPasswordBySetup {
        setup_token_hash: String,
        password_hash: String,
    },
    /// API tokens.
    Token(TokenOp),
    InsertSession(SessionRow),
    DeleteSession(String),
    /// Every session of one account ("sign out everywhere", a capability change).
    DeleteUserSessions(UserId),
    /// Sessions that ended by time: past their end, or idle since before `idle_since` (the daily job).
    PurgeSessions {
        now: Timestamp,
        idle_since: Timestamp,
    },
    /// Every session of one account but one (a changed password keeps the session that changed it).
    DeleteOtherSessions {
        user: UserId,
        keep: String,
    },
    /// A wrong password for an account (counted for the holder to see; nothing about who tried).
    LoginFailed {
        user: UserId,
        at: Timestamp,
    },
    /// A sign-in with the right password: the failures since the last one are kept to be told, and counting
    /// starts again.
    LoginSucceeded {
        user: UserId,
    },
    /// Marks a session as used now (idle expiry).
    TouchSession {
        id_hash: String,
        at: Timestamp,
    },
    /// The second factor's seed, codes and recovery codes.
    SecondFactor(SecondFactorOp),
}

/// Changes to an account's second factor.
#[derive(Clone, Debug, PartialEq)]
pub enum SecondFactorOp {
    /// A new second-factor seed, not yet confirmed (sealed by the store under the key file).
    SetTotp { user: UserId, secret: Vec<u8> },
    /// Confirms the seed with its first code and sets new recovery codes (hashes).
    EnableTotp {
        user: UserId,
        at: Timestamp,
        step: i64,
        recovery_hashes: Vec<String>,
    },
    /// Accepts a code of `step`, only if no code of this or a later step was accepted before (no replay).
    UseTotpStep { user: UserId, step: i64 },
    /// Uses a recovery code, once.
    UseRecoveryCode {
        user: UserId,
        hash: String,
        at: Timestamp,
    },
    /// Removes the second factor (the operator's reset for a lost phone).
    ClearTotp(UserId),
}

impl From<AuthOp> for Op {
    fn from(op: AuthOp) -> Op {
        Op::Auth(op)
    }
}

/// Requests, their status history, and the idempotency keys that made them.
#[derive(Clone, Debug, PartialEq)]
pub enum RequestOp {
    /// Remembers that `key` (a client's Idempotency-Key, hashed with who sent it) made `request`; a duplicate
    /// refuses the whole change set.
    ClaimIdempotencyKey {
        key: String,
        request: RequestId,
        /// A hash of what was sent with the key: a retry must send the same.
        fingerprint: String,
        at: Timestamp,
    },
    InsertRequest(RequestRow),
    UpdateRequest(RequestRow),
    InsertTransition(TransitionRow),
}

impl From<RequestOp> for Op {
    fn from(op: RequestOp) -> Op {
        Op::Request(op)
    }
}

/// Teams, shifts and "need help" alerts.
#[derive(Clone, Debug, PartialEq)]
pub enum DispatchOp {
    InsertTeam(TeamRow),
    UpdateTeam(TeamRow),
    InsertShift(ShiftRow),
    InsertAlert(AlertRow),
    UpdateAlert(AlertRow),
}

impl From<DispatchOp> for Op {
    fn from(op: DispatchOp) -> Op {
        Op::Dispatch(op)
    }
}

/// The care record: encounters and follow-ups.
#[derive(Clone, Debug, PartialEq)]
pub enum CareOp {
    InsertEncounter(EncounterRow),
    InsertFollowUp(FollowUpRow),
    UpdateFollowUp(FollowUpRow),
    /// The needs named at an encounter, corrected.
    SetNeeds {
        encounter: EncounterId,
        needs: Vec<Need>,
    },
    /// A request's timeline (`notes.rs`).
    Note(crate::notes::NoteOp),
}

impl From<CareOp> for Op {
    fn from(op: CareOp) -> Op {
        Op::Care(op)
    }
}

/// People's data keys, erasure, the two-person rule, legal demands, and which key file wraps.
#[derive(Clone, Debug, PartialEq)]
pub enum TrustOp {
    /// A running node says which KEKs its key file holds (`kek_ids`) and which it wraps under.
    ReportNodeKeys {
        node: String,
        kek_ids: Vec<u32>,
        wraps: u32,
        at: Timestamp,
    },
    /// The KEK the whole deployment wraps under from now on (`heart keys rotate --finish`).
    SetCurrentKek {
        id: u32,
    },
    /// A new person: the store makes their data key and keeps it wrapped by the key file.
    NewSubject {
        id: SubjectId,
        at: Timestamp,
    },
    /// Destroys a person's data key and every sealed field of theirs (crypto-shredding).
    EraseSubject {
        id: SubjectId,
        at: Timestamp,
        reason: String,
    },
    /// Two records of one person made one: everything of `from` sealed again under `into`'s key and moved to it,
    /// then `from`'s key destroyed (its record ends as "merged").
    MergeSubject {
        from: SubjectId,
        into: SubjectId,
        at: Timestamp,
    },
    /// Whether the person asked to keep their record past the retention period.
    KeepSubject {
        id: SubjectId,
        keep: bool,
    },
    InsertApproval(ApprovalRow),
    /// Guarded by version.
    UpdateApproval(ApprovalRow),
    InsertLegalDemand(LegalDemandRow),
    /// Guarded by version.
    UpdateLegalDemand(LegalDemandRow),
}

impl From<TrustOp> for Op {
    fn from(op: TrustOp) -> Op {
        Op::Trust(op)
    }
}

/// A change to the money tables.
#[derive(Clone, Debug, PartialEq)]
pub enum MoneyOp {
    InsertFund(FundRow),
    /// Posts a balanced entry. Refused (`Refused("insufficient-funds")`) when money out would take a fund below
    /// zero, unless the entry is a refund or dispute (then it is flagged); `Refused("already-reversed")` for a
    /// second reversal of one entry.
    PostEntry(EntryRow),
    /// Mutual aid: asks, the per-person cap, decisions, payment and proof.
    Aid(AidOp),
    /// Campaigns, gifts and the payment events that confirm them.
    Donations(Box<DonationOp>),
    /// Queues a mail; one with the same `dedup` already queued or sent makes this do nothing.
    QueueMail(MailRow),
}

/// A change to mutual aid.
#[derive(Clone, Debug, PartialEq)]
pub enum AidOp {
    /// A new mutual-aid request; its notes are sealed under the person's key.
    InsertAid(Box<AidRow>),
    /// The per-person cap, checked inside the write transaction (so two requests at once cannot both pass it):
    /// refused (`Refused("over-person-cap")`) when what the person was given in `currency` since `since` (not declined) plus
    /// `amount` exceeds `max`. Put it before the `InsertAid` it guards.
    CheckAidCap {
        subject: SubjectId,
        /// Only aid in this currency counts.
        currency: String,
        since: Timestamp,
        max: i64,
        amount: i64,
    },
    /// One approval by someone other than the asker, while the request awaits approval; the request becomes
    /// `approved` with the last approval needed. Guarded by version.
    ApproveAid {
        id: AidId,
        approver: String,
        at: Timestamp,
        version: i64,
    },
    /// Declined with a reason by someone other than the asker. Guarded by version.
    DeclineAid {
        id: AidId,
        by: String,
        reason: String,
        at: Timestamp,
        version: i64,
    },
    /// Marks an approved request paid and posts its disbursement, together. Guarded by version.
    PayAid {
        id: AidId,
        by: String,
        at: Timestamp,
        version: i64,
        entry: EntryRow,
    },
    /// A receipt or proof of payment, sealed under the person's key.
    AttachAidProof {
        id: AidId,
        name: String,
        content_type: String,
        bytes: Vec<u8>,
        version: i64,
    },
}

/// A change to campaigns and gifts.
#[derive(Clone, Debug, PartialEq)]
pub enum DonationOp {
    InsertCampaign(CampaignRow),
    UpdateCampaign(CampaignRow),
    /// A gift, with its donor found (by email) or added.
    InsertDonation {
        donor: DonorRow,
        donation: DonationRow,
    },
    /// Guarded by version; with `entry`, the entry is posted in the same transaction.
    UpdateDonation {
        donation: DonationRow,
        entry: Option<EntryRow>,
    },
    /// Remembers a provider's event id; a second time refuses the change set (`Duplicate("payment event")`).
    ClaimPaymentEvent {
        provider: String,
        event_id: String,
        at: Timestamp,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct FundRow {
    pub id: FundId,
    pub name: String,
    /// "general", "mutual_aid", "restricted".
    pub kind: String,
    pub currency: String,
    /// What a restricted grant may be spent on.
    pub restriction: Option<String>,
    pub created_at: Timestamp,
    pub archived: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EntryRow {
    pub id: EntryId,
    pub at: Timestamp,
    /// The organisation's local date as yyyymmdd.
    pub day: i64,
    pub kind: heart_domain::ledger::EntryKind,
    /// Plain words without names ("mutual aid 0192…", "gift").
    pub memo: String,
    /// What it records: ("mutual_aid", id), ("donation", id).
    pub ref_kind: Option<String>,
    pub ref_id: Option<String>,
    pub reverses: Option<EntryId>,
    /// Set by the store: a refund or dispute that left a fund below zero.
    pub flagged: bool,
    pub posted_by: String,
    pub lines: Vec<heart_domain::ledger::Line>,
}

/// A fund's money over a period: opening, in, out, closing (minor units).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PeriodRow {
    pub opening: i64,
    pub inflow: i64,
    pub outflow: i64,
    pub closing: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AidRow {
    pub id: AidId,
    pub request_id: RequestId,
    pub subject: SubjectId,
    pub fund_id: FundId,
    pub amount_minor: i64,
    pub currency: String,
    /// "arrears", "food", "transport", "phone", "medicine", "other".
    pub purpose: String,
    /// "person" or "third_party".
    pub payee_kind: String,
    /// A third party's name (a utility, a landlord); never the person's.
    pub payee_name: Option<String>,
    /// "check", "card", "cash", "gift_card", "bank_transfer".
    pub method: String,
    /// Sealed under the person's key; `None` once erased.
    pub notes: Option<String>,
    pub requested_by: String,
    pub requested_at: Timestamp,
    pub approvals_needed: i64,
    /// Who approved, when.
    pub approvals: Vec<(String, Timestamp)>,
    /// "awaiting_approval", "approved", "declined", "paid".
    pub status: String,
    pub declined_by: Option<String>,
    pub decline_reason: Option<String>,
    pub decided_at: Option<Timestamp>,
    pub paid_by: Option<String>,
    pub paid_at: Option<Timestamp>,
    pub entry_id: Option<EntryId>,
    pub proof_name: Option<String>,
    pub proof_type: Option<String>,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CampaignRow {
    pub id: CampaignId,
    pub name: String,
    pub fund_id: FundId,
    pub goal_minor: i64,
    pub active: bool,
    pub created_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DonorRow {
    pub id: DonorId,
    /// Lower-cased; the donor's identity for receipts and statements.
    pub email: String,
    pub name: Option<String>,
    pub created_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DonationRow {
    pub id: DonationId,
    pub donor_id: DonorId,
    pub fund_id: FundId,
    pub campaign_id: Option<CampaignId>,
    pub amount_minor: i64,
    pub currency: String,
    /// "once" or "monthly".
    pub frequency: String,
    pub anonymous: bool,
    pub message: Option<String>,
    /// "stripe" or "manual".
    pub provider: String,
    /// "card", "cash", "check", "bank_transfer".
    pub method: String,
    /// The provider's checkout session or payment id.
    pub provider_ref: Option<String>,
    pub subscription_ref: Option<String>,
    /// "pending", "paid", "refunded", "disputed", "failed".
    pub status: String,
    /// Opens the receipt page (random, unguessable).
    pub receipt_token: String,
    pub created_at: Timestamp,
    pub paid_at: Option<Timestamp>,
    pub entry_id: Option<EntryId>,
    pub refunded_minor: i64,
    pub recorded_by: Option<String>,
    pub version: i64,
    /// The language the donor gave in (their receipt is written in it).
    pub language: String,
}

/// A receipt or a yearly statement waiting to be emailed (the words are written when it goes out).
#[derive(Clone, Debug, PartialEq)]
pub struct MailRow {
    pub id: MailId,
    /// One mail per key: `receipt:<donation>`, `statement:<donor>:<year>` (the yearly run), or with a time
    /// appended when someone asks for a statement to be sent again.
    pub dedup: String,
    /// "receipt" or "statement".
    pub kind: String,
    pub donor_id: DonorId,
    pub donation_id: Option<DonationId>,
    pub year: Option<i32>,
    pub language: String,
    pub created_at: Timestamp,
    pub next_at: Timestamp,
    pub attempts: i64,
    pub sent_at: Option<Timestamp>,
    pub failed_at: Option<Timestamp>,
    /// Why the last try failed, in the mail server's words (no address, no content).
    pub error: Option<String>,
}

/// How the mail outbox stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MailSummary {
    pub waiting: i64,
    pub failed: i64,
    pub sent: i64,
}

/// Rows and their audit entries, written in one transaction or not at all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChangeSet {
    pub ops: Vec<Op>,
    pub audit: Vec<AuditEntry>,
}

impl ChangeSet {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn op(mut self, op: Op) -> Self {
        self.ops.push(op);
        self
    }
    pub fn push(&mut self, op: Op) {
        self.ops.push(op);
    }
    pub fn audit(&mut self, entry: AuditEntry) {
        self.audit.push(entry);
    }
}
