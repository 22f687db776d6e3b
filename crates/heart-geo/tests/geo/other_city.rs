//! Another city's centerlines, with its own field names and no node numbers: a small grid town.

use heart_geo::{City, FieldMap, LatLon, Layers, Mode, Speeds};
use serde_json::{Value, json};

/// Main St runs east (west to east, one way east on its middle block); Oak St and Elm St cross it, two-way. About
/// 100 m blocks.
pub fn town() -> Vec<u8> {
    let (lat0, lon0) = (44.0, -72.0);
    let dlat = 100.0 / 111_000.0;
    let dlon = 100.0 / 80_000.0;
    let p = |i: f64, j: f64| json!([lon0 + i * dlon, lat0 + j * dlat]);
    let seg = |name: &str, a: Value, b: Value, oneway: &str, lf: u32, lt: u32, rf: u32, rt: u32| {
        json!({"type": "Feature",
               "properties": {"FULL_NAME": name, "ONEWAY": oneway, "L_ADD_FROM": lf, "L_ADD_TO": lt,
                              "R_ADD_FROM": rf, "R_ADD_TO": rt},
               "geometry": {"type": "LineString", "coordinates": [a, b]}})
    };
    let features = vec![
        seg("Main St", p(0.0, 1.0), p(1.0, 1.0), "", 1, 99, 2, 98),
        seg(
            "Main St",
            p(1.0, 1.0),
            p(2.0, 1.0),
            "FT",
            101,
            199,
            102,
            198,
        ),
        seg("Main St", p(2.0, 1.0), p(3.0, 1.0), "", 201, 299, 202, 298),
        seg("Oak St", p(1.0, 0.0), p(1.0, 1.0), "", 1, 49, 2, 48),
        seg("Oak St", p(1.0, 1.0), p(1.0, 2.0), "", 51, 99, 52, 98),
        seg("Elm St", p(2.0, 0.0), p(2.0, 1.0), "", 1, 49, 2, 48),
        seg("Elm St", p(2.0, 1.0), p(2.0, 2.0), "", 51, 99, 52, 98),
        seg("Back Rd", p(1.0, 2.0), p(2.0, 2.0), "", 1, 99, 2, 98),
    ];
    serde_json::to_vec(&json!({"type": "FeatureCollection", "features": features})).unwrap()
}

pub fn fields() -> FieldMap {
    let s = |v: &str| Some(v.to_string());
    FieldMap {
        street: "FULL_NAME".into(),
        alias: None,
        from_node: None,
        to_node: None,
        direction: s("ONEWAY"),
        one_way_forward: vec!["FT".into()],
        one_way_backward: vec!["TF".into()],
        left_from: s("L_ADD_FROM"),
        left_to: s("L_ADD_TO"),
        right_from: s("R_ADD_FROM"),
        right_to: s("R_ADD_TO"),
        major: None,
    }
}

/// A city from centerlines alone.
fn city_of(bytes: &[u8]) -> City {
    let layers = Layers {
        centerlines: ("town.geojson", bytes),
        intersections: None,
        neighbourhoods: None,
        boundary: None,
        places: Vec::new(),
        locality: "Grid Town",
    };
    City::load(&layers, &fields(), Speeds::default()).unwrap()
}

fn load() -> City {
    city_of(&town())
}

#[test]
fn another_city_geocodes_and_routes_with_its_own_fields() {
    let city = load();
    let (segments, nodes, _, _) = city.counts();
    assert_eq!(segments, 8);
    assert_eq!(nodes, 8, "ends that meet are joined without node numbers");
    // 150 Main St: halfway along the middle block, on the right (even side is right; odd left).
    let c = city.geocode("151 Main Street, Grid Town", 1).remove(0);
    assert_eq!(c.label, "151 Main St");
    let expected = LatLon::new(44.0 + 100.0 / 111_000.0, -72.0 + 1.5 * 100.0 / 80_000.0);
    assert!(LatLon::new(c.lat, c.lon).distance(expected) < 20.0, "{c:?}");
    // A corner found from the topology alone.
    let corner = city.geocode("Oak and Main", 1).remove(0);
    assert_eq!(corner.kind, "intersection");
    assert!(
        LatLon::new(corner.lat, corner.lon).distance(LatLon::new(
            44.0 + 100.0 / 111_000.0,
            -72.0 + 100.0 / 80_000.0
        )) < 2.0
    );
    // The one-way block: driving west must go around by Elm, Back Rd and Oak; walking does not.
    let east = LatLon::new(44.0 + 100.0 / 111_000.0, -72.0 + 1.9 * 100.0 / 80_000.0);
    let west = LatLon::new(44.0 + 100.0 / 111_000.0, -72.0 + 1.1 * 100.0 / 80_000.0);
    let walk = city.route(east, west, Mode::Walk).unwrap();
    let drive = city.route(east, west, Mode::Drive).unwrap();
    assert!((walk.meters - 80.0).abs() < 3.0, "{walk:?}");
    assert!(
        (drive.meters - 320.0).abs() < 5.0,
        "around the block: {drive:?}"
    );
    let with = city.route(west, east, Mode::Drive).unwrap();
    assert!((with.meters - 80.0).abs() < 3.0);
    // Outside the town: no reverse answer; no route.
    let far = LatLon::new(45.0, -72.0);
    assert!(city.reverse(far).is_none());
    assert!(city.route(far, east, Mode::Walk).is_none());
}

