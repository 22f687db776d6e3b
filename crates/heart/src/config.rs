//! Settings: defaults, then a TOML file (--config / HEART_CONFIG), then HEART_* environment variables.

use anyhow::Context;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use heart_app::AppConfig;
use heart_app::config::Hours;
use heart_domain::triage::Script;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub addr: Option<String>,
    pub data: Option<PathBuf>,
    /// PostgreSQL instead of the embedded SQLite file (also --database-url / HEART_DATABASE_URL).
    pub database_url: Option<String>,
    pub team_name: String,
    pub area: String,
    /// The number responders call to reach dispatch (offered when "Need help" could not be sent).
    pub dispatch_phone: Option<String>,
    pub hours: Hours,
    pub checkin_minutes: i64,
    pub follow_up_hours: i64,
    /// A follow-up with no answer is tried again after this many hours (default 24)...
    pub follow_up_retry_hours: i64,
    /// ...at most this many times in all, then closed as "could not reach" (default 3).
    pub follow_up_tries: i64,
    /// The follow-ups one person may have taken at once before taking another asks them why (default 15).
    pub follow_up_caseload: i64,
    /// The hours a week on the rota past which signing up warns the person and tells the coordinators (default 20).
    pub week_hours: i64,
    /// The fewest hours of rest between two of a person's shifts before signing up warns them (default 10).
    pub rest_hours: i64,
    /// Hours a partner has to answer a referral before it shows as overdue (default 24).
    pub referral_answer_hours: i64,
    /// Hours from an accepted referral to the person being connected before it shows as overdue (default 168).
    pub referral_connect_hours: i64,
    pub session_hours: i64,
    pub secure_cookies: bool,
    pub trust_forwarded_for: bool,
    /// The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (addresses or prefixes).
    pub trusted_proxies: Vec<String>,
    /// A screening script to use instead of the shipped one.
    pub triage_script: Option<PathBuf>,
    /// Passkeys' relying party id: the host name people reach heart at (default: the host of `[money]
    /// public_url`, else of `[sms] public_url`; `localhost` for the demo; none: passkeys off). WebAuthn refuses IP
    /// addresses, and passkeys made under one id do not work under another.
    pub webauthn_rp_id: Option<String>,
    /// The origin pages are served from, when it is not `https://<webauthn_rp_id>` (another port, a subdomain).
    pub webauthn_origin: Option<String>,
    /// Start even when a shipped language has no words for some of the screening script's texts (they are then
    /// asked in English, with a warning at start). Off: heart refuses to start and names the missing message ids.
    pub allow_untranslated_script: bool,
    /// The key file (default: `heart.key` in the data directory). Keep it apart from backups.
    pub key_file: Option<PathBuf>,
    /// Identifying data is erased this many days after the last contact, unless the person asked to keep it.
    pub retention_days: i64,
    /// Hours between scheduled backups (0: none).
    pub backup_hours: i64,
    /// How many scheduled backups to keep.
    pub backups_kept: usize,
    /// Where scheduled backups go (default: `backups` in the data directory).
    pub backup_dir: Option<PathBuf>,
    /// age recipients (`age1...`): every backup, scheduled or made with `heart backup`, is encrypted to them
    /// (`<name>.age`, readable by any age or rage tool with an identity), so a copy off the machine is unreadable
    /// without one. `heart restore FILE.age --identity FILE` reads it.
    pub backup_encrypt_to: Vec<String>,
    /// A command run after each backup, `{file}` replaced by the backup's path (for example
    /// `["rclone", "copy", "{file}", "remote:heart"]`); its exit status is on the Health page.
    pub backup_after: Vec<String>,
    /// Seconds the `backup_after` command may run before it is stopped and reported.
    pub backup_after_timeout_secs: u64,
    /// Accounts that reach personal data sign in with a second factor (TOTP). `heart demo` turns it off.
    pub require_second_factor: bool,
    /// A session unused for this many minutes ends.
    pub idle_minutes: i64,
    /// The city's streets and places (geocoder, ETAs, maps); Cambridge's ship in the binary.
    pub geo: GeoSettings,
    /// Funds, mutual aid, the donation page, the payment provider.
    pub money: heart_app::money::MoneyConfig,
    /// Partners' alerts, Open311, joining repeated alerts, the acknowledgement target.
    pub channels: heart_app::channels::ChannelsConfig,
    /// Two-way text messages through a Twilio-compatible provider.
    pub sms: heart_app::sms::SmsConfig,
    /// Email to donors: receipts and yearly giving statements.
    pub mail: heart_app::mail::MailConfig,
    /// Calls to addresses that others gave (partners' callbacks, referral hooks): https outside our network only.
    pub outbound: heart_app::outbound::OutboundConfig,
    /// `[impact]`: the public page (`/transparency`) and its small-cell suppression.
    pub impact: heart_app::impact::ImpactConfig,
    /// `[supplies]`: the kinds of things the team gives out (outreach counts them by kind).
    pub supplies: heart_app::supplies::SuppliesConfig,
    /// `[circles]`: how long a circle's words are kept after it closes (`retention_days`, default 730).
    pub circles: heart_app::circles::CirclesConfig,
    /// Alerts to phones: how the push services may reach the operator (`mailto:` or `https:`, RFC 8292).
    pub push_contact: String,
    /// HTTPS of heart's own, without a proxy (none: plain HTTP, for a proxy in front or the demo).
    pub tls: Option<TlsSettings>,
}

