//! Where, offline: a geocoder working from a city's own street centerlines (house numbers interpolated along
//! address ranges, intersections, named places, neighbourhoods), shortest travel times on the street graph (one-way
//! rules for driving and cycling, none for walking), and an SVG map drawn from the same geometry. Nothing is sent
//! anywhere: the whereabouts of people in crisis stay on the server.
//!
//! The Cambridge files ship in `data/` (City of Cambridge GIS, PDDL); another city loads its own centerline GeoJSON
//! with a [`FieldMap`] naming its fields.

mod geocode;
mod load;
mod map;
mod route;
pub mod text;

pub use geocode::Candidate;
pub use load::{FieldMap, Layers, PlaceLayer};
pub use map::{MapView, Marker, MarkerKind, escape};
pub use route::{Mode, Route, Speeds};

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The side (metres) of the squares short blocks are coarsened to.
const COARSE_CELL: f64 = 150.0;

/// A point on the earth (WGS84 degrees).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    pub fn new(lat: f64, lon: f64) -> Self {
        LatLon { lat, lon }
    }

    /// Great-circle distance in metres (haversine).
    pub fn distance(self, other: LatLon) -> f64 {
        let r = 6_371_008.8;
        let (p1, p2) = (self.lat.to_radians(), other.lat.to_radians());
        let dp = p2 - p1;
        let dl = (other.lon - self.lon).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * r * a.sqrt().asin()
    }
}

/// Why a city could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    #[error("{file}: not GeoJSON: {why}")]
    NotGeoJson { file: String, why: String },
    #[error("{file}: feature {feature}: {why}")]
    Feature {
        file: String,
        feature: usize,
        why: String,
    },
    #[error("{file}: no street segments")]
    Empty { file: String },
}

/// A planar projection in metres around the city's centre (equirectangular; within a city its error is far below
/// a metre per kilometre).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Proj {
    lat0: f64,
    lon0: f64,
    kx: f64,
    ky: f64,
}

impl Proj {
    pub(crate) fn new(lat0: f64, lon0: f64) -> Self {
        let phi = lat0.to_radians();
        // Metres per degree at this latitude (the usual series for the WGS84 ellipsoid).
        let ky = 111_132.954 - 559.822 * (2.0 * phi).cos() + 1.175 * (4.0 * phi).cos();
        let kx = 111_412.84 * phi.cos() - 93.5 * (3.0 * phi).cos();
        Proj { lat0, lon0, kx, ky }
    }
    pub(crate) fn xy(&self, p: LatLon) -> [f64; 2] {
        [(p.lon - self.lon0) * self.kx, (p.lat - self.lat0) * self.ky]
    }
    pub(crate) fn ll(&self, xy: [f64; 2]) -> LatLon {
        LatLon {
            lat: xy[1] / self.ky + self.lat0,
            lon: xy[0] / self.kx + self.lon0,
        }
    }
}

/// One street segment between two nodes.
#[derive(Clone, Debug)]
pub(crate) struct Segment {
    /// The name as the city writes it ("Cambridge St").
    pub label: String,
    /// The streets (name, alias) it belongs to.
    pub streets: Vec<usize>,
    pub from: usize,
    pub to: usize,
    /// Projected points, in the direction the segment was drawn (from `from` to `to`).
    pub line: Vec<[f64; 2]>,
    pub length: f64,
    /// Driving allowed from `from` to `to`, and back.
    pub forward: bool,
    pub backward: bool,
    pub major: bool,
    /// Address ranges on the left and right (seen from `from` looking to `to`).
    pub left: Option<(u32, u32)>,
    pub right: Option<(u32, u32)>,
}

#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub xy: [f64; 2],
    /// The city's number for it (Cambridge: NodeNumber).
    pub number: Option<i64>,
    /// The city's name for it ("Prospect St & Harvard St"), if its files name it.
    pub label: Option<String>,
    /// Normalised names of the streets its label lists.
    pub label_streets: Vec<String>,
    /// Segments meeting here.
    pub segments: Vec<usize>,
}

/// All segments sharing one (normalised) name.
#[derive(Clone, Debug)]
pub(crate) struct Street {
    pub label: String,
    /// "cambridge street"
    pub key: String,
    /// "cambridge"
    pub base: String,
    pub kind: Option<String>,
    pub segments: Vec<usize>,
}

#[derive(Clone, Debug)]
pub(crate) struct Place {
    pub label: String,
    pub kind: String,
    pub key: Vec<String>,
    pub xy: [f64; 2],
}

