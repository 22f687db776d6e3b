//! The payment provider's side: its signed webhook, each event processed once.

use super::*;

impl App {
    /// Handles a payment provider's signed webhook. Each event id is processed once; a replay is answered
    /// `Ok(false)` and changes nothing.
    pub async fn payment_webhook(
        &self,
        signature: Option<&str>,
        body: &[u8],
    ) -> Result<bool, WebhookRefusal> {
        let provider = self.provider();
        provider
            .verify_webhook(signature, body, self.clock.now().as_second())
            .map_err(WebhookRefusal::Signature)?;
        let event: serde_json::Value =
            serde_json::from_slice(body).map_err(|_| WebhookRefusal::Malformed)?;
        let (Some(event_id), Some(kind)) = (event["id"].as_str(), event["type"].as_str()) else {
            return Err(WebhookRefusal::Malformed);
        };
        if event_id.is_empty() || event_id.len() > 255 {
            return Err(WebhookRefusal::Malformed);
        }
        let obj = &event["data"]["object"];
        let now = self.clock.now();
        // When the money moved: the payment's own time (Stripe may deliver an event days later, e.g. a gift of
        // 31 December on 1 January), never in the future nor older than a month.
        let paid_at = obj["status_transitions"]["paid_at"]
            .as_i64()
            .or(event["created"].as_i64())
            .and_then(|s| Timestamp::from_second(s).ok())
            .filter(|t| *t <= now && *t > now - jiff::SignedDuration::from_hours(24 * 31))
            .unwrap_or(now);
        let m = self.store.money();
        // A replay is answered before anything is looked up (the gift may have moved on since).
        if m.payment_event_seen(provider.name(), event_id)
            .await
            .map_err(WebhookRefusal::store)?
        {
            return Ok(false);
        }
        let mut cs = ChangeSet::new().op(Op::Money(MoneyOp::Donations(Box::new(
            DonationOp::ClaimPaymentEvent {
                provider: provider.name().into(),
                event_id: event_id.into(),
                at: now,
            },
        ))));
        match kind {
            "checkout.session.completed" | "checkout.session.async_payment_succeeded" => {
                self.on_checkout(obj, paid_at, &mut cs).await?
            }
            "invoice.paid" => self.on_invoice_paid(obj, paid_at, now, &mut cs).await?,
            "charge.refunded" => self.on_refund(obj, &mut cs).await?,
            "charge.dispute.created" => self.on_dispute(obj, &mut cs).await?,
            "charge.succeeded" | "charge.updated" => self.on_fee(obj, &mut cs).await?,
            "charge.dispute.closed" => self.on_dispute_closed(obj, &mut cs).await?,
            // Other events are acknowledged and remembered, nothing more.
            _ => {}
        }
        cs.audit(AuditEntry::new(
            now,
            "system",
            "payment.event",
            "payment_event",
            event_id,
            kind,
        ));
        match self.store.apply(cs).await {
            Ok(()) => Ok(true),
            Err(StoreError::Duplicate("payment event")) => Ok(false),
            Err(e) => Err(WebhookRefusal::store(e)),
        }
    }

    /// A checkout paid (at once, or later for a slow payment method): the pending gift is paid, booked, and its
    /// receipt queued.
    async fn on_checkout(
        &self,
        obj: &serde_json::Value,
        paid_at: Timestamp,
        cs: &mut ChangeSet,
    ) -> Result<(), WebhookRefusal> {
        let m = self.store.money();
        let system = Actor::system();
        let paid = obj["payment_status"].as_str() == Some("paid");
        let session = obj["id"].as_str().unwrap_or("");
        let d = match m.donation_by_provider_ref(session).await {
            Ok(Some(d)) => Some(d),
            Ok(None) => match obj["client_reference_id"]
                .as_str()
                .and_then(|s| s.parse::<DonationId>().ok())
            {
                Some(did) => m.donation(did).await.map_err(WebhookRefusal::store)?,
                None => None,
            },
            Err(e) => return Err(WebhookRefusal::store(e)),
        };
        let Some(d) = d else {
            return Err(WebhookRefusal::Unknown);
        };
        if paid && d.status == "pending" {
            let amount = obj["amount_total"].as_i64().unwrap_or(d.amount_minor);
            if amount != d.amount_minor
                || !obj["currency"]
                    .as_str()
                    .is_some_and(|c| c.eq_ignore_ascii_case(&d.currency))
            {
                return Err(WebhookRefusal::Mismatch);
            }
            let mut nd = d.clone();
            nd.status = "paid".into();
            nd.paid_at = Some(paid_at);
            nd.provider_ref = obj["payment_intent"]
                .as_str()
                .map(String::from)
                .or(nd.provider_ref);
            nd.subscription_ref = obj["subscription"].as_str().map(String::from);
            let mut e = self.gift_entry(
                &system,
                EntryKind::Gift,
                "gift online",
                ledger::gift(d.fund_id, amount, Account::Processor),
                d.id,
            );
            e.at = paid_at;
            e.day = self.day_of(paid_at);
            nd.entry_id = Some(e.id);
            let receipt = self.receipt_mail(&nd);
            cs.push(Op::Money(MoneyOp::Donations(Box::new(
                DonationOp::UpdateDonation {
                    donation: nd,
                    entry: Some(e),
                },
            ))));
            // The receipt is due with the gift, in the same write.
            if let Some(r) = receipt {
                cs.push(Op::Money(r));
            }
        }
        Ok(())
    }

