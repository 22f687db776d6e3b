//! The mail outbox: queued, claimed by one sender, settled.

use super::*;

/// A mail queued (once per `dedup`); the outbox claims and settles it.
pub(super) async fn queue<D: Db>(conn: &mut D::Connection, m: &MailRow) -> StoreResult<()> {
    // A receipt goes to the gift's donor as the store keeps it (a donor giving again with the same email
    // is the donor already known, whatever id the new gift was written with).
    sqlx::query::<D>(
        "INSERT INTO mail_outbox (id, dedup, kind, donor_id, donation_id, year, language, created_at, \
         next_at, attempts) VALUES ($1, $2, $3, \
         COALESCE((SELECT d.donor_id FROM donations d WHERE d.id = $5), $4), \
         $5, $6, $7, $8, $9, $10) ON CONFLICT (dedup) DO NOTHING",
    )
    .arg(m.id.to_string())
    .arg(&m.dedup)
    .arg(&m.kind)
    .arg(m.donor_id.to_string())
    .arg(m.donation_id.map(|d| d.to_string()))
    .arg(m.year.map(i64::from))
    .arg(&m.language)
    .arg(us(m.created_at))
    .arg(us(m.next_at))
    .arg(m.attempts)
    .exec(&mut *conn)
    .await
    .map_err(write_err("mail"))?;
    Ok(())
}
