//! Campaigns, donors, gifts, and the payment events that confirm them (each once).

use super::*;

/// Campaigns, donors, gifts, and the payment events that confirm them (each once).
pub(super) async fn apply<D: Db>(conn: &mut D::Connection, op: &DonationOp) -> StoreResult<()> {
    match op {
        DonationOp::InsertCampaign(c) => {
            sqlx::query::<D>(
                "INSERT INTO campaigns (id, name, fund_id, goal_minor, active, created_at) \
                 VALUES ($1,$2,$3,$4,$5,$6)",
            )
            .arg(c.id.to_string())
            .arg(&c.name)
            .arg(c.fund_id.to_string())
            .arg(c.goal_minor)
            .arg(c.active)
            .arg(us(c.created_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("campaign"))?;
        }
        DonationOp::UpdateCampaign(c) => {
            sqlx::query::<D>(
                "UPDATE campaigns SET name = $1, goal_minor = $2, active = $3 WHERE id = $4",
            )
            .arg(&c.name)
            .arg(c.goal_minor)
            .arg(c.active)
            .arg(c.id.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("campaign"))?;
        }
        DonationOp::InsertDonation { donor, donation: d } => {
            sqlx::query::<D>(
                "INSERT INTO donors (id, email, name, created_at) VALUES ($1,$2,$3,$4) \
                 ON CONFLICT (email) DO UPDATE SET name = COALESCE(donors.name, excluded.name)",
            )
            .arg(donor.id.to_string())
            .arg(&donor.email)
            .arg(&donor.name)
            .arg(us(donor.created_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("donor"))?;
            let row = sqlx::query::<D>("SELECT id FROM donors WHERE email = $1")
                .arg(&donor.email)
                .opt(&mut *conn)
                .await
                .map_err(backend("donor"))?
                .ok_or(StoreError::Rule("donor"))?;
            let donor_id: String = get(&row, "id")?;
            bind_donation(
                sqlx::query::<D>(
                    "INSERT INTO donations (donor_id, fund_id, campaign_id, amount_minor, currency, frequency, \
                     anonymous, message, provider, method, provider_ref, subscription_ref, status, receipt_token, \
                     created_at, paid_at, entry_id, refunded_minor, recorded_by, id, version, language) \
                     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,1,$21)",
                ),
                d,
                donor_id,
            )
            .arg(&d.language)
            .exec(&mut *conn)
            .await
            .map_err(write_err("donation"))?;
        }
        DonationOp::UpdateDonation { donation: d, entry } => {
            if let Some(e) = entry {
                post_entry::<D>(conn, e).await?;
            }
            let r = bind_donation(
                sqlx::query::<D>(
                    "UPDATE donations SET donor_id = $1, fund_id = $2, campaign_id = $3, amount_minor = $4, \
                     currency = $5, frequency = $6, anonymous = $7, message = $8, provider = $9, method = $10, \
                     provider_ref = $11, subscription_ref = $12, status = $13, receipt_token = $14, \
                     created_at = $15, paid_at = $16, entry_id = $17, refunded_minor = $18, recorded_by = $19, \
                     version = version + 1 WHERE id = $20 AND version = $21",
                ),
                d,
                d.donor_id.to_string(),
            )
            .arg(d.version)
            .exec(&mut *conn)
            .await
            .map_err(write_err("donation"))?;
            guarded(r)?;
        }
        DonationOp::ClaimPaymentEvent {
            provider,
            event_id,
            at,
        } => {
            sqlx::query::<D>(
                "INSERT INTO payment_events (provider, event_id, received_at) VALUES ($1,$2,$3)",
            )
            .arg(provider)
            .arg(event_id)
            .arg(us(*at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("payment event"))?;
        }
    }
    Ok(())
}

pub(super) fn bind_donation<'q, D: Db>(
    q: crate::backend::Q<'q, D>,
    d: &'q DonationRow,
    donor_id: String,
) -> crate::backend::Q<'q, D> {
    q.arg(donor_id)
        .arg(d.fund_id.to_string())
        .arg(d.campaign_id.map(|c| c.to_string()))
        .arg(d.amount_minor)
        .arg(&d.currency)
        .arg(&d.frequency)
        .arg(d.anonymous)
        .arg(&d.message)
        .arg(&d.provider)
        .arg(&d.method)
        .arg(&d.provider_ref)
        .arg(&d.subscription_ref)
        .arg(&d.status)
        .arg(&d.receipt_token)
        .arg(us(d.created_at))
        .arg(us_opt(d.paid_at))
        .arg(d.entry_id.map(|e| e.to_string()))
        .arg(d.refunded_minor)
        .arg(&d.recorded_by)
        .arg(d.id.to_string())
}
