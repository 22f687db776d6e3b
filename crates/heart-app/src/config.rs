//! Application settings (the binary fills them from defaults, a TOML file and HEART_* env).

use heart_crypto::PasswordPolicy;
use jiff::Timestamp;
use jiff::civil::{Time, Weekday};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

/// Opening hours in local time. `close` before `open` means the shift runs past midnight.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct DayHours {
    /// "mon", "tue", ..., "sun".
    pub day: String,
    pub open: String,
    pub close: String,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct Hours {
    pub timezone: String,
    pub days: Vec<DayHours>,
    /// Whole days the team is closed (holidays), local dates "2026-12-25": no shift starts on them.
    #[serde(default)]
    pub closed_dates: Vec<String>,
}

impl Default for Hours {
    fn default() -> Self {
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .into_iter()
            .map(|d| DayHours {
                day: d.into(),
                open: "08:00".into(),
                close: "00:00".into(),
            })
            .collect();
        Hours {
            timezone: "America/New_York".into(),
            days,
            closed_dates: Vec::new(),
        }
    }
}

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// Whether the team is open now, and the local time it opens or closes next.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpenState {
    pub open: bool,
    /// "Monday 08:00" style, local (English, for the API and logs).
    pub next_change: Option<String>,
    /// The same, as the local date and time (pages word it in their language).
    pub next_change_local: Option<jiff::civil::DateTime>,
    /// The "we are full" switch is on (only said while open), and until when, local ("Monday 14:00").
    pub full: bool,
    pub full_until: Option<String>,
    pub full_until_local: Option<jiff::civil::DateTime>,
    /// Today is one of the closed dates.
    pub holiday: bool,
}

impl OpenState {
    /// Whether a request can be taken up now (open and not full).
    pub fn taking(&self) -> bool {
        self.open && !self.full
    }
    /// Open, full or closed, as a request's facts keep it.
    pub fn availability(&self) -> heart_domain::impact::Availability {
        use heart_domain::impact::Availability;
        match (self.open, self.full) {
            (true, false) => Availability::Open,
            (true, true) => Availability::Full,
            _ => Availability::Closed,
        }
    }
    /// "open", "full" or "closed".
    pub fn as_str(&self) -> &'static str {
        match (self.open, self.full) {
            (true, false) => "open",
            (true, true) => "full",
            _ => "closed",
        }
    }
}

impl Hours {
    pub fn validate(&self) -> Result<(), String> {
        TimeZone::get(&self.timezone)
            .map_err(|_| format!("unknown time zone {:?}", self.timezone))?;
        for d in &self.days {
            weekday(&d.day).ok_or_else(|| format!("unknown day {:?} (use mon..sun)", d.day))?;
            d.open
                .parse::<Time>()
                .map_err(|_| format!("bad opening time {:?}", d.open))?;
            d.close
                .parse::<Time>()
                .map_err(|_| format!("bad closing time {:?}", d.close))?;
        }
        for d in &self.closed_dates {
            d.parse::<jiff::civil::Date>()
                .map_err(|_| format!("bad closed date {d:?} (use YYYY-MM-DD)"))?;
        }
        Ok(())
    }

    /// Open intervals [start, end) in local civil time around `now`, as timestamps.
    pub(crate) fn intervals(&self, now: Timestamp) -> Vec<(Timestamp, Timestamp)> {
        let Ok(tz) = TimeZone::get(&self.timezone) else {
            return Vec::new();
        };
        let today = now.to_zoned_datetime(tz.clone()).date();
        let mut out = Vec::new();
        for offset in -1..=7 {
            let Ok(date) = today.checked_add(jiff::Span::new().days(offset)) else {
                continue;
            };
            if self.closed_on(date) {
                continue;
            }
            for d in &self.days {
                if weekday(&d.day) != Some(date.weekday()) {
                    continue;
                }
                let (Ok(open), Ok(close)) = (d.open.parse::<Time>(), d.close.parse::<Time>())
                else {
                    continue;
                };
                let start = date.to_datetime(open);
                let end_date = if close <= open {
                    date.tomorrow().unwrap_or(date)
                } else {
                    date
                };
                let end = end_date.to_datetime(close);
                if let (Ok(s), Ok(e)) = (
                    start.to_zoned_datetime(tz.clone()),
                    end.to_zoned_datetime(tz.clone()),
                ) {
                    out.push((s.timestamp(), e.timestamp()));
                }
            }
        }
        out.sort();
        out
    }