#[derive(Clone, Debug)]
pub(crate) struct Area {
    pub name: String,
    /// Outer rings then holes, each closed; a point is inside when it is inside an odd number of rings.
    pub rings: Vec<Vec<[f64; 2]>>,
    pub bbox: [f64; 4],
}

impl Area {
    pub(crate) fn contains(&self, p: [f64; 2]) -> bool {
        if p[0] < self.bbox[0] || p[0] > self.bbox[2] || p[1] < self.bbox[1] || p[1] > self.bbox[3]
        {
            return false;
        }
        let mut inside = false;
        for ring in &self.rings {
            let n = ring.len();
            if n < 3 {
                continue;
            }
            let mut j = n - 1;
            for i in 0..n {
                let (a, b) = (ring[i], ring[j]);
                if (a[1] > p[1]) != (b[1] > p[1])
                    && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]
                {
                    inside = !inside;
                }
                j = i;
            }
        }
        inside
    }
}

/// A city's streets, places and neighbourhoods, ready to geocode, route and draw. Built once at start.
pub struct City {
    pub(crate) proj: Proj,
    pub(crate) segments: Vec<Segment>,
    pub(crate) nodes: Vec<Node>,
    pub(crate) streets: Vec<Street>,
    /// Normalised full name -> street; normalised name without its type -> streets.
    pub(crate) by_key: HashMap<String, usize>,
    pub(crate) by_base: HashMap<String, Vec<usize>>,
    pub(crate) places: Vec<Place>,
    pub(crate) hoods: Vec<Area>,
    pub(crate) boundary: Option<Area>,
    /// The city's own name, as tokens, dropped from the end of queries.
    pub(crate) locality: Vec<String>,
    pub(crate) speeds: Speeds,
    /// Projected bounding box of every street: min x, min y, max x, max y.
    pub(crate) bbox: [f64; 4],
    /// A spatial grid of segments for nearest-street questions.
    pub(crate) grid: load::Grid,
    /// The streets and neighbourhoods drawn once (SVG path data).
    pub(crate) base_map: map::BaseMap,
}

impl City {
    /// Cambridge, Massachusetts, from the City's files shipped in this crate.
    pub fn cambridge() -> Result<City, GeoError> {
        City::load(
            &Layers::cambridge(),
            &FieldMap::default(),
            Speeds::default(),
        )
    }

    /// The south-west and north-east corners of its streets.
    pub fn bounds(&self) -> [LatLon; 2] {
        [
            self.proj.ll([self.bbox[0], self.bbox[1]]),
            self.proj.ll([self.bbox[2], self.bbox[3]]),
        ]
    }

    /// How many street segments, nodes, named places and neighbourhoods it knows.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        (
            self.segments.len(),
            self.nodes.len(),
            self.places.len(),
            self.hoods.len(),
        )
    }

    /// The neighbourhood a point is in, if any.
    pub fn neighbourhood(&self, p: LatLon) -> Option<&str> {
        let xy = self.proj.xy(p);
        self.hoods
            .iter()
            .find(|h| h.contains(xy))
            .map(|h| h.name.as_str())
    }

    /// The neighbourhoods' names.
    pub fn neighbourhoods(&self) -> Vec<&str> {
        self.hoods.iter().map(|h| h.name.as_str()).collect()
    }

    /// Whether a point is in the city (inside its boundary, or within 150 m of one of its streets when no
    /// boundary was loaded).
    pub fn covers(&self, p: LatLon) -> bool {
        let xy = self.proj.xy(p);
        match &self.boundary {
            Some(b) => b.contains(xy) || self.nearest_segment(xy, 30.0).is_some(),
            None => self.nearest_segment(xy, 150.0).is_some(),
        }
    }

    /// Where a point is shown to those who do not need it exactly: the middle of its block (the nearest street
    /// segment) when the block is at least 120 m long, else the middle of the 150 m square it lies in (short
    /// blocks and dead ends would give the point away). None far from every street.
    pub fn coarsen(&self, p: LatLon) -> Option<LatLon> {
        let xy = self.proj.xy(p);
        let (seg, _, _) = self.nearest_segment(xy, 300.0)?;
        let s = &self.segments[seg];
        let mid = route::point_at(&s.line, s.length / 2.0);
        if s.length >= 120.0 {
            return Some(self.proj.ll(mid));
        }
        let cell = |v: f64| ((v / COARSE_CELL).floor() + 0.5) * COARSE_CELL;
        Some(self.proj.ll([cell(mid[0]), cell(mid[1])]))
    }
}
