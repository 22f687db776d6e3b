//! Passkeys: the WebAuthn credentials an account holds as a second factor, each with the name its holder gave it,
//! and the one ceremony (a challenge) an account may have outstanding. The store keeps the verified credential as
//! the use cases give it (JSON); it knows nothing of WebAuthn.

use crate::backend::{Bind, Db, RowGet, Run};
use crate::sql::{SqlStore, Tx, all, backend, get, guarded, id, ts, ts_o, us, write_err};
use crate::{StoreError, StoreResult};
use async_trait::async_trait;
use heart_domain::ids::{PasskeyId, UserId};
use heart_domain::time::Timestamp;

/// A passkey of an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasskeyRow {
    pub id: PasskeyId,
    pub user: UserId,
    /// The name its holder gave it ("phone", "blue key").
    pub name: String,
    /// The credential id, base64url: unique across every account.
    pub credential_id: String,
    /// The verified credential with its signature counter (public; JSON the use cases read).
    pub credential: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

/// What a ceremony is for.
pub const REGISTER: &str = "register";
pub const AUTHENTICATE: &str = "authenticate";

/// The ceremony an account has outstanding: its state (the challenge), until `expires_at`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CeremonyRow {
    pub user: UserId,
    /// [`REGISTER`] or [`AUTHENTICATE`].
    pub purpose: String,
    pub state: String,
    pub expires_at: Timestamp,
}

/// A change to an account's passkeys.
#[derive(Clone, Debug, PartialEq)]
pub enum PasskeyOp {
    /// A new passkey; a credential id already held (by anyone) is `Duplicate("passkey")`.
    Insert(PasskeyRow),
    /// A new name for one of the account's passkeys (`NotFound` for another account's).
    Rename {
        user: UserId,
        id: PasskeyId,
        name: String,
    },
    /// Removes one of the account's passkeys (`NotFound` for another account's).
    Remove { user: UserId, id: PasskeyId },
    /// Every passkey and any ceremony of the account (the operator's reset of a lost second factor).
    RemoveAll(UserId),
    /// Signed in or confirmed with it: the credential as it is now (its counter), and when.
    Used {
        user: UserId,
        id: PasskeyId,
        credential: String,
        at: Timestamp,
    },
    /// Starts a ceremony, in place of any the account had.
    Begin(CeremonyRow),
    /// Ends the account's ceremony of `purpose`, once: a second end of the same is a conflict (a challenge
    /// answers once).
    End { user: UserId, purpose: String },
}

/// Reads of passkeys.
#[async_trait]
pub trait PasskeyStore: Send + Sync {
    /// The account's passkeys, oldest first.
    async fn passkeys_of(&self, user: UserId) -> StoreResult<Vec<PasskeyRow>>;
    /// The account's outstanding ceremony, if any (expired or not: the caller checks the time).
    async fn ceremony(&self, user: UserId) -> StoreResult<Option<CeremonyRow>>;
}

fn passkey_row(row: &impl RowGet) -> StoreResult<PasskeyRow> {
    Ok(PasskeyRow {
        id: id(row, "id")?,
        user: id(row, "user_id")?,
        name: get(row, "name")?,
        credential_id: get(row, "credential_id")?,
        credential: get(row, "credential")?,
        created_at: ts(row, "created_at")?,
        last_used_at: ts_o(row, "last_used_at")?,
    })
}