    /// A monthly gift after the first is a new gift; the first month's invoice names the payment of the gift
    /// recorded at checkout.
    async fn on_invoice_paid(
        &self,
        obj: &serde_json::Value,
        paid_at: Timestamp,
        now: Timestamp,
        cs: &mut ChangeSet,
    ) -> Result<(), WebhookRefusal> {
        let m = self.store.money();
        let system = Actor::system();
        // Monthly gifts after the first (the first is the checkout above).
        let reason = obj["billing_reason"].as_str().unwrap_or("");
        let sub = obj["subscription"]
            .as_str()
            .or(obj["parent"]["subscription_details"]["subscription"].as_str())
            .unwrap_or("");
        if reason == "subscription_cycle" && !sub.is_empty() {
            let first = m
                .donations_for_subscription(sub)
                .await
                .map_err(WebhookRefusal::store)?
                .into_iter()
                .next()
                .ok_or(WebhookRefusal::Unknown)?;
            let amount = obj["amount_paid"].as_i64().unwrap_or(0);
            if amount <= 0 {
                return Err(WebhookRefusal::Mismatch);
            }
            let did = DonationId::new();
            let mut e = self.gift_entry(
                &system,
                EntryKind::Gift,
                "monthly gift online",
                ledger::gift(first.fund_id, amount, Account::Processor),
                did,
            );
            e.at = paid_at;
            e.day = self.day_of(paid_at);
            let donor = m
                .donor(first.donor_id)
                .await
                .map_err(WebhookRefusal::store)?
                .ok_or(WebhookRefusal::Unknown)?;
            let d = DonationRow {
                id: did,
                amount_minor: amount,
                provider_ref: obj["payment_intent"]
                    .as_str()
                    .or(obj["id"].as_str())
                    .map(String::from),
                status: "paid".into(),
                receipt_token: heart_crypto::random_token(24),
                created_at: now,
                paid_at: Some(paid_at),
                entry_id: Some(e.id),
                refunded_minor: 0,
                version: 1,
                ..first
            };
            let receipt = self.receipt_mail(&d);
            cs.push(Op::Money(MoneyOp::PostEntry(e)));
            cs.push(Op::Money(MoneyOp::Donations(Box::new(
                DonationOp::InsertDonation { donor, donation: d },
            ))));
            if let Some(r) = receipt {
                cs.push(Op::Money(r));
            }
        } else if reason == "subscription_create" && !sub.is_empty() {
            // The first month was recorded at checkout, where a subscription has no payment yet: the
            // invoice names it, so a refund or dispute of that first gift finds it.
            let pi = obj["payment_intent"]
                .as_str()
                .or(obj["payments"]["data"][0]["payment"]["payment_intent"].as_str());
            if let Some(pi) = pi
                && let Some(first) = m
                    .donations_for_subscription(sub)
                    .await
                    .map_err(WebhookRefusal::store)?
                    .into_iter()
                    .next()
                && first
                    .provider_ref
                    .as_deref()
                    .is_none_or(|r| r.starts_with("cs_"))
            {
                let mut nd = first.clone();
                nd.provider_ref = Some(pi.to_string());
                cs.push(Op::Money(MoneyOp::Donations(Box::new(
                    DonationOp::UpdateDonation {
                        donation: nd,
                        entry: None,
                    },
                ))));
            }
        }
        Ok(())
    }