/// `[tls]`: the listener at `addr` speaks HTTPS with this certificate (PEM files, re-read when they change, so a
/// renewed certificate needs no restart); cookies are then secure and HSTS is sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TlsSettings {
    /// The certificate chain, leaf first (e.g. Let's Encrypt's `fullchain.pem`).
    pub cert_file: PathBuf,
    /// Its private key (PKCS#8, PKCS#1 or SEC1 PEM), readable by heart alone.
    pub key_file: PathBuf,
    /// A plain-HTTP address (e.g. "0.0.0.0:80") that only redirects to HTTPS.
    #[serde(default)]
    pub redirect_from: Option<String>,
}

/// `[geo]`: how teams travel, and another city's GIS files instead of Cambridge's.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GeoSettings {
    /// walk, bike or drive: used for the ETAs that rank teams.
    pub travel_mode: heart_geo::Mode,
    /// A position a team shared counts for this long; then ETAs start from its base again.
    pub position_fresh_minutes: i64,
    /// Metres per second for each way of travel (and how far a point may be from a street).
    pub speeds: heart_geo::Speeds,
    /// Another city's street centerlines (GeoJSON, WGS84 LineStrings).
    pub centerlines: Option<PathBuf>,
    /// Which property of a centerline says what (defaults: Cambridge's field names).
    pub fields: heart_geo::FieldMap,
    /// Neighbourhood polygons (GeoJSON) and the property holding their names.
    pub neighbourhoods: Option<PathBuf>,
    pub neighbourhood_name: String,
    /// The city boundary (GeoJSON polygons): points outside it are not geocoded in reverse.
    pub boundary: Option<PathBuf>,
    /// Named nodes ("A St & B St"): file, node-number property, name property.
    pub intersections: Option<PathBuf>,
    pub intersection_node: String,
    pub intersection_name: String,
    /// Named places (GeoJSON points), each file with the property holding the name.
    pub places: Vec<PlaceSettings>,
    /// The city's name, dropped from the end of what people type.
    pub locality: String,
    /// A map tile server, `https://host/{z}/{x}/{y}.png`: maps then also show over its tiles (Leaflet). Each
    /// browser asks it for the tiles around what it shows, so use one you run or trust.
    pub tile_url: Option<String>,
    /// The attribution its licence asks for ("(c) OpenStreetMap contributors").
    pub tile_attribution: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceSettings {
    pub file: PathBuf,
    pub name: String,
    pub kind: String,
}

impl Default for GeoSettings {
    fn default() -> Self {
        GeoSettings {
            travel_mode: heart_geo::Mode::Drive,
            position_fresh_minutes: 240,
            speeds: heart_geo::Speeds::default(),
            centerlines: None,
            fields: heart_geo::FieldMap::default(),
            neighbourhoods: None,
            neighbourhood_name: "name".into(),
            boundary: None,
            intersections: None,
            intersection_node: "node".into(),
            intersection_name: "name".into(),
            places: Vec::new(),
            locality: String::new(),
            tile_url: None,
            tile_attribution: String::new(),
        }
    }
}

