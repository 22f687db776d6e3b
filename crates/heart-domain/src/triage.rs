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
    /// A training this kind of request needs someone on the team to hold (one of `training::KINDS`, e.g.
    /// `first_aid` for a medical red flag): the board's recommendation prefers a team with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<String>,
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
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Script {
    pub questions: Vec<Question>,
    #[serde(default)]
    pub kinds: Vec<Kind>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    pub fallback: Fallback,
    /// Tried instead of a `phone_support` outcome when the person cannot be called or texted (an alarm about
    /// someone nobody can phone, a form without a number): the first that holds decides, and none of them may be
    /// `phone_support`. With none holding, the request waits for a call-taker (`needs_screening`) with the reason.
    #[serde(default)]
    pub unreachable: Vec<Rule>,
    /// Answers that words in an outside report give (a partner's alarm, a city's 311 report): "freezing" or
    /// "28F" in the text answers "exposed to weather" with yes. They never replace an answer already given.
    #[serde(default)]
    pub from_text: Vec<TextAnswer>,
}

/// One answer the words of an outside report give: any of `words` (whole words, any case), or a temperature
/// written with a unit (`28F`, `-3 °C`, `95 degrees`) at or below `at_or_below_f` or at or above `at_or_above_f`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TextAnswer {
    pub question: String,
    pub answer: String,
    #[serde(default)]
    pub words: Vec<String>,
    #[serde(default)]
    pub at_or_below_f: Option<f64>,
    #[serde(default)]
    pub at_or_above_f: Option<f64>,
}

/// Why a request has no outcome yet.
pub const UNSCREENED_RATIONALE: &str = "Not screened yet: ask the screening questions.";

/// Rule ids the engine gives itself (never a script's): see [`Triage::rule`].
pub const BUILT_IN_RULES: [&str; 3] = ["fallback", "unscreened", "unreachable"];

/// The message id of a question's words in the catalogues.
pub fn question_msg(question: &str) -> String {
    format!("triage-q-{question}")
}

/// The message id of an answer's words.
pub fn answer_msg(question: &str, answer: &str) -> String {
    format!("triage-a-{question}-{answer}")
}

/// The message id of a decision's reason (a rule's id, or `fallback`, `unscreened`, `unreachable`).
pub fn rule_msg(rule: &str) -> String {
    format!("triage-rule-{rule}")
}

/// One text of a script that a reader meets, with its message id. The script's own words are the English
/// source and the fallback; the words in every other language live in the catalogues under `id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptText {
    pub id: String,
    pub english: String,
}

