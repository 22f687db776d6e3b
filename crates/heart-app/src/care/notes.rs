//! A request's timeline beside its status history: notes, tries to reach the person (with how it went) and handovers
//! to the next shift, which stay on the board until someone else marks them read. The words are sealed under the
//! person's key like the other care fields; reading them is an audited read, and only a signed-in person (or a
//! token made for a person) is given them.

use crate::{Actor, App, AppError, AppResult};
use heart_domain::audit::AuditEntry;
use heart_domain::care::{CallResult, MAX_TIMELINE_NOTE_CHARS, NoteKind};
use heart_domain::events::{EventKind, LiveEvent};
use heart_domain::ids::{NoteId, RequestId};
use heart_domain::intake::FieldErrors;
use heart_domain::text::Words;
use heart_store::notes::{NoteOp, NoteRow};
use heart_store::{CareOp, ChangeSet, Op};
use serde::Deserialize;

crate::view! {
    /// One line of a request's timeline. `text` is `None` for a reader who is not given personal fields, and once
    /// the person is erased.
    Note from heart_store::notes::NoteRow {
        id: heart_domain::ids::NoteId,
        request_id: heart_domain::ids::RequestId,
        kind: heart_domain::care::NoteKind,
        result: Option<heart_domain::care::CallResult>,
        text: Option<String>,
        /// Who wrote it, as the audit log names them.
        author: String,
        /// The account's or token's name.
        author_name: String,
        created_at: heart_domain::time::Timestamp,
        read_by: Option<String>,
        read_at: Option<heart_domain::time::Timestamp>,
    }
}

/// A handover waiting on the board, with what it is about.
#[derive(Clone, Debug)]
pub struct Handover {
    pub note: Note,
    /// The request's summary (withheld as the note's words are).
    pub summary: Option<String>,
}

/// A line for the timeline, as written.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = NoteBody))]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    /// note, call_attempt or handover.
    pub kind: Option<String>,
    /// The words: at most 10,000 characters.
    pub text: Option<String>,
    /// For a call_attempt only, and needed there: reached, no_answer, voicemail or wrong_number.
    pub result: Option<String>,
}

impl NoteInput {
    fn parse(self) -> Result<(NoteKind, Option<CallResult>, String), FieldErrors> {
        let mut e = FieldErrors::default();
        let kind = match self.kind.as_deref().map(str::trim) {
            None | Some("") => {
                e.add("kind", "required");
                None
            }
            Some(k) => NoteKind::parse(k).or_else(|| {
                e.add("kind", "unknown");
                None
            }),
        };
        let text = Words::up_to(MAX_TIMELINE_NOTE_CHARS)
            .required()
            .check(&mut e, "text", self.text.as_deref())
            .unwrap_or_default();
        let result = match (kind, self.result.as_deref().map(str::trim)) {
            (_, Some(r)) if !r.is_empty() && CallResult::parse(r).is_none() => {
                e.add("result", "unknown");
                None
            }
            (Some(NoteKind::CallAttempt), None | Some("")) => {
                e.add("result", "required");
                None
            }
            (Some(NoteKind::CallAttempt), Some(r)) => CallResult::parse(r),
            (_, Some(r)) if !r.is_empty() => {
                e.add("result", "not_allowed");
                None
            }
            _ => None,
        };
        match kind {
            Some(kind) if e.is_empty() => Ok((kind, result, text)),
            _ => Err(e),
        }
    }
}

