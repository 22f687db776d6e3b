//! Building a [`City`] from GeoJSON: street centerlines (any city's, through a [`FieldMap`]), and optionally named
//! intersections, neighbourhoods, the city boundary and layers of named places.

use crate::map::BaseMap;
use crate::route::{Speeds, project_onto};
use crate::text::{self, split_type, title_case, tokens};
use crate::{Area, City, GeoError, LatLon, Node, Place, Proj, Segment, Street};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// Which property of a centerline feature says what. Defaults are the City of Cambridge's field names.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FieldMap {
    /// The street's full name ("Cambridge St").
    pub street: String,
    /// Another name the same segment goes by.
    pub alias: Option<String>,
    /// Node numbers at the segment's ends; without them, ends that meet (within half a metre) are joined.
    pub from_node: Option<String>,
    pub to_node: Option<String>,
    /// One-way designation and the values meaning "only as drawn" and "only against the drawing".
    pub direction: Option<String>,
    pub one_way_forward: Vec<String>,
    pub one_way_backward: Vec<String>,
    /// Address ranges on each side (as seen walking from the first point to the last).
    pub left_from: Option<String>,
    pub left_to: Option<String>,
    pub right_from: Option<String>,
    pub right_to: Option<String>,
    /// A number above zero marks a major road (drawn heavier, driven faster).
    pub major: Option<String>,
}

impl Default for FieldMap {
    fn default() -> Self {
        let s = |v: &str| Some(v.to_string());
        FieldMap {
            street: "Street".into(),
            alias: s("Alias"),
            from_node: s("FromNode"),
            to_node: s("ToNode"),
            direction: s("Direction"),
            one_way_forward: vec!["1".into()],
            one_way_backward: vec!["-1".into()],
            left_from: s("L_From"),
            left_to: s("L_To"),
            right_from: s("R_From"),
            right_to: s("R_To"),
            major: s("MajorRoad"),
        }
    }
}

/// A layer of named points (places people name: "Central Square", a clinic, a station).
pub struct PlaceLayer<'a> {
    pub file: &'a str,
    pub bytes: &'a [u8],
    /// The property holding the name.
    pub name: &'a str,
    /// What kind of place it is, shown beside the name ("clinic").
    pub kind: &'a str,
    /// Added to the name ("station" for "Central" in a stations layer).
    pub suffix: Option<&'a str>,
}

/// The files a city is built from.
pub struct Layers<'a> {
    pub centerlines: (&'a str, &'a [u8]),
    /// Named nodes: file, bytes, node-number property, name property ("A St & B St").
    pub intersections: Option<(&'a str, &'a [u8], &'a str, &'a str)>,
    /// Neighbourhood polygons: file, bytes, name property.
    pub neighbourhoods: Option<(&'a str, &'a [u8], &'a str)>,
    pub boundary: Option<(&'a str, &'a [u8])>,
    pub places: Vec<PlaceLayer<'a>>,
    /// The city's name, dropped from the end of what people type (", Cambridge, MA").
    pub locality: &'a str,
}

macro_rules! data {
    ($f:literal) => {
        ($f, include_bytes!(concat!("../data/", $f)).as_slice())
    };
}

impl Layers<'static> {
    /// The City of Cambridge's layers shipped in `data/`.
    pub fn cambridge() -> Self {
        let place = |(file, bytes): (&'static str, &'static [u8]),
                     name: &'static str,
                     kind: &'static str,
                     suffix: Option<&'static str>| PlaceLayer {
            file,
            bytes,
            name,
            kind,
            suffix,
        };
        let (ifile, ibytes) = data!("intersections.geojson");
        let (nfile, nbytes) = data!("neighbourhoods.geojson");
        Layers {
            centerlines: data!("centerlines.geojson"),
            intersections: Some((ifile, ibytes, "NodeNumber", "Intersection")),
            neighbourhoods: Some((nfile, nbytes, "NAME")),
            boundary: Some(data!("city_boundary.geojson")),
            places: vec![
                place(
                    data!("subway_stations.geojson"),
                    "STATION",
                    "station",
                    Some("station"),
                ),
                place(
                    data!("community_assets.geojson"),
                    "Organization",
                    "community asset",
                    None,
                ),
                place(data!("health_clinics.geojson"), "SITE_NAME", "clinic", None),
                // The squares people name that the street layer does not (it names Central Sq as a street).
                place(data!("squares.geojson"), "Name", "square", None),
                place(data!("hospitals.geojson"), "SITE_NAME", "hospital", None),
                // The city's "Emergency Shelters" are disaster evacuation sites, not nightly beds.
                place(
                    data!("emergency_shelters.geojson"),
                    "Name",
                    "evacuation site (not a nightly shelter)",
                    None,
                ),
            ],
            locality: "Cambridge",
        }
    }
}