impl GeoSettings {
    /// Checks the tile server's URL (the pages' content security policy allows its origin).
    pub fn check_tile_url(&self) -> anyhow::Result<()> {
        let Some(url) = &self.tile_url else {
            return Ok(());
        };
        let local = url.starts_with("http://127.0.0.1:") || url.starts_with("http://localhost:");
        anyhow::ensure!(
            url.starts_with("https://") || local,
            "tile_url must start with https:// (or http://localhost: for testing)"
        );
        anyhow::ensure!(
            ["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p)),
            "tile_url must contain {{z}}, {{x}} and {{y}}"
        );
        anyhow::ensure!(
            url.chars()
                .all(|c| c.is_ascii_graphic() && !"\"'<>`\\".contains(c))
                && self.tile_attribution.chars().all(|c| !c.is_control()),
            "tile_url must be a plain URL"
        );
        let rest = url.split_once("://").map(|(_, r)| r).unwrap_or_default();
        let host = rest.split('/').next().unwrap_or_default();
        anyhow::ensure!(
            !host.is_empty() && !host.contains('{'),
            "tile_url has no host"
        );
        Ok(())
    }

    /// Another city, when `centerlines` names one (None: Cambridge's shipped files, with these speeds).
    pub fn city(&self) -> anyhow::Result<Option<heart_geo::City>> {
        let s = self.speeds;
        anyhow::ensure!(
            (1..=24 * 60).contains(&self.position_fresh_minutes),
            "position_fresh_minutes must be 1-1440"
        );
        anyhow::ensure!(
            [s.walk, s.bike, s.drive, s.drive_major]
                .iter()
                .all(|v| v.is_finite() && (0.1..=50.0).contains(v))
                && (10.0..=2000.0).contains(&s.snap),
            "speeds must be 0.1-50 m/s (snap 10-2000 m)"
        );
        let Some(lines) = &self.centerlines else {
            anyhow::ensure!(
                self.neighbourhoods.is_none()
                    && self.boundary.is_none()
                    && self.intersections.is_none()
                    && self.places.is_empty(),
                "neighbourhoods, boundary, intersections and places belong to another city's centerlines: set \
                 centerlines too"
            );
            if s == heart_geo::Speeds::default() {
                return Ok(None);
            }
            let city = heart_geo::City::load(
                &heart_geo::Layers::cambridge(),
                &heart_geo::FieldMap::default(),
                s,
            )?;
            return Ok(Some(city));
        };
        let read = |p: &PathBuf| -> anyhow::Result<(String, Vec<u8>)> {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            Ok((p.display().to_string(), bytes))
        };
        let lines = read(lines)?;
        let hoods = self.neighbourhoods.as_ref().map(read).transpose()?;
        let boundary = self.boundary.as_ref().map(read).transpose()?;
        let nodes = self.intersections.as_ref().map(read).transpose()?;
        let places = self
            .places
            .iter()
            .map(|p| read(&p.file))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let layers = heart_geo::Layers {
            centerlines: (&lines.0, &lines.1),
            intersections: nodes.as_ref().map(|(f, b)| {
                (
                    f.as_str(),
                    b.as_slice(),
                    self.intersection_node.as_str(),
                    self.intersection_name.as_str(),
                )
            }),
            neighbourhoods: hoods
                .as_ref()
                .map(|(f, b)| (f.as_str(), b.as_slice(), self.neighbourhood_name.as_str())),
            boundary: boundary.as_ref().map(|(f, b)| (f.as_str(), b.as_slice())),
            places: places
                .iter()
                .zip(&self.places)
                .map(|((f, b), p)| heart_geo::PlaceLayer {
                    file: f,
                    bytes: b,
                    name: &p.name,
                    kind: &p.kind,
                    suffix: None,
                })
                .collect(),
            locality: &self.locality,
        };
        Ok(Some(heart_geo::City::load(&layers, &self.fields, s)?))
    }
}

impl Default for Settings {
    fn default() -> Self {
        let d = AppConfig::default();
        Settings {
            addr: None,
            data: None,
            database_url: None,
            team_name: d.team_name,
            dispatch_phone: d.dispatch_phone,
            area: d.area,
            hours: d.hours,
            checkin_minutes: d.checkin_minutes,
            follow_up_hours: d.follow_up_hours,
            follow_up_retry_hours: d.follow_up_retry_hours,
            follow_up_tries: d.follow_up_tries,
            follow_up_caseload: d.follow_up_caseload,
            week_hours: d.week_hours,
            rest_hours: d.rest_hours,
            referral_answer_hours: d.referral_answer_hours,
            referral_connect_hours: d.referral_connect_hours,
            session_hours: d.session_hours,
            secure_cookies: d.secure_cookies,
            trust_forwarded_for: d.trust_forwarded_for,
            trusted_proxies: vec!["127.0.0.0/8".into(), "::1".into()],
            triage_script: None,
            allow_untranslated_script: false,
            webauthn_rp_id: None,
            webauthn_origin: None,
            key_file: None,
            retention_days: d.retention_days,
            backup_hours: 24,
            backups_kept: 7,
            backup_dir: None,
            backup_encrypt_to: Vec::new(),
            backup_after: Vec::new(),
            backup_after_timeout_secs: 600,
            require_second_factor: d.require_second_factor,
            idle_minutes: d.idle_minutes,
            geo: GeoSettings::default(),
            money: heart_app::money::MoneyConfig::default(),
            channels: heart_app::channels::ChannelsConfig::default(),
            sms: heart_app::sms::SmsConfig::default(),
            mail: heart_app::mail::MailConfig::default(),
            outbound: heart_app::outbound::OutboundConfig::default(),
            impact: heart_app::impact::ImpactConfig::default(),
            supplies: heart_app::supplies::SuppliesConfig::default(),
            circles: heart_app::circles::CirclesConfig::default(),
            tls: None,
            push_contact: heart_app::push::PushConfig::default().contact,
        }
    }
}

impl Settings {
    pub fn load(file: Option<&Path>) -> anyhow::Result<Self> {
        let mut fig = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(f) = file {
            anyhow::ensure!(
                f.exists(),
                "the settings file {} does not exist",
                f.display()
            );
            fig = fig.merge(Toml::file(f));
        }
        // HEART_ADDR, HEART_DATA, HEART_DATABASE_URL and HEART_CONFIG are read by the command line itself; other
        // HEART_* variables (of tools and tests) are not settings.
        let fig = fig.merge(Env::prefixed("HEART_").only(&[
            "team_name",
            "area",
            "dispatch_phone",
            "checkin_minutes",
            "follow_up_hours",
            "follow_up_retry_hours",
            "follow_up_tries",
            "follow_up_caseload",
            "week_hours",
            "rest_hours",
            "referral_answer_hours",
            "referral_connect_hours",
            "session_hours",
            "secure_cookies",
            "trust_forwarded_for",
            "triage_script",
            "allow_untranslated_script",
            "webauthn_rp_id",
            "webauthn_origin",
            "key_file",
            "retention_days",
            "backup_hours",
            "backups_kept",
            "backup_dir",
            "require_second_factor",
            "idle_minutes",
            "push_contact",
        ]));
        let mut s: Settings = fig.extract().map_err(|e| {
            // Name the line of the file where a setting is wrong, when the setting is there.
            let line = file
                .and_then(|f| std::fs::read_to_string(f).ok())
                .and_then(|text| line_of(&text, &e.path));
            match line {
                Some(n) => anyhow::anyhow!("bad settings: {e} (line {n})"),
                None => anyhow::anyhow!("bad settings: {e}"),
            }
        })?;
        // The payment provider's secrets come from the environment (kept out of settings files).
        if let Ok(k) = std::env::var("HEART_STRIPE_SECRET_KEY") {
            s.money.stripe_secret_key = Some(k);
        }
        if let Ok(k) = std::env::var("HEART_STRIPE_WEBHOOK_SECRET") {
            s.money.stripe_webhook_secret = Some(k);
        }
        if let Ok(k) = std::env::var("HEART_TWILIO_AUTH_TOKEN") {
            s.sms.auth_token = Some(k);
        }
        if let Ok(k) = std::env::var("HEART_SMTP_PASSWORD") {
            s.mail.smtp_password = Some(k);
        }
        s.mail
            .check()
            .map_err(|e| anyhow::anyhow!("bad settings: {e}"))?;
        s.sms
            .check()
            .map_err(|e| anyhow::anyhow!("bad settings: {e}"))?;
        s.money
            .rules()
            .map_err(|e| anyhow::anyhow!("bad settings: {e}"))?;
        s.hours
            .validate()
            .map_err(|e| anyhow::anyhow!("bad settings: hours: {e}"))?;
        s.impact
            .validate()
            .map_err(|e| anyhow::anyhow!("bad settings: {e}"))?;
        s.supplies
            .validate()
            .map_err(|e| anyhow::anyhow!("bad settings: {e}"))?;
        anyhow::ensure!(
            (1..=36_500).contains(&s.circles.retention_days),
            "bad settings: circles.retention_days must be from 1 to 36500"
        );
        check_ranges(&s)?;
        for p in &s.trusted_proxies {
            p.parse::<heart_app::config::Proxy>()
                .map_err(|e| anyhow::anyhow!("bad settings: trusted_proxies: {e}"))?;
        }
        crate::ops::backups::recipients(&s.backup_encrypt_to)
            .map_err(|e| anyhow::anyhow!("bad settings: backup_encrypt_to: {e}"))?;
        anyhow::ensure!(
            s.backup_after.first().is_none_or(|c| !c.trim().is_empty()),
            "bad settings: backup_after: the first word must be the command to run"
        );
        anyhow::ensure!(
            (1..=86_400).contains(&s.backup_after_timeout_secs),
            "bad settings: backup_after_timeout_secs must be 1-86400"
        );
        Ok(s)
    }

