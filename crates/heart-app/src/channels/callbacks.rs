//! Partners' callbacks: progress told back to the partner that raised an alert, queued and retried.

use super::*;

impl App {
    /// After a request moved: a notice for every partner alert about it that gave a callback (no personal data:
    /// the alert, how far along, when). Written on its own after the move (a partner that is down never holds up
    /// dispatch).
    pub(crate) async fn notify_partners(&self, r: &RequestRow, progress: Progress) {
        let alerts = match self.store.channels().alerts_with_callback(r.id).await {
            Ok(a) => a,
            Err(e) => {
                tracing::warn!(error = %e, "partner callbacks could not be read");
                return;
            }
        };
        let ids: Vec<PartnerAlertId> = alerts.iter().map(|a| a.id).collect();
        self.queue_callbacks(&ids, progress).await;
    }

    pub(super) async fn queue_callbacks(&self, alerts: &[PartnerAlertId], progress: Progress) {
        if alerts.is_empty() {
            return;
        }
        let now = self.clock.now();
        let mut cs = ChangeSet::new();
        for a in alerts {
            let body = serde_json::json!({"alert": a, "progress": progress, "at": now}).to_string();
            cs.push(Op::Channel(ChannelOp::Reply(ReplyOp::QueueCallback {
                id: heart_domain::ids::CallbackId::new(),
                alert: *a,
                body,
                at: now,
            })));
        }
        if let Err(e) = self.store.apply(cs).await {
            tracing::warn!(error = %e, "partner callbacks could not be queued");
        }
    }

    /// Sends the notices due to partners' callbacks, signed as partners sign their alerts (`X-Heart-Timestamp`,
    /// `X-Heart-Signature` with the partner's secret); a partner that is down is tried again with back-off.
    pub async fn send_due_callbacks(&self) -> AppResult<usize> {
        let now = self.clock.now();
        let due = self.store.channels().callbacks_due(now, 50).await?;
        let sender = self.outbound.sender();
        let mut sent = 0;
        for c in due {
            // Taken first, so two nodes never send the same callback (the other skips it).
            if !self.claim(Outbox::Callbacks, c.id, c.next_at).await? {
                continue;
            }
            let Some((partner, secret)) = self.partner_by_slug(&c.slug).await? else {
                continue;
            };
            let attempts = c.attempts + 1;
            if partner.revoked_at.is_some() {
                let revoked = Try::Failed {
                    error: "revoked".into(),
                };
                self.settle(Outbox::Callbacks, c.id, attempts, revoked)
                    .await?;
                continue;
            }
            let outcome = post_signed(
                &sender,
                &c.url,
                &secret.current,
                None,
                c.body.clone(),
                c.attempts,
                now,
            )
            .await;
            if matches!(outcome, Try::Sent { .. }) {
                sent += 1;
            }
            self.settle(Outbox::Callbacks, c.id, attempts, outcome)
                .await?;
        }
        Ok(sent)
    }
}
