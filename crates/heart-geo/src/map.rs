//! A map drawn by the server as SVG from the city's own geometry: no tile server, no JavaScript, works offline.
//! Streets are simplified (Douglas-Peucker, 4 m) and written in whole metres, so the whole city is a few tens of
//! kilobytes before compression.

use crate::{City, LatLon};
use std::fmt::Write;

/// What a marker stands for (drawn differently, and named in the map's text description).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    Request,
    /// The request this view is about.
    Focus,
    Team,
    Base,
}

impl MarkerKind {
    fn colour(self) -> &'static str {
        match self {
            MarkerKind::Request | MarkerKind::Focus => "#b3261e",
            MarkerKind::Team => "#0b5cad",
            MarkerKind::Base => "#1f6f3a",
        }
    }
    fn class(self) -> &'static str {
        match self {
            MarkerKind::Request => "m-request",
            MarkerKind::Focus => "m-focus",
            MarkerKind::Team => "m-team",
            MarkerKind::Base => "m-base",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Marker {
    pub at: LatLon,
    pub kind: MarkerKind,
    /// Short text (shown on hover, read by screen readers); never personal data.
    pub label: String,
    /// Where the marker leads (a request's page), if anywhere.
    pub href: Option<String>,
}

/// What to draw: markers, optionally a route, and the part of the city to show (all of it when None).
#[derive(Clone, Debug, Default)]
pub struct MapView {
    pub title: String,
    pub markers: Vec<Marker>,
    pub route: Option<Vec<LatLon>>,
    /// Show only around the markers and route (with a margin), rather than the whole city.
    pub fit: bool,
}

/// The street and neighbourhood layers as SVG path data in the map's own coordinates, built once.
#[derive(Clone, Debug, Default)]
pub(crate) struct BaseMap {
    minor: String,
    major: String,
    hoods: String,
    /// Per segment: simplified points in map coordinates (for cropped maps).
    simplified: Vec<Vec<[i32; 2]>>,
}

/// Douglas-Peucker: the points a line keeps when detail under `tolerance` metres is dropped.
fn simplify(line: &[[f64; 2]], tolerance: f64) -> Vec<[f64; 2]> {
    if line.len() < 3 {
        return line.to_vec();
    }
    let mut keep = vec![false; line.len()];
    keep[0] = true;
    keep[line.len() - 1] = true;
    let mut stack = vec![(0, line.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        let (p, q) = (line[a], line[b]);
        let d = [q[0] - p[0], q[1] - p[1]];
        let len = d[0].hypot(d[1]);
        let mut far = (0.0, 0);
        for (i, r) in line.iter().enumerate().take(b).skip(a + 1) {
            let dist = if len > 0.0 {
                ((r[0] - p[0]) * d[1] - (r[1] - p[1]) * d[0]).abs() / len
            } else {
                (r[0] - p[0]).hypot(r[1] - p[1])
            };
            if dist > far.0 {
                far = (dist, i);
            }
        }
        if far.0 > tolerance {
            keep[far.1] = true;
            stack.push((a, far.1));
            stack.push((far.1, b));
        }
    }
    line.iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

impl BaseMap {
    pub(crate) fn build(city: &City) -> BaseMap {
        let mut m = BaseMap::default();
        for s in &city.segments {
            let pts: Vec<[i32; 2]> = simplify(&s.line, 4.0)
                .iter()
                .map(|p| city.to_map(*p))
                .collect();
            let target = if s.major { &mut m.major } else { &mut m.minor };
            push_path(target, &pts);
            m.simplified.push(pts);
        }
        for h in &city.hoods {
            for ring in &h.rings {
                let pts: Vec<[i32; 2]> = simplify(ring, 8.0)
                    .iter()
                    .map(|p| city.to_map(*p))
                    .collect();
                push_path(&mut m.hoods, &pts);
                m.hoods.push('Z');
            }
        }
        m
    }
}

fn push_path(out: &mut String, pts: &[[i32; 2]]) {
    for (i, p) in pts.iter().enumerate() {
        let _ = write!(out, "{}{} {}", if i == 0 { 'M' } else { 'L' }, p[0], p[1]);
    }
}

/// Escapes text for SVG/XML (and HTML attributes).
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl City {
    /// Map coordinates: whole metres from the city's top-left corner, y downwards.
    fn to_map(&self, xy: [f64; 2]) -> [i32; 2] {
        [
            (xy[0] - self.bbox[0]).round() as i32,
            (self.bbox[3] - xy[1]).round() as i32,
        ]
    }

    /// Draws the map. The SVG carries a title and a text description listing what it shows, for screen readers.
    pub fn render_svg(&self, view: &MapView) -> String {
        let width = (self.bbox[2] - self.bbox[0]).ceil() as i32;
        let height = (self.bbox[3] - self.bbox[1]).ceil() as i32;
        let mut pts: Vec<[i32; 2]> = view
            .markers
            .iter()
            .map(|m| self.to_map(self.proj.xy(m.at)))
            .collect();
        let route: Vec<[i32; 2]> = view
            .route
            .iter()
            .flatten()
            .map(|p| self.to_map(self.proj.xy(*p)))
            .collect();
        pts.extend(route.iter().copied());
        let (vx, vy, vw, vh) = if view.fit && !pts.is_empty() {
            let margin = 250;
            let x0 = pts.iter().map(|p| p[0]).min().unwrap_or(0) - margin;
            let y0 = pts.iter().map(|p| p[1]).min().unwrap_or(0) - margin;
            let x1 = pts.iter().map(|p| p[0]).max().unwrap_or(width) + margin;
            let y1 = pts.iter().map(|p| p[1]).max().unwrap_or(height) + margin;
            (x0, y0, (x1 - x0).max(400), (y1 - y0).max(300))
        } else {
            (0, 0, width, height)
        };
        let scale = (vw.max(vh) as f64 / 600.0).max(1.0);
        let mut svg = String::with_capacity(64 * 1024);
        // With links on it the map is a group (an image's children are hidden from screen readers).
        let role = if view.markers.iter().any(|m| m.href.is_some()) {
            "group"
        } else {
            "img"
        };
        let _ = write!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="{vx} {vy} {vw} {vh}" role="{role}" aria-labelledby="map-title map-desc" preserveAspectRatio="xMidYMid meet"><title id="map-title">{}</title><desc id="map-desc">"#,
            escape(&view.title)
        );
        if view.markers.is_empty() {
            svg.push_str("Nothing to show on the map.");
        }
        for m in &view.markers {
            let _ = write!(svg, "{}. ", escape(&m.label));
        }
        if view.route.is_some() {
            svg.push_str("The route is drawn as a line.");
        }
        svg.push_str("</desc>");
        // Presentation attributes, not a <style> element: pages forbid inline styles (CSP), and attributes work
        // everywhere. Strokes keep their width on screen whatever the zoom; colours keep at least 3:1 on white.
        const HOOD: &str = r##"fill="none" stroke="#595959" stroke-width="1.5" stroke-dasharray="6 4" vector-effect="non-scaling-stroke""##;
        const MINOR: &str =
            r##"fill="none" stroke="#767676" stroke-width="1" vector-effect="non-scaling-stroke""##;
        const MAJOR: &str = r##"fill="none" stroke="#3b3b3b" stroke-width="2.5" vector-effect="non-scaling-stroke""##;
        const ROUTE: &str = r##"fill="none" stroke="#0b5cad" stroke-width="5" stroke-linejoin="round" vector-effect="non-scaling-stroke""##;
        if view.fit {
            // Only the streets in view.
            let (x1, y1) = (vx + vw, vy + vh);
            let mut minor = String::new();
            let mut major = String::new();
            for (s, line) in self.segments.iter().zip(&self.base_map.simplified) {
                if line
                    .iter()
                    .any(|p| p[0] >= vx && p[0] <= x1 && p[1] >= vy && p[1] <= y1)
                {
                    push_path(if s.major { &mut major } else { &mut minor }, line);
                }
            }
            let _ = write!(
                svg,
                r#"<path class="hood" {HOOD} d="{}"/><path class="minor" {MINOR} d="{minor}"/><path class="major" {MAJOR} d="{major}"/>"#,
                self.base_map.hoods
            );
        } else {
            let _ = write!(
                svg,
                r#"<path class="hood" {HOOD} d="{}"/><path class="minor" {MINOR} d="{}"/><path class="major" {MAJOR} d="{}"/>"#,
                self.base_map.hoods, self.base_map.minor, self.base_map.major
            );
        }
        if route.len() >= 2 {
            let mut d = String::new();
            push_path(&mut d, &route);
            let _ = write!(svg, r#"<path class="route" {ROUTE} d="{d}"/>"#);
        }
        let r = 9.0 * scale;
        for m in &view.markers {
            let p = self.to_map(self.proj.xy(m.at));
            let label = escape(&m.label);
            // A marker that leads somewhere is a link: a tap or a keyboard opens what it marks.
            if let Some(href) = &m.href {
                let _ = write!(svg, r#"<a href="{}" aria-label="{label}">"#, escape(href));
            }
            match m.kind {
                MarkerKind::Team | MarkerKind::Base => {
                    let _ = write!(
                        svg,
                        r##"<rect class="{}" fill="{}" stroke="#fff" stroke-width="1.5" vector-effect="non-scaling-stroke" x="{}" y="{}" width="{s}" height="{s}"><title>{label}</title></rect>"##,
                        m.kind.class(),
                        m.kind.colour(),
                        p[0] as f64 - r,
                        p[1] as f64 - r,
                        s = 2.0 * r
                    );
                }
                _ => {
                    let _ = write!(
                        svg,
                        r#"<circle class="{}" fill="{}" stroke="{}" stroke-width="{}" vector-effect="non-scaling-stroke" cx="{}" cy="{}" r="{}"><title>{label}</title></circle>"#,
                        m.kind.class(),
                        m.kind.colour(),
                        if m.kind == MarkerKind::Focus {
                            "#000"
                        } else {
                            "#fff"
                        },
                        if m.kind == MarkerKind::Focus {
                            2.5
                        } else {
                            1.5
                        },
                        p[0],
                        p[1],
                        if m.kind == MarkerKind::Focus {
                            r * 1.4
                        } else {
                            r
                        }
                    );
                }
            }
            if m.href.is_some() {
                svg.push_str("</a>");
            }
        }
        svg.push_str("</svg>");
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::simplify;

    #[test]
    fn a_straight_line_keeps_its_ends() {
        let line = [[0.0, 0.0], [1.0, 0.001], [2.0, 0.0], [3.0, 0.0]];
        assert_eq!(simplify(&line, 1.0), vec![[0.0, 0.0], [3.0, 0.0]]);
        let bent = [[0.0, 0.0], [5.0, 5.0], [10.0, 0.0]];
        assert_eq!(simplify(&bent, 1.0).len(), 3);
    }
}
