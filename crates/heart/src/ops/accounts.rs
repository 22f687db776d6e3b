//! Accounts from the shell: people, tokens and partners.

use super::*;
use crate::cli::{PartnerCommand, TokenCommand, UserCommand};
use heart_domain::access::Capabilities;
use std::io::Read;

/// `heart user add|reset-second-factor`.
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

/// `heart token create`.
pub async fn token(command: TokenCommand) -> Result<(), Failure> {
    let TokenCommand::Create {
        name,
        capabilities,
        user,
        expires,
        data,
    } = command;

    let caps = Capabilities::parse_list(&capabilities).map_err(|e| usage(e.to_string()))?;
    if expires.is_some_and(|d| !(1..=366).contains(&d)) {
        return Err(usage("--expires takes a number of days from 1 to 366"));
    }
    let app = open(&data, "./heart-data").await?.app;
    let token = app
        .create_token_expiring(&Actor::cli(), &name, caps, user.as_deref(), expires)
        .await
        .map_err(app_failure)?;
    eprintln!("heart: store this token now; it is not shown again");
    println!("{token}");
    Ok(())
}

/// `heart partner add|list`.
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
