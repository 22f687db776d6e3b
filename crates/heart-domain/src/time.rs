//! Time: instants are `jiff::Timestamp`; the clock is a port so tests can fix it.

pub use jiff::Timestamp;
use std::sync::Mutex;

/// Where "now" comes from.
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that only moves when told to (tests).
#[derive(Debug)]
pub struct FixedClock(Mutex<Timestamp>);

impl FixedClock {
    pub fn new(at: Timestamp) -> Self {
        Self(Mutex::new(at))
    }
    pub fn advance(&self, by: jiff::SignedDuration) {
        if let Ok(mut t) = self.0.lock() {
            *t = t.checked_add(by).unwrap_or(*t);
        }
    }
    pub fn set(&self, at: Timestamp) {
        if let Ok(mut t) = self.0.lock() {
            *t = at;
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
            .lock()
            .map(|t| *t)
            .unwrap_or_else(|_| Timestamp::UNIX_EPOCH)
    }
}

/// Unix microseconds, the storage form of an instant on SQLite.
pub fn to_micros(t: Timestamp) -> i64 {
    t.as_microsecond()
}

/// Back from unix microseconds; out-of-range values clamp to the epoch rather than panic.
pub fn from_micros(us: i64) -> Timestamp {
    Timestamp::from_microsecond(us).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// "3 min", "2 h 5 min", "1 d 4 h": a short, plain age.
pub fn short_duration(seconds: i64) -> (i64, i64, i64) {
    let s = seconds.max(0);
    (s / 86_400, (s % 86_400) / 3_600, (s % 3_600) / 60)
}
