//! Accounts from the shell: people, tokens and partners.

use super::*;
use crate::cli::{PartnerCommand, TokenCommand, UserCommand};
use heart_domain::access::Capabilities;
use std::io::Read;

/// `heart user add|reset-password|reset-second-factor|disable`.
pub async fn user(command: UserCommand) -> Result<(), Failure> {
    match command {
        UserCommand::Add {
            username,
            capabilities,
            name,
            team,
            organization,
            password_stdin,
            data,
        } => {
            let caps = Capabilities::parse_list(&capabilities).map_err(|e| usage(e.to_string()))?;
            let app = open(&data, "./heart-data").await?.app;
            let team_id = match team {
                None => None,
                Some(t) => Some(
                    app.teams_now()
                        .await
                        .map_err(app_failure)?
                        .into_iter()
                        .find(|x| x.row.name.eq_ignore_ascii_case(t.trim()))
                        .map(|x| x.row.id)
                        .ok_or_else(|| usage(format!("there is no team named {t:?}")))?,
                ),
            };
            let password = if password_stdin {
                let mut s = String::new();
                std::io::stdin()
                    .read_to_string(&mut s)
                    .context("cannot read the password from stdin")?;
                Some(s.trim_end_matches(['\r', '\n']).to_string())
            } else {
                None
            };
            let (id, setup) = match organization {
        Some(org) => {
            if caps != Capabilities::of(&[heart_domain::access::Capability::Partner])
                || team_id.is_some()
            {
                return Err(usage(
                    "an account with --organization holds the partner capability alone, without a team",
                ));
            }
            app.add_partner_user(
                &Actor::cli(),
                &username,
                name.as_deref(),
                &org,
                password.as_deref(),
            )
            .await
        }
        None => {
            app.add_user(
                &Actor::cli(),
                &username,
                name.as_deref(),
                caps,
                team_id,
                password.as_deref(),
            )
            .await
        }
    }
    .map_err(app_failure)?;
            eprintln!("heart: added account {id}");
            if let Some(token) = setup {
                eprintln!(
                    "heart: send this one-time link to the person so they can choose a password:"
                );
                println!("/setup/{token}");
            }
            Ok(())
        }
        UserCommand::ResetPassword { username, data } => {
            let app = open(&data, "./heart-data").await?.app;
            let id = account_id(&app, &username).await?;
            let token = app
                .reset_password_link(&Actor::cli(), id)
                .await
                .map_err(app_failure)?;
            eprintln!(
                "heart: {username}'s password and sessions ended; send them this one-time link (24 hours):"
            );
            println!("/setup/{token}");
            Ok(())
        }
        UserCommand::Disable { username, data } => {
            let app = open(&data, "./heart-data").await?.app;
            let id = account_id(&app, &username).await?;
            app.disable_account(&Actor::cli(), id)
                .await
                .map_err(app_failure)?;
            eprintln!("heart: {username} is disabled; its sessions ended and its tokens stopped");
            Ok(())
        }
        UserCommand::ResetSecondFactor { username, data } => {
            let app = open(&data, "./heart-data").await?.app;
            app.reset_second_factor(&Actor::cli(), &username)
                .await
                .map_err(app_failure)?;
            eprintln!(
                "heart: {username} will set up a new second factor at the next sign-in; every session of theirs ended"
            );
            Ok(())
        }
    }
}

/// An account's id by its username (exit 2 when there is none).
async fn account_id(
    app: &heart_app::App,
    username: &str,
) -> Result<heart_domain::ids::UserId, Failure> {
    app.accounts(&Actor::cli())
        .await
        .map_err(app_failure)?
        .into_iter()
        .find(|u| u.username == username.trim())
        .map(|u| u.id)
        .ok_or_else(|| usage(format!("there is no account {username:?}")))
}

/// When a token ends, as `--expires` says it.
enum Expires {
    Days(i64),
    LastDay(jiff::civil::Date),
}

fn parse_expires(s: &str) -> Result<Expires, Failure> {
    let s = s.trim();
    let wrong = || usage("--expires takes a number of days from 1 to 366, or a date as YYYY-MM-DD");
    if s.contains('-') {
        return s.parse().map(Expires::LastDay).map_err(|_| wrong());
    }
    match s.parse::<i64>() {
        Ok(d) if (1..=366).contains(&d) => Ok(Expires::Days(d)),
        _ => Err(wrong()),
    }
}

