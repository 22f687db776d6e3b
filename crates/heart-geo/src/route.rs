//! Shortest travel time on the street graph. Driving and cycling keep to one-way rules; walking ignores them.
//! Start and end points are snapped to the nearest street, and the trip begins and ends part-way along it.
//!
//! Dijkstra is written here rather than taken from a graph crate because each trip starts from two partial
//! segments at once (several sources with their own head start), and ranking teams needs one search from the
//! request over the reversed graph; both are a few lines on a binary heap.

use crate::{City, LatLon};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// How a team travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Walk,
    Bike,
    Drive,
}

impl Mode {
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "walk" => Some(Mode::Walk),
            "bike" => Some(Mode::Bike),
            "drive" => Some(Mode::Drive),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Walk => "walk",
            Mode::Bike => "bike",
            Mode::Drive => "drive",
        }
    }
    fn keeps_one_way(self) -> bool {
        self != Mode::Walk
    }
}

/// Travel speeds in metres per second.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Speeds {
    pub walk: f64,
    pub bike: f64,
    /// On ordinary streets (Cambridge's default limit is 20 mph).
    pub drive: f64,
    /// On major roads (25 mph).
    pub drive_major: f64,
    /// How far (metres) a point may be from the nearest street and still be routed.
    pub snap: f64,
}

impl Default for Speeds {
    fn default() -> Self {
        Speeds {
            walk: 1.3,
            bike: 4.5,
            // Below the limits: stops, turns and traffic.
            drive: 6.5,
            drive_major: 8.0,
            snap: 250.0,
        }
    }
}

impl Speeds {
    fn of(&self, mode: Mode, major: bool) -> f64 {
        match mode {
            Mode::Walk => self.walk,
            Mode::Bike => self.bike,
            Mode::Drive if major => self.drive_major,
            Mode::Drive => self.drive,
        }
    }
}

/// A trip: how long, how far, and the way (longitude, latitude pairs).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Route {
    pub seconds: f64,
    pub meters: f64,
    pub path: Vec<[f64; 2]>,
}

