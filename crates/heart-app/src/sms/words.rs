//! The words of texts in the texter's language: the catalogue's, the screening questions asked by number.

use super::*;

impl App {
    /// "Friday 17:00" in `lang` (weekday names from the catalogue), else the English text given.
    pub(super) fn local_time_words(
        &self,
        lang: &str,
        local: Option<jiff::civil::DateTime>,
        english: &Option<String>,
    ) -> String {
        let Some(at) = local else {
            return english.clone().unwrap_or_default();
        };
        let day = self.words.get().and_then(|w| {
            w.say(
                lang,
                &format!("weekday-{}", at.weekday().to_monday_one_offset()),
                &[],
            )
        });
        match day {
            Some(d) => format!("{d} {:02}:{:02}", at.hour(), at.minute()),
            None => english.clone().unwrap_or_default(),
        }
    }

    /// The words of a text in `lang` (the catalogue's `sms-<key>` when the web layer gave one), else English.
    pub(super) fn sms_words(
        &self,
        key: &str,
        lang: &str,
        args: &[(&'static str, String)],
    ) -> String {
        if let Some(w) = self.words.get()
            && let Some(text) = w.say(lang, &format!("sms-{key}"), args)
        {
            return text;
        }
        let arg = |n: &str| {
            args.iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let team = arg("team");
        match key {
            "help" => format!(
                "{team}: community crisis support, not an emergency service. Text us what is happening. \
                 Reply STOP to stop texts. Any hour: 988, or the MA Behavioral Health Help Line 833-773-2445; \
                 911 for a medical emergency."
            ),
            "start" => format!("{team}: you can text us again. Reply STOP to stop."),
            "choice" => format!("{} for {}", arg("n"), arg("answer")),
            "safe" => {
                format!("{team}: thank you. We will text you updates here. Reply STOP to stop.")
            }
            "on-the-way" => format!("{team}: a team is on the way."),
            "not-found" => {
                format!("{team}: we could not find you. Reply to this message to continue.")
            }
            "closed" => format!(
                " We are closed now; your message is kept for the next shift ({}).",
                arg("at")
            ),
            "full" => format!(
                " Every responder is with someone else right now (until about {}); your message is kept and \
                 taken up as soon as someone is free.",
                arg("until")
            ),
            "question" => format!("{} Reply {}.", arg("question"), arg("choices")),
            "screened" => format!("{team}: thank you, that helps us send the right support."),
            "language" => format!("{team}: we will text you in English."),
            _ => format!(
                "{team} has your message.{} If it is safe for us to text you updates here, reply SAFE. \
                 Not an emergency service: any hour 988 or 833-773-2445; 911 for a medical emergency. Reply \
                 STOP to stop. Para español, responda ES.",
                arg("state")
            ),
        }
    }

    /// A screening script's words in `lang` (English: the script's own).
    pub(super) fn script_words(&self, lang: &str, id: &str, english: &str) -> String {
        match self.words.get() {
            Some(w) => w.script(lang, id, english),
            None => english.to_string(),
        }
    }

    pub(super) fn team_arg(&self) -> (&'static str, String) {
        ("team", self.config.team_name.clone())
    }

    /// A screening question asked by text: its words and the numbered answers.
    pub(super) fn question_text(&self, q: &heart_domain::triage::Question, lang: &str) -> String {
        let choices = q
            .answers
            .iter()
            .enumerate()
            .map(|(i, a)| {
                self.sms_words(
                    "choice",
                    lang,
                    &[
                        ("n", (i + 1).to_string()),
                        (
                            "answer",
                            self.script_words(lang, &triage::answer_msg(&q.id, &a.id), &a.text),
                        ),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        self.sms_words(
            "question",
            lang,
            &[
                (
                    "question",
                    self.script_words(lang, &triage::question_msg(&q.id), &q.text),
                ),
                ("choices", choices),
            ],
        )
    }

    /// The first screening question this request has no answer to, and how it is asked by text.
    pub(super) fn next_question(&self, r: &RequestRow) -> Option<(String, String)> {
        let q = self
            .script
            .questions
            .iter()
            .find(|q| !r.answers.contains_key(&q.id))?;
        Some((q.id.clone(), self.question_text(q, &r.language)))
    }
}
