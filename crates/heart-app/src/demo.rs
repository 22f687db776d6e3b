//! `heart demo`: a realistic, entirely fictional Cambridge week. No real person's data.

use crate::{Actor, App, AppResult};
use heart_domain::access::{Capabilities, Capability};
use heart_domain::audit::AuditEntry;
use heart_domain::care::{CloseOutcome, FollowUpMethod, Need};
use heart_domain::dispatch::{Status, TeamStatus};
use heart_domain::ids::{EncounterId, FollowUpId, RequestId, ShiftId, SubjectId, TeamId};
use heart_domain::intake::{Channel, Contact, Location, Requester, SafeContact};
use heart_domain::time::Timestamp;
use heart_domain::triage::evaluate;
use heart_store::{CareOp, DispatchOp, RequestOp, TrustOp};
use heart_store::{
    ChangeSet, EncounterRow, FollowUpRow, Op, RequestRow, SealState, ShiftRow, TeamRow,
    TransitionRow,
};
use jiff::SignedDuration;
use std::collections::BTreeMap;

/// A demo sign-in, printed by `heart demo`.
#[derive(Clone, Debug)]
pub struct DemoLogin {
    pub username: String,
    pub password: String,
    pub what: String,
}

struct Scenario {
    summary: &'static str,
    place: &'static str,
    at: (f64, f64),
    answers: &'static [(&'static str, &'static str)],
    needs: &'static [Need],
    actions: &'static str,
    own_words: Option<&'static str>,
}

/// Caller names, phone numbers and words of the demo's fictional people: tests look for them where they must not
/// be (files under the data directory, logs).
pub fn personal_strings() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for sc in SCENARIOS {
        out.push(sc.summary.into());
        if !sc.place.is_empty() {
            out.push(sc.place.into());
        }
        out.push(sc.actions.into());
        out.extend(sc.own_words.map(String::from));
    }
    for i in 0..DEMO_REQUESTS {
        out.push(format!("Demo caller {i}"));
        out.push(format!("617-555-01{:02}", i % 100));
    }
    out.extend(
        [
            "weekdays after 6pm",
            "sunflower",
            EMS_REASON,
            FOLLOW_UP_NOTE,
        ]
        .map(String::from),
    );
    for (reference, asked) in DEMO_LEGAL {
        out.push(reference.to_string());
        out.push(asked.to_string());
    }
    out.sort();
    out.dedup();
    out
}

const DEMO_REQUESTS: usize = 40;
const EMS_REASON: &str = "Slow breathing, possible overdose: a medical emergency.";
/// Fictional legal demands (their reference, what they asked): the first about a demo person.
const DEMO_LEGAL: [(&str, &str); 2] = [
    (
        "Demo docket 26-0417 (fictional)",
        "Every record about the person helped near the Porter Square bus stop (a fictional demand)",
    ),
    (
        "Demo subpoena 26-SM-0088 (fictional)",
        "Call logs for the week of the Harvard Square vigil (a fictional demand)",
    ),
];
const FOLLOW_UP_NOTE: &str = "Called back; doing better, no further support wanted for now.";