/// Where on a polyline the point nearest to `p` is (distance along it) and how far `p` is from it.
pub(crate) fn project_onto(line: &[[f64; 2]], p: [f64; 2]) -> (f64, f64) {
    let mut best = (0.0, f64::MAX);
    let mut walked = 0.0;
    for w in line.windows(2) {
        let (a, b) = (w[0], w[1]);
        let d = [b[0] - a[0], b[1] - a[1]];
        let len2 = d[0] * d[0] + d[1] * d[1];
        let len = len2.sqrt();
        let t = if len2 > 0.0 {
            (((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let q = [a[0] + t * d[0], a[1] + t * d[1]];
        let dist = ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt();
        if dist < best.1 {
            best = (walked + t * len, dist);
        }
        walked += len;
    }
    best
}

/// The point `at` metres along a polyline (clamped to its ends).
pub(crate) fn point_at(line: &[[f64; 2]], at: f64) -> [f64; 2] {
    let mut left = at.max(0.0);
    for w in line.windows(2) {
        let len = ((w[1][0] - w[0][0]).powi(2) + (w[1][1] - w[0][1]).powi(2)).sqrt();
        if left <= len && len > 0.0 {
            let t = left / len;
            return [
                w[0][0] + t * (w[1][0] - w[0][0]),
                w[0][1] + t * (w[1][1] - w[0][1]),
            ];
        }
        left -= len;
    }
    line[line.len() - 1]
}

/// The part of a polyline between two distances along it, in the order asked (reversed when `from > to`).
pub(crate) fn sub_line(line: &[[f64; 2]], from: f64, to: f64) -> Vec<[f64; 2]> {
    let (lo, hi) = if from <= to { (from, to) } else { (to, from) };
    let mut out = vec![point_at(line, lo)];
    let mut walked = 0.0;
    for w in line.windows(2) {
        let len = ((w[1][0] - w[0][0]).powi(2) + (w[1][1] - w[0][1]).powi(2)).sqrt();
        walked += len;
        if walked > lo && walked < hi {
            out.push(w[1]);
        }
    }
    out.push(point_at(line, hi));
    if from > to {
        out.reverse();
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
struct Item {
    cost: f64,
    node: usize,
}
impl Eq for Item {}
impl Ord for Item {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .cost
            .partial_cmp(&self.cost)
            .unwrap_or(Ordering::Equal)
            .then_with(|| self.node.cmp(&other.node))
    }
}
impl PartialOrd for Item {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A point snapped onto a street: the segment, the distance along it, and how far the point was from it.
#[derive(Clone, Copy, Debug)]
struct Snap {
    seg: usize,
    along: f64,
}

impl City {
    fn snap(&self, p: LatLon) -> Option<Snap> {
        let (seg, along, _) = self.nearest_segment(self.proj.xy(p), self.speeds.snap)?;
        Some(Snap { seg, along })
    }

    /// Seconds to travel a whole segment, if allowed in that direction (`forward`: from its `from` node).
    fn edge_time(&self, seg: usize, forward: bool, mode: Mode) -> Option<f64> {
        let s = &self.segments[seg];
        if mode.keeps_one_way() && !(if forward { s.forward } else { s.backward }) {
            return None;
        }
        Some(s.length / self.speeds.of(mode, s.major))
    }

    /// Dijkstra from several nodes with head starts. `reverse` walks edges against their direction of travel (for
    /// "time from every node to here"). Returns cost and the (node, segment) each node was reached from.
    fn search(
        &self,
        starts: &[(usize, f64)],
        mode: Mode,
        reverse: bool,
        stop_at: Option<&[usize]>,
    ) -> (Vec<f64>, Vec<Option<(usize, usize)>>) {
        let n = self.nodes.len();
        let mut dist = vec![f64::INFINITY; n];
        let mut prev = vec![None; n];
        let mut heap = BinaryHeap::new();
        for &(node, cost) in starts {
            if cost < dist[node] {
                dist[node] = cost;
                heap.push(Item { cost, node });
            }
        }
        // `stop_at` is sorted and without repeats: the search ends once all of them are settled.
        let mut left = stop_at.map(|s| s.len());
        let mut settled = vec![false; n];
        while let Some(Item { cost, node }) = heap.pop() {
            if cost > dist[node] || settled[node] {
                continue;
            }
            settled[node] = true;
            if let (Some(targets), Some(l)) = (stop_at, left.as_mut())
                && targets.binary_search(&node).is_ok()
            {
                *l -= 1;
                if *l == 0 {
                    break;
                }
            }
            for &seg in &self.nodes[node].segments {
                let s = &self.segments[seg];
                // Leaving `node` along `seg`: forward when node is its `from` end.
                let moves = [
                    (s.from == node).then_some((s.to, true)),
                    (s.to == node).then_some((s.from, false)),
                ];
                for (next, forward) in moves.into_iter().flatten() {
                    let travel_forward = if reverse { !forward } else { forward };
                    let Some(t) = self.edge_time(seg, travel_forward, mode) else {
                        continue;
                    };
                    let c = cost + t;
                    if c < dist[next] {
                        dist[next] = c;
                        prev[next] = Some((node, seg));
                        heap.push(Item {
                            cost: c,
                            node: next,
                        });
                    }
                }
            }
        }
        (dist, prev)
    }

    /// Heads start for leaving a snapped point: to each end of its segment that may be reached from it.
    fn leave(&self, s: Snap, mode: Mode) -> Vec<(usize, f64)> {
        let seg = &self.segments[s.seg];
        let speed = self.speeds.of(mode, seg.major);
        let mut out = Vec::new();
        if !mode.keeps_one_way() || seg.forward {
            out.push((seg.to, (seg.length - s.along) / speed));
        }
        if !mode.keeps_one_way() || seg.backward {
            out.push((seg.from, s.along / speed));
        }
        out
    }

    /// The ends of its segment from which a snapped point may be reached, with the time still to go.
    fn arrive(&self, s: Snap, mode: Mode) -> Vec<(usize, f64)> {
        let seg = &self.segments[s.seg];
        let speed = self.speeds.of(mode, seg.major);
        let mut out = Vec::new();
        if !mode.keeps_one_way() || seg.forward {
            out.push((seg.from, s.along / speed));
        }
        if !mode.keeps_one_way() || seg.backward {
            out.push((seg.to, (seg.length - s.along) / speed));
        }
        out
    }

    /// The fastest way from `a` to `b`, or None when either is not near a street or no way connects them.
    pub fn route(&self, a: LatLon, b: LatLon, mode: Mode) -> Option<Route> {
        let (sa, sb) = (self.snap(a)?, self.snap(b)?);
        let ll = |xy: [f64; 2]| {
            let p = self.proj.ll(xy);
            [p.lon, p.lat]
        };
        let speed_a = self.speeds.of(mode, self.segments[sa.seg].major);
        // Along one segment, when allowed.
        let mut best: Option<(f64, Vec<[f64; 2]>, f64)> = None;
        if sa.seg == sb.seg {
            let s = &self.segments[sa.seg];
            let forward = sb.along >= sa.along;
            if !mode.keeps_one_way() || (if forward { s.forward } else { s.backward }) {
                let m = (sb.along - sa.along).abs();
                best = Some((m / speed_a, sub_line(&s.line, sa.along, sb.along), m));
            }
        }
        let ends = self.arrive(sb, mode);
        let mut targets: Vec<usize> = ends.iter().map(|e| e.0).collect();
        targets.sort_unstable();
        targets.dedup();
        let (dist, prev) = self.search(&self.leave(sa, mode), mode, false, Some(&targets));
        let arrival = ends
            .iter()
            .map(|&(node, rest)| (node, dist[node] + rest))
            .filter(|(_, c)| c.is_finite())
            .min_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((end_node, cost)) = arrival
            && best.as_ref().is_none_or(|b| cost < b.0)
        {
            // Walk back from the end node to a start node.
            let mut chain = Vec::new();
            let mut at = end_node;
            while let Some((from, seg)) = prev[at] {
                chain.push((from, seg, at));
                at = from;
            }
            chain.reverse();
            let seg_a = &self.segments[sa.seg];
            let mut path = if at == seg_a.to {
                sub_line(&seg_a.line, sa.along, seg_a.length)
            } else {
                sub_line(&seg_a.line, sa.along, 0.0)
            };
            for (from, seg, _) in &chain {
                let s = &self.segments[*seg];
                if *from == s.from {
                    path.extend_from_slice(&s.line[1..]);
                } else {
                    path.extend(s.line.iter().rev().skip(1));
                }
            }
            let seg_b = &self.segments[sb.seg];
            let tail = if end_node == seg_b.from {
                sub_line(&seg_b.line, 0.0, sb.along)
            } else {
                sub_line(&seg_b.line, seg_b.length, sb.along)
            };
            path.extend_from_slice(&tail[1..]);
            let meters = path_length(&path);
            best = Some((cost, path, meters));
        }
        let (seconds, mut path, meters) = best?;
        path.dedup_by(|b, a| (a[0] - b[0]).abs() < 0.01 && (a[1] - b[1]).abs() < 0.01);
        Some(Route {
            seconds,
            meters,
            path: path.into_iter().map(ll).collect(),
        })
    }

    /// Travel time from each of `from` to `to` (one search over the reversed graph, however many there are);
    /// None for a point off the streets or with no way there.
    pub fn etas_to(&self, to: LatLon, from: &[LatLon], mode: Mode) -> Vec<Option<f64>> {
        let Some(st) = self.snap(to) else {
            return vec![None; from.len()];
        };
        let snaps: Vec<Option<Snap>> = from.iter().map(|p| self.snap(*p)).collect();
        // Reaching `to` from a node = leaving `to` over reversed edges; the search stops once every node a team
        // can leave by is settled.
        let mut targets: Vec<usize> = snaps
            .iter()
            .flatten()
            .flat_map(|s| self.leave(*s, mode).into_iter().map(|(n, _)| n))
            .collect();
        targets.sort_unstable();
        targets.dedup();
        let (dist, _) = self.search(&self.arrive(st, mode), mode, true, Some(&targets));
        snaps
            .iter()
            .map(|sp| {
                let sp = (*sp)?;
                let mut best = self
                    .leave(sp, mode)
                    .iter()
                    .map(|&(node, head)| head + dist[node])
                    .fold(f64::INFINITY, f64::min);
                if sp.seg == st.seg {
                    let s = &self.segments[sp.seg];
                    let forward = st.along >= sp.along;
                    if !mode.keeps_one_way() || (if forward { s.forward } else { s.backward }) {
                        best =
                            best.min((st.along - sp.along).abs() / self.speeds.of(mode, s.major));
                    }
                }
                best.is_finite().then_some(best)
            })
            .collect()
    }
}

fn path_length(path: &[[f64; 2]]) -> f64 {
    path.windows(2)
        .map(|w| ((w[1][0] - w[0][0]).powi(2) + (w[1][1] - w[0][1]).powi(2)).sqrt())
        .sum()
}
