//! Charts drawn on the server as SVG: bars by month, a stacked bar by outcome, a line for p50/p90 times. Each is
//! an image with a title and a description (the sentence a screen reader reads); the page puts the same numbers in
//! a table below it.

use super::label;
use crate::ctx::Ctx;
use heart_app::impact::{Impact, Shown, Table, Transparency};

/// A chart ready for the page: its id, its title, the sentence that says what it shows, and the drawing.
pub(crate) struct Chart {
    pub id: &'static str,
    pub title: String,
    pub summary: String,
    pub svg: String,
}

const W: f64 = 640.0;
const H: f64 = 240.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 36.0;
const TOP: f64 = 12.0;
/// Colours with at least 3:1 against white (WCAG 1.4.11), told apart by the legend's words too.
const COLOURS: [&str; 7] = [
    "#1f5f8b", "#b8461b", "#2e7d32", "#6a1b9a", "#8d6e00", "#00695c", "#ad1457",
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The frame: the y axis with a few ticks up to `max`, and the month labels under `n` slots.
fn frame(out: &mut String, max: f64, months: &[String], unit: &str) {
    let plot_h = H - BOTTOM - TOP;
    for i in 0..=4 {
        let v = max * f64::from(i) / 4.0;
        let y = TOP + plot_h - plot_h * f64::from(i) / 4.0;
        out.push_str(&format!(
            "<line x1=\"{LEFT}\" x2=\"{W}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ccc\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"11\" fill=\"#222\">{}{}</text>",
            LEFT - 4.0,
            y + 4.0,
            v.round(),
            esc(unit)
        ));
    }
    let slot = (W - LEFT) / months.len().max(1) as f64;
    let every = months.len().div_ceil(12).max(1);
    for (i, m) in months.iter().enumerate() {
        if i % every == 0 {
            out.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#222\">{}</text>",
                LEFT + slot * (i as f64 + 0.5),
                H - BOTTOM + 16.0,
                esc(m)
            ));
        }
    }
}

fn open(title: &str, summary: &str, id: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" role=\"img\" \
         aria-labelledby=\"{id}-t {id}-d\" class=\"chart\"><title id=\"{id}-t\">{}</title>\
         <desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(summary)
    )
}

/// Stacked bars, one per row of `cells`, one colour per column (a single column: plain bars).
fn bars(
    id: &'static str,
    title: String,
    summary: String,
    months: &[String],
    cells: &[Vec<u64>],
) -> Chart {
    let max = cells
        .iter()
        .map(|r| r.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut out = open(&title, &summary, id);
    frame(&mut out, max, months, "");
    let plot_h = H - BOTTOM - TOP;
    let slot = (W - LEFT) / months.len().max(1) as f64;
    for (i, row) in cells.iter().enumerate() {
        let mut y = TOP + plot_h;
        for (c, n) in row.iter().enumerate() {
            let h = plot_h * *n as f64 / max;
            if h <= 0.0 {
                continue;
            }
            y -= h;
            out.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{}\"/>",
                LEFT + slot * (i as f64 + 0.15),
                slot * 0.7,
                COLOURS[c % COLOURS.len()]
            ));
        }
    }
    out.push_str("</svg>");
    Chart {
        id,
        title,
        summary,
        svg: out,
    }
}

/// The legend of a stacked chart, as words beside colour swatches (shown under it on the page).
pub(crate) fn legend(ctx: &Ctx, t: &Table) -> Vec<(String, &'static str)> {
    t.columns
        .iter()
        .enumerate()
        .map(|(c, code)| (label(ctx, t.name, code), COLOURS[c % COLOURS.len()]))
        .collect()
}