const SCENARIOS: &[Scenario] = &[
    Scenario {
        summary: "A young man is in deep distress outside the building where his mother has just died. Neighbours are worried; he does not want police.",
        place: "Outside an apartment building near Central Square",
        at: (42.3651, -71.1035),
        answers: &[
            ("medical", "no"),
            ("in_area", "yes"),
            ("where_now", "outside"),
            ("distress", "acute"),
        ],
        needs: &[Need::MentalHealth, Need::Other],
        actions: "Sat with him on the steps for an hour, listened, called his aunt with him, walked him to her place.",
        own_words: Some("I just needed someone to stay with me."),
    },
    Scenario {
        summary: "Someone is sheltering in a bank's ATM vestibule in the cold; the bank's alarm partner called us instead of the police.",
        place: "ATM vestibule, Massachusetts Ave near Porter Square",
        at: (42.3884, -71.1191),
        answers: &[
            ("medical", "no"),
            ("in_area", "yes"),
            ("where_now", "sheltering"),
            ("weather", "yes"),
            ("distress", "calm"),
        ],
        needs: &[Need::Housing, Need::Food],
        actions: "Brought a blanket, hot food and a charger; offered a ride to a shelter.",
        own_words: None,
    },
    Scenario {
        summary: "A woman whose partner controls all the money cannot pay her bills and has thought about suicide. She asked for a call, not a visit.",
        place: "",
        at: (0.0, 0.0),
        answers: &[
            ("medical", "no"),
            ("in_area", "yes"),
            ("where_now", "home"),
            ("distress", "struggling"),
            ("suicide", "thoughts"),
            ("wants_visit", "no"),
            ("harm_at_home", "yes"),
            ("money_need", "yes"),
        ],
        needs: &[Need::Money, Need::Safety, Need::MentalHealth],
        actions: "Long phone support call; talked through safety together; started a mutual-aid request for the arrears; referral to a domestic-violence programme with her consent.",
        own_words: Some("I didn't think anyone would help with the bills."),
    },
    Scenario {
        summary: "Two neighbours arguing loudly in a stairwell over noise; one asked for someone to help them talk.",
        place: "Stairwell of a building in Cambridgeport",
        at: (42.3580, -71.1080),
        answers: &[
            ("medical", "no"),
            ("in_area", "yes"),
            ("where_now", "home"),
            ("distress", "struggling"),
            ("wants_visit", "yes"),
        ],
        needs: &[Need::Conflict],
        actions: "Mediated a conversation between the neighbours; agreed quiet hours.",
        own_words: None,
    },
    Scenario {
        summary: "A person on the Cambridge Common seems confused and has not eaten; a passer-by called.",
        place: "Cambridge Common",
        at: (42.3765, -71.1210),
        answers: &[
            ("medical", "no"),
            ("in_area", "yes"),
            ("where_now", "outside"),
            ("distress", "struggling"),
            ("wants_visit", "yes"),
        ],
        needs: &[Need::Food, Need::MentalHealth],
        actions: "Offered water and a sandwich; talked; connected to a drop-in centre.",
        own_words: None,
    },
    Scenario {
        summary: "Someone collapsed and is breathing slowly near Kendall station; caller thinks it may be an overdose.",
        place: "Near Kendall/MIT station",
        at: (42.3625, -71.0862),
        answers: &[
            ("medical", "yes"),
            ("in_area", "yes"),
            ("where_now", "outside"),
        ],
        needs: &[Need::Medical, Need::SubstanceUse],
        actions: "Call-taker called EMS with the caller's agreement; team followed to offer support afterwards.",
        own_words: None,
    },
    Scenario {
        summary: "A student calling from Somerville feels overwhelmed and alone tonight.",
        place: "",
        at: (0.0, 0.0),
        answers: &[("medical", "no"), ("in_area", "no")],
        needs: &[Need::MentalHealth],
        actions: "Listened, shared 988 and the Behavioral Health Help Line, and the student's college counselling line.",
        own_words: None,
    },
    Scenario {
        summary: "A man asks where he can get groceries this week; his benefits are late.",
        place: "",
        at: (0.0, 0.0),
        answers: &[
            ("medical", "no"),
            ("in_area", "yes"),
            ("where_now", "home"),
            ("distress", "calm"),
            ("money_need", "yes"),
        ],
        needs: &[Need::Food, Need::Money],
        actions: "Referral to a food pantry open tomorrow; mutual-aid grocery card offered.",
        own_words: None,
    },
    Scenario {
        summary: "A shop worker asks for help with a regular visitor who is sleeping in the doorway in the rain.",
        place: "Shop doorway, Inman Square",
        at: (42.3735, -71.1010),
        answers: &[
            ("medical", "no"),
            ("in_area", "yes"),
            ("where_now", "sheltering"),
            ("weather", "yes"),
            ("distress", "calm"),
        ],
        needs: &[Need::Housing],
        actions: "Talked with the person; they chose to stay; left a poncho and the shelter list; shop agreed not to call police.",
        own_words: Some("Just let me sleep, I'll move on in the morning."),
    },
    Scenario {
        summary: "A teenager is crying at the Alewife bus stop after a fight at home and does not want to go back tonight.",
        place: "Alewife station bus stop",
        at: (42.3954, -71.1425),
        answers: &[
            ("medical", "no"),
            ("in_area", "yes"),
            ("where_now", "outside"),
            ("distress", "acute"),
        ],
        needs: &[Need::Safety, Need::Housing],
        actions: "Stayed with them, called a youth shelter together, rode along.",
        own_words: None,
    },
    Scenario {
        summary: "A caller is worried about a friend who has stopped answering and has talked about ending their life.",
        place: "An apartment in North Cambridge",
        at: (42.3930, -71.1300),
        answers: &[
            ("medical", "no"),
            ("in_area", "yes"),
            ("where_now", "home"),
            ("distress", "acute"),
            ("suicide", "plan_now"),
            ("wants_visit", "unsure"),
        ],
        needs: &[Need::MentalHealth, Need::Safety],
        actions: "Team visited with the caller; the friend let them in; safety plan made together; follow-up agreed.",
        own_words: Some("Thank you for not bringing the police."),
    },
    Scenario {
        summary: "Someone asks for help understanding an eviction notice.",
        place: "",
        at: (0.0, 0.0),
        answers: &[
            ("medical", "no"),
            ("in_area", "yes"),
            ("where_now", "home"),
            ("distress", "struggling"),
            ("money_need", "yes"),
        ],
        needs: &[Need::Housing, Need::Money],
        actions: "Referral to legal aid for tenants; explained the timeline.",
        own_words: None,
    },
];

