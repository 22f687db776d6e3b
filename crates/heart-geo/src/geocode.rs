//! From words to places: "71 Cherry Street", "Prospect and Harvard", "Central Square", "Kendall/MIT station",
//! "the ATM on Mass Ave near Central Square"; and from a point back to the nearest address.
//!
//! Every answer is a list of candidates with a confidence (0 to 1), best first. A name that fits several places
//! gives several candidates, each less sure; a number outside every range on a street gives the street, not sure;
//! nothing fitting gives no candidate. Nothing is looked up anywhere else.

use crate::route::{point_at, project_onto};
use crate::text::{edits, split_type, strip_locality, tokens};
use crate::{City, LatLon};
use serde::Serialize;

/// One answer to "where is this?".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate {
    pub label: String,
    pub lat: f64,
    pub lon: f64,
    /// 0 to 1: how sure the geocoder is that this is the place meant.
    pub confidence: f64,
    pub neighbourhood: Option<String>,
    /// address, intersection, place kind ("clinic", "station", ...), street, neighbourhood.
    pub kind: String,
    /// The city's node number, for an intersection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<i64>,
}

/// Distance (metres) from the centerline to where buildings' doors are, on the side the number is on.
const SETBACK: f64 = 12.0;
/// Words that say where relative to something, not what.
const FILLER: &[&str] = &[
    "the", "outside", "in", "front", "of", "near", "by", "at", "on", "corner", "opposite",
    "across", "from", "behind", "next", "to",
];

impl City {
    /// Candidates for what someone typed or said, best first (at most `limit`).
    pub fn geocode(&self, query: &str, limit: usize) -> Vec<Candidate> {
        let query = query.trim();
        if query.is_empty() || query.chars().count() > 200 {
            return Vec::new();
        }
        let text = strip_locality(query, &self.locality);
        let mut found: Vec<Candidate> = Vec::new();

        // "A and B", "A & B", "A / B", "A at B": an intersection.
        let joined = tokens(&text.replace(['&', '@', '+', '/'], " and "));
        if let Some((a, b)) = split_on(&joined, &["and", "at"]) {
            found.extend(self.intersections(&trim_filler(&a), &trim_filler(&b)));
        }
        let plain = tokens(&text);
        // "X near Y": a street and a place; the point of the street nearest to the place.
        if let Some((a, b)) = split_on(&plain, &["near", "by", "outside", "opposite"]) {
            found.extend(self.street_near_place(&trim_filler(&a), &trim_filler(&b)));
        }
        let core = trim_filler(&plain);
        // "71 Cherry Street", "71A Cherry St", "12-14 Ellery St".
        if let Some(first) = core.first()
            && let Some(n) = leading_number(first)
        {
            let rest: Vec<String> = core[1..]
                .iter()
                // "12-14 Ellery St", "48-R Mass Ave": the rest of the number.
                .skip_while(|t| t.bytes().all(|b| b.is_ascii_digit()) || t.len() == 1)
                .cloned()
                .collect();
            found.extend(self.addresses(n, &rest));
        } else {
            found.extend(self.named_places(&core));
            found.extend(self.whole_streets(&core));
        }
        found.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        let mut out: Vec<Candidate> = Vec::new();
        for c in found {
            // The same place found twice (the same name near by, or anything within 15 m) once; the same name
            // far apart is two places.
            if out.iter().any(|o| {
                let d = LatLon::new(o.lat, o.lon).distance(LatLon::new(c.lat, c.lon));
                d < 15.0 || (o.label == c.label && d < 150.0)
            }) {
                continue;
            }
            out.push(c);
            if out.len() == limit {
                break;
            }
        }
        out
    }

    fn candidate(
        &self,
        label: String,
        xy: [f64; 2],
        confidence: f64,
        kind: &str,
        node: Option<i64>,
    ) -> Candidate {
        let p = self.proj.ll(xy);
        Candidate {
            label,
            lat: round6(p.lat),
            lon: round6(p.lon),
            confidence: (confidence.clamp(0.0, 1.0) * 100.0).round() / 100.0,
            neighbourhood: self.neighbourhood(p).map(str::to_string),
            kind: kind.to_string(),
            node,
        }
    }

