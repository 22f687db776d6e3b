//! The resource directory in the running server: the HSDS records from the store, nested and indexed for search,
//! rebuilt whenever the store's change counter moves (an import from the command line is seen within seconds).
//! Only public data about services is here; nothing about the people served.

use crate::{Actor, App, AppError};
use heart_domain::access::Capability;
use heart_domain::time::Timestamp;
use heart_hsds::{Directory, Kind, Links};
use heart_store::directory::{CapacityRow, DirectoryOp};
use heart_store::{ChangeSet, Op};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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
        .map_err(|e| AppError::Store(heart_store::StoreError::Backend(e.to_string())))?
        .map_err(|e| AppError::Store(heart_store::StoreError::Backend(e)))?;
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
                let doc = serde_json::to_string(r).map_err(|e| {
                    AppError::Store(heart_store::StoreError::Backend(e.to_string()))
                })?;
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
    /// For the people who keep the directory (`coordinate`); partners' own accounts are to come.
    pub async fn set_capacity(
        &self,
        actor: &Actor,
        service_id: &str,
        status: &str,
        available: Option<i64>,
        note: &str,
    ) -> Result<CapacityRow, AppError> {
        actor.require(&[Capability::Coordinate])?;
        let loaded = self.directory().await?;
        if loaded.dir.get(Kind::Service, service_id).is_none() {
            return Err(AppError::NotFound);
        }
        if !matches!(status, "open" | "closed" | "full") {
            return Err(AppError::field("status", "invalid"));
        }
        if available.is_some_and(|n| !(0..=10_000).contains(&n)) {
            return Err(AppError::field("available", "out_of_range"));
        }
        let note = note.trim();
        if note.chars().count() > 140 {
            return Err(AppError::field("note", "too_long"));
        }
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
        Ok(row)
    }

    /// What services said of today, by service id.
    pub async fn capacity(&self) -> Result<HashMap<String, CapacityRow>, AppError> {
        Ok(self
            .store
            .directory()
            .directory_capacity()
            .await?
            .into_iter()
            .map(|c| (c.service_id.clone(), c))
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
        .map_err(|e| AppError::Store(heart_store::StoreError::Backend(e.to_string())))?;
        self.store_directory(&imported.directory).await?;
        self.refresh_directory().await?;
        Ok(true)
    }
}