#[test]
fn a_disconnected_piece_has_no_route_not_a_wrong_one() {
    let mut v: Value = serde_json::from_slice(&town()).unwrap();
    // An island street 1 km away, touching nothing.
    v["features"]
        .as_array_mut()
        .unwrap()
        .push(json!({"type": "Feature",
        "properties": {"FULL_NAME": "Island Way"},
        "geometry": {"type": "LineString", "coordinates": [[-71.985, 44.0], [-71.984, 44.0]]}}));
    let city = city_of(&serde_json::to_vec(&v).unwrap());
    let island = city.geocode("Island Way", 1).remove(0);
    let main = city.geocode("151 Main St", 1).remove(0);
    assert!(
        city.route(
            LatLon::new(island.lat, island.lon),
            LatLon::new(main.lat, main.lon),
            Mode::Walk
        )
        .is_none()
    );
    let etas = city.etas_to(
        LatLon::new(main.lat, main.lon),
        &[LatLon::new(island.lat, island.lon)],
        Mode::Drive,
    );
    assert_eq!(etas, vec![None]);
}

#[test]
fn coarsening_shows_every_point_of_a_block_at_one_place() {
    let city = load();
    let exact = city.geocode("121 Main St", 1).remove(0);
    let shown = city.coarsen(LatLon::new(exact.lat, exact.lon)).unwrap();
    // A 100 m block is short: it is shown at the middle of the 150 m square its middle is in.
    let middle = LatLon::new(44.0 + 100.0 / 111_000.0, -72.0 + 1.5 * 100.0 / 80_000.0);
    assert!(shown.distance(middle) < 110.0, "{shown:?}");
    // Every number on the block is shown at the same point.
    for n in ["181 Main St", "150 Main St", "199 Main St"] {
        let other = city.geocode(n, 1).remove(0);
        assert_eq!(
            city.coarsen(LatLon::new(other.lat, other.lon)),
            Some(shown),
            "{n}"
        );
    }
    // Far from every street: nothing to show.
    assert_eq!(city.coarsen(LatLon::new(45.0, -72.0)), None);
}

#[test]
fn the_map_needs_no_style_sheet_and_names_what_it_shows() {
    let city = load();
    let p = city.geocode("151 Main St", 1).remove(0);
    let svg = city.render_svg(&heart_geo::MapView {
        title: "Town <map>".into(),
        markers: vec![heart_geo::Marker {
            at: LatLon::new(p.lat, p.lon),
            kind: heart_geo::MarkerKind::Request,
            label: "Request: \"waiting\" & more".into(),
            href: None,
        }],
        route: None,
        fit: true,
    });
    // Pages forbid inline styles: everything is in presentation attributes.
    assert!(!svg.contains("<style") && !svg.contains("style="), "{svg}");
    assert!(
        svg.contains(r##"class="minor" fill="none" stroke="#"##),
        "{svg}"
    );
    assert!(
        svg.contains(r##"<circle class="m-request" fill="#b3261e""##),
        "{svg}"
    );
    // Text is escaped, and described for screen readers.
    assert!(
        svg.contains("<title id=\"map-title\">Town &lt;map&gt;</title>"),
        "{svg}"
    );
    assert!(
        svg.contains("Request: &quot;waiting&quot; &amp; more"),
        "{svg}"
    );
    assert!(svg.contains(r#"role="img" aria-labelledby="map-title map-desc""#));
}