fn parse(file: &str, bytes: &[u8]) -> Result<Vec<Value>, GeoError> {
    let v: Value = serde_json::from_slice(bytes).map_err(|e| GeoError::NotGeoJson {
        file: file.into(),
        why: e.to_string(),
    })?;
    match v.get("features").and_then(Value::as_array) {
        Some(f) => Ok(f.clone()),
        None => Err(GeoError::NotGeoJson {
            file: file.into(),
            why: "no \"features\" array".into(),
        }),
    }
}

fn prop<'v>(f: &'v Value, name: &str) -> Option<&'v Value> {
    f.get("properties")?.get(name).filter(|v| !v.is_null())
}

fn prop_str(f: &Value, name: Option<&String>) -> Option<String> {
    let v = prop(f, name?)?;
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(match n.as_f64() {
            Some(x) if x.fract() == 0.0 => format!("{}", x as i64),
            _ => n.to_string(),
        }),
        _ => None,
    }
}

fn prop_int(f: &Value, name: Option<&String>) -> Option<i64> {
    let v = prop(f, name?)?;
    match v {
        Value::Number(n) => n.as_f64().map(|x| x as i64),
        Value::String(s) => s.trim().parse::<f64>().ok().map(|x| x as i64),
        _ => None,
    }
}

fn coord(v: &Value) -> Option<LatLon> {
    let a = v.as_array()?;
    let (lon, lat) = (a.first()?.as_f64()?, a.get(1)?.as_f64()?);
    (lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0)
        .then_some(LatLon { lat, lon })
}

/// The lines of a LineString or MultiLineString (parts joined in order).
fn line_of(f: &Value) -> Option<Vec<LatLon>> {
    let g = f.get("geometry")?;
    let coords = g.get("coordinates")?.as_array()?;
    let pts: Option<Vec<LatLon>> = match g.get("type")?.as_str()? {
        "LineString" => coords.iter().map(coord).collect(),
        "MultiLineString" => coords
            .iter()
            .flat_map(|part| part.as_array().into_iter().flatten())
            .map(coord)
            .collect(),
        _ => None,
    };
    pts.filter(|p| p.len() >= 2)
}

fn point_of(f: &Value) -> Option<LatLon> {
    let g = f.get("geometry")?;
    (g.get("type")?.as_str()? == "Point")
        .then(|| coord(g.get("coordinates")?))
        .flatten()
}

/// The rings of a Polygon or MultiPolygon.
fn rings_of(f: &Value) -> Option<Vec<Vec<LatLon>>> {
    let g = f.get("geometry")?;
    let coords = g.get("coordinates")?.as_array()?;
    let ring = |r: &Value| -> Option<Vec<LatLon>> { r.as_array()?.iter().map(coord).collect() };
    match g.get("type")?.as_str()? {
        "Polygon" => coords.iter().map(ring).collect(),
        "MultiPolygon" => {
            let mut out = Vec::new();
            for poly in coords {
                for r in poly.as_array()? {
                    out.push(ring(r)?);
                }
            }
            Some(out)
        }
        _ => None,
    }
}

/// The widest a city's streets may spread, and the longest straight piece of a street (metres).
const MAX_EXTENT: f64 = 200_000.0;
const MAX_PIECE: f64 = 20_000.0;

fn length(line: &[[f64; 2]]) -> f64 {
    line.windows(2)
        .map(|w| ((w[1][0] - w[0][0]).powi(2) + (w[1][1] - w[0][1]).powi(2)).sqrt())
        .sum()
}