    /// Opening times written short, as a partner's business hours are: "mon-fri 09:00-17:00; sat 10:00-14:00"
    /// (days as a range or a comma list), in `timezone`. Empty: no hours at all.
    pub fn parse_short(spec: &str, timezone: &str) -> Result<Hours, String> {
        const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        let mut days = Vec::new();
        for part in spec.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (which, times) = part.split_once(' ').ok_or_else(|| {
                format!("{part:?}: write days then times, e.g. mon-fri 09:00-17:00")
            })?;
            let (open, close) = times
                .trim()
                .split_once('-')
                .ok_or_else(|| format!("{part:?}: times are like 09:00-17:00"))?;
            let mut names = Vec::new();
            for d in which.to_ascii_lowercase().split(',') {
                let d = d.trim();
                match d.split_once('-') {
                    Some((a, b)) => {
                        let (Some(i), Some(j)) = (
                            DAYS.iter().position(|x| *x == a),
                            DAYS.iter().position(|x| *x == b),
                        ) else {
                            return Err(format!("{d:?}: days are mon..sun"));
                        };
                        if i > j {
                            return Err(format!("{d:?}: a range runs forwards (mon-fri)"));
                        }
                        names.extend(DAYS[i..=j].iter().map(|x| x.to_string()));
                    }
                    None if DAYS.contains(&d) => names.push(d.to_string()),
                    None => return Err(format!("{d:?}: days are mon..sun")),
                }
            }
            for day in names {
                days.push(DayHours {
                    day,
                    open: open.trim().to_string(),
                    close: close.trim().to_string(),
                });
            }
        }
        let h = Hours {
            timezone: timezone.to_string(),
            days,
            closed_dates: Vec::new(),
        };
        h.validate()?;
        Ok(h)
    }

    fn closed_on(&self, date: jiff::civil::Date) -> bool {
        self.closed_dates
            .iter()
            .any(|d| d.parse::<jiff::civil::Date>().ok() == Some(date))
    }

    pub fn state(&self, now: Timestamp) -> OpenState {
        let ivs = self.intervals(now);
        let tz = TimeZone::get(&self.timezone).unwrap_or(TimeZone::UTC);
        let fmt = |t: Timestamp| {
            t.to_zoned_datetime(tz.clone())
                .strftime("%A %H:%M")
                .to_string()
        };
        if let Some((_, end)) = ivs.iter().find(|(s, e)| *s <= now && now < *e) {
            // merge back-to-back intervals
            let mut end = *end;
            while let Some((_, e2)) = ivs.iter().find(|(s2, e2)| *s2 <= end && *e2 > end) {
                end = *e2;
            }
            OpenState {
                open: true,
                next_change: Some(fmt(end)),
                next_change_local: Some(end.to_zoned_datetime(tz.clone()).datetime()),
                ..OpenState::default()
            }
        } else {
            let next = ivs.iter().map(|(s, _)| *s).find(|s| *s > now);
            OpenState {
                open: false,
                next_change: next.map(fmt),
                next_change_local: next.map(|t| t.to_zoned_datetime(tz.clone()).datetime()),
                holiday: self.closed_on(now.to_zoned_datetime(tz.clone()).date()),
                ..OpenState::default()
            }
        }
    }
}