fn one_row(rows: u64) -> StoreResult<()> {
    if rows == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

pub(crate) async fn apply<D: Db>(
    conn: &mut D::Connection,
    _tx: &mut Tx<'_, D>,
    op: &PasskeyOp,
) -> StoreResult<()> {
    match op {
        PasskeyOp::Insert(p) => {
            sqlx::query::<D>(
                "INSERT INTO passkeys (id, user_id, name, credential_id, credential, created_at, last_used_at) \
                 VALUES ($1,$2,$3,$4,$5,$6,NULL)",
            )
            .arg(p.id.to_string())
            .arg(p.user.to_string())
            .arg(&p.name)
            .arg(&p.credential_id)
            .arg(&p.credential)
            .arg(us(p.created_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("passkey"))?;
        }
        PasskeyOp::Rename { user, id, name } => {
            let n =
                sqlx::query::<D>("UPDATE passkeys SET name = $1 WHERE id = $2 AND user_id = $3")
                    .arg(name)
                    .arg(id.to_string())
                    .arg(user.to_string())
                    .exec(&mut *conn)
                    .await
                    .map_err(write_err("passkey"))?;
            one_row(n)?;
        }
        PasskeyOp::Remove { user, id } => {
            let n = sqlx::query::<D>("DELETE FROM passkeys WHERE id = $1 AND user_id = $2")
                .arg(id.to_string())
                .arg(user.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("passkey"))?;
            one_row(n)?;
        }
        PasskeyOp::RemoveAll(user) => {
            for sql in [
                "DELETE FROM passkeys WHERE user_id = $1",
                "DELETE FROM passkey_ceremonies WHERE user_id = $1",
            ] {
                sqlx::query::<D>(sql)
                    .arg(user.to_string())
                    .exec(&mut *conn)
                    .await
                    .map_err(write_err("passkey"))?;
            }
        }
        PasskeyOp::Used {
            user,
            id,
            credential,
            at,
        } => {
            let n = sqlx::query::<D>(
                "UPDATE passkeys SET credential = $1, last_used_at = $2 WHERE id = $3 AND user_id = $4",
            )
            .arg(credential)
            .arg(us(*at))
            .arg(id.to_string())
            .arg(user.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("passkey"))?;
            // Removed meanwhile: the sign-in it was for does not happen.
            guarded(n)?;
        }
        PasskeyOp::Begin(c) => {
            sqlx::query::<D>("DELETE FROM passkey_ceremonies WHERE user_id = $1")
                .arg(c.user.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("passkey ceremony"))?;
            sqlx::query::<D>(
                "INSERT INTO passkey_ceremonies (user_id, purpose, state, expires_at) VALUES ($1,$2,$3,$4)",
            )
            .arg(c.user.to_string())
            .arg(&c.purpose)
            .arg(&c.state)
            .arg(us(c.expires_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("passkey ceremony"))?;
        }
        PasskeyOp::End { user, purpose } => {
            let n = sqlx::query::<D>(
                "DELETE FROM passkey_ceremonies WHERE user_id = $1 AND purpose = $2",
            )
            .arg(user.to_string())
            .arg(purpose)
            .exec(&mut *conn)
            .await
            .map_err(write_err("passkey ceremony"))?;
            guarded(n)?;
        }
    }
    Ok(())
}

#[async_trait]
impl<D: Db> PasskeyStore for SqlStore<D> {
    async fn passkeys_of(&self, user: UserId) -> StoreResult<Vec<PasskeyRow>> {
        let r =
            sqlx::query::<D>("SELECT * FROM passkeys WHERE user_id = $1 ORDER BY created_at, id")
                .arg(user.to_string())
                .all_in(&self.read)
                .await
                .map_err(backend("passkeys"))?;
        all(r, passkey_row)
    }

    async fn ceremony(&self, user: UserId) -> StoreResult<Option<CeremonyRow>> {
        let r = sqlx::query::<D>("SELECT * FROM passkey_ceremonies WHERE user_id = $1")
            .arg(user.to_string())
            .opt_in(&self.read)
            .await
            .map_err(backend("passkey ceremony"))?;
        r.map(|row| {
            Ok(CeremonyRow {
                user: id(&row, "user_id")?,
                purpose: get(&row, "purpose")?,
                state: get(&row, "state")?,
                expires_at: ts(&row, "expires_at")?,
            })
        })
        .transpose()
    }
}
