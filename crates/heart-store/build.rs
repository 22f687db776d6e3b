//! `sqlx::migrate!` embeds the migration files when this crate compiles, but Cargo does not know to compile it
//! again when a migration is added; this tells it (as sqlx's documentation advises).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
