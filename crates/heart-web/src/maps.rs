//! The maps on the board, the request page and the responder view: inline SVG drawn by the server from the
//! city's geometry (no tiles, no JavaScript). A request's exact point is shown only to the team assigned to it,
//! and a team's only to itself; everyone else sees them by block. Marker texts name status and team, never a
//! person.

use crate::ctx::Ctx;
use heart_app::App;
use heart_app::dispatch::TeamNow;
use heart_app::intake::Request;
use heart_domain::ids::TeamId;
use heart_geo::{LatLon, MapView, Marker, MarkerKind, escape};
use serde_json::json;

/// Where a request is drawn for someone: exactly for its assigned team, else the middle of its block.
fn shown(app: &App, r: &Request, viewer_team: Option<TeamId>) -> Option<LatLon> {
    if r.location.withheld {
        return None;
    }
    let p = LatLon::new(r.location.lat?, r.location.lon?);
    if viewer_team.is_some() && viewer_team == r.team_id {
        Some(p)
    } else {
        app.geo()?.coarsen(p)
    }
}

/// A team where it was last seen: exactly for the team itself; for others by block (a team on scene is where a
/// person is). Off-shift teams are not drawn (their last position may be someone's home).
fn team_marker(app: &App, ctx: &Ctx, t: &TeamNow, viewer_team: Option<TeamId>) -> Option<Marker> {
    if t.status == heart_domain::dispatch::TeamStatus::OffShift {
        return None;
    }
    let (lat, lon) = app.whereabouts(&t.row)?;
    let exact = LatLon::new(lat, lon);
    let at = if viewer_team == Some(t.row.id) {
        exact
    } else {
        app.geo()?.coarsen(exact)?
    };
    Some(Marker {
        at,
        kind: MarkerKind::Team,
        label: format!("{} ({})", t.row.name, ctx.tv("team", t.status.as_str())),
        href: None,
    })
}

fn request_label(ctx: &Ctx, r: &Request) -> String {
    format!(
        "{}: {}",
        ctx.t("map-request"),
        ctx.tv("status", r.status.as_str())
    )
}

/// The whole area with every open request (by block) and every team whose position is known.
pub fn board(app: &App, ctx: &Ctx, requests: &[Request], teams: &[TeamNow]) -> String {
    let mut markers: Vec<Marker> = requests
        .iter()
        .filter_map(|r| {
            Some(Marker {
                at: shown(app, r, None)?,
                kind: MarkerKind::Request,
                label: request_label(ctx, r),
                href: Some(format!("/requests/{}", r.id)),
            })
        })
        .collect();
    markers.extend(teams.iter().filter_map(|t| team_marker(app, ctx, t, None)));
    with_tiles(
        app,
        &MapView {
            title: ctx.t("map-board-title"),
            markers,
            route: None,
            fit: false,
        },
    )
}

/// One request, its assigned team, and (for that team) the way there from the team's last known position.
pub fn request(
    app: &App,
    ctx: &Ctx,
    r: &Request,
    viewer_team: Option<TeamId>,
    teams: &[TeamNow],
) -> Option<String> {
    let at = shown(app, r, viewer_team)?;
    let mut markers = vec![Marker {
        at,
        kind: MarkerKind::Focus,
        label: request_label(ctx, r),
        href: None,
    }];
    let assigned = teams.iter().find(|t| Some(t.row.id) == r.team_id);
    if let Some(t) = assigned.and_then(|t| team_marker(app, ctx, t, viewer_team)) {
        markers.push(t);
    }
    let exact = viewer_team.is_some() && viewer_team == r.team_id;
    let route = match (exact, assigned) {
        (true, Some(t)) => match app.whereabouts(&t.row) {
            Some((lat, lon)) => app
                .geo()
                .and_then(|g| g.route(LatLon::new(lat, lon), at, app.config.travel_mode))
                .map(|r| r.path.iter().map(|p| LatLon::new(p[1], p[0])).collect()),
            _ => None,
        },
        _ => None,
    };
    Some(with_tiles(
        app,
        &MapView {
            title: ctx.t(if exact {
                "map-request-exact-title"
            } else {
                "map-request-block-title"
            }),
            markers,
            route,
            fit: true,
        },
    ))
}

/// `https://host[:port]` of a tile URL (checked when the settings were read).
pub fn tile_origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next()?;
    (!host.is_empty() && !host.contains('{')).then(|| format!("{scheme}://{host}"))
}

/// The map drawn by the server, and, when a tile server is configured, what `static/tiles.js` needs to draw the
/// same view over its tiles (the same points: blocks stay blocks).
fn with_tiles(app: &App, view: &MapView) -> String {
    // No map data (it failed to load): no map; the page says where in words.
    let Some(geo) = app.geo() else {
        return String::new();
    };
    let svg = geo.render_svg(view);
    let Some(url) = &app.config.tile_url else {
        return svg;
    };
    let [sw, ne] = geo.bounds();
    let kind = |k: MarkerKind| match k {
        MarkerKind::Request => "request",
        MarkerKind::Focus => "focus",
        MarkerKind::Team => "team",
        MarkerKind::Base => "base",
    };
    let data = json!({
        "markers": view.markers.iter().map(|m| json!({
            "lat": m.at.lat, "lon": m.at.lon, "kind": kind(m.kind), "label": m.label, "href": m.href,
        })).collect::<Vec<_>>(),
        "route": view.route.as_ref().map(|r| r.iter().map(|p| [p.lat, p.lon]).collect::<Vec<_>>()),
        "fit": view.fit,
        "bounds": [[sw.lat, sw.lon], [ne.lat, ne.lon]],
        "title": view.title,
    });
    format!(
        r#"<div class="map-tiles" data-tiles="{}" data-attribution="{}" data-view="{}"></div>{svg}"#,
        escape(url),
        escape(&app.config.tile_attribution),
        escape(&data.to_string())
    )
}