    pub fn script(&self) -> anyhow::Result<Script> {
        match &self.triage_script {
            None => Ok(Script::shipped()?),
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read {}", p.display()))?;
                Script::parse(&text).with_context(|| format!("triage script {}", p.display()))
            }
        }
    }

    /// Where passkeys are used (see `webauthn_rp_id`).
    pub fn passkeys(&self, demo: bool) -> heart_app::passkeys::PasskeyConfig {
        heart_app::passkeys::PasskeyConfig::from_settings(
            self.webauthn_rp_id.as_deref(),
            self.webauthn_origin.as_deref(),
            &[&self.money.public_url, &self.sms.public_url],
            demo,
        )
    }

    pub fn app_config(&self) -> AppConfig {
        AppConfig {
            team_name: self.team_name.clone(),
            dispatch_phone: self.dispatch_phone.clone(),
            area: self.area.clone(),
            hours: self.hours.clone(),
            checkin_minutes: self.checkin_minutes,
            follow_up_hours: self.follow_up_hours,
            follow_up_retry_hours: self.follow_up_retry_hours,
            follow_up_tries: self.follow_up_tries,
            follow_up_caseload: self.follow_up_caseload,
            week_hours: self.week_hours,
            rest_hours: self.rest_hours,
            referral_answer_hours: self.referral_answer_hours,
            referral_connect_hours: self.referral_connect_hours,
            session_hours: self.session_hours,
            // Served over TLS of its own: cookies are always secure (and HSTS is sent).
            secure_cookies: self.secure_cookies || self.tls.is_some(),
            trust_forwarded_for: self.trust_forwarded_for,
            trusted_proxies: self
                .trusted_proxies
                .iter()
                .filter_map(|p| p.parse().ok())
                .collect(),
            retention_days: self.retention_days,
            require_second_factor: self.require_second_factor,
            idle_minutes: self.idle_minutes,
            travel_mode: self.geo.travel_mode,
            position_fresh_minutes: self.geo.position_fresh_minutes,
            tile_url: self.geo.tile_url.clone(),
            tile_attribution: self.geo.tile_attribution.clone(),
            money: self.money.clone(),
            channels: self.channels.clone(),
            sms: self.sms.clone(),
            mail: self.mail.clone(),
            outbound: self.outbound.clone(),
            impact: self.impact.clone(),
            supplies: self.supplies.clone(),
            circles: self.circles.clone(),
            passkeys: self.passkeys(false),
            ..AppConfig::default()
        }
    }
}

