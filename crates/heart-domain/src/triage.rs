//! Triage as data: a screening script (TOML) of questions whose answers lead to an outcome.
//!
//! The engine is a pure function. There is no outcome that sends police, and the script format cannot express one:
//! `outcome` is a closed set, and anything else is a parse error.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The screening script shipped with heart. Config may replace it with another file of the same format.
pub const DEFAULT_SCRIPT: &str = include_str!("../../../config/triage.toml");

/// What a script rule may decide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ScriptOutcome {
    FieldResponse,
    PhoneSupport,
    ReferralOnly,
    EmsMedical,
    OutsideScope,
}

/// The triage outcome of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Not screened yet: a call-taker still has to ask the questions.
    NeedsScreening,
    FieldResponse,
    PhoneSupport,
    ReferralOnly,
    EmsMedical,
    OutsideScope,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::NeedsScreening => "needs_screening",
            Outcome::FieldResponse => "field_response",
            Outcome::PhoneSupport => "phone_support",
            Outcome::ReferralOnly => "referral_only",
            Outcome::EmsMedical => "ems_medical",
            Outcome::OutsideScope => "outside_scope",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [
            Outcome::NeedsScreening,
            Outcome::FieldResponse,
            Outcome::PhoneSupport,
            Outcome::ReferralOnly,
            Outcome::EmsMedical,
            Outcome::OutsideScope,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }
}

impl From<ScriptOutcome> for Outcome {
    fn from(o: ScriptOutcome) -> Self {
        match o {
            ScriptOutcome::FieldResponse => Outcome::FieldResponse,
            ScriptOutcome::PhoneSupport => Outcome::PhoneSupport,
            ScriptOutcome::ReferralOnly => Outcome::ReferralOnly,
            ScriptOutcome::EmsMedical => Outcome::EmsMedical,
            ScriptOutcome::OutsideScope => Outcome::OutsideScope,
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// Fallback wording; the UI shows the Fluent message `triage-q-<id>` when the catalogue has it.
    pub text: String,
    pub answers: Vec<Answer>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub id: String,
    pub text: String,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    /// Every listed question must have one of the listed answers.
    pub when: BTreeMap<String, Vec<String>>,
    pub outcome: ScriptOutcome,
    /// 1 (most urgent) to 3; required for `field_response`, forbidden otherwise.
    #[serde(default)]
    pub priority: Option<u8>,
    pub rationale: String,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Fallback {
    pub outcome: ScriptOutcome,
    #[serde(default)]
    pub priority: Option<u8>,
    pub rationale: String,
}

/// A kind of request someone outside can send (a partner's alarm, a city's 311 system): a code, plain words,
/// and the screening answers the kind already gives (an alarm about someone in an ATM vestibule says where they
/// are). The same list is Open311's service list and the kinds a partner may send.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    /// Lowercase letters, digits and `_`.
    pub code: String,
    pub name: String,
    pub description: String,
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
}

/// A validated screening script.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Script {
    pub questions: Vec<Question>,
    #[serde(default)]
    pub kinds: Vec<Kind>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    pub fallback: Fallback,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ScriptError {
    #[error("the triage script is not valid TOML for the script format: {0}")]
    Format(String),
    #[error("rule {rule:?} names unknown question {question:?}")]
    UnknownQuestion { rule: String, question: String },
    #[error("rule {rule:?} names unknown answer {answer:?} to question {question:?}")]
    UnknownAnswer {
        rule: String,
        question: String,
        answer: String,
    },
    #[error(
        "rule {0:?}: field_response needs a priority of 1, 2 or 3, and other outcomes take none"
    )]
    Priority(String),
    #[error("question {0:?} is defined twice or has no answers")]
    Question(String),
    #[error(
        "kind {0:?} is defined twice, has a code other than lowercase letters, digits and _, or gives an answer the questions do not have"
    )]
    Kind(String),
}

/// Why a set of answers was refused: the question id it concerns, and what is wrong.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AnswerError {
    #[error("there is no screening question {0:?}")]
    UnknownQuestion(String),
    #[error("{answer:?} is not an answer to question {question:?}")]
    UnknownAnswer { question: String, answer: String },
}

impl AnswerError {
    pub fn question(&self) -> &str {
        match self {
            AnswerError::UnknownQuestion(q) => q,
            AnswerError::UnknownAnswer { question, .. } => question,
        }
    }
}

fn priority_ok(outcome: ScriptOutcome, priority: Option<u8>) -> bool {
    match outcome {
        ScriptOutcome::FieldResponse => matches!(priority, Some(1..=3)),
        _ => priority.is_none(),
    }
}