    /// Streets a name could mean, with how well it fits (1 = exactly).
    pub(crate) fn match_streets(&self, toks: &[String]) -> Vec<(usize, f64)> {
        if toks.is_empty() {
            return Vec::new();
        }
        let key = toks.join(" ");
        if let Some(&i) = self.by_key.get(&key) {
            return vec![(i, 1.0)];
        }
        let (base, kind) = split_type(toks);
        if let Some(ids) = self.by_base.get(&base) {
            return ids
                .iter()
                .map(|&i| {
                    let fit = match &kind {
                        None => 0.9,
                        // "Harvard Ave" asked, only "Harvard St" there.
                        Some(_) => 0.6,
                    };
                    (i, fit)
                })
                .collect();
        }
        // A slip of the keyboard: one edit in a short name, two in a long one.
        let allowed = match base.chars().count() {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        if allowed == 0 {
            return Vec::new();
        }
        let mut out: Vec<(usize, f64)> = Vec::new();
        for (i, s) in self.streets.iter().enumerate() {
            if s.base.len().abs_diff(base.len()) > allowed {
                continue;
            }
            let d = edits(&base, &s.base);
            if d <= allowed {
                let mut fit = 0.85 - 0.1 * d as f64;
                if kind.is_some() && s.kind != kind {
                    fit -= 0.25;
                }
                out.push((i, fit));
            }
        }
        let top = out.iter().map(|x| x.1).fold(0.0, f64::max);
        out.retain(|x| x.1 >= top - 1e-9);
        out
    }

    /// Several streets fitting equally: each is less sure.
    fn shared(n: usize) -> f64 {
        if n <= 1 { 1.0 } else { 0.8 / n as f64 }
    }

    fn addresses(&self, n: u32, street: &[String]) -> Vec<Candidate> {
        let streets = self.match_streets(street);
        let share = Self::shared(streets.len());
        let mut out = Vec::new();
        for (st, fit) in streets {
            let places = self.at_number(st, n);
            // The same number in two places on one street (ranges that repeat): each, less sure.
            let here = Self::shared(places.len());
            for (xy, seg) in &places {
                out.push(self.candidate(
                    format!("{n} {}", self.segments[*seg].label),
                    *xy,
                    fit * share * here,
                    "address",
                    None,
                ));
            }
            match places.first() {
                Some(_) => {}
                None => {
                    // The street is known, the number is not on it: the street, and not sure.
                    if let Some(c) = self.street_middle(st, 0.3 * fit * share) {
                        out.push(Candidate {
                            label: format!("{} (no number {n} on record)", c.label),
                            ..c
                        });
                    }
                }
            }
        }
        out
    }

    /// Where number `n` is on a street: interpolated along the segment whose range on the side of the number's
    /// parity holds it, set back from the centerline towards that side. Hits close together (both halves of a
    /// divided road) are one place; hits far apart are several.
    fn at_number(&self, street: usize, n: u32) -> Vec<([f64; 2], usize)> {
        let mut hits: Vec<([f64; 2], usize)> = Vec::new();
        for &si in &self.streets[street].segments {
            let seg = &self.segments[si];
            for (range, left) in [(seg.left, true), (seg.right, false)] {
                let Some((a, b)) = range else {
                    continue;
                };
                if n < a.min(b) || n > a.max(b) {
                    continue;
                }
                if a % 2 == b % 2 && n % 2 != a % 2 {
                    continue;
                }
                let t = if a == b {
                    0.5
                } else {
                    (f64::from(n) - f64::from(a)) / (f64::from(b) - f64::from(a))
                };
                let along = t * seg.length;
                let p = point_at(&seg.line, along);
                let q = point_at(&seg.line, (along + 1.0).min(seg.length));
                let r = point_at(&seg.line, (along - 1.0).max(0.0));
                let d = [q[0] - r[0], q[1] - r[1]];
                let len = (d[0] * d[0] + d[1] * d[1]).sqrt();
                let xy = if len > 0.0 {
                    // Left of the drawing direction is (-dy, dx).
                    let s = if left { SETBACK } else { -SETBACK };
                    [p[0] - d[1] / len * s, p[1] + d[0] / len * s]
                } else {
                    p
                };
                hits.push((xy, si));
            }
        }
        let mut groups: Vec<Vec<([f64; 2], usize)>> = Vec::new();
        for h in hits {
            match groups.iter_mut().find(|g| {
                g.iter()
                    .any(|o| (o.0[0] - h.0[0]).hypot(o.0[1] - h.0[1]) < 80.0)
            }) {
                Some(g) => g.push(h),
                None => groups.push(vec![h]),
            }
        }
        groups
            .into_iter()
            .map(|g| {
                let k = g.len() as f64;
                let mid = [
                    g.iter().map(|h| h.0[0]).sum::<f64>() / k,
                    g.iter().map(|h| h.0[1]).sum::<f64>() / k,
                ];
                (mid, g[0].1)
            })
            .collect()
    }

    /// The middle of a street (by length): for a street named without a number.
    fn street_middle(&self, street: usize, confidence: f64) -> Option<Candidate> {
        let st = &self.streets[street];
        let total: f64 = st.segments.iter().map(|&s| self.segments[s].length).sum();
        let mut left = total / 2.0;
        for &s in &st.segments {
            let seg = &self.segments[s];
            if left <= seg.length {
                let xy = point_at(&seg.line, left);
                return Some(self.candidate(st.label.clone(), xy, confidence, "street", None));
            }
            left -= seg.length;
        }
        None
    }

    fn whole_streets(&self, toks: &[String]) -> Vec<Candidate> {
        let streets = self.match_streets(toks);
        let share = Self::shared(streets.len());
        streets
            .into_iter()
            .filter_map(|(s, fit)| {
                // A short street is nearly a place; a long one is not.
                let total: f64 = self.streets[s]
                    .segments
                    .iter()
                    .map(|&i| self.segments[i].length)
                    .sum();
                let size = if total < 150.0 { 0.75 } else { 0.5 };
                self.street_middle(s, size * fit * share)
            })
            .collect()
    }

    fn intersections(&self, a: &[String], b: &[String]) -> Vec<Candidate> {
        struct Hit {
            node: usize,
            fit: f64,
            /// Normalised names and labels of the two streets.
            keys: (String, String),
            labels: (String, String),
        }
        let (sa, sb) = (self.match_streets(a), self.match_streets(b));
        let (qa, qb) = (a.join(" "), b.join(" "));
        if qa.is_empty() || qb.is_empty() || qa == qb {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = Vec::new();
        // Nodes the city's intersection file names with both streets (as asked, or as matched).
        for (i, node) in self.nodes.iter().enumerate() {
            if node.label_streets.len() < 2 {
                continue;
            }
            let pick = |q: &str, matched: &[(usize, f64)]| -> Option<(String, f64)> {
                if node.label_streets.iter().any(|k| k == q) {
                    return Some((q.to_string(), 1.0));
                }
                matched
                    .iter()
                    .find(|s| node.label_streets.contains(&self.streets[s.0].key))
                    .map(|s| (self.streets[s.0].key.clone(), s.1))
            };
            if let (Some((ka, fa)), Some((kb, fb))) = (pick(&qa, &sa), pick(&qb, &sb))
                && ka != kb
            {
                hits.push(Hit {
                    node: i,
                    fit: fa * fb,
                    labels: (ka.clone(), kb.clone()),
                    keys: (ka, kb),
                });
            }
        }
        // Nodes where a segment of one meets a segment of the other.
        for &(ia, fa) in &sa {
            for &seg in &self.streets[ia].segments {
                let s = &self.segments[seg];
                for node in [s.from, s.to] {
                    if hits.iter().any(|h| h.node == node) {
                        continue;
                    }
                    let here = &self.nodes[node];
                    let meets = sb.iter().find(|(ib, _)| {
                        *ib != ia
                            && here
                                .segments
                                .iter()
                                .any(|&o| self.segments[o].streets.contains(ib))
                    });
                    if let Some(&(ib, fb)) = meets {
                        let (x, y) = (&self.streets[ia], &self.streets[ib]);
                        hits.push(Hit {
                            node,
                            fit: fa * fb,
                            keys: (x.key.clone(), y.key.clone()),
                            labels: (x.label.clone(), y.label.clone()),
                        });
                    }
                }
            }
        }
        // Nodes close together are one crossing (the two halves of a divided road): one candidate each.
        let mut groups: Vec<Vec<Hit>> = Vec::new();
        for h in hits {
            let xy = self.nodes[h.node].xy;
            match groups.iter_mut().find(|g| {
                g.iter().any(|o| {
                    let p = self.nodes[o.node].xy;
                    (p[0] - xy[0]).hypot(p[1] - xy[1]) < 60.0
                })
            }) {
                Some(g) => g.push(h),
                None => groups.push(vec![h]),
            }
        }
        let share = Self::shared(groups.len());
        groups
            .into_iter()
            .filter_map(|g| {
                // The node whose own name lists both streets, if any.
                let names = |h: &Hit| {
                    let n = &self.nodes[h.node];
                    n.label_streets.contains(&h.keys.0) && n.label_streets.contains(&h.keys.1)
                };
                let best = g
                    .iter()
                    .find(|h| names(h))
                    .or_else(|| g.iter().max_by(|x, y| x.fit.total_cmp(&y.fit)))?;
                let node = &self.nodes[best.node];
                let label = match &node.label {
                    Some(l) if names(best) => l.clone(),
                    _ => format!("{} & {}", best.labels.0, best.labels.1),
                };
                Some(self.candidate(
                    label,
                    node.xy,
                    best.fit * share,
                    "intersection",
                    node.number,
                ))
            })
            .collect()
    }

    /// Named places: stations, clinics, community assets, squares, neighbourhoods.
    fn named_places(&self, toks: &[String]) -> Vec<Candidate> {
        let q: Vec<&str> = toks
            .iter()
            .map(String::as_str)
            .filter(|t| *t != "the")
            .collect();
        if q.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for p in &self.places {
            let key: Vec<&str> = p
                .key
                .iter()
                .map(String::as_str)
                .filter(|t| *t != "the")
                .collect();
            let found = |word: &str, within: &[&str]| {
                within
                    .iter()
                    .any(|w| *w == word || (word.len() >= 5 && w.len() >= 5 && edits(word, w) <= 1))
            };
            let fit = if q == key {
                1.0
            } else if q.iter().all(|w| found(w, &key)) {
                // Part of the name ("Kendall station" for "Kendall/MIT station").
                let exact = q.iter().all(|w| key.contains(w));
                let f = 0.95 * (q.len() as f64 / key.len() as f64).sqrt();
                if exact { f } else { f - 0.1 }
            } else if key.len() >= 2 && key.iter().all(|w| found(w, &q)) {
                // The name and more words around it.
                0.85 * (key.len() as f64 / q.len() as f64).sqrt()
            } else {
                continue;
            };
            // A neighbourhood is an area: its point is only roughly where someone is, never sure enough to place a
            // request or route a team to.
            let fit = if p.kind == "neighbourhood" {
                fit * 0.5
            } else {
                fit
            };
            out.push(self.candidate(
                format!("{} ({})", p.label, p.kind),
                p.xy,
                fit,
                &p.kind,
                None,
            ));
        }
        out
    }

    /// "on Mass Ave near Central Square": the point of the street nearest to the place.
    fn street_near_place(&self, street: &[String], place: &[String]) -> Vec<Candidate> {
        let streets = self.match_streets(street);
        let Some(best) = self
            .named_places(place)
            .into_iter()
            .chain(self.whole_streets(place))
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
        else {
            return Vec::new();
        };
        let target = self.proj.xy(LatLon::new(best.lat, best.lon));
        let share = Self::shared(streets.len());
        streets
            .into_iter()
            .filter_map(|(st, fit)| {
                let (seg, along, dist) = self.streets[st]
                    .segments
                    .iter()
                    .map(|&s| {
                        let (along, d) = project_onto(&self.segments[s].line, target);
                        (s, along, d)
                    })
                    .min_by(|a, b| a.2.total_cmp(&b.2))?;
                // Only when the place is on or near that street.
                (dist < 400.0).then(|| {
                    let xy = point_at(&self.segments[seg].line, along);
                    self.candidate(
                        format!("{} near {}", self.streets[st].label, best.label),
                        xy,
                        0.8 * fit * share * best.confidence,
                        "street",
                        None,
                    )
                })
            })
            .collect()
    }

    /// The nearest address to a point: the street, the number interpolated on that side, the neighbourhood. None
    /// outside the city or far from every street.
    pub fn reverse(&self, p: LatLon) -> Option<Candidate> {
        if !self.covers(p) {
            return None;
        }
        let xy = self.proj.xy(p);
        let (si, along, dist) = self.nearest_segment(xy, 300.0)?;
        let seg = &self.segments[si];
        let q = point_at(&seg.line, (along + 1.0).min(seg.length));
        let r = point_at(&seg.line, (along - 1.0).max(0.0));
        let on = point_at(&seg.line, along);
        let cross = (q[0] - r[0]) * (xy[1] - on[1]) - (q[1] - r[1]) * (xy[0] - on[0]);
        // A number only from the point's own side: the other side's would have the wrong parity.
        let side = if cross >= 0.0 { seg.left } else { seg.right };
        let t = along / seg.length;
        let label = match side {
            Some((a, b)) => {
                let raw = f64::from(a) + t * (f64::from(b) - f64::from(a));
                let mut n = raw.round() as u32;
                if a % 2 == b % 2 && n % 2 != a % 2 {
                    n = if raw >= f64::from(n) {
                        n + 1
                    } else {
                        n.saturating_sub(1)
                    };
                }
                let n = n.clamp(a.min(b), a.max(b));
                format!("{n} {}", seg.label)
            }
            None if seg.label.is_empty() => "an unnamed way".to_string(),
            None => seg.label.clone(),
        };
        let confidence = (1.0 - dist / 300.0).clamp(0.1, 1.0);
        Some(Candidate {
            label,
            lat: round6(p.lat),
            lon: round6(p.lon),
            confidence: (confidence * 100.0).round() / 100.0,
            neighbourhood: self.neighbourhood(p).map(str::to_string),
            kind: "address".into(),
            node: None,
        })
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// "71", "71a", "12-14" (tokenised as "12" "14"): the number.
fn leading_number(tok: &str) -> Option<u32> {
    let digits: String = tok.chars().take_while(char::is_ascii_digit).collect();
    let rest = &tok[digits.len()..];
    // "2nd" is a street, not a number ("70R" is a number: the rear building).
    if digits.is_empty() || rest.len() > 1 || digits.len() > 6 {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

/// Splits at the first of `words` with something on both sides.
fn split_on(toks: &[String], words: &[&str]) -> Option<(Vec<String>, Vec<String>)> {
    let i = toks
        .iter()
        .enumerate()
        .position(|(i, t)| i > 0 && i + 1 < toks.len() && words.contains(&t.as_str()))?;
    Some((toks[..i].to_vec(), toks[i + 1..].to_vec()))
}

/// Drops words that say where relative to something ("outside", "the ... on") from the start.
fn trim_filler(toks: &[String]) -> Vec<String> {
    // "the atm on mass ave": what follows the last "on"/"at" when the words before are not a street.
    let start = toks
        .iter()
        .rposition(|t| t == "on" || t == "at")
        .map(|i| i + 1)
        .filter(|&i| i < toks.len())
        .unwrap_or(0);
    let toks = &toks[start..];
    // ("Front Street" is a street: a filler word followed by a street type stays.)
    let skip = toks
        .iter()
        .enumerate()
        .take_while(|(i, t)| {
            FILLER.contains(&t.as_str())
                && toks
                    .get(i + 1)
                    .is_none_or(|n| crate::text::street_type(n).is_none())
        })
        .count();
    toks[skip..].to_vec()
}
