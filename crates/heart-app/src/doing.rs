//! What a page or an API call is about to do, and who may do it: the one place, with the use cases themselves,
//! where capability lists are written.
//!
//! Most pages need nothing from here: they call a use case, which checks its own capabilities, and map a
//! `Forbidden` to the 403 page. A page asks [`App::may`] first only when it must know before it reads a form's fields
//! (so a person who may not act is told so, not how to fill the form in), or when it shows something that no use
//! case guards (the blank intake form, the geocoder, the metrics). The web layer names what it does, never a
//! capability.

use crate::intake::REQUEST_READERS;
use crate::{Actor, App, AppResult};
use heart_domain::access::Capability::{self, *};

/// An action a person or a system is about to take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doing {
    /// Taking a request by phone or in person (the intake form).
    TakeRequests,
    /// Reading requests and a person's record (the people who work on requests).
    ReadRequests,
    /// Asking for a person's export or erasure, which a second person then decides.
    AskAboutRecord,
    /// Screening a request (the triage questions).
    Screen,
    /// Correcting what intake took (what was said, where, the language, safe contact, needs).
    CorrectRequests,
    /// Dispatching: the board and assigning a team.
    Dispatch,
    /// Moving a request along (en route, on scene, cancelled, closed with its record).
    MoveRequests,
    /// Seeing the teams and their status (the API's list).
    SeeTeams,
    /// Responding in the field: the responder's own team, position and safety.
    Respond,
    /// Keeping the teams, their shifts and members.
    KeepTeams,
    /// Referring a person to a partner's service.
    Refer,
    /// A partner organisation's own work (its referrals, services and hook).
    PartnerWork,
    /// Keeping a service's capacity (the team's coordinators or the partner).
    KeepCapacity,
    /// Finance: funds, aid decisions, donations and statements.
    Finance,
    /// Asking for mutual aid for a person.
    AskAid,
    /// Seeing an ask for mutual aid.
    SeeAid,
    /// Deciding what someone else asked (the two-person rule).
    DecideApprovals,
    /// Recording and reviewing legal demands for a person's data.
    LegalDemands,
    /// Asking to change someone's capabilities.
    ChangeCapabilities,
    /// Adding, disabling and enabling accounts, and ending API tokens.
    KeepAccounts,
    /// Looking up places (the geocoder, addresses and routes).
    Place,
    /// Watching the deployment's health (the metrics).
    Watch,
    /// Seeing how complete each language's translation is.
    SeeLanguages,
    /// The planner: what calls could move to a team like ours, and the teams it would take.
    Plan,
    /// The team's figures (`/impact`) and their downloads.
    SeeImpact,
    /// A report for a funder: what a fund paid for and the activity in the period.
    FunderReport,
    /// Outreach: recording a walk or an event and seeing what the walks counted.
    Outreach,
    /// Logging a warmline contact (a call or a text that needed no request).
    Warmline,
    /// Debriefs after hard calls: seeing them and marking them done.
    Debrief,
    /// Keeping the team's training records.
    Trainings,
    /// Supplies: seeing the stock and recording what was received, given out or moved.
    Supplies,
    /// Supplies: setting the low marks and looking at walks' shortfalls.
    KeepSupplies,
    /// Opening a circle and naming its facilitators (a coordinator, or a facilitator).
    OpenCircle,
    /// Working in a circle: its people, words, consents, stages and agreements (its own facilitators only, which
    /// the use cases check besides).
    Circles,
    /// A receipt for supplies donated in kind (it names the donor): those who handle money and donors.
    SupplyReceipts,
}

impl Doing {
    /// The capabilities that allow it: any one of them.
    pub fn capabilities(self) -> &'static [Capability] {
        match self {
            Doing::TakeRequests => &[Intake],
            Doing::ReadRequests | Doing::AskAboutRecord => &REQUEST_READERS,
            Doing::Screen => &[Intake, Dispatch],
            Doing::CorrectRequests => &[Intake, Dispatch, Coordinate],
            Doing::Dispatch => &[Dispatch],
            Doing::MoveRequests => &[Intake, Dispatch, Respond],
            Doing::SeeTeams => &[Dispatch, Coordinate, Intake],
            Doing::Respond => &[Respond],
            Doing::KeepTeams => &[Coordinate, Admin],
            Doing::Refer => &[Respond, Coordinate],
            Doing::PartnerWork => &[Partner],
            Doing::KeepCapacity => &[Coordinate, Partner],
            Doing::Finance => &[Finance],
            Doing::AskAid => &[Respond, Coordinate],
            Doing::SeeAid => &[Finance, Respond, Coordinate],
            Doing::DecideApprovals => &[Coordinate, Admin],
            Doing::LegalDemands => &[Coordinate],
            Doing::ChangeCapabilities | Doing::KeepAccounts => &[Admin],
            Doing::Place => &[Intake, Dispatch],
            Doing::SeeLanguages => &[Admin, Coordinate],
            Doing::Watch => &[Admin, Coordinate],
            Doing::Plan | Doing::SeeImpact => &[Coordinate],
            Doing::FunderReport => &[Coordinate, Finance],
            Doing::Outreach => &[Respond, Coordinate],
            Doing::Warmline => &[Intake, Dispatch, Respond, Coordinate],
            Doing::Debrief | Doing::Trainings | Doing::KeepSupplies => &[Coordinate],
            Doing::Supplies => &[Respond, Coordinate],
            Doing::SupplyReceipts => &[Finance],
            Doing::OpenCircle => &[Coordinate, Circle],
            Doing::Circles => &[Circle],
        }
    }
}

impl App {
    /// Whether `actor` may do this: `Forbidden` if not.
    pub fn may(&self, actor: &Actor, doing: Doing) -> AppResult<()> {
        actor.require(doing.capabilities())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use heart_domain::access::Capabilities;

    #[test]
    fn a_partner_may_do_a_partners_work_and_nothing_of_the_teams() {
        let partner = Actor {
            caps: Capabilities::of(&[Partner]),
            ..Actor::public()
        };
        let all = [
            Doing::TakeRequests,
            Doing::ReadRequests,
            Doing::AskAboutRecord,
            Doing::Screen,
            Doing::CorrectRequests,
            Doing::Dispatch,
            Doing::MoveRequests,
            Doing::SeeTeams,
            Doing::Respond,
            Doing::KeepTeams,
            Doing::Refer,
            Doing::PartnerWork,
            Doing::KeepCapacity,
            Doing::Finance,
            Doing::AskAid,
            Doing::SeeAid,
            Doing::DecideApprovals,
            Doing::LegalDemands,
            Doing::ChangeCapabilities,
            Doing::KeepAccounts,
            Doing::Place,
            Doing::Watch,
            Doing::SeeLanguages,
            Doing::Plan,
            Doing::SeeImpact,
            Doing::FunderReport,
            Doing::Outreach,
            Doing::Warmline,
            Doing::Debrief,
            Doing::Trainings,
            Doing::Supplies,
            Doing::KeepSupplies,
            Doing::SupplyReceipts,
            Doing::OpenCircle,
            Doing::Circles,
        ];
        for d in all {
            let allowed = partner.require(d.capabilities()).is_ok();
            assert_eq!(
                allowed,
                matches!(d, Doing::PartnerWork | Doing::KeepCapacity),
                "{d:?}"
            );
        }
    }
}