    /// Money given back: the part not refunded before.
    async fn on_refund(
        &self,
        obj: &serde_json::Value,
        cs: &mut ChangeSet,
    ) -> Result<(), WebhookRefusal> {
        let system = Actor::system();
        let d = self
            .gift_paid_by(obj["payment_intent"].as_str().unwrap_or(""))
            .await?;
        let total = obj["amount_refunded"].as_i64().unwrap_or(0);
        let delta = total - d.refunded_minor;
        if delta > 0 && total <= d.amount_minor {
            let e = self.gift_entry(
                &system,
                EntryKind::Refund,
                "gift given back",
                ledger::refund(d.fund_id, delta, Account::Processor),
                d.id,
            );
            let mut nd = d.clone();
            nd.refunded_minor = total;
            if total >= d.amount_minor {
                nd.status = "refunded".into();
            }
            cs.push(Op::Money(MoneyOp::Donations(Box::new(
                DonationOp::UpdateDonation {
                    donation: nd,
                    entry: Some(e),
                },
            ))));
        }
        Ok(())
    }

    /// A gift disputed: the money the provider took back.
    async fn on_dispute(
        &self,
        obj: &serde_json::Value,
        cs: &mut ChangeSet,
    ) -> Result<(), WebhookRefusal> {
        let system = Actor::system();
        let d = self
            .gift_paid_by(obj["payment_intent"].as_str().unwrap_or(""))
            .await?;
        let amount = obj["amount"]
            .as_i64()
            .unwrap_or(d.amount_minor)
            .min(d.amount_minor - d.refunded_minor);
        if amount > 0 {
            let e = self.gift_entry(
                &system,
                EntryKind::Dispute,
                "gift disputed",
                ledger::refund(d.fund_id, amount, Account::Processor),
                d.id,
            );
            let mut nd = d.clone();
            nd.refunded_minor += amount;
            nd.status = "disputed".into();
            cs.push(Op::Money(MoneyOp::Donations(Box::new(
                DonationOp::UpdateDonation {
                    donation: nd,
                    entry: Some(e),
                },
            ))));
        }
        Ok(())
    }

    /// The provider's fee on a gift, once its balance transaction exists (on the charge, or when it is updated):
    /// posted once, as money the provider already took.
    async fn on_fee(
        &self,
        obj: &serde_json::Value,
        cs: &mut ChangeSet,
    ) -> Result<(), WebhookRefusal> {
        let m = self.store.money();
        let system = Actor::system();
        if let (Some(pi), Some(bt)) = (
            obj["payment_intent"].as_str(),
            obj["balance_transaction"].as_str(),
        ) {
            let d = self.gift_paid_by(pi).await?;
            if !m.fee_posted(d.id).await.map_err(WebhookRefusal::store)? {
                let fee = self
                    .provider()
                    .fee(bt)
                    .await
                    .map_err(|_| WebhookRefusal::ProviderDown)?;
                if fee > 0 {
                    let e = self.gift_entry(
                        &system,
                        EntryKind::Fee,
                        "payment processing fee",
                        ledger::fee(d.fund_id, fee),
                        d.id,
                    );
                    cs.push(Op::Money(MoneyOp::PostEntry(e)));
                }
            }
        }
        Ok(())
    }

    /// A dispute that ended: when the team won it, the money comes back and the gift is whole again.
    async fn on_dispute_closed(
        &self,
        obj: &serde_json::Value,
        cs: &mut ChangeSet,
    ) -> Result<(), WebhookRefusal> {
        let system = Actor::system();
        let d = self
            .gift_paid_by(obj["payment_intent"].as_str().unwrap_or(""))
            .await?;
        let amount = obj["amount"].as_i64().unwrap_or(0).min(d.refunded_minor);
        if obj["status"].as_str() == Some("won") && d.status == "disputed" && amount > 0 {
            let e = self.gift_entry(
                &system,
                EntryKind::Dispute,
                "dispute won: gift returned",
                ledger::reversal(&ledger::refund(d.fund_id, amount, Account::Processor)),
                d.id,
            );
            let mut nd = d.clone();
            nd.refunded_minor -= amount;
            nd.status = "paid".into();
            cs.push(Op::Money(MoneyOp::Donations(Box::new(
                DonationOp::UpdateDonation {
                    donation: nd,
                    entry: Some(e),
                },
            ))));
        }
        Ok(())
    }

    /// The gift a payment (its payment intent) paid for; an event about a payment heart does not know is refused.
    async fn gift_paid_by(&self, payment_intent: &str) -> Result<DonationRow, WebhookRefusal> {
        self.store
            .money()
            .donation_by_provider_ref(payment_intent)
            .await
            .map_err(WebhookRefusal::store)?
            .ok_or(WebhookRefusal::Unknown)
    }
}