/// Lines for p50 and p90 (minutes), a point per month with a value.
fn lines(
    id: &'static str,
    title: String,
    summary: String,
    months: &[String],
    series: &[Vec<Option<i64>>],
) -> Chart {
    let max = series
        .iter()
        .flatten()
        .flatten()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut out = open(&title, &summary, id);
    frame(&mut out, max, months, "");
    let plot_h = H - BOTTOM - TOP;
    let slot = (W - LEFT) / months.len().max(1) as f64;
    for (s, values) in series.iter().enumerate() {
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let v = (*v)? as f64;
                Some(format!(
                    "{:.1},{:.1}",
                    LEFT + slot * (i as f64 + 0.5),
                    TOP + plot_h - plot_h * v / max
                ))
            })
            .collect();
        let colour = COLOURS[s % COLOURS.len()];
        let dash = if s == 1 {
            " stroke-dasharray=\"6 3\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash} points=\"{}\"/>",
            points.join(" ")
        ));
        for p in &points {
            let (x, y) = p.split_once(',').unwrap_or(("0", "0"));
            out.push_str(&format!(
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"3\" fill=\"{colour}\"/>"
            ));
        }
    }
    out.push_str("</svg>");
    Chart {
        id,
        title,
        summary,
        svg: out,
    }
}

pub(crate) fn team_charts(ctx: &Ctx, i: &Impact) -> Vec<Chart> {
    let mut charts = Vec::new();
    if let Some(t) = i.table("channel") {
        let totals: Vec<Vec<u64>> = (0..t.rows.len()).map(|r| vec![t.row_total(r)]).collect();
        let busiest = (0..t.rows.len()).max_by_key(|r| t.row_total(*r));
        let summary = match busiest {
            Some(r) => ctx.t_args2(
                "impact-chart-requests-summary",
                "n",
                &i.requests.to_string(),
                "name",
                &format!("{} ({})", t.rows[r], t.row_total(r)),
            ),
            None => ctx.t("impact-none"),
        };
        charts.push(bars(
            "chart-requests",
            ctx.t("impact-chart-requests"),
            summary,
            &t.rows,
            &totals,
        ));
    }
    if let Some(t) = i.table("outcome") {
        let parts: Vec<String> = (0..t.columns.len())
            .filter(|c| t.column_total(*c) > 0)
            .map(|c| {
                format!(
                    "{} {}",
                    label(ctx, "outcome", &t.columns[c]),
                    t.column_total(c)
                )
            })
            .collect();
        let summary = ctx.t1("impact-chart-outcomes-summary", "name", &parts.join(", "));
        charts.push(bars(
            "chart-outcomes",
            ctx.t("impact-chart-outcomes"),
            summary,
            &t.rows,
            &t.cells,
        ));
    }
    let months: Vec<String> = i
        .table("channel")
        .map(|t| t.rows.clone())
        .unwrap_or_default();
    let of = |p50: bool| -> Vec<Option<i64>> {
        months
            .iter()
            .map(|m| {
                i.times
                    .iter()
                    .find(|f| &f.month == m && f.channel.is_none() && f.step == "reply")
                    .and_then(|f| if p50 { f.p50_minutes } else { f.p90_minutes })
            })
            .collect()
    };
    let (p50, p90) = (of(true), of(false));
    let last = p50.iter().rposition(Option::is_some);
    let summary = match last {
        Some(k) => ctx.t_args2(
            "impact-chart-times-summary",
            "name",
            &months[k],
            "n",
            &format!("{} / {}", p50[k].unwrap_or(0), p90[k].unwrap_or(0)),
        ),
        None => ctx.t("impact-none"),
    };
    charts.push(lines(
        "chart-times",
        ctx.t("impact-chart-times"),
        summary,
        &months,
        &[p50, p90],
    ));
    charts
}

/// The public page's chart: requests by month, months whose count is hidden drawn as no bar and said so.
pub(crate) fn public_chart(ctx: &Ctx, t: &Transparency) -> Option<Chart> {
    let table = t.tables.iter().find(|x| x.name == "channel")?;
    let cells: Vec<Vec<u64>> = table
        .row_totals
        .iter()
        .map(|s| vec![if let Shown::Count(n) = s { *n } else { 0 }])
        .collect();
    let shown = table
        .row_totals
        .iter()
        .filter(|s| matches!(s, Shown::Count(_)))
        .count();
    let summary = ctx.t_args2(
        "transparency-chart-summary",
        "n",
        &shown.to_string(),
        "count",
        &table.rows.len().to_string(),
    );
    Some(bars(
        "chart-public",
        ctx.t("impact-chart-requests"),
        summary,
        &table.rows,
        &cells,
    ))
}
