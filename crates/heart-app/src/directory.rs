//! The resource directory in the running server: the HSDS records from the store, nested and indexed for search,
//! rebuilt whenever the store's change counter moves (an import from the command line is seen within seconds).
//! Only public data about services is here; nothing about the people served.

use crate::{Actor, App, AppError};
use heart_domain::text::Words;
use heart_domain::time::Timestamp;
use heart_hsds::{Directory, Kind, Links};
use heart_store::directory::{CapacityRow, DirectoryOp};
use heart_store::{ChangeSet, Op};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

crate::view! {
    /// A service's capacity today.
    Capacity from heart_store::directory::CapacityRow {
        service_id: String,
        /// "open", "closed" or "full".
        status: String,
        /// Places free now (beds tonight), when counted.
        available: Option<i64>,
        note: Option<String>,
        updated_at: heart_domain::time::Timestamp,
        updated_by: String,
    }
}

/// The directory as loaded: records, their links, the index, and when each record last changed.
pub struct Loaded {
    pub dir: Directory,
    pub links: Links,
    pub index: heart_search::Index,
    pub version: i64,
    pub modified: HashMap<(Kind, String), Timestamp>,
}

#[derive(Default)]
pub struct Cache {
    loaded: Mutex<Option<Arc<Loaded>>>,
    /// One rebuild at a time.
    building: tokio::sync::Mutex<()>,
}

/// A change to a listing; `None` leaves a field as it is, an empty text removes it.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceEdit {
    pub description: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub status: Option<String>,
}

/// The demo directory shipped in the binary (Cambridge's public places and the services our stories name).
pub const DEMO: &str = include_str!("../data/directory-demo/services.json");