fn range(f: &Value, from: Option<&String>, to: Option<&String>) -> Option<(u32, u32)> {
    let a = prop_int(f, from).unwrap_or(0).clamp(0, u32::MAX as i64) as u32;
    let b = prop_int(f, to).unwrap_or(0).clamp(0, u32::MAX as i64) as u32;
    (a > 0 || b > 0).then_some({
        if a == 0 {
            (b, b)
        } else if b == 0 {
            (a, a)
        } else {
            (a, b)
        }
    })
}

/// Segments in square cells, for "which street is near this point" without looking at every one.
pub(crate) struct Grid {
    origin: [f64; 2],
    cell: f64,
    cols: usize,
    rows: usize,
    cells: Vec<Vec<usize>>,
}

impl Grid {
    fn new(bbox: [f64; 4], cell: f64, segments: &[Segment]) -> Grid {
        let cols = (((bbox[2] - bbox[0]) / cell).ceil() as usize).max(1);
        let rows = (((bbox[3] - bbox[1]) / cell).ceil() as usize).max(1);
        let mut g = Grid {
            origin: [bbox[0], bbox[1]],
            cell,
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
        };
        for (i, s) in segments.iter().enumerate() {
            let mut seen = Vec::new();
            for w in s.line.windows(2) {
                let (c0, r0) = g.cell_of(w[0]);
                let (c1, r1) = g.cell_of(w[1]);
                for c in c0.min(c1)..=c0.max(c1) {
                    for r in r0.min(r1)..=r0.max(r1) {
                        let k = r * cols + c;
                        if !seen.contains(&k) {
                            seen.push(k);
                            g.cells[k].push(i);
                        }
                    }
                }
            }
        }
        g
    }

    fn cell_of(&self, p: [f64; 2]) -> (usize, usize) {
        let c = ((p[0] - self.origin[0]) / self.cell).floor();
        let r = ((p[1] - self.origin[1]) / self.cell).floor();
        (
            (c.max(0.0) as usize).min(self.cols - 1),
            (r.max(0.0) as usize).min(self.rows - 1),
        )
    }

    /// Segments in the cells within `radius` of `p`.
    pub(crate) fn near(&self, p: [f64; 2], radius: f64, mut each: impl FnMut(usize)) {
        let (c0, r0) = self.cell_of([p[0] - radius, p[1] - radius]);
        let (c1, r1) = self.cell_of([p[0] + radius, p[1] + radius]);
        for r in r0..=r1 {
            for c in c0..=c1 {
                for &s in &self.cells[r * self.cols + c] {
                    each(s);
                }
            }
        }
    }
}

