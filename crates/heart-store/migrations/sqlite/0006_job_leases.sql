-- Scheduled jobs (retention, checkpoints, backups, check-in timers) run once per period across every process on
-- one database: a process runs a job only when it takes the job's lease, until the lease's end.
CREATE TABLE job_leases (
    name   TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until  INTEGER NOT NULL
);