impl App {
    /// Adds a line to a request's timeline. Anyone who may read the request may; a token that acts for no person
    /// too (its name is the author).
    pub async fn add_note(
        &self,
        actor: &Actor,
        request: RequestId,
        input: NoteInput,
    ) -> AppResult<Note> {
        let r = self.request_row(actor, request).await?;
        let (kind, result, text) = input.parse().map_err(AppError::Invalid)?;
        let now = self.clock.now();
        let row = NoteRow {
            id: NoteId::new(),
            request_id: r.id,
            kind,
            result,
            text: Some(text),
            author: actor.audit_name(),
            author_name: Self::author_name(actor),
            created_at: now,
            read_by: None,
            read_at: None,
        };
        let mut cs = ChangeSet::new().op(Op::Care(CareOp::Note(NoteOp::Insert(row.clone()))));
        // A handover reaches the next shift's phones too (the words stay on the board, never in the alert).
        if kind == heart_domain::care::NoteKind::Handover {
            let writer = match actor.kind {
                crate::ActorKind::User(u) => Some(u),
                _ => None,
            };
            let people = self.next_shift_people(writer).await?;
            let alert = crate::push::PushKind::Handover;
            let alerts = self.alert_ops(&people, alert, None, None, "/board#handovers");
            cs.ops.extend(alerts.await?);
        }
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "request.note",
            "request",
            &r.id.to_string(),
            kind.as_str(),
        ));
        self.store.apply(cs).await?;
        self.publish(LiveEvent {
            kind: EventKind::RequestUpdated,
            id: r.id.to_string(),
            team: r.team_id.map(|t| t.to_string()),
        });
        Ok(self.for_reader(actor, row))
    }

    /// A request's timeline, newest first: an audited read.
    pub async fn notes(&self, actor: &Actor, request: RequestId) -> AppResult<Vec<Note>> {
        self.request_row(actor, request).await?;
        let rows = self.store.notes().notes_for_request(request).await?;
        if !rows.is_empty() && actor.for_person() {
            self.audit_read(actor, "request.notes.read", &request.to_string())
                .await?;
        }
        Ok(rows
            .into_iter()
            .map(|n| self.for_reader(actor, n))
            .collect())
    }

    /// Handovers nobody has marked read, oldest first, for the board (`dispatch`): what each is about, in the
    /// words of whoever wrote it. Reading them is a list read naming every request.
    pub async fn handovers(&self, actor: &Actor) -> AppResult<Vec<Handover>> {
        actor.require(&[heart_domain::access::Capability::Dispatch])?;
        let rows = self.store.notes().unread_handovers(200).await?;
        let ids: Vec<RequestId> = rows.iter().map(|n| n.request_id).collect();
        if !ids.is_empty() {
            self.audit_list_read(actor, "request.notes.read", "handovers", "unread", &ids)
                .await?;
        }
        let mut out = Vec::with_capacity(rows.len());
        for n in rows {
            let summary = match self.store.request(n.request_id).await? {
                Some(r) if actor.for_person() => Some(r.summary),
                _ => None,
            };
            out.push(Handover {
                note: self.for_reader(actor, n),
                summary,
            });
        }
        Ok(out)
    }

    /// Someone on the next shift has read a handover: it leaves the board. Not its author (a handover is for
    /// someone else), and only once.
    pub async fn mark_handover_read(&self, actor: &Actor, id: NoteId) -> AppResult<Note> {
        let n = self
            .store
            .notes()
            .note(id)
            .await?
            .ok_or(AppError::NotFound)?;
        let r = self.request_row(actor, n.request_id).await?;
        if n.kind != NoteKind::Handover {
            return Err(AppError::NotFound);
        }
        if n.read_at.is_some() {
            return Err(AppError::conflict(
                "handover-read",
                "someone has already marked this handover read",
            ));
        }
        if n.author == actor.audit_name() {
            return Err(AppError::conflict(
                "handover-own",
                "a handover is for the next shift: someone else marks it read",
            ));
        }
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Care(CareOp::Note(NoteOp::MarkRead {
            id,
            by: actor.audit_name(),
            at: now,
        })));
        cs.audit(AuditEntry::new(
            now,
            &actor.audit_name(),
            "request.handover_read",
            "request",
            &r.id.to_string(),
            "",
        ));
        self.store.apply(cs).await?;
        self.publish(LiveEvent {
            kind: EventKind::RequestUpdated,
            id: r.id.to_string(),
            team: r.team_id.map(|t| t.to_string()),
        });
        let mut n = n;
        n.read_by = Some(actor.audit_name());
        n.read_at = Some(now);
        Ok(self.for_reader(actor, n))
    }

    /// The note as this reader may have it: its words only for a person.
    fn for_reader(&self, actor: &Actor, mut n: NoteRow) -> Note {
        if !actor.for_person() {
            n.text = None;
        }
        n.into()
    }

    /// The name a note is signed with: the account's or the token's.
    fn author_name(actor: &Actor) -> String {
        if actor.name.is_empty() {
            actor.audit_name()
        } else {
            actor.name.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: &str, text: &str, result: Option<&str>) -> NoteInput {
        NoteInput {
            kind: Some(kind.into()),
            text: Some(text.into()),
            result: result.map(Into::into),
        }
    }

    #[test]
    fn a_note_has_a_known_kind_words_and_a_result_only_for_a_call() {
        assert_eq!(
            input("call_attempt", " Rang twice ", Some("no_answer"))
                .parse()
                .unwrap(),
            (
                NoteKind::CallAttempt,
                Some(CallResult::NoAnswer),
                "Rang twice".into()
            )
        );
        let e = input("call_attempt", "x", None).parse().unwrap_err();
        assert_eq!(e.0["result"], "required");
        let e = input("handover", "x", Some("reached")).parse().unwrap_err();
        assert_eq!(e.0["result"], "not_allowed");
        let e = input("gossip", "", Some("busy")).parse().unwrap_err();
        assert_eq!(e.0["kind"], "unknown");
        assert_eq!(e.0["text"], "required");
        assert_eq!(e.0["result"], "unknown");
        let e = input("note", &"a".repeat(MAX_TIMELINE_NOTE_CHARS + 1), None)
            .parse()
            .unwrap_err();
        assert_eq!(e.0["text"], "too_long");
        assert!(
            input("note", &"a".repeat(MAX_TIMELINE_NOTE_CHARS), None)
                .parse()
                .is_ok()
        );
        let e = NoteInput::default().parse().unwrap_err();
        assert_eq!(e.0["kind"], "required");
    }
}