impl City {
    /// Builds a city from its layers. Features without a usable line or name are skipped; a centerline file with
    /// no usable segment at all is an error.
    pub fn load(layers: &Layers<'_>, fields: &FieldMap, speeds: Speeds) -> Result<City, GeoError> {
        let (cfile, cbytes) = layers.centerlines;
        let features = parse(cfile, cbytes)?;
        let proj = projection(cfile, &features)?;
        let named = named_nodes(layers)?;
        let mut nodes = Nodes {
            nodes: Vec::new(),
            by_number: HashMap::new(),
            by_xy: HashMap::new(),
            named: &named,
            proj: &proj,
        };
        let mut segments = Vec::new();
        let mut streets = Streets::default();
        for f in &features {
            let Some(line) = line_of(f) else {
                continue;
            };
            let line: Vec<[f64; 2]> = line.iter().map(|p| proj.xy(*p)).collect();
            let len = length(&line);
            if len.is_nan() || len <= 0.0 {
                continue;
            }
            let (from, to) = nodes.ends_of(f, fields, &line);
            let dir = prop_str(f, fields.direction.as_ref()).unwrap_or_default();
            let (forward, backward) = if fields.one_way_forward.contains(&dir) {
                (true, false)
            } else if fields.one_way_backward.contains(&dir) {
                (false, true)
            } else {
                (true, true)
            };
            let label = prop_str(f, Some(&fields.street)).unwrap_or_default();
            let i = segments.len();
            let on = streets.of(i, [Some(label.clone()), prop_str(f, fields.alias.as_ref())]);
            nodes.nodes[from].segments.push(i);
            if to != from {
                nodes.nodes[to].segments.push(i);
            }
            segments.push(Segment {
                label,
                streets: on,
                from,
                to,
                length: len,
                line,
                forward,
                backward,
                major: prop_int(f, fields.major.as_ref()).unwrap_or(0) > 0,
                left: range(f, fields.left_from.as_ref(), fields.left_to.as_ref()),
                right: range(f, fields.right_from.as_ref(), fields.right_to.as_ref()),
            });
        }
        let bbox = extent(cfile, &segments)?;
        let Streets {
            list: streets,
            by_key,
        } = streets;
        let mut by_base: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, s) in streets.iter().enumerate() {
            by_base.entry(s.base.clone()).or_default().push(i);
        }
        let (hoods, boundary) = areas(layers, &proj)?;
        let places = places(layers, &proj, &hoods, &streets, &segments)?;
        let nodes = nodes.nodes;
        // 100 m cells, or larger so that there are at most about a million.
        let cell = 100f64.max((bbox[2] - bbox[0]).max(bbox[3] - bbox[1]) / 1000.0);
        let grid = Grid::new(bbox, cell, &segments);
        let mut city = City {
            proj,
            segments,
            nodes,
            streets,
            by_key,
            by_base,
            places,
            hoods,
            boundary,
            locality: text::tokens(layers.locality),
            speeds,
            bbox,
            grid,
            base_map: BaseMap::default(),
        };
        city.base_map = BaseMap::build(&city);
        Ok(city)
    }

    /// The segment nearest to `xy` within `radius` metres: its index, the distance along it, and how far away.
    pub(crate) fn nearest_segment(&self, xy: [f64; 2], radius: f64) -> Option<(usize, f64, f64)> {
        let mut best: Option<(usize, f64, f64)> = None;
        self.grid.near(xy, radius, |i| {
            let (along, dist) = project_onto(&self.segments[i].line, xy);
            if dist <= radius && best.is_none_or(|b| dist < b.2) {
                best = Some((i, along, dist));
            }
        });
        best
    }
}

/// The projection, centred on the data.
fn projection(cfile: &str, features: &[Value]) -> Result<Proj, GeoError> {
    let mut sum = (0.0, 0.0, 0usize);
    for f in features {
        if let Some(line) = line_of(f) {
            sum.0 += line[0].lat;
            sum.1 += line[0].lon;
            sum.2 += 1;
        }
    }
    if sum.2 == 0 {
        return Err(GeoError::Empty { file: cfile.into() });
    }
    Ok(Proj::new(sum.0 / sum.2 as f64, sum.1 / sum.2 as f64))
}

/// Named intersections by node number: their points are the nodes' points.
fn named_nodes(layers: &Layers<'_>) -> Result<HashMap<i64, (LatLon, String)>, GeoError> {
    let mut named = HashMap::new();
    if let Some((file, bytes, num, name)) = layers.intersections {
        for f in parse(file, bytes)? {
            let (Some(n), Some(p)) = (prop_int(&f, Some(&num.to_string())), point_of(&f)) else {
                continue;
            };
            let label = prop_str(&f, Some(&name.to_string())).unwrap_or_default();
            named.insert(n, (p, label));
        }
    }
    Ok(named)
}

/// The nodes, made as segments name them: by number, or by position where a segment's end has no number.
struct Nodes<'a> {
    nodes: Vec<Node>,
    by_number: HashMap<i64, usize>,
    by_xy: HashMap<(i64, i64), usize>,
    named: &'a HashMap<i64, (LatLon, String)>,
    proj: &'a Proj,
}

fn grid_key(xy: [f64; 2]) -> (i64, i64) {
    ((xy[0] * 2.0).round() as i64, (xy[1] * 2.0).round() as i64)
}

