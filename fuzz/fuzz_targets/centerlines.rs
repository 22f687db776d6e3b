//! Another city's street centerline file (from `[geo] centerlines`): any bytes load into a city or are refused with
//! a message, never a panic; a loaded city answers questions without panicking.
#![no_main]
use heart_geo::{City, FieldMap, LatLon, Layers, Mode, Speeds};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let layers = Layers {
        centerlines: ("fuzz.geojson", data),
        intersections: None,
        neighbourhoods: None,
        boundary: None,
        places: Vec::new(),
        locality: "Town",
    };
    if let Ok(city) = City::load(&layers, &FieldMap::default(), Speeds::default()) {
        let _ = city.geocode("1 Main St", 3);
        let p = LatLon::new(42.0, -71.0);
        let _ = city.route(p, p, Mode::Drive);
        let _ = city.reverse(p);
    }
});