impl Script {
    /// Parses and checks a script: every rule refers to real questions and answers; priorities make sense.
    pub fn parse(toml_text: &str) -> Result<Self, ScriptError> {
        let script: Script = toml::from_str(toml_text).map_err(|e| {
            // One line: the message and where, not the multi-line excerpt.
            let line = e.span().map(|sp| {
                toml_text[..sp.start.min(toml_text.len())]
                    .matches('\n')
                    .count()
                    + 1
            });
            let msg = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
            ScriptError::Format(match line {
                Some(l) => format!("line {l}: {msg}"),
                None => msg,
            })
        })?;
        let mut seen = BTreeSet::new();
        for q in &script.questions {
            if !seen.insert(q.id.as_str()) || q.answers.is_empty() {
                return Err(ScriptError::Question(q.id.clone()));
            }
        }
        for rule in &script.rules {
            if !priority_ok(rule.outcome, rule.priority) {
                return Err(ScriptError::Priority(rule.id.clone()));
            }
            for (qid, answers) in &rule.when {
                let q = script
                    .question(qid)
                    .ok_or_else(|| ScriptError::UnknownQuestion {
                        rule: rule.id.clone(),
                        question: qid.clone(),
                    })?;
                for a in answers {
                    if !q.answers.iter().any(|x| &x.id == a) {
                        return Err(ScriptError::UnknownAnswer {
                            rule: rule.id.clone(),
                            question: qid.clone(),
                            answer: a.clone(),
                        });
                    }
                }
            }
        }
        if !priority_ok(script.fallback.outcome, script.fallback.priority) {
            return Err(ScriptError::Priority("fallback".into()));
        }
        let mut codes = BTreeSet::new();
        for k in &script.kinds {
            let code_ok = !k.code.is_empty()
                && k.code.len() <= 64
                && k.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !code_ok
                || !codes.insert(k.code.as_str())
                || script.check_answers(&k.answers).is_err()
            {
                return Err(ScriptError::Kind(k.code.clone()));
            }
        }
        Ok(script)
    }

    /// The script shipped in the repository.
    pub fn shipped() -> Result<Self, ScriptError> {
        Self::parse(DEFAULT_SCRIPT)
    }

    pub fn kind(&self, code: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.code == code)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Checks answers against the script's questions.
    pub fn check_answers(&self, answers: &BTreeMap<String, String>) -> Result<(), AnswerError> {
        for (q, a) in answers {
            let question = self
                .question(q)
                .ok_or_else(|| AnswerError::UnknownQuestion(q.clone()))?;
            if !question.answers.iter().any(|x| &x.id == a) {
                return Err(AnswerError::UnknownAnswer {
                    question: q.clone(),
                    answer: a.clone(),
                });
            }
        }
        Ok(())
    }
}

/// The result of screening.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Triage {
    pub outcome: Outcome,
    /// 1-3 for field_response, None otherwise.
    pub priority: Option<u8>,
    /// Which rule decided (`fallback`, or `unscreened`).
    pub rule: String,
    pub rationale: String,
}

impl Triage {
    pub fn unscreened() -> Self {
        Triage {
            outcome: Outcome::NeedsScreening,
            priority: None,
            rule: "unscreened".into(),
            rationale: "Not screened yet: ask the screening questions.".into(),
        }
    }
}