impl App {
    fn dir_tz(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get(&self.config.hours.timezone).unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// The directory, loading it the first time.
    pub async fn directory(&self) -> Result<Arc<Loaded>, AppError> {
        if let Ok(g) = self.directory_cache.loaded.lock()
            && let Some(l) = g.as_ref()
        {
            return Ok(l.clone());
        }
        self.refresh_directory().await?;
        let g = self
            .directory_cache
            .loaded
            .lock()
            .map_err(|_| AppError::NotFound)?;
        g.clone().ok_or(AppError::NotFound)
    }

    /// Rebuild from the store when its change counter moved; true when it did.
    pub async fn refresh_directory(&self) -> Result<bool, AppError> {
        let _one = self.directory_cache.building.lock().await;
        let version = self.store.directory().directory_version().await?;
        let current = self
            .directory_cache
            .loaded
            .lock()
            .ok()
            .and_then(|g| g.as_ref().map(|l| l.version));
        if current == Some(version) {
            return Ok(false);
        }
        let rows = self.store.directory().directory_records().await?;
        let tz = self.dir_tz();
        let loaded = tokio::task::spawn_blocking(move || -> Result<Loaded, String> {
            let mut dir = Directory::default();
            let mut modified = HashMap::new();
            for r in rows {
                let Some(kind) = Kind::from_name(&r.kind) else {
                    continue;
                };
                let Ok(Value::Object(rec)) = serde_json::from_str::<Value>(&r.doc) else {
                    continue;
                };
                modified.insert((kind, r.id.clone()), r.modified_at);
                dir.tables.entry(kind).or_default().insert(r.id, rec);
            }
            heart_hsds::taxonomy::add_to(&mut dir);
            let links = dir.links();
            let index = heart_search::Index::build(&dir, &tz).map_err(|e| e.to_string())?;
            Ok(Loaded {
                dir,
                links,
                index,
                version,
                modified,
            })
        })
        .await
        .map_err(AppError::backend)?
        .map_err(AppError::backend)?;
        tracing::info!(services = loaded.index.len(), version, "directory loaded");
        if let Ok(mut g) = self.directory_cache.loaded.lock() {
            *g = Some(Arc::new(loaded));
        }
        Ok(true)
    }

    /// Store an imported directory (added to what is there; a record with the same kind and id is replaced), in
    /// one transaction. Returns the number of records written.
    pub async fn store_directory(&self, dir: &Directory) -> Result<usize, AppError> {
        let mut records = Vec::with_capacity(dir.count());
        for (kind, table) in &dir.tables {
            for (id, r) in table {
                let doc = serde_json::to_string(r).map_err(AppError::backend)?;
                records.push((kind.name().to_string(), id.clone(), doc));
            }
        }
        let n = records.len();
        self.store
            .apply(ChangeSet::new().op(Op::Directory(DirectoryOp::Upsert {
                records,
                at: self.clock.now(),
            })))
            .await?;
        Ok(n)
    }

    /// Say how a service is today: open, closed or full, places free (beds tonight) and a short public note.
    /// For the people who keep the directory (`coordinate`), and a partner for its own services.
    pub async fn set_capacity(
        &self,
        actor: &Actor,
        service_id: &str,
        status: &str,
        available: Option<i64>,
        note: &str,
    ) -> Result<Capacity, AppError> {
        self.may_keep_service(actor, service_id).await?;
        if !matches!(status, "open" | "closed" | "full") {
            return Err(AppError::field("status", "invalid"));
        }
        if available.is_some_and(|n| !(0..=10_000).contains(&n)) {
            return Err(AppError::field("available", "out_of_range"));
        }
        let note = Words::up_to(140)
            .parse(Some(note))
            .map_err(|code| AppError::field("note", code))?
            .unwrap_or_default();
        let now = self.clock.now();
        let who = actor.audit_name();
        let row = CapacityRow {
            service_id: service_id.to_string(),
            status: status.to_string(),
            available,
            note: (!note.is_empty()).then(|| note.to_string()),
            updated_at: now,
            updated_by: who.clone(),
        };
        let mut cs = ChangeSet::new().op(Op::Directory(DirectoryOp::SetCapacity(row.clone())));
        cs.audit(heart_domain::audit::AuditEntry::new(
            now,
            &who,
            "directory.capacity",
            "service",
            service_id,
            status,
        ));
        self.store.apply(cs).await?;
        Ok(row.into())
    }

    /// A partner updates its own listing (a coordinator any): description, email, website and status. The
    /// changed record must still validate against the HSDS schema; search sees it within seconds.
    pub async fn update_service(
        &self,
        actor: &Actor,
        service_id: &str,
        edit: &ServiceEdit,
    ) -> Result<(), AppError> {
        self.may_keep_service(actor, service_id).await?;
        let loaded = self.directory().await?;
        let mut rec = loaded
            .dir
            .get(Kind::Service, service_id)
            .cloned()
            .ok_or(AppError::NotFound)?;
        let mut e = heart_domain::intake::FieldErrors::default();
        let mut set = |field: &str, v: &Option<String>, max: usize| match Words::up_to(max)
            .parse(v.as_deref())
        {
            // Left out: as it was.
            _ if v.is_none() => {}
            Err(code) => e.add(field, code),
            // Emptied: gone.
            Ok(None) => {
                rec.remove(field);
            }
            Ok(Some(t)) => {
                rec.insert(field.to_string(), Value::String(t));
            }
        };
        set("description", &edit.description, 4_000);
        set("email", &edit.email, 200);
        set("url", &edit.url, 500);
        // A website is a web address (a `javascript:` or `data:` URI would be published to every reader).
        if edit.url.as_deref().map(str::trim).is_some_and(|u| {
            !(u.is_empty() || u.starts_with("https://") || u.starts_with("http://"))
        }) {
            e.add("url", "invalid");
        }
        if let Some(st) = edit.status.as_deref().map(str::trim) {
            if matches!(st, "active" | "inactive" | "defunct" | "temporarily closed") {
                rec.insert("status".into(), Value::String(st.into()));
            } else {
                e.add("status", "invalid");
            }
        }
        if e.is_empty() {
            for (path, _) in
                heart_hsds::schema::schemas().errors(Kind::Service, &Value::Object(rec.clone()))
            {
                let field = path.split('.').next().unwrap_or_default();
                e.add(if field.is_empty() { "service" } else { field }, "invalid");
            }
        }
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        let doc = serde_json::to_string(&rec).map_err(AppError::backend)?;
        let now = self.clock.now();
        let mut cs = ChangeSet::new().op(Op::Directory(DirectoryOp::Upsert {
            records: vec![(
                Kind::Service.name().to_string(),
                service_id.to_string(),
                doc,
            )],
            at: now,
        }));
        cs.audit(heart_domain::audit::AuditEntry::new(
            now,
            &actor.audit_name(),
            "directory.service",
            "service",
            service_id,
            "",
        ));
        self.store.apply(cs).await?;
        self.refresh_directory().await?;
        Ok(())
    }

    /// What services said of today, by service id.
    pub async fn capacity(&self) -> Result<HashMap<String, Capacity>, AppError> {
        Ok(self
            .store
            .directory()
            .directory_capacity()
            .await?
            .into_iter()
            .map(|c| (c.service_id.clone(), c.into()))
            .collect())
    }

    /// Load the Cambridge demo directory when the directory is empty.
    pub async fn seed_demo_directory(&self) -> Result<bool, AppError> {
        if !self.store.directory().directory_records().await?.is_empty() {
            return Ok(false);
        }
        let imported = heart_hsds::import::import_json(
            &[("services.json".into(), DEMO.into())],
            heart_hsds::Options {
                timezone: self.config.hours.timezone.clone(),
                ..Default::default()
            },
        )
        .map_err(AppError::backend)?;
        self.store_directory(&imported.directory).await?;
        self.refresh_directory().await?;
        Ok(true)
    }
}
