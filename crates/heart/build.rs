//! The commit this binary was built from, for `heart version` (`HEART_COMMIT` when set, as a package build from a
//! source tarball may; else `git`; else "unknown").
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=HEART_COMMIT");
    for f in ["HEAD", "refs/heads", "packed-refs"] {
        println!("cargo:rerun-if-changed=../../.git/{f}");
    }
    let commit = std::env::var("HEART_COMMIT").ok().or_else(|| {
        let out = Command::new("git")
            .args(["rev-parse", "--short=12", "HEAD"])
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
            .filter(|s| !s.is_empty())
    });
    println!(
        "cargo:rustc-env=HEART_BUILD_COMMIT={}",
        commit.unwrap_or_else(|| "unknown".into())
    );
}