struct Rng(u64);
impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

/// Margaret Fuller Neighborhood House in the demo directory (its stable id, from `scripts/demo_directory.py`).
pub const DEMO_PARTNER_ORG: &str = "a3109d6f-1bfb-5c9b-8d70-90f2e5e9f880";
/// Its help with utility arrears, and its food pantry.
pub const DEMO_ARREARS_SERVICE: &str = "a71f2e63-3256-5d38-aeee-b7cbe812e3b4";
pub const DEMO_PANTRY_SERVICE: &str = "28368098-0399-5f70-af18-d3851c87e2ec";

impl App {
    /// Loads the demo week if the database is empty. Returns the sign-ins to print (None when not loaded).
    pub async fn load_demo(&self) -> AppResult<Option<Vec<DemoLogin>>> {
        if !self.store.is_empty().await? {
            return Ok(None);
        }
        let cli = Actor::cli();
        let now = self.clock.now();
        let ago = |m: i64| now.checked_sub(mins(m)).unwrap_or(now);

        // Teams, at their bases.
        let central = self
            .create_team(&cli, "Team Central", Some((42.3656, -71.1040)))
            .await?;
        let north = self
            .create_team(&cli, "Team North", Some((42.3880, -71.1190)))
            .await?;
        let river = self
            .create_team(&cli, "Team Riverside", Some((42.3600, -71.1120)))
            .await?;
        // Shifts: all three teams are on now, with past shifts for the week.
        let mut cs = ChangeSet::new();
        for day in 0..7 {
            for (team, start_h, len_h) in
                [(central.id, 2, 10), (north.id, 6, 10), (river.id, 14, 10)]
            {
                let starts = ago(day * 24 * 60 + start_h * 60);
                let starts = if day == 0 && team == river.id {
                    ago(60)
                } else {
                    starts
                };
                let ends = starts
                    .checked_add(SignedDuration::from_hours(len_h))
                    .unwrap_or(starts);
                cs.push(Op::Dispatch(DispatchOp::InsertShift(ShiftRow {
                    id: ShiftId::new(),
                    team_id: team,
                    starts_at: starts,
                    ends_at: ends,
                })));
            }
        }
        self.store.apply(cs).await?;

        let mut logins = Vec::new();
        let add = |logins: &mut Vec<DemoLogin>, username: &str, what: &str| {
            logins.push(DemoLogin {
                username: username.into(),
                password: format!("heart-demo-{username}"),
                what: what.into(),
            });
        };
        let staff: [(&str, &str, &[Capability], &str); 5] = [
            (
                "dispatch",
                "Jordan (dispatch)",
                &[Capability::Dispatch, Capability::Intake],
                "live board, intake",
            ),
            (
                "intake",
                "Sam (call-taker)",
                &[Capability::Intake],
                "take requests",
            ),
            (
                "coordinator",
                "Rae (coordinator)",
                &[Capability::Coordinate, Capability::Finance],
                "follow-ups, records, funds and mutual aid",
            ),
            ("admin", "Lee (admin)", &[Capability::Admin], "accounts"),
            (
                "mo",
                "Mo (coordinator)",
                &[
                    Capability::Coordinate,
                    Capability::Admin,
                    Capability::Finance,
                ],
                "the second person for approvals and mutual aid",
            ),
        ];
        for (u, name, caps, what) in staff {
            self.add_user(
                &cli,
                u,
                Some(name),
                Capabilities::of(caps),
                None,
                Some(&format!("heart-demo-{u}")),
            )
            .await?;
            add(&mut logins, u, what);
        }
        let responders: [(&str, &str, TeamId); 8] = [
            ("amara", "Amara", central.id),
            ("bo", "Bo", central.id),
            ("carmen", "Carmen", central.id),
            ("dev", "Dev", north.id),
            ("eli", "Eli", north.id),
            ("fern", "Fern", north.id),
            ("gus", "Gus", river.id),
            ("hana", "Hana", river.id),
        ];
        for (u, name, team) in responders {
            self.add_user(
                &cli,
                u,
                Some(name),
                Capabilities::of(&[Capability::Respond]),
                Some(team),
                Some(&format!("heart-demo-{u}")),
            )
            .await?;
            let team_name = [&central, &north, &river]
                .iter()
                .find(|t| t.id == team)
                .map(|t| t.name.clone())
                .unwrap_or_default();
            add(&mut logins, u, &format!("responder, {team_name}"));
        }
        // Someone at Margaret Fuller Neighborhood House (a partner in the demo directory): its own listings,
        // capacity and the referrals sent to it, nothing else.
        self.seed_demo_directory().await?;
        self.add_partner_user(
            &cli,
            "fuller",
            Some("Rosa (Margaret Fuller House)"),
            DEMO_PARTNER_ORG,
            Some("heart-demo-fuller"),
        )
        .await?;
        add(
            &mut logins,
            "fuller",
            "partner: Margaret Fuller House's listings and referrals",
        );

        // About forty requests over the past week.
        let mut rng = Rng(0x0048_4541_5254);
        let teams = [central.clone(), north.clone(), river.clone()];
        let mut cs = ChangeSet::new();
        let total = DEMO_REQUESTS;
        // Closed requests whose encounter named needs and whose person left a name: the demo's referrals.
        let mut referable = Vec::new();
        for i in 0..total {
            // The newest five are open now, one in each state a request can wait in.
            let sc = match total - i {
                5 => &SCENARIOS[1],
                4 => &SCENARIOS[0],
                3 => &SCENARIOS[4],
                2 => &SCENARIOS[3],
                _ => &SCENARIOS[i % SCENARIOS.len()],
            };
            // The newest few are still open in various states, from the last hour.
            let created = if total - i <= 5 {
                ago(((total - i) as i64) * 9 + rng.next(5) as i64)
            } else {
                ago(((total - i) as i64) * 250 + rng.next(60) as i64)
            };
            let final_status = match total - i {
                1 => Status::Received,
                2 => Status::Waiting,
                3 => Status::Triaged,
                4 => Status::OnScene,
                5 => Status::Assigned,
                9 | 17 => Status::Cancelled,
                _ => Status::Closed,
            };
            let answers: BTreeMap<String, String> = sc
                .answers
                .iter()
                .map(|(q, a)| (q.to_string(), a.to_string()))
                .collect();
            let answers = if final_status == Status::Received {
                BTreeMap::new()
            } else {
                answers
            };
            let triage = evaluate(&self.script, &answers).map_err(|e| {
                crate::AppError::field(&format!("answers.{}", e.question()), "invalid")
            })?;
            let needs_team = triage.outcome == heart_domain::triage::Outcome::FieldResponse;
            let final_status = match (final_status, needs_team) {
                (Status::Assigned | Status::OnScene | Status::Waiting | Status::Triaged, false) => {
                    Status::Triaged
                }
                (s, _) => s,
            };
            let id = RequestId::new();
            let has_place = !sc.place.is_empty();
            let team = &teams[i % 3];
            let team = match final_status {
                Status::OnScene => &central,
                Status::Assigned => &river,
                _ => team,
            };
            let outcome = CloseOutcome::ALL[rng.next(5) as usize];
            let subject = SubjectId::new();
            cs.push(Op::Trust(TrustOp::NewSubject {
                id: subject,
                at: created,
            }));
            let mut row = RequestRow {
                id,
                subject,
                sealed: SealState::Open,
                created_at: created,
                updated_at: created,
                channel: [
                    Channel::Phone,
                    Channel::Web,
                    Channel::Partner,
                    Channel::Phone,
                ][i % 4],
                requester: [
                    Requester::OnBehalf,
                    Requester::Person,
                    Requester::Partner,
                    Requester::Person,
                ][i % 4],
                summary: sc.summary.to_string(),
                location: if has_place {
                    Location {
                        text: Some(sc.place.into()),
                        lat: Some(sc.at.0),
                        lon: Some(sc.at.1),
                        withheld: false,
                    }
                } else {
                    Location {
                        withheld: true,
                        ..Default::default()
                    }
                },
                contact: if i % 3 == 0 {
                    Contact {
                        name: None,
                        phone: None,
                    }
                } else {
                    Contact {
                        name: Some(format!("Demo caller {i}")),
                        phone: Some(format!("617-555-01{:02}", i % 100)),
                    }
                },
                safe_contact: SafeContact {
                    text_ok: i % 2 == 0,
                    voicemail_ok: i % 5 == 0,
                    call_ok: true,
                    hours: (i % 4 == 2).then(|| "weekdays after 6pm".to_string()),
                    code_word: (i % 6 == 2).then(|| "sunflower".to_string()),
                },
                language: ["en", "en", "es", "en", "ht", "pt-BR"][i % 6].to_string(),
                answers,
                triage,
                ems_reason: None,
                ems_consent: None,
                status: final_status,
                team_id: None,
                outcome: None,
                version: 1,
            };
            if row.triage.outcome == heart_domain::triage::Outcome::EmsMedical {
                row.ems_reason = Some(EMS_REASON.into());
                row.ems_consent = Some(
                    if i % 2 == 0 {
                        "agreed"
                    } else {
                        "could_not_ask"
                    }
                    .into(),
                );
            }
            // Walk the lifecycle with plausible times.
            let mut path = vec![Status::Received];
            if final_status != Status::Received {
                path.push(if final_status == Status::Waiting {
                    Status::Waiting
                } else {
                    Status::Triaged
                });
            }
            if needs_team
                && matches!(
                    final_status,
                    Status::Assigned | Status::OnScene | Status::Closed
                )
            {
                path.push(Status::Assigned);
                if final_status != Status::Assigned {
                    path.extend([Status::EnRoute, Status::OnScene]);
                }
            }
            if matches!(final_status, Status::Closed | Status::Cancelled) {
                path.push(final_status);
            }
            let steps = [
                0,
                2,
                4 + rng.next(6) as i64,
                8 + rng.next(10) as i64,
                20 + rng.next(15) as i64,
                70 + rng.next(50) as i64,
            ];
            let mut t_last = created;
            let mut team_on = None;
            for (k, s) in path.iter().enumerate() {
                let at = created
                    .checked_add(mins(steps[k.min(steps.len() - 1)]))
                    .unwrap_or(created);
                t_last = at;
                if *s == Status::Assigned {
                    team_on = Some(team.id);
                }
                cs.push(Op::Request(RequestOp::InsertTransition(TransitionRow {
                    request_id: id,
                    from: if k == 0 { None } else { Some(path[k - 1]) },
                    to: *s,
                    team_id: if s.has_team() || (*s == Status::Closed && team_on.is_some()) {
                        team_on
                    } else {
                        None
                    },
                    at,
                    actor: "cli".into(),
                })));
            }
            row.updated_at = t_last;
            if final_status.has_team() {
                row.team_id = Some(team.id);
            }
            if final_status == Status::Closed {
                // The three stories end as they did.
                let outcome = match i % SCENARIOS.len() {
                    0 => CloseOutcome::ConnectedToSupport,
                    1 => CloseOutcome::ResolvedForNow,
                    2 => CloseOutcome::OngoingSupport,
                    8 => CloseOutcome::DeclinedTheirChoice,
                    _ => outcome,
                };
                row.outcome = Some(outcome);
                let eid = EncounterId::new();
                if row.contact.name.is_some() && !sc.needs.is_empty() {
                    referable.push(id);
                }
                let consent = matches!(
                    outcome,
                    CloseOutcome::OngoingSupport | CloseOutcome::ConnectedToSupport
                ) || i % 3 == 0;
                cs.push(Op::Care(CareOp::InsertEncounter(EncounterRow {
                    id: eid,
                    request_id: id,
                    team_id: team_on,
                    needs: sc.needs.to_vec(),
                    actions: sc.actions.to_string(),
                    own_words: sc.own_words.map(String::from),
                    outcome,
                    follow_up_consent: consent,
                    follow_up_method: consent.then_some(if i % 2 == 0 {
                        FollowUpMethod::Phone
                    } else {
                        FollowUpMethod::Text
                    }),
                    created_at: t_last,
                    created_by: "cli".into(),
                })));
                if consent {
                    let due = t_last
                        .checked_add(SignedDuration::from_hours(self.config.follow_up_hours))
                        .unwrap_or(t_last);
                    let done = due < now && i % 2 == 0;
                    cs.push(Op::Care(CareOp::InsertFollowUp(FollowUpRow {
                        id: FollowUpId::new(),
                        request_id: id,
                        encounter_id: Some(eid),
                        due_at: due,
                        method: Some(FollowUpMethod::Phone),
                        done_at: done.then_some(due),
                        done_note: done.then(|| FOLLOW_UP_NOTE.to_string()),
                        done_by: done.then(|| "cli".to_string()),
                        cancelled_at: None,
                        version: 1,
                    })));
                }
            }
            cs.audit(AuditEntry::new(
                created,
                "cli",
                "request.create",
                "request",
                &id.to_string(),
                "demo",
            ));
            cs.ops.insert(0, Op::Request(RequestOp::InsertRequest(row)));
        }
        // Reorder: requests must exist before their transitions and encounters.
        cs.ops.sort_by_key(|op| match op {
            Op::Trust(TrustOp::NewSubject { .. }) => 0,
            Op::Request(RequestOp::InsertRequest(_)) => 1,
            Op::Care(CareOp::InsertEncounter(_)) => 2,
            _ => 3,
        });
        self.store.apply(cs).await?;

        // Team Central is with someone; Team Riverside has just been assigned; Team North is free.
        let mut cs = ChangeSet::new();
        for (id, status) in [
            (central.id, TeamStatus::OnScene),
            (river.id, TeamStatus::Assigned),
        ] {
            let mut t: TeamRow = self
                .store
                .team(id)
                .await?
                .ok_or(crate::AppError::NotFound)?;
            t.status = status;
            t.status_at = ago(6);
            t.checkin_at = (status == TeamStatus::OnScene).then(|| ago(6));
            cs.push(Op::Dispatch(DispatchOp::UpdateTeam(t)));
            cs.audit(AuditEntry::new(
                now,
                "cli",
                "team.status",
                "team",
                &id.to_string(),
                status.as_str(),
            ));
        }
        self.store.apply(cs).await?;
        self.load_demo_money().await?;
        // Two referrals to Margaret Fuller House, made with the people's agreement: help with arrears (first name,
        // a call-back number and the needs shared; the house accepted), and the food pantry (nothing shared).
        let shares: [(&str, &[&str], bool); 2] = [
            (
                DEMO_ARREARS_SERVICE,
                &["first_name", "callback", "needs"],
                true,
            ),
            (DEMO_PANTRY_SERVICE, &[], false),
        ];
        let partner = crate::Actor {
            kind: crate::ActorKind::Cli,
            caps: Capabilities::of(&[Capability::Partner]),
            team: None,
            organization: Some(DEMO_PARTNER_ORG.into()),
            name: "cli".into(),
        };
        for (rid, (service, share, accept)) in referable.iter().rev().zip(shares) {
            let r = self
                .refer(
                    &cli,
                    *rid,
                    crate::referrals::ReferralInput {
                        service_id: service.into(),
                        share: share.iter().map(|s| s.to_string()).collect(),
                        note: None,
                        consent: true,
                    },
                )
                .await?;
            if accept {
                self.answer_referral(&partner, r.id, "accepted", None)
                    .await?;
            }
        }
        // The legal register: two fictional demands waiting for their two reviews, one about a person (sealed under
        // their key, erased with them), one naming nobody (sealed under the deployment's key).
        let about = match referable.first() {
            Some(rid) => self.store.request(*rid).await?.map(|r| r.subject),
            None => None,
        };
        let mut cs = ChangeSet::new();
        for ((reference, asked), subject) in DEMO_LEGAL.iter().zip([about, None]) {
            let row = heart_store::LegalDemandRow {
                id: heart_domain::ids::LegalDemandId::new(),
                received_at: ago(2 * 24 * 60),
                from_kind: "court".into(),
                reference: reference.to_string(),
                asked: asked.to_string(),
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
                now,
                "cli",
                "legal.record",
                "legal_demand",
                &row.id.to_string(),
                "court",
            ));
            cs.push(Op::Trust(TrustOp::InsertLegalDemand(row)));
        }
        self.store.apply(cs).await?;
        let _: Timestamp = now;
        Ok(Some(logins))
    }
}
