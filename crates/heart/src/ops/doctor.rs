//! `heart doctor`: what an operator gets wrong, each with a plain fix; changes nothing. The checks are
//! `heart_app::doctor`'s (the Health page shows the same); here they run without the server, and the database is
//! opened only when it can be without changing it (a key file there, no migration pending).

use super::*;
use heart_app::doctor::{self, Finding, Severity};

/// A fault found before the database could be asked.
fn fault(code: &'static str, what: &str, said: String, fix: &str) -> Finding {
    Finding {
        severity: Severity::Fault,
        code,
        what: what.to_string(),
        said,
        fix: fix.to_string(),
    }
}

pub async fn doctor(data: &DataArgs) -> Result<(), Failure> {
    let settings = settings_of(data)?;
    let p = paths(data, &settings, DEFAULT_DIR);
    let layout = doctor::layout(&crate::app_config(&settings, &p));
    let mut found = doctor::check_layout(&layout, jiff::Timestamp::now());
    found.extend(doctor::check_services(&layout.services, Duration::from_secs(3)).await);
    let engine = Engine::of(data, &settings, &p)?;
    let schema = match &engine {
        Engine::Postgres(url) => PgStore::schema(url).await,
        Engine::Sqlite(db) => SqliteStore::schema(db).await,
    };
    match schema {
        Err(m) => found.push(fault(
            "database",
            "database",
            format!("the database cannot be read: {m}"),
            "see the message; heart serve will not start until it is fixed",
        )),
        Ok(s) if s.at.is_none() => {
            // Never started here: what the first start makes is not missing yet.
            found.retain(|f| {
                !matches!(
                    f.code,
                    "erasure_log_missing" | "backup_stale" | "key_file_missing"
                )
            });
            found.push(Finding {
                severity: Severity::Warning,
                code: "not_started",
                what: p.dir.display().to_string(),
                said: format!("heart has not made its database in {} yet", p.dir.display()),
                fix: "start it (heart serve), then run heart doctor again".into(),
            });
        }
        Ok(s) if !s.pending.is_empty() => found.push(Finding {
            severity: Severity::Warning,
            code: "migrations_pending",
            what: "database".into(),
            said: format!(
                "the database is at schema {}; this heart applies {} migrations when it starts (the database was not asked more)",
                s.at.unwrap_or(0),
                s.pending.len()
            ),
            fix: "heart migrate --check lists them; heart serve (or heart migrate) applies them".into(),
        }),
        Ok(_) if p.key_file.exists() => match open(data, DEFAULT_DIR).await {
            Ok(opened) => {
                let facts = opened.app.db_facts().await.map_err(app_failure)?;
                found.extend(doctor::check_db(&facts));
            }
            Err(e) => found.push(fault(
                "database",
                "database",
                format!("the database cannot be opened: {}", match &e {
                    Failure::Usage(m) => m.clone(),
                    Failure::Failed(e) => format!("{e:#}"),
                }),
                "see the message; heart serve will not start until it is fixed",
            )),
        },
        Ok(_) => {}
    }
    found.sort_by_key(|f| f.severity);
    let faults = found
        .iter()
        .filter(|f| f.severity == Severity::Fault)
        .count();
    for f in &found {
        let label = match f.severity {
            Severity::Fault => "fault",
            Severity::Warning => "warning",
        };
        println!("{label}: {}\n  fix: {}", f.said, f.fix);
    }
    let warnings = found.len() - faults;
    if faults > 0 {
        return Err(Failure::Failed(anyhow::anyhow!(
            "{faults} faults and {warnings} warnings (above)"
        )));
    }
    eprintln!(
        "heart doctor: no faults{}",
        if warnings > 0 {
            format!(", {warnings} warnings (above)")
        } else {
            String::new()
        }
    );
    Ok(())
}