#[derive(Clone, Debug)]
pub struct AppConfig {
    /// The team's name, shown on public pages.
    pub team_name: String,
    /// The area it serves, in words ("Cambridge, MA").
    pub area: String,
    /// The number responders call to reach dispatch, offered when "Need help" could not be sent.
    pub dispatch_phone: Option<String>,
    pub hours: Hours,
    /// On scene without an update for this long raises an alert on the board.
    pub checkin_minutes: i64,
    pub follow_up_hours: i64,
    /// A follow-up with no answer is tried again after this many hours...
    pub follow_up_retry_hours: i64,
    /// ...at most this many times in all, then closed as "could not reach".
    pub follow_up_tries: i64,
    /// The follow-ups one person may have taken at once before taking another asks them why.
    pub follow_up_caseload: i64,
    /// The hours a week on the rota past which signing up warns the person and tells the coordinators.
    pub week_hours: i64,
    /// The fewest hours of rest between two of a person's shifts before signing up warns them.
    pub rest_hours: i64,
    /// Hours a partner has to answer a referral before it shows as overdue.
    pub referral_answer_hours: i64,
    /// Hours from an accepted referral to the person being connected before it shows as overdue.
    pub referral_connect_hours: i64,
    pub session_hours: i64,
    pub password_policy: PasswordPolicy,
    /// Set the Secure flag on cookies (when served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// Behind a reverse proxy: take the client's address from the last `X-Forwarded-For` entry (for the
    /// per-address limits on the public forms). Only turn this on when a proxy always sets that header.
    pub trust_forwarded_for: bool,
    /// The proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed (addresses or prefixes such as
    /// `10.0.0.0/8`); from any other peer those headers are what the client said, and ignored.
    pub trusted_proxies: Vec<Proxy>,
    /// Identifying data is erased this many days after a person's last contact, unless they asked to keep it.
    pub retention_days: i64,
    /// Where erasures are recorded (pseudonymous ids only), outside the database and its backups, so that a
    /// restore re-applies them. `None` keeps no such record (tests of other things).
    pub erasure_log: Option<std::path::PathBuf>,
    /// Where scheduled backups go, and how many are kept (shown on the health page).
    pub backup_dir: Option<std::path::PathBuf>,
    /// The key file (for the operator's checks: its mode, owner and disk).
    pub key_file: Option<std::path::PathBuf>,
    /// Hours between scheduled backups (0: none), for the health page's warning.
    pub backup_hours: i64,
    /// The data directory (for the free-space figure on the health page).
    pub data_dir: Option<std::path::PathBuf>,
    /// Every account that can reach personal data signs in with a second factor (TOTP). Off only for the demo.
    pub require_second_factor: bool,
    /// A session not used for this long ends.
    pub idle_minutes: i64,
    /// How teams travel, for the ETAs that rank them (walk, bike, drive).
    pub travel_mode: heart_geo::Mode,
    /// A position a team shared is used for this long; after that, its base.
    pub position_fresh_minutes: i64,
    /// A map tile server (`https://.../{z}/{x}/{y}.png`): when set, maps also show as a Leaflet map over its tiles
    /// (the server-drawn map stays, for no JavaScript and screen readers). Its attribution text.
    pub tile_url: Option<String>,
    pub tile_attribution: String,
    /// Funds, mutual aid, the donation page, the payment provider.
    pub money: crate::money::MoneyConfig,
    /// Partners, Open311, joining repeated alerts, the acknowledgement target.
    pub channels: crate::channels::ChannelsConfig,
    /// Two-way text messages (the provider).
    pub sms: crate::sms::SmsConfig,
    /// Email to donors (receipts, yearly statements) through an SMTP server.
    pub mail: crate::mail::MailConfig,
    /// Calls to addresses that others gave (partners' callbacks, referral hooks).
    pub outbound: crate::outbound::OutboundConfig,
    /// Passkeys (WebAuthn): the relying party id and origin; none set turns them off.
    pub passkeys: crate::passkeys::PasskeyConfig,
    /// Alerts to phones (Web Push): the VAPID key (none: off) and the contact given to push services.
    pub push: crate::push::PushConfig,
    /// The figures: the public page and its small-cell suppression.
    pub impact: crate::impact::ImpactConfig,
    /// `[supplies]`: the kinds of things the team gives out.
    pub supplies: crate::supplies::SuppliesConfig,
    /// `[circles]`: how long a circle's words are kept after it closes.
    pub circles: crate::circles::CirclesConfig,
    /// The returning-person codes' key (beside the key file; in memory when none is set).
    pub outreach: crate::outreach::OutreachConfig,
}

impl AppConfig {
    /// The moment `day` at `time` is, in the team's time zone (a time a clock change skips counts as the
    /// moment after it).
    pub fn local_moment(
        &self,
        day: jiff::civil::Date,
        time: jiff::civil::Time,
    ) -> Option<jiff::Timestamp> {
        self.tz()
            .to_ambiguous_zoned_datetime(day.to_datetime(time))
            .compatible()
            .ok()
            .map(|z| z.timestamp())
    }

    pub fn tz(&self) -> TimeZone {
        TimeZone::get(&self.hours.timezone).unwrap_or(TimeZone::UTC)
    }