/// The numeric settings, each within its range (a wrong one named with its range).
fn check_ranges(s: &Settings) -> anyhow::Result<()> {
    anyhow::ensure!(
        (1..=240).contains(&s.checkin_minutes),
        "bad settings: checkin_minutes must be 1-240"
    );
    anyhow::ensure!(
        (1..=720).contains(&s.follow_up_hours),
        "bad settings: follow_up_hours must be 1-720"
    );
    anyhow::ensure!(
        (1..=720).contains(&s.follow_up_retry_hours),
        "bad settings: follow_up_retry_hours must be 1-720"
    );
    anyhow::ensure!(
        (0..=10_080).contains(&s.channels.partner_rotate_grace_minutes),
        "bad settings: channels.partner_rotate_grace_minutes must be 0-10080"
    );
    anyhow::ensure!(
        (1..=10).contains(&s.follow_up_tries),
        "bad settings: follow_up_tries must be 1-10"
    );
    anyhow::ensure!(
        (1..=500).contains(&s.follow_up_caseload),
        "bad settings: follow_up_caseload must be 1-500"
    );
    anyhow::ensure!(
        (1..=168).contains(&s.week_hours),
        "bad settings: week_hours must be 1-168"
    );
    anyhow::ensure!(
        (0..=48).contains(&s.rest_hours),
        "bad settings: rest_hours must be 0-48"
    );
    anyhow::ensure!(
        (1..=720).contains(&s.referral_answer_hours),
        "bad settings: referral_answer_hours must be 1-720"
    );
    anyhow::ensure!(
        (1..=2160).contains(&s.referral_connect_hours),
        "bad settings: referral_connect_hours must be 1-2160"
    );
    anyhow::ensure!(
        (1..=168).contains(&s.session_hours),
        "bad settings: session_hours must be 1-168"
    );
    anyhow::ensure!(
        (5..=24 * 60).contains(&s.idle_minutes),
        "bad settings: idle_minutes must be 5-1440"
    );
    anyhow::ensure!(
        (1..=3650).contains(&s.retention_days),
        "bad settings: retention_days must be 1-3650"
    );
    anyhow::ensure!(
        (0..=24 * 31).contains(&s.backup_hours),
        "bad settings: backup_hours must be 0-744"
    );
    anyhow::ensure!(
        (1..=365).contains(&s.backups_kept),
        "bad settings: backups_kept must be 1-365"
    );
    Ok(())
}