/// Why a request that cannot be phoned was not given phone support and no unreachable rule held.
pub const UNREACHABLE_RATIONALE: &str = "The script suggests phone support, but this person cannot be called or texted: a call-taker decides what to do next (a visit, or another way to reach them).";

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
    #[error("unreachable rule {0:?} may not decide phone_support")]
    Unreachable(String),
    #[error(
        "from_text answer for {0:?} names an unknown question or answer, or has no words and no temperature"
    )]
    FromText(String),
    #[error("question {0:?} is defined twice or has no answers")]
    Question(String),
    #[error(
        "rule {0:?} names a training that is not one of first_aid, naloxone, de_escalation, peer_support, mandated_reporting, driving, other"
    )]
    Training(String),
    #[error(
        "rule id {0:?} is used twice (rules and unreachable rules share ids) or is one of fallback, unscreened, unreachable"
    )]
    RuleId(String),
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
        let mut rule_ids = BTreeSet::new();
        for rule in script.rules.iter().chain(&script.unreachable) {
            if BUILT_IN_RULES.contains(&rule.id.as_str()) || !rule_ids.insert(rule.id.as_str()) {
                return Err(ScriptError::RuleId(rule.id.clone()));
            }
        }
        for rule in &script.unreachable {
            if rule.outcome == ScriptOutcome::PhoneSupport {
                return Err(ScriptError::Unreachable(rule.id.clone()));
            }
        }
        for t in &script.from_text {
            let known = script
                .question(&t.question)
                .is_some_and(|q| q.answers.iter().any(|a| a.id == t.answer));
            let has_test = t.words.iter().any(|w| !words_of(w).is_empty())
                || t.at_or_below_f.is_some_and(f64::is_finite)
                || t.at_or_above_f.is_some_and(f64::is_finite);
            if !known || !has_test {
                return Err(ScriptError::FromText(t.question.clone()));
            }
        }
        for rule in script.rules.iter().chain(&script.unreachable) {
            if !priority_ok(rule.outcome, rule.priority) {
                return Err(ScriptError::Priority(rule.id.clone()));
            }
            if rule
                .training
                .as_deref()
                .is_some_and(|t| !crate::training::KINDS.contains(&t))
            {
                return Err(ScriptError::Training(rule.id.clone()));
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

    /// Every text a reader meets (questions, answers, the reasons of rules, unreachable rules and the fallback, and
    /// the engine's own reasons), with its message id, in the script's order.
    pub fn texts(&self) -> Vec<ScriptText> {
        let text = |id: String, english: &str| ScriptText {
            id,
            english: english.to_string(),
        };
        let mut out = Vec::new();
        for q in &self.questions {
            out.push(text(question_msg(&q.id), &q.text));
            for a in &q.answers {
                out.push(text(answer_msg(&q.id, &a.id), &a.text));
            }
        }
        for rule in self.rules.iter().chain(&self.unreachable) {
            out.push(text(rule_msg(&rule.id), &rule.rationale));
        }
        out.push(text(rule_msg("fallback"), &self.fallback.rationale));
        out.push(text(rule_msg("unscreened"), UNSCREENED_RATIONALE));
        out.push(text(rule_msg("unreachable"), UNREACHABLE_RATIONALE));
        out
    }

    /// The script shipped in the repository.
    pub fn shipped() -> Result<Self, ScriptError> {
        Self::parse(DEFAULT_SCRIPT)
    }

    /// The answers the words of an outside report give (see [`TextAnswer`]); the first that matches a question
    /// answers it.
    pub fn answers_from_text(&self, text: &str) -> BTreeMap<String, String> {
        let words = words_of(text);
        let temps = temperatures_f(text);
        let mut out = BTreeMap::new();
        for t in &self.from_text {
            if out.contains_key(&t.question) {
                continue;
            }
            let said = t.words.iter().any(|w| {
                let phrase = words_of(w);
                !phrase.is_empty() && words.windows(phrase.len()).any(|win| win == phrase)
            });
            let temp = temps.iter().any(|&f| {
                t.at_or_below_f.is_some_and(|lim| f <= lim)
                    || t.at_or_above_f.is_some_and(|lim| f >= lim)
            });
            if said || temp {
                out.insert(t.question.clone(), t.answer.clone());
            }
        }
        out
    }

    pub fn kind(&self, code: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.code == code)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Checks answers against the script's questions.
    /// The training the rule `rule_id` decided needs (none for the fallback, or a rule that names none).
    pub fn training_for(&self, rule_id: &str) -> Option<&str> {
        self.rules
            .iter()
            .chain(&self.unreachable)
            .find(|r| r.id == rule_id)
            .and_then(|r| r.training.as_deref())
    }

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
            rationale: UNSCREENED_RATIONALE.into(),
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
    if let Some(t) = first_holding(&script.rules, answers) {
        return Ok(t);
    }
    Ok(Triage {
        outcome: script.fallback.outcome.into(),
        priority: script.fallback.priority,
        rule: "fallback".into(),
        rationale: script.fallback.rationale.clone(),
    })
}

/// As [`evaluate`], for a person who may not be reachable by phone: a person who can be neither called nor
/// texted never gets `phone_support`; the script's `unreachable` rules decide instead, else a call-taker does.
pub fn evaluate_for(
    script: &Script,
    answers: &BTreeMap<String, String>,
    reachable: bool,
) -> Result<Triage, AnswerError> {
    let t = evaluate(script, answers)?;
    if reachable || t.outcome != Outcome::PhoneSupport {
        return Ok(t);
    }
    if let Some(t) = first_holding(&script.unreachable, answers) {
        return Ok(t);
    }
    Ok(Triage {
        outcome: Outcome::NeedsScreening,
        priority: None,
        rule: "unreachable".into(),
        rationale: UNREACHABLE_RATIONALE.into(),
    })
}

/// The decision of the first rule whose conditions all hold.
fn first_holding(rules: &[Rule], answers: &BTreeMap<String, String>) -> Option<Triage> {
    rules
        .iter()
        .find(|rule| {
            rule.when
                .iter()
                .all(|(q, accepted)| answers.get(q).is_some_and(|a| accepted.contains(a)))
        })
        .map(|rule| Triage {
            outcome: rule.outcome.into(),
            priority: rule.priority,
            rule: rule.id.clone(),
            rationale: rule.rationale.clone(),
        })
}

/// Lowercase words (letters and digits) of a text, in order.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// Temperatures written in a text with a unit or a degree sign, in Fahrenheit: `28F`, `28 °F`, `-3°C`,
/// `-3 celsius`, `95 degrees`. A bare number is not a temperature; a degree sign or "degrees" alone is Fahrenheit.
fn temperatures_f(text: &str) -> Vec<f64> {
    let lower = text.to_lowercase();
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit()
            || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.'))
        {
            i += 1;
            continue;
        }
        let start = if i > 0 && (b[i - 1] == b'-' || lower[..i].ends_with('\u{2212}')) {
            if b[i - 1] == b'-' {
                i - 1
            } else {
                i - '\u{2212}'.len_utf8()
            }
        } else {
            i
        };
        let mut j = i;
        while j < b.len()
            && (b[j].is_ascii_digit()
                || (b[j] == b'.' && j + 1 < b.len() && b[j + 1].is_ascii_digit()))
        {
            j += 1;
        }
        let digits = lower[i..j].to_string();
        let negative = start < i;
        i = j;
        let Ok(mut n) = digits.parse::<f64>() else {
            continue;
        };
        if negative {
            n = -n;
        }
        let rest = lower[j..].trim_start();
        let (degree, rest) = ["°", "º", "degrees", "degree", "deg"]
            .iter()
            .find_map(|d| rest.strip_prefix(d).map(|r| (true, r.trim_start())))
            .unwrap_or((false, rest));
        let unit_word = |r: &str, u: &str| {
            r.strip_prefix(u)
                .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
        };
        let f = if unit_word(rest, "fahrenheit") || unit_word(rest, "f") {
            Some(n)
        } else if unit_word(rest, "celsius") || unit_word(rest, "c") {
            Some(n * 9.0 / 5.0 + 32.0)
        } else if degree {
            Some(n)
        } else {
            None
        };
        out.extend(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn temperatures_need_a_unit_or_a_degree_sign() {
        assert_eq!(temperatures_f("It is 28F outside"), vec![28.0]);
        assert_eq!(temperatures_f("-5 °C tonight"), vec![23.0]);
        assert_eq!(temperatures_f("about 95 degrees"), vec![95.0]);
        assert_eq!(temperatures_f("10 celsius, 3 c"), vec![50.0, 37.4]);
        assert!(temperatures_f("ATM 3 on Main St, 2 people, B12").is_empty());
        assert!(temperatures_f("1 Cambridge St, floor 4, apt 12B, 5.5 hours").is_empty());
        assert!(temperatures_f("").is_empty());
    }

    #[test]
    fn outside_words_answer_the_weather_question() {
        let s = Script::shipped().unwrap();
        let a = s.answers_from_text("Someone asleep in the vestibule, it is freezing");
        assert_eq!(a.get("weather").map(String::as_str), Some("yes"));
        let a = s.answers_from_text("Person in the lobby for 2 hours; 19°F outside");
        assert_eq!(a.get("weather").map(String::as_str), Some("yes"));
        assert!(
            s.answers_from_text("Someone in the lobby, 65F inside")
                .is_empty()
        );
        assert!(s.answers_from_text("A scolded child").is_empty());
    }

    #[test]
    fn a_person_nobody_can_phone_never_gets_phone_support() {
        let s = Script::shipped().unwrap();
        // Sheltering, weather unknown: the fallback would be phone support.
        let a = answers(&[("where_now", "sheltering")]);
        assert_eq!(evaluate(&s, &a).unwrap().outcome, Outcome::PhoneSupport);
        let t = evaluate_for(&s, &a, false).unwrap();
        assert_eq!(t.outcome, Outcome::FieldResponse);
        assert!(t.priority.is_some());
        // At home, not reachable: a call-taker decides, and is told why.
        let a = answers(&[
            ("where_now", "home"),
            ("suicide", "thoughts"),
            ("wants_visit", "no"),
        ]);
        let t = evaluate_for(&s, &a, false).unwrap();
        assert_eq!(t.outcome, Outcome::NeedsScreening);
        assert_eq!(t.rule, "unreachable");
        assert_eq!(
            evaluate_for(&s, &a, true).unwrap().outcome,
            Outcome::PhoneSupport
        );
    }

    #[test]
    fn unreachable_rules_may_not_choose_phone_support() {
        let bad = format!(
            "{}\n[[unreachable]]\nid = \"u\"\nwhen = {{}}\noutcome = \"phone_support\"\nrationale = \"x\"\n",
            DEFAULT_SCRIPT
        );
        assert_eq!(
            Script::parse(&bad),
            Err(ScriptError::Unreachable("u".into()))
        );
    }

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
    fn a_rule_names_a_training_from_the_list() {
        let script = shipped();
        assert_eq!(script.training_for("medical_emergency"), Some("first_aid"));
        assert_eq!(script.training_for("wants_visit"), None);
        assert_eq!(script.training_for("fallback"), None);
        let text = DEFAULT_SCRIPT.replacen("training = \"first_aid\"", "training = \"karate\"", 1);
        assert_ne!(text, DEFAULT_SCRIPT);
        assert!(matches!(
            Script::parse(&text),
            Err(ScriptError::Training(r)) if r == "medical_emergency"
        ));
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
        // A reason's message id is made from its rule's id, so ids are unique and never the engine's own.
        let rule = |id: &str| {
            format!(
                "[[rules]]\nid = \"{id}\"\nwhen = {{ q = [\"yes\"] }}\noutcome = \"phone_support\"\nrationale = \"x\"\n"
            )
        };
        let twice = format!("{base}\n{}{}", rule("r"), rule("r"));
        assert_eq!(Script::parse(&twice), Err(ScriptError::RuleId("r".into())));
        let reserved = format!("{base}\n{}", rule("fallback"));
        assert_eq!(
            Script::parse(&reserved),
            Err(ScriptError::RuleId("fallback".into()))
        );
    }

    #[test]
    fn every_text_a_reader_meets_has_a_message_id() {
        let script = shipped();
        let texts = script.texts();
        let ids: BTreeSet<&str> = texts.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids.len(), texts.len(), "message ids are unique");
        let answers: usize = script.questions.iter().map(|q| q.answers.len()).sum();
        assert_eq!(
            texts.len(),
            script.questions.len() + answers + script.rules.len() + script.unreachable.len() + 3
        );
        assert!(
            texts.iter().any(
                |t| t.id == "triage-q-medical" && t.english.starts_with("Is anyone badly hurt")
            )
        );
        assert!(
            texts
                .iter()
                .any(|t| t.id == "triage-a-medical-unsure" && t.english == "Not sure")
        );
        assert!(
            texts
                .iter()
                .any(|t| t.id == "triage-rule-unreachable" && t.english == UNREACHABLE_RATIONALE)
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