impl Nodes<'_> {
    /// Where node `n` is, if it is known yet.
    fn at(&self, n: Option<i64>) -> Option<[f64; 2]> {
        let n = n?;
        match self.named.get(&n) {
            Some((p, _)) => Some(self.proj.xy(*p)),
            None => self.by_number.get(&n).map(|&i| self.nodes[i].xy),
        }
    }

    /// The nodes at a segment's two ends. Node numbers are checked against the geometry: a few segments are drawn
    /// against their numbers (swapped), and a number whose node lies far from both ends is not trusted (ends are
    /// joined by position instead).
    fn ends_of(&mut self, f: &Value, fields: &FieldMap, line: &[[f64; 2]]) -> (usize, usize) {
        let (first, last) = (line[0], line[line.len() - 1]);
        let mut fnum = prop_int(f, fields.from_node.as_ref());
        let mut tnum = prop_int(f, fields.to_node.as_ref());
        let d = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).hypot(a[1] - b[1]);
        if let (Some(a), Some(b)) = (self.at(fnum), self.at(tnum))
            && d(a, first) + d(b, last) > d(a, last) + d(b, first)
        {
            std::mem::swap(&mut fnum, &mut tnum);
        }
        if self.at(fnum).is_some_and(|a| d(a, first) > 30.0) {
            fnum = None;
        }
        if self.at(tnum).is_some_and(|b| d(b, last) > 30.0) {
            tnum = None;
        }
        (self.node_for(fnum, first), self.node_for(tnum, last))
    }

    /// The node numbered `number`, or (with no number) the one at `end`; made when there is none yet.
    fn node_for(&mut self, number: Option<i64>, end: [f64; 2]) -> usize {
        if let Some(n) = number
            && let Some(&i) = self.by_number.get(&n)
        {
            return i;
        }
        if number.is_none()
            && let Some(&i) = self.by_xy.get(&grid_key(end))
        {
            return i;
        }
        let (xy, label) = match number.and_then(|n| self.named.get(&n)) {
            Some((p, label)) => (self.proj.xy(*p), Some(label.clone())),
            None => (end, None),
        };
        let label_streets = label
            .as_deref()
            .map(|l| {
                l.split('&')
                    .map(|s| tokens(s).join(" "))
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let i = self.nodes.len();
        self.nodes.push(Node {
            xy,
            number,
            label: label.filter(|l| !l.is_empty()),
            label_streets,
            segments: Vec::new(),
        });
        if let Some(n) = number {
            self.by_number.insert(n, i);
        }
        self.by_xy.insert(grid_key(end), i);
        self.by_xy.entry(grid_key(xy)).or_insert(i);
        i
    }
}

/// The streets, by the key of their name.
#[derive(Default)]
struct Streets {
    list: Vec<Street>,
    by_key: HashMap<String, usize>,
}

impl Streets {
    /// The streets segment `segment` is on, by its name and alias (made when new).
    fn of(&mut self, segment: usize, names: [Option<String>; 2]) -> Vec<usize> {
        let mut on = Vec::new();
        for name in names.into_iter().flatten() {
            let toks = tokens(&name);
            if toks.is_empty() {
                continue;
            }
            let key = toks.join(" ");
            let list = &mut self.list;
            let id = *self.by_key.entry(key.clone()).or_insert_with(|| {
                let (base, kind) = split_type(&toks);
                list.push(Street {
                    label: name.clone(),
                    key,
                    base,
                    kind,
                    segments: Vec::new(),
                });
                list.len() - 1
            });
            if !on.contains(&id) {
                on.push(id);
            }
        }
        for &s in &on {
            self.list[s].segments.push(segment);
        }
        on
    }
}

/// The streets' bounding box. A city's streets: nothing wider than 200 km, no straight piece longer than 20 km
/// (else the file is not in longitude/latitude, or not streets). Also keeps the spatial grid small.
fn extent(cfile: &str, segments: &[Segment]) -> Result<[f64; 4], GeoError> {
    if segments.is_empty() {
        return Err(GeoError::Empty { file: cfile.into() });
    }
    for (i, s) in segments.iter().enumerate() {
        if s.line
            .windows(2)
            .any(|w| (w[1][0] - w[0][0]).hypot(w[1][1] - w[0][1]) > MAX_PIECE)
        {
            return Err(GeoError::Feature {
                file: cfile.into(),
                feature: i,
                why: "a straight piece longer than 20 km: not streets in WGS84 longitude/latitude"
                    .into(),
            });
        }
    }
    let mut bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for s in segments {
        for p in &s.line {
            bbox = [
                bbox[0].min(p[0]),
                bbox[1].min(p[1]),
                bbox[2].max(p[0]),
                bbox[3].max(p[1]),
            ];
        }
    }
    if bbox[2] - bbox[0] > MAX_EXTENT || bbox[3] - bbox[1] > MAX_EXTENT {
        return Err(GeoError::NotGeoJson {
            file: cfile.into(),
            why: "the streets span more than 200 km: one city's streets, in WGS84 longitude/latitude, please"
                .into(),
        });
    }
    Ok(bbox)
}

/// An area (a neighbourhood, the city) in the projection, with its box.
fn area(proj: &Proj, name: String, rings: Vec<Vec<LatLon>>) -> Area {
    let rings: Vec<Vec<[f64; 2]>> = rings
        .iter()
        .map(|r| r.iter().map(|p| proj.xy(*p)).collect())
        .collect();
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for p in rings.iter().flatten() {
        b = [
            b[0].min(p[0]),
            b[1].min(p[1]),
            b[2].max(p[0]),
            b[3].max(p[1]),
        ];
    }
    Area {
        name,
        rings,
        bbox: b,
    }
}

/// The neighbourhoods, and the city's boundary.
fn areas(layers: &Layers<'_>, proj: &Proj) -> Result<(Vec<Area>, Option<Area>), GeoError> {
    let mut hoods = Vec::new();
    if let Some((file, bytes, name)) = layers.neighbourhoods {
        for (i, f) in parse(file, bytes)?.iter().enumerate() {
            let Some(rings) = rings_of(f) else {
                return Err(GeoError::Feature {
                    file: file.into(),
                    feature: i,
                    why: "not a polygon".into(),
                });
            };
            let n = prop_str(f, Some(&name.to_string())).unwrap_or_else(|| format!("Area {i}"));
            hoods.push(area(proj, n, rings));
        }
    }
    let boundary = match layers.boundary {
        Some((file, bytes)) => {
            let mut rings = Vec::new();
            for f in parse(file, bytes)? {
                rings.extend(rings_of(&f).unwrap_or_default());
            }
            (!rings.is_empty()).then(|| area(proj, layers.locality.to_string(), rings))
        }
        None => None,
    };
    Ok((hoods, boundary))
}

/// The places people name: the place layers, the neighbourhoods, and squares named as streets.
fn places(
    layers: &Layers<'_>,
    proj: &Proj,
    hoods: &[Area],
    streets: &[Street],
    segments: &[Segment],
) -> Result<Vec<Place>, GeoError> {
    let mut places = Vec::new();
    for layer in &layers.places {
        for f in parse(layer.file, layer.bytes)? {
            let (Some(name), Some(p)) = (prop_str(&f, Some(&layer.name.to_string())), point_of(&f))
            else {
                continue;
            };
            let mut label = if name.chars().any(|c| c.is_lowercase()) {
                name
            } else {
                title_case(&name)
            };
            if let Some(sfx) = layer.suffix {
                label = format!("{label} {sfx}");
            }
            places.push(Place {
                key: tokens(&label),
                label,
                kind: layer.kind.to_string(),
                xy: proj.xy(p),
            });
        }
    }
    for h in hoods {
        // A neighbourhood is also a place to name; its point is only the middle of its box, so the geocoder
        // never gives it the confidence of an address.
        let mid = [(h.bbox[0] + h.bbox[2]) / 2.0, (h.bbox[1] + h.bbox[3]) / 2.0];
        places.push(Place {
            key: tokens(&h.name),
            label: h.name.clone(),
            kind: "neighbourhood".into(),
            xy: mid,
        });
    }
    // Squares named as streets ("Central Sq") are places people name.
    for st in streets {
        if st.kind.as_deref() == Some("square") {
            let mid = st
                .segments
                .first()
                .map(|&s| crate::route::point_at(&segments[s].line, segments[s].length / 2.0));
            if let Some(xy) = mid {
                places.push(Place {
                    key: tokens(&st.label),
                    // Its kind is added where every place's label is made ("Central Sq (square)").
                    label: st.label.clone(),
                    kind: "square".into(),
                    xy,
                });
            }
        }
    }
    Ok(places)
}
