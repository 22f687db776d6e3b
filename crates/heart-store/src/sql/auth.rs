//! Accounts, tokens, sessions and second factors.

use super::*;

pub(super) async fn apply<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    op: &AuthOp,
) -> StoreResult<()> {
    match op {
        AuthOp::InsertUser(u) => {
            sqlx::query::<D>(
                "INSERT INTO users (id, username, display_name, password_hash, capabilities, team_id, active, \
                 setup_token_hash, created_at, organization_id, setup_until) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
            )
            .arg(u.id.to_string())
            .arg(&u.username)
            .arg(&u.display_name)
            .arg(&u.password_hash)
            .arg(u.capabilities.to_list())
            .arg(id_opt(&u.team_id))
            .arg(u.active)
            .arg(&u.setup_token_hash)
            .arg(us(u.created_at))
            .arg(&u.organization_id)
            .arg(us_opt(u.setup_until))
            .exec(&mut *conn)
            .await
            .map_err(write_err("username"))?;
        }
        AuthOp::UpdateUser(u) => {
            let r = sqlx::query::<D>(
                "UPDATE users SET username = $1, display_name = $2, password_hash = $3, capabilities = $4, team_id = $5, \
                 active = $6, setup_token_hash = $7, setup_until = $9 WHERE id = $8",
            )
            .arg(&u.username)
            .arg(&u.display_name)
            .arg(&u.password_hash)
            .arg(u.capabilities.to_list())
            .arg(id_opt(&u.team_id))
            .arg(u.active)
            .arg(&u.setup_token_hash)
            .arg(u.id.to_string())
            .arg(us_opt(u.setup_until))
            .exec(&mut *conn)
            .await
            .map_err(write_err("username"))?;
            if r != 1 {
                return Err(StoreError::NotFound);
            }
        }
        AuthOp::SetUserTeam { user, team } => {
            let r = sqlx::query::<D>("UPDATE users SET team_id = $1 WHERE id = $2")
                .arg(id_opt(team))
                .arg(user.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("user team"))?;
            if r != 1 {
                return Err(StoreError::NotFound);
            }
        }
        AuthOp::SetPasswordBySetup {
            setup_token_hash,
            password_hash,
        } => {
            let r = sqlx::query::<D>(
                "UPDATE users SET password_hash = $1, setup_token_hash = NULL, setup_until = NULL \
                 WHERE setup_token_hash = $2",
            )
            .arg(password_hash)
            .arg(setup_token_hash)
            .exec(&mut *conn)
            .await
            .map_err(write_err("password"))?;
            // Used by someone else meanwhile: this use is refused.
            guarded(r)?;
        }
        AuthOp::Token(op) => token::<D>(conn, op).await?,
        AuthOp::InsertSession(s) => {
            sqlx::query::<D>("INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at, last_seen_at, stage) VALUES ($1,$2,$3,$4,$5,$6,$7)")
                .arg(&s.id_hash)
                .arg(s.user_id.to_string())
                .arg(&s.csrf)
                .arg(us(s.created_at))
                .arg(us(s.expires_at))
                .arg(us(s.last_seen_at))
                .arg(s.stage.as_str())
                .exec(&mut *conn)
                .await
                .map_err(write_err("session"))?;
        }
        AuthOp::DeleteSession(h) => {
            sqlx::query::<D>("DELETE FROM sessions WHERE id_hash = $1")
                .arg(h)
                .exec(&mut *conn)
                .await
                .map_err(write_err("session"))?;
        }
        AuthOp::PurgeSessions { now, idle_since } => {
            sqlx::query::<D>("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
                .arg(us(*now))
                .arg(us(*idle_since))
                .exec(&mut *conn)
                .await
                .map_err(write_err("session"))?;
        }
        AuthOp::DeleteOtherSessions { user, keep } => {
            sqlx::query::<D>("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
                .arg(user.to_string())
                .arg(keep.as_str())
                .exec(&mut *conn)
                .await
                .map_err(write_err("session"))?;
        }
        AuthOp::DeleteUserSessions(u) => {
            sqlx::query::<D>("DELETE FROM sessions WHERE user_id = $1")
                .arg(u.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("session"))?;
        }
        AuthOp::LoginFailed { user, at } => {
            sqlx::query::<D>(
                "UPDATE users SET failed_logins = failed_logins + 1, last_failed_login_at = $1 WHERE id = $2",
            )
            .arg(us(*at))
            .arg(user.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("sign-in"))?;
        }
        AuthOp::LoginSucceeded { user } => {
            sqlx::query::<D>(
                "UPDATE users SET failed_at_last_signin = failed_logins, failed_logins = 0 WHERE id = $1",
            )
            .arg(user.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("sign-in"))?;
        }
        AuthOp::TouchSession { id_hash, at } => {
            sqlx::query::<D>("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
                .arg(us(*at))
                .arg(id_hash)
                .exec(&mut *conn)
                .await
                .map_err(write_err("session"))?;
        }
        AuthOp::SecondFactor(op) => second_factor::<D>(conn, tx, op).await?,
    }
    Ok(())
}

/// API tokens: made, revoked, noted when used.
async fn token<D: Db>(conn: &mut D::Connection, op: &TokenOp) -> StoreResult<()> {
    match op {
        TokenOp::Insert(t) => {
            sqlx::query::<D>(
                "INSERT INTO api_tokens (id, name, token_hash, capabilities, created_at, revoked_at, user_id, \
                 expires_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
            )
            .arg(t.id.to_string())
            .arg(&t.name)
            .arg(&t.token_hash)
            .arg(t.capabilities.to_list())
            .arg(us(t.created_at))
            .arg(us_opt(t.revoked_at))
            .arg(id_opt(&t.user_id))
            .arg(us_opt(t.expires_at))
            .exec(&mut *conn)
            .await
            .map_err(write_err("token"))?;
        }
        TokenOp::Revoke { id, at } => {
            let n = sqlx::query::<D>(
                "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
            )
            .arg(us(*at))
            .arg(id.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("token"))?;
            guarded(n)?;
        }
        TokenOp::Touch { id, at } => {
            sqlx::query::<D>("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .arg(us(*at))
                .arg(id.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("token"))?;
        }
    }
    Ok(())
}

/// An API token's row.
pub(super) fn token_row(row: &impl RowGet) -> StoreResult<TokenRow> {
    Ok(TokenRow {
        id: id(row, "id")?,
        name: get(row, "name")?,
        user_id: id_o(row, "user_id")?,
        token_hash: get(row, "token_hash")?,
        capabilities: caps(row)?,
        created_at: ts(row, "created_at")?,
        revoked_at: ts_o(row, "revoked_at")?,
        expires_at: ts_o(row, "expires_at")?,
        last_used_at: ts_o(row, "last_used_at")?,
    })
}

/// The second factor: its seed, its codes (each step once), recovery codes.
async fn second_factor<D: Db>(
    conn: &mut D::Connection,
    tx: &mut Tx<'_, D>,
    op: &SecondFactorOp,
) -> StoreResult<()> {
    match op {
        SecondFactorOp::SetTotp { user, secret } => {
            let w = tx.keys.get().seal_secret("totp", &user.to_string(), secret);
            let r = sqlx::query::<D>(
                "UPDATE users SET totp_kek = $1, totp_secret = $2, totp_enabled_at = NULL WHERE id = $3",
            )
            .arg(i64::from(w.kek_id))
            .arg(w.bytes)
            .arg(user.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("second factor"))?;
            if r != 1 {
                return Err(StoreError::NotFound);
            }
        }
        SecondFactorOp::EnableTotp {
            user,
            at,
            step,
            recovery_hashes,
        } => {
            let r = sqlx::query::<D>(
                "UPDATE users SET totp_enabled_at = $1, totp_last_step = $2 WHERE id = $3 AND totp_secret IS NOT NULL \
                 AND totp_last_step < $4",
            )
            .arg(us(*at))
            .arg(step)
            .arg(user.to_string())
            .arg(step)
            .exec(&mut *conn)
            .await
            .map_err(write_err("second factor"))?;
            guarded(r)?;
            sqlx::query::<D>("DELETE FROM recovery_codes WHERE user_id = $1")
                .arg(user.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("recovery codes"))?;
            for h in recovery_hashes {
                sqlx::query::<D>("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1,$2)")
                    .arg(user.to_string())
                    .arg(h)
                    .exec(&mut *conn)
                    .await
                    .map_err(write_err("recovery codes"))?;
            }
        }
        SecondFactorOp::UseTotpStep { user, step } => {
            let r = sqlx::query::<D>(
                "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_enabled_at IS NOT NULL \
                 AND totp_last_step < $3",
            )
            .arg(step)
            .arg(user.to_string())
            .arg(step)
            .exec(&mut *conn)
            .await
            .map_err(write_err("second factor"))?;
            guarded(r)?;
        }
        SecondFactorOp::UseRecoveryCode { user, hash, at } => {
            let r = sqlx::query::<D>(
                "UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
            )
            .arg(us(*at))
            .arg(user.to_string())
            .arg(hash)
            .exec(&mut *conn)
            .await
            .map_err(write_err("recovery codes"))?;
            guarded(r)?;
        }
        SecondFactorOp::ClearTotp(user) => {
            sqlx::query::<D>(
                "UPDATE users SET totp_kek = NULL, totp_secret = NULL, totp_enabled_at = NULL WHERE id = $1",
            )
            .arg(user.to_string())
            .exec(&mut *conn)
            .await
            .map_err(write_err("second factor"))?;
            sqlx::query::<D>("DELETE FROM recovery_codes WHERE user_id = $1")
                .arg(user.to_string())
                .exec(&mut *conn)
                .await
                .map_err(write_err("recovery codes"))?;
        }
    }
    Ok(())
}

pub(super) fn user_row(row: &impl RowGet) -> StoreResult<UserRow> {
    Ok(UserRow {
        id: id(row, "id")?,
        username: get(row, "username")?,
        display_name: get(row, "display_name")?,
        password_hash: get(row, "password_hash")?,
        capabilities: caps(row)?,
        team_id: id_o(row, "team_id")?,
        organization_id: get(row, "organization_id")?,
        active: get(row, "active")?,
        setup_token_hash: get(row, "setup_token_hash")?,
        setup_until: ts_o(row, "setup_until")?,
        created_at: ts(row, "created_at")?,
    })
}