    /// A local date and time ("2026-11-26", "08:00") in the team's time zone, as an instant.
    pub fn local(&self, date: &str, time: &str) -> Option<Timestamp> {
        let d: jiff::civil::Date = date.trim().parse().ok()?;
        let t: Time = time.trim().parse().ok()?;
        d.to_datetime(t)
            .to_zoned_datetime(self.tz())
            .ok()
            .map(|z| z.timestamp())
    }
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            team_name: "HEART".into(),
            area: "Cambridge, MA".into(),
            dispatch_phone: None,
            hours: Hours::default(),
            checkin_minutes: 20,
            retention_days: 180,
            erasure_log: None,
            backup_dir: None,
            key_file: None,
            backup_hours: 24,
            data_dir: None,
            require_second_factor: true,
            idle_minutes: 60,
            travel_mode: heart_geo::Mode::Drive,
            position_fresh_minutes: 240,
            tile_url: None,
            tile_attribution: String::new(),
            money: crate::money::MoneyConfig::default(),
            channels: crate::channels::ChannelsConfig::default(),
            sms: crate::sms::SmsConfig::default(),
            mail: crate::mail::MailConfig::default(),
            outbound: crate::outbound::OutboundConfig::default(),
            impact: crate::impact::ImpactConfig::default(),
            supplies: crate::supplies::SuppliesConfig::default(),
            circles: crate::circles::CirclesConfig::default(),
            outreach: crate::outreach::OutreachConfig::default(),
            passkeys: crate::passkeys::PasskeyConfig::default(),
            push: crate::push::PushConfig::default(),
            follow_up_hours: heart_domain::care::DEFAULT_FOLLOW_UP_HOURS,
            follow_up_retry_hours: 24,
            follow_up_tries: 3,
            follow_up_caseload: 15,
            week_hours: 20,
            rest_hours: 10,
            referral_answer_hours: 24,
            referral_connect_hours: 168,
            session_hours: 12,
            password_policy: PasswordPolicy::default(),
            secure_cookies: false,
            trust_forwarded_for: false,
            trusted_proxies: Proxy::loopback(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_hours_are_open_in_the_evening_and_closed_at_night() {
        let h = Hours::default();
        h.validate().unwrap();
        // 2026-11-26 15:00 in Boston is 20:00 UTC
        let afternoon: Timestamp = "2026-11-26T20:00:00Z".parse().unwrap();
        let s = h.state(afternoon);
        assert!(s.open);
        assert_eq!(s.next_change.as_deref(), Some("Friday 00:00"));
        // 03:00 local = 08:00 UTC
        let night: Timestamp = "2026-11-26T08:00:00Z".parse().unwrap();
        let s = h.state(night);
        assert!(!s.open);
        assert_eq!(s.next_change.as_deref(), Some("Thursday 08:00"));
    }

    #[test]
    fn local_times_are_in_the_teams_time_zone() {
        let c = AppConfig::default();
        let t = c.local("2026-11-26", "08:00").unwrap();
        assert_eq!(t.to_string(), "2026-11-26T13:00:00Z");
        assert!(c.local("2026-02-30", "08:00").is_none());
        assert!(c.local("2026-11-26", "8 o'clock").is_none());
    }

    #[test]
    fn bad_hours_are_refused() {
        let mut h = Hours::default();
        h.days[0].open = "25:00".into();
        assert!(h.validate().is_err());
        h = Hours {
            timezone: "Mars/Base".into(),
            days: vec![],
            closed_dates: vec![],
        };
        assert!(h.validate().is_err());
        let h = Hours {
            closed_dates: vec!["Christmas".into()],
            ..Hours::default()
        };
        assert!(h.validate().is_err());
    }

    #[test]
    fn short_hours_read_as_people_write_them() {
        let h =
            Hours::parse_short("mon-fri 09:00-17:00; sat 10:00-14:00", "America/New_York").unwrap();
        assert_eq!(h.days.len(), 6);
        // Thursday 2026-11-26, 15:00 in Boston: open; 18:00: closed until Friday 09:00.
        assert!(h.state("2026-11-26T20:00:00Z".parse().unwrap()).open);
        let s = h.state("2026-11-26T23:00:00Z".parse().unwrap());
        assert!(!s.open);
        assert_eq!(s.next_change.as_deref(), Some("Friday 09:00"));
        assert!(
            Hours::parse_short("", "America/New_York")
                .unwrap()
                .days
                .is_empty()
        );
        for bad in ["weekdays 9-5", "fri-mon 09:00-17:00", "mon 9am-5pm", "mon"] {
            assert!(
                Hours::parse_short(bad, "America/New_York").is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_closed_date_closes_the_whole_day_and_says_when_we_open_again() {
        // Tuesday and Thursday 10:00-16:00 in Boston, the warmline's hours.
        let mut h = Hours {
            timezone: "America/New_York".into(),
            days: ["tue", "thu"]
                .into_iter()
                .map(|d| DayHours {
                    day: d.into(),
                    open: "10:00".into(),
                    close: "16:00".into(),
                })
                .collect(),
            closed_dates: vec![],
        };
        h.validate().unwrap();
        // Thursday 2026-11-26, 12:00 in Boston (17:00 UTC): open until 16:00.
        let noon: Timestamp = "2026-11-26T17:00:00Z".parse().unwrap();
        let s = h.state(noon);
        assert!(s.open && !s.holiday, "{s:?}");
        assert_eq!(s.next_change.as_deref(), Some("Thursday 16:00"));
        // Thanksgiving closed: closed all day, open again next Tuesday.
        h.closed_dates = vec!["2026-11-26".into()];
        let s = h.state(noon);
        assert!(!s.open && s.holiday, "{s:?}");
        assert_eq!(s.next_change.as_deref(), Some("Tuesday 10:00"));
        assert_eq!(s.as_str(), "closed");
        // Saturday: closed, not a holiday.
        let s = h.state("2026-11-28T17:00:00Z".parse().unwrap());
        assert!(!s.open && !s.holiday);
    }
}

/// An address or a prefix of addresses (`192.0.2.7`, `10.0.0.0/8`, `::1`, `fd00::/8`) a proxy speaks from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Proxy {
    net: std::net::IpAddr,
    len: u8,
}

impl Proxy {
    /// The default: a proxy on this machine.
    pub fn loopback() -> Vec<Proxy> {
        vec![
            Proxy {
                net: std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
                len: 8,
            },
            Proxy {
                net: std::net::IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
                len: 128,
            },
        ]
    }

    /// Whether `ip` is inside (an IPv4 address mapped into IPv6 counts as itself).
    pub fn holds(&self, ip: std::net::IpAddr) -> bool {
        let ip = match ip {
            std::net::IpAddr::V6(v6) => v6
                .to_ipv4_mapped()
                .map_or(std::net::IpAddr::V6(v6), std::net::IpAddr::V4),
            v4 => v4,
        };
        match (self.net, ip) {
            (std::net::IpAddr::V4(n), std::net::IpAddr::V4(a)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.len)).unwrap_or(0);
                u32::from(n) & mask == u32::from(a) & mask
            }
            (std::net::IpAddr::V6(n), std::net::IpAddr::V6(a)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.len))
                    .unwrap_or(0);
                u128::from(n) & mask == u128::from(a) & mask
            }
            _ => false,
        }
    }

    /// Whether any of `proxies` holds `ip`.
    pub fn any_holds(proxies: &[Proxy], ip: Option<std::net::IpAddr>) -> bool {
        ip.is_some_and(|ip| proxies.iter().any(|p| p.holds(ip)))
    }
}

