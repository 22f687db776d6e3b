//! Acknowledgement: the first human reply to a request from outside, and the clock that counts to it.

use super::*;

impl App {
    /// A person on the team says "seen, we have it".
    pub async fn acknowledge(&self, actor: &Actor, id: RequestId) -> AppResult<()> {
        actor.require(&[Capability::Intake, Capability::Dispatch])?;
        if !matches!(actor.kind, ActorKind::User(_)) {
            return Err(AppError::conflict(
                "people-only",
                "only a person signed in can acknowledge a request",
            ));
        }
        let row = self.store.request(id).await?.ok_or(AppError::NotFound)?;
        let now = self.clock.now();
        let who = actor.audit_name();
        let mut cs = ChangeSet::new().op(ack_op(&row, now, &who));
        cs.audit(AuditEntry::new(
            now,
            &who,
            "request.acknowledge",
            "request",
            &id.to_string(),
            row.channel.as_str(),
        ));
        self.store.apply(cs).await?;
        self.publish(LiveEvent {
            kind: EventKind::RequestUpdated,
            id: id.to_string(),
            team: row.team_id.map(|t| t.to_string()),
        });
        Ok(())
    }

    /// Time from arrival to first acknowledgement per channel (last 30 days), and what waits now.
    pub async fn ack_clock(&self, actor: &Actor) -> AppResult<AckClock> {
        actor.require(&[
            Capability::Intake,
            Capability::Dispatch,
            Capability::Coordinate,
        ])?;
        let now = self.clock.now();
        let target = self.config.channels.ack_target_minutes * 60;
        let since = now - jiff::SignedDuration::from_hours(24 * 30);
        let acks = self.store.channels().acks_since(since).await?;
        let mut channels = Vec::new();
        for c in Channel::ALL {
            let mut secs: Vec<i64> = acks
                .iter()
                .filter(|a| a.channel == c)
                .map(|a| crate::intake::seconds_between(a.received_at, a.acked_at).max(0))
                .collect();
            if secs.is_empty() {
                continue;
            }
            secs.sort_unstable();
            let at = |q: f64| secs[((secs.len() - 1) as f64 * q).round() as usize];
            let within = secs.iter().filter(|s| **s <= target).count();
            channels.push(ChannelAck {
                channel: c.as_str(),
                count: secs.len(),
                median_secs: at(0.5),
                p90_secs: at(0.9),
                within_target_pct: u32::try_from(within * 100 / secs.len()).unwrap_or(100),
            });
        }
        let acked: std::collections::HashSet<RequestId> = self
            .store
            .channels()
            .acks_open()
            .await?
            .into_iter()
            .map(|a| a.request)
            .collect();
        let mut waiting: Vec<Unacked> = self
            .store
            .open_requests()
            .await?
            .into_iter()
            // A team already with the person is a reply, whoever acknowledged it.
            .filter(|r| !acked.contains(&r.id) && r.team_id.is_none())
            .map(|r| {
                let w = crate::intake::seconds_between(r.created_at, now).max(0);
                Unacked {
                    id: r.id,
                    channel: r.channel.as_str(),
                    outcome: r.triage.outcome,
                    priority: r.triage.priority,
                    waiting_secs: w,
                    over_target: w > target,
                }
            })
            .collect();
        waiting.sort_by_key(|w| std::cmp::Reverse(w.waiting_secs));
        Ok(AckClock {
            target_minutes: self.config.channels.ack_target_minutes,
            channels,
            waiting,
        })
    }
}