/// The line (from 1) of a settings file where the setting at `path` (table names, then the key) is written.
fn line_of(text: &str, path: &[String]) -> Option<usize> {
    let (key, tables) = path.split_last()?;
    let tables: Vec<&str> = tables
        .iter()
        .map(String::as_str)
        .filter(|t| *t != "default")
        .collect();
    let mut section: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if let Some(name) = l.strip_prefix('[') {
            let name = name.trim_start_matches('[').trim_end_matches(']').trim();
            section = name.split('.').map(|p| p.trim().to_string()).collect();
            continue;
        }
        let Some((k, _)) = l.split_once('=') else {
            continue;
        };
        // A dotted key (mail.from = ...) is its section's too.
        let mut full = section.clone();
        full.extend(
            k.trim()
                .split('.')
                .map(|p| p.trim().trim_matches('"').to_string()),
        );
        let want: Vec<&str> = tables.iter().copied().chain([key.as_str()]).collect();
        if full.iter().map(String::as_str).eq(want.iter().copied()) {
            return Some(i + 1);
        }
    }
    None
}

#[cfg(test)]
mod settings_lines {
    #[test]
    fn a_wrong_setting_is_found_by_its_line() {
        let text = "team_name = \"x\"\nbogus = 3\n\n[mail]\nfrom = \"a\"\nsmtp_urll = \"x\"\n[[hours.days]]\nday = \"mon\"\n";
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(super::line_of(text, &p(&["default", "bogus"])), Some(2));
        assert_eq!(
            super::line_of(text, &p(&["default", "mail", "smtp_urll"])),
            Some(6)
        );
        assert_eq!(super::line_of(text, &p(&["default", "missing"])), None);
    }
}

#[cfg(test)]
mod packaged_settings {
    use super::*;

    fn keys(t: &toml::Table, prefix: &str, out: &mut Vec<(String, toml::Value)>) {
        for (k, v) in t {
            let p = format!("{prefix}{k}");
            match v {
                toml::Value::Table(inner) => keys(inner, &format!("{p}."), out),
                other => out.push((p, other.clone())),
            }
        }
    }

    /// The packaged settings file (`/etc/heart/heart.toml`, a conffile) names every setting at its default: with
    /// every line uncommented it is a settings file heart reads, and it holds every key of the defaults, with the
    /// default's value.
    #[test]
    fn the_packaged_settings_file_names_every_setting_at_its_default() {
        let text = include_str!("../../../packaging/heart.toml");
        assert!(
            text.lines()
                .all(|l| l.is_empty() || l.starts_with("# ") || l.starts_with("## ")),
            "every line commented"
        );
        let uncommented: String = text
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .map(|l| format!("{l}\n"))
            .collect();
        let read: Settings =
            toml::from_str(&uncommented).expect("every line a setting heart knows");
        assert!(read.tls.is_some());
        let given: toml::Table = toml::from_str(&uncommented).unwrap();
        let defaults: toml::Table =
            toml::from_str(&toml::to_string(&Settings::default()).unwrap()).unwrap();
        let (mut g, mut d) = (Vec::new(), Vec::new());
        keys(&given, "", &mut g);
        keys(&defaults, "", &mut d);
        for (k, v) in d {
            let found = g.iter().find(|(gk, _)| *gk == k);
            assert_eq!(found.map(|f| &f.1), Some(&v), "{k}");
        }
    }

    /// Prints the defaults as TOML (to write packaging/heart.toml from): `cargo test -p heart --bin heart
    /// print_defaults -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn print_defaults() {
        println!("{}", toml::to_string(&Settings::default()).unwrap());
    }
}