impl std::str::FromStr for Proxy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("\"{s}\" is not an address or a prefix such as 10.0.0.0/8");
        let (addr, len) = match s.trim().split_once('/') {
            Some((a, l)) => (a, Some(l.parse::<u8>().map_err(|_| bad())?)),
            None => (s.trim(), None),
        };
        let net: std::net::IpAddr = addr.parse().map_err(|_| bad())?;
        let max = if net.is_ipv4() { 32 } else { 128 };
        let len = len.unwrap_or(max);
        if len > max {
            return Err(bad());
        }
        Ok(Proxy { net, len })
    }
}

#[cfg(test)]
mod proxy_tests {
    use super::Proxy;

    #[test]
    fn a_proxy_is_an_address_or_a_prefix() {
        let p: Proxy = "10.0.0.0/8".parse().unwrap();
        assert!(p.holds("10.1.2.3".parse().unwrap()));
        assert!(p.holds("::ffff:10.1.2.3".parse().unwrap()));
        assert!(!p.holds("11.0.0.1".parse().unwrap()));
        let one: Proxy = "127.0.0.1".parse().unwrap();
        assert!(one.holds("127.0.0.1".parse().unwrap()));
        assert!(!one.holds("127.0.0.2".parse().unwrap()));
        let v6: Proxy = "fd00::/8".parse().unwrap();
        assert!(v6.holds("fd12::1".parse().unwrap()));
        assert!(!v6.holds("127.0.0.1".parse().unwrap()));
        let all: Proxy = "0.0.0.0/0".parse().unwrap();
        assert!(all.holds("203.0.113.9".parse().unwrap()));
        for bad in ["", "10.0.0.0/33", "proxy.example", "10.0.0.0/x"] {
            assert!(bad.parse::<Proxy>().is_err(), "{bad}");
        }
        assert!(Proxy::any_holds(
            &Proxy::loopback(),
            Some("127.0.0.5".parse().unwrap())
        ));
        assert!(!Proxy::any_holds(&Proxy::loopback(), None));
    }
}
