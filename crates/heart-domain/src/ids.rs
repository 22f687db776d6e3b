//! Identifiers: UUID v7 newtypes, so a team id can never be passed where a request id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! id_type {
    ($name:ident) => {
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(RequestId);
id_type!(TeamId);
id_type!(UserId);
id_type!(TokenId);
id_type!(EncounterId);
id_type!(FollowUpId);
id_type!(ShiftId);
id_type!(AlertId);
id_type!(AuditId);
// A person served, pseudonymously: the unit of a data key, an export and an erasure.
id_type!(SubjectId);
id_type!(ApprovalId);
id_type!(LegalDemandId);
// Money: funds, journal entries, mutual-aid requests, donors, gifts, campaigns.
id_type!(FundId);
id_type!(EntryId);
id_type!(AidId);
// A line on a request's timeline (a note, a try to reach the person, a handover).
id_type!(NoteId);
id_type!(PartnerId);
id_type!(PartnerAlertId);
id_type!(SmsId);
id_type!(CallbackId);
id_type!(DonorId);
id_type!(DonationId);
id_type!(CampaignId);
id_type!(ReferralId);
id_type!(MailId);
// A passkey (WebAuthn credential) an account holds as a second factor.
id_type!(PasskeyId);
// An outreach walk or event.
id_type!(WalkId);
// A warmline contact (a call or a text that needed no request).
id_type!(WarmlineId);
// A debrief after a hard call.
id_type!(DebriefId);
// A training record.
id_type!(TrainingId);
id_type!(SupplyMoveId);
// A circle, and what it holds: a person in it, a note, an agreement, a commitment, a check-in, a consent.
id_type!(CircleId);
id_type!(CirclePersonId);
id_type!(CircleNoteId);
id_type!(AgreementId);
id_type!(CommitmentId);
id_type!(CheckInId);
id_type!(ConsentId);