/// `heart token create|list|revoke`.
pub async fn token(command: TokenCommand) -> Result<(), Failure> {
    match command {
        TokenCommand::Create {
            name,
            capabilities,
            user,
            expires,
            data,
        } => {
            let caps = Capabilities::parse_list(&capabilities).map_err(|e| usage(e.to_string()))?;
            let expires = expires.as_deref().map(parse_expires).transpose()?;
            let app = open(&data, "./heart-data").await?.app;
            let cli = Actor::cli();
            let user = user.as_deref();
            let token = match expires {
                Some(Expires::LastDay(d)) => {
                    app.create_token_until(&cli, &name, caps, user, d).await
                }
                Some(Expires::Days(d)) => {
                    app.create_token_expiring(&cli, &name, caps, user, Some(d))
                        .await
                }
                None => {
                    app.create_token_expiring(&cli, &name, caps, user, None)
                        .await
                }
            }
            .map_err(app_failure)?;
            eprintln!("heart: store this token now; it is not shown again");
            println!("{token}");
            Ok(())
        }
        TokenCommand::List { data } => {
            let app = open(&data, "./heart-data").await?.app;
            let now = app.clock.now();
            for t in app.tokens(&Actor::cli()).await.map_err(app_failure)? {
                let state = match (t.revoked_at, t.expires_at) {
                    (Some(at), _) => format!("revoked {at}"),
                    (None, Some(e)) if e <= now => format!("ended {e}"),
                    (None, Some(e)) => format!("works until {e}"),
                    (None, None) => "works".into(),
                };
                println!(
                    "{}\t{}\t{}\tcreated {}\tlast used {}\t{}",
                    t.id,
                    t.name,
                    t.capabilities.to_list(),
                    t.created_at,
                    t.last_used_at
                        .map(|u| u.to_string())
                        .unwrap_or_else(|| "never".into()),
                    state
                );
            }
            Ok(())
        }
        TokenCommand::Revoke { id, data } => {
            let tid: heart_domain::ids::TokenId = id
                .trim()
                .parse()
                .map_err(|_| usage(format!("{id:?} is not a token id (see heart token list)")))?;
            let app = open(&data, "./heart-data").await?.app;
            match app.revoke_token(&Actor::cli(), tid).await {
                Ok(()) => {
                    eprintln!("heart: token {tid} revoked; its next request is refused");
                    Ok(())
                }
                Err(heart_app::AppError::NotFound) => Err(usage(format!(
                    "there is no token {tid} (see heart token list)"
                ))),
                Err(e) => Err(app_failure(e)),
            }
        }
    }
}

/// `heart partner add|list|rotate|disable`.
pub async fn partner(command: PartnerCommand) -> Result<(), Failure> {
    match command {
        PartnerCommand::Add {
            name,
            kinds,
            escalate_minutes,
            business_hours,
            data,
        } => {
            let kinds: Vec<String> = kinds
                .unwrap_or_default()
                .split(',')
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .collect();
            let app = open(&data, "./heart-data").await?.app;
            let (p, secret) = app
                .add_partner(
                    &Actor::cli(),
                    &name,
                    &kinds,
                    escalate_minutes,
                    &business_hours,
                )
                .await
                .map_err(app_failure)?;
            eprintln!(
                "heart: added partner {} ({}); it sends signed alerts to /hooks/partner/{} and may send: {}",
                p.name,
                p.id,
                p.slug,
                p.kinds.join(", ")
            );
            eprintln!("heart: give this secret to the partner now; it is not shown again");
            println!("{secret}");
            Ok(())
        }
        PartnerCommand::Rotate { name, data } => {
            let app = open(&data, "./heart-data").await?.app;
            match app.rotate_partner_secret(&Actor::cli(), &name).await {
                Ok((p, secret, until)) => {
                    eprintln!(
                        "heart: partner {} has a new secret; the old one keeps working until {until}, then stops",
                        p.slug
                    );
                    eprintln!("heart: give this secret to the partner now; it is not shown again");
                    println!("{secret}");
                    Ok(())
                }
                Err(heart_app::AppError::NotFound) => Err(usage(format!(
                    "there is no partner {name:?} (see heart partner list)"
                ))),
                Err(heart_app::AppError::Conflict(_)) => Err(usage(format!(
                    "partner {name:?} is disabled; add it again instead"
                ))),
                Err(e) => Err(app_failure(e)),
            }
        }
        PartnerCommand::Disable { name, data } => {
            let app = open(&data, "./heart-data").await?.app;
            match app.disable_partner(&Actor::cli(), &name).await {
                Ok(p) => {
                    eprintln!(
                        "heart: partner {} is disabled; its alerts are refused from now on",
                        p.slug
                    );
                    Ok(())
                }
                Err(heart_app::AppError::NotFound) => Err(usage(format!(
                    "there is no partner {name:?} (see heart partner list)"
                ))),
                Err(e) => Err(app_failure(e)),
            }
        }
        PartnerCommand::List { data } => {
            let app = open(&data, "./heart-data").await?.app;
            let partners = app.partners(&Actor::cli()).await.map_err(app_failure)?;
            for p in partners {
                println!(
                    "{}\t{}\t{}\tescalate_minutes={}\tbusiness_hours={}\t{}",
                    p.slug,
                    p.name,
                    p.kinds.join(","),
                    p.escalate_minutes,
                    p.business_hours,
                    if p.revoked_at.is_some() {
                        "revoked"
                    } else {
                        "active"
                    }
                );
            }
            Ok(())
        }
    }
}
