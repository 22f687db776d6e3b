//! What every store conformance test needs: a store on SQLite and on PostgreSQL (when one is reachable), and the
//! macro that runs a case once per engine.
#![allow(dead_code)]

use heart_crypto::keys::Keys;
use heart_store::Store;
use heart_store::postgres::PgStore;
use heart_store::sqlite::SqliteStore;
use std::sync::Arc;

/// A store under test, with what keeps it alive (its directory, its key file).
pub struct Under {
    pub s: Arc<dyn Store>,
    pub dir: tempfile::TempDir,
    pub keys: Arc<Keys>,
    /// The PostgreSQL database's URL (`None` on SQLite, whose file is `dir/heart.db`).
    pub url: Option<String>,
}

impl Under {
    /// Another store on the same database, as a second process or node would open it.
    pub async fn another(&self) -> Arc<dyn Store> {
        match &self.url {
            Some(url) => Arc::new(PgStore::open(url, self.keys.clone()).await.unwrap()),
            None => Arc::new(
                SqliteStore::open(&self.dir.path().join("heart.db"), self.keys.clone())
                    .await
                    .unwrap(),
            ),
        }
    }
}

pub async fn sqlite() -> Under {
    let dir = tempfile::tempdir().unwrap();
    let (keys, _) = Keys::open(&dir.path().join("heart.key")).unwrap();
    let keys = Arc::new(keys);
    let s = SqliteStore::open(&dir.path().join("heart.db"), keys.clone())
        .await
        .unwrap();
    Under {
        s: Arc::new(s),
        dir,
        keys,
        url: None,
    }
}

pub async fn postgres() -> Option<Under> {
    let url = heart_pgtest::database().await?;
    let dir = tempfile::tempdir().unwrap();
    let (keys, _) = Keys::open(&dir.path().join("heart.key")).unwrap();
    let keys = Arc::new(keys);
    let s = PgStore::open(&url, keys.clone()).await.unwrap();
    Some(Under {
        s: Arc::new(s),
        dir,
        keys,
        url: Some(url),
    })
}

/// Each case once per engine: `case::sqlite` and `case::postgres`.
macro_rules! on_both {
    ($($case:ident),* $(,)?) => {$(
        mod $case {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$case(crate::common::sqlite().await).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(u) = crate::common::postgres().await {
                    super::$case(u).await;
                }
            }
        }
    )*};
}