/// The engine: the first rule whose conditions all hold decides; with no rule, the fallback; with no answers at all,
/// `needs_screening`. Pure: the same script and answers always give the same result.
pub fn evaluate(
    script: &Script,
    answers: &BTreeMap<String, String>,
) -> Result<Triage, AnswerError> {
    script.check_answers(answers)?;
    if answers.is_empty() {
        return Ok(Triage::unscreened());
    }
    for rule in &script.rules {
        let holds = rule
            .when
            .iter()
            .all(|(q, accepted)| answers.get(q).is_some_and(|a| accepted.contains(a)));
        if holds {
            return Ok(Triage {
                outcome: rule.outcome.into(),
                priority: rule.priority,
                rule: rule.id.clone(),
                rationale: rule.rationale.clone(),
            });
        }
    }
    Ok(Triage {
        outcome: script.fallback.outcome.into(),
        priority: script.fallback.priority,
        rule: "fallback".into(),
        rationale: script.fallback.rationale.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(q, a)| (q.to_string(), a.to_string()))
            .collect()
    }

    fn shipped() -> Script {
        Script::shipped().unwrap()
    }

    #[test]
    fn no_answers_means_needs_screening() {
        let t = evaluate(&shipped(), &BTreeMap::new()).unwrap();
        assert_eq!(t.outcome, Outcome::NeedsScreening);
        assert_eq!(t.priority, None);
    }

    #[test]
    fn grief_outside_a_building_gets_a_team_now() {
        let t = evaluate(
            &shipped(),
            &answers(&[
                ("medical", "no"),
                ("in_area", "yes"),
                ("where_now", "outside"),
                ("distress", "acute"),
            ]),
        )
        .unwrap();
        assert_eq!(t.outcome, Outcome::FieldResponse);
        assert_eq!(t.priority, Some(1));
    }

    #[test]
    fn sheltering_in_the_cold_gets_a_team() {
        let t = evaluate(
            &shipped(),
            &answers(&[
                ("medical", "no"),
                ("in_area", "yes"),
                ("where_now", "sheltering"),
                ("weather", "yes"),
                ("distress", "calm"),
            ]),
        )
        .unwrap();
        assert_eq!(t.outcome, Outcome::FieldResponse);
        assert_eq!(t.priority, Some(2));
        assert!(t.rationale.to_lowercase().contains("cold"));
    }

    #[test]
    fn financial_abuse_with_thoughts_of_suicide_gets_phone_support_then_aid_never_police() {
        let t = evaluate(
            &shipped(),
            &answers(&[
                ("medical", "no"),
                ("in_area", "yes"),
                ("where_now", "home"),
                ("distress", "struggling"),
                ("suicide", "thoughts"),
                ("wants_visit", "no"),
                ("harm_at_home", "yes"),
                ("money_need", "yes"),
            ]),
        )
        .unwrap();
        assert_eq!(t.outcome, Outcome::PhoneSupport);
        let r = t.rationale.to_lowercase();
        assert!(r.contains("mutual aid") && r.contains("referral"), "{r}");
        assert!(r.contains("never police"), "{r}");
    }

    #[test]
    fn medical_red_flags_go_to_ems_first() {
        let t = evaluate(
            &shipped(),
            &answers(&[
                ("medical", "yes"),
                ("where_now", "outside"),
                ("distress", "acute"),
            ]),
        )
        .unwrap();
        assert_eq!(t.outcome, Outcome::EmsMedical);
    }

    #[test]
    fn outside_the_area_is_outside_scope_with_alternatives() {
        let t = evaluate(
            &shipped(),
            &answers(&[("medical", "no"), ("in_area", "no")]),
        )
        .unwrap();
        assert_eq!(t.outcome, Outcome::OutsideScope);
        assert!(t.rationale.contains("988"));
    }

    #[test]
    fn unknown_answers_are_refused_with_the_question() {
        let e = evaluate(&shipped(), &answers(&[("medical", "maybe")])).unwrap_err();
        assert_eq!(e.question(), "medical");
        let e = evaluate(&shipped(), &answers(&[("criminal_history", "yes")])).unwrap_err();
        assert_eq!(e, AnswerError::UnknownQuestion("criminal_history".into()));
    }

    #[test]
    fn the_format_cannot_express_police() {
        let text = DEFAULT_SCRIPT.replacen("outcome = \"ems_medical\"", "outcome = \"police\"", 1);
        assert_ne!(text, DEFAULT_SCRIPT);
        assert!(matches!(Script::parse(&text), Err(ScriptError::Format(_))));
    }

    #[test]
    fn bad_scripts_are_refused() {
        let base = r#"
[[questions]]
id = "q"
text = "Q?"
answers = [{ id = "yes", text = "Yes" }]
[fallback]
outcome = "phone_support"
rationale = "r"
"#;
        assert!(Script::parse(base).is_ok());
        let unknown_q = format!(
            "{base}\n[[rules]]\nid = \"r\"\nwhen = {{ nope = [\"yes\"] }}\noutcome = \"phone_support\"\nrationale = \"x\"\n"
        );
        assert!(matches!(
            Script::parse(&unknown_q),
            Err(ScriptError::UnknownQuestion { .. })
        ));
        let no_priority = format!(
            "{base}\n[[rules]]\nid = \"r\"\nwhen = {{ q = [\"yes\"] }}\noutcome = \"field_response\"\nrationale = \"x\"\n"
        );
        assert_eq!(
            Script::parse(&no_priority),
            Err(ScriptError::Priority("r".into()))
        );
    }

    fn arb_answers() -> impl Strategy<Value = BTreeMap<String, String>> {
        let script = shipped();
        let qs: Vec<(String, Vec<String>)> = script
            .questions
            .iter()
            .map(|q| {
                (
                    q.id.clone(),
                    q.answers.iter().map(|a| a.id.clone()).collect(),
                )
            })
            .collect();
        proptest::collection::vec((0..qs.len(), 0usize..8, any::<bool>()), 0..12).prop_map(
            move |picks| {
                let mut m = BTreeMap::new();
                for (qi, ai, keep) in picks {
                    if keep {
                        let (q, answers) = &qs[qi];
                        m.insert(q.clone(), answers[ai % answers.len()].clone());
                    }
                }
                m
            },
        )
    }

    proptest! {
        #[test]
        fn every_valid_answer_set_gets_a_consistent_outcome(a in arb_answers()) {
            let script = shipped();
            let t = evaluate(&script, &a).unwrap();
            // priority exactly when a team goes out
            prop_assert_eq!(t.priority.is_some(), t.outcome == Outcome::FieldResponse);
            if let Some(p) = t.priority { prop_assert!((1..=3).contains(&p)); }
            prop_assert_eq!(t.outcome == Outcome::NeedsScreening, a.is_empty());
            prop_assert!(!t.rationale.to_lowercase().contains("call the police"));
            // a medical red flag always names EMS
            if a.get("medical").map(String::as_str) == Some("yes") {
                prop_assert_eq!(t.outcome, Outcome::EmsMedical);
            }
            // deterministic
            prop_assert_eq!(evaluate(&script, &a).unwrap(), t);
        }
    }
}
