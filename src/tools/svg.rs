//! The chart of a comparison: live bytes (dashed) and footprint (solid) against allocations,
//! one colour per strategy, as a standalone SVG document (no scripts, no external resources).
//!
//! The x axis counts allocations rather than time: the same program asks for the same blocks
//! under every strategy, so the curves line up, and the chart is the same on every run.

use super::run_stats::Sample;
use std::fmt::Write;

/// Colours for the strategies, in order.
const COLOURS: [&str; 6] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
];

/// Chart size in pixels.
const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 420.0;
const LEFT: f64 = 90.0;
const RIGHT: f64 = 170.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 50.0;

/// A byte count for axis labels and tables: `512 B`, `1.5 KiB`, `12.0 MiB`.
pub fn human_bytes(n: u64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < units.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", units[u])
    }
}

/// A count for axis labels: `950`, `12k`, `3.4M`.
fn human_count(n: f64) -> String {
    if n >= 1e6 {
        format!("{:.1}M", n / 1e6)
    } else if n >= 1e3 {
        format!("{:.0}k", n / 1e3)
    } else {
        format!("{n:.0}")
    }
}

/// A "nice" upper bound and step for an axis from 0 to `max`.
fn nice_axis(max: f64) -> (f64, f64) {
    if max <= 0.0 {
        return (1.0, 0.25);
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    ((max / step).ceil() * step, step)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The plotting area of a chart: axis tops and steps, and the mapping to pixels.
struct Plot {
    x_top: f64,
    y_top: f64,
    pw: f64,
    ph: f64,
}

impl Plot {
    fn px(&self, x: f64) -> f64 {
        LEFT + x / self.x_top * self.pw
    }
    fn py(&self, y: f64) -> f64 {
        TOP + self.ph - y / self.y_top * self.ph
    }
}

/// Opens a chart document for data up to (`max_x`, `max_y`): the title, the grid, the axes
/// labelled with `y_label` for values and `x_label` under the x axis.
fn open_chart(
    title: &str,
    x_label: &str,
    max_x: f64,
    max_y: f64,
    y_label: impl Fn(f64) -> String,
) -> (String, Plot) {
    let (x_top, x_step) = nice_axis(max_x);
    let (y_top, y_step) = nice_axis(max_y);
    let plot = Plot {
        x_top,
        y_top,
        pw: WIDTH - LEFT - RIGHT,
        ph: HEIGHT - TOP - BOTTOM,
    };
    let (pw, ph) = (plot.pw, plot.ph);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"sans-serif\" font-size=\"12\" \
         role=\"img\" aria-label=\"{t}\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{LEFT}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{t}</text>\n",
        t = escape(title)
    );
    let mut y = 0.0;
    while y <= y_top + y_step / 2.0 {
        let _ = writeln!(
            s,
            "<line x1=\"{LEFT}\" y1=\"{yy:.1}\" x2=\"{x2}\" y2=\"{yy:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{lx}\" y=\"{ty:.1}\" text-anchor=\"end\">{label}</text>",
            yy = plot.py(y),
            x2 = LEFT + pw,
            lx = LEFT - 6.0,
            ty = plot.py(y) + 4.0,
            label = y_label(y)
        );
        y += y_step;
    }
    let mut x = 0.0;
    while x <= x_top + x_step / 2.0 {
        let _ = writeln!(
            s,
            "<line x1=\"{xx:.1}\" y1=\"{TOP}\" x2=\"{xx:.1}\" y2=\"{y2}\" stroke=\"#eee\"/>\
             <text x=\"{xx:.1}\" y=\"{ty}\" text-anchor=\"middle\">{label}</text>",
            xx = plot.px(x),
            y2 = TOP + ph,
            ty = TOP + ph + 16.0,
            label = human_count(x)
        );
        x += x_step;
    }
    let _ = writeln!(
        s,
        "<rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{pw}\" height=\"{ph}\" fill=\"none\" stroke=\"#333\"/>\n\
         <text x=\"{cx}\" y=\"{by}\" text-anchor=\"middle\">{xl}</text>",
        cx = LEFT + pw / 2.0,
        by = HEIGHT - 10.0,
        xl = escape(x_label)
    );
    (s, plot)
}

/// A legend entry for series `i`.
fn legend(s: &mut String, plot: &Plot, i: usize, name: &str) {
    let ly = TOP + 10.0 + i as f64 * 20.0;
    let lx = LEFT + plot.pw + 14.0;
    let _ = writeln!(
        s,
        "<line x1=\"{lx}\" y1=\"{ly}\" x2=\"{x2}\" y2=\"{ly}\" stroke=\"{c}\" stroke-width=\"3\"/>\
         <text x=\"{tx}\" y=\"{ty}\">{n}</text>",
        c = COLOURS[i % COLOURS.len()],
        x2 = lx + 24.0,
        tx = lx + 30.0,
        ty = ly + 4.0,
        n = escape(name)
    );
}

/// The chart for `series` (strategy name, samples), with `title` above it and allocations
/// along the x axis.
pub fn chart(title: &str, series: &[(String, Vec<Sample>)]) -> String {
    bytes_chart(title, "allocations", series)
}

/// Live bytes (dashed) and footprint (solid) of each series against `Sample::allocations`,
/// which the x axis calls `x_label`.
pub fn bytes_chart(title: &str, x_label: &str, series: &[(String, Vec<Sample>)]) -> String {
    let max_x = series
        .iter()
        .flat_map(|(_, s)| s.iter().map(|p| p.allocations))
        .max()
        .unwrap_or(0) as f64;
    let max_y = series
        .iter()
        .flat_map(|(_, s)| s.iter().map(|p| p.live.max(p.footprint)))
        .max()
        .unwrap_or(0) as f64;
    let (mut s, plot) = open_chart(title, x_label, max_x, max_y, |y| human_bytes(y as u64));
    let (px, py) = (|x: f64| plot.px(x), |y: f64| plot.py(y));
    let pw = plot.pw;
    // Curves.
    for (i, (name, samples)) in series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        for (dash, pick) in [
            ("", (|p: &Sample| p.footprint) as fn(&Sample) -> u64),
            (" stroke-dasharray=\"5,3\"", |p: &Sample| p.live),
        ] {
            let points: Vec<String> = samples
                .iter()
                .map(|p| format!("{:.1},{:.1}", px(p.allocations as f64), py(pick(p) as f64)))
                .collect();
            let _ = writeln!(
                s,
                "<polyline class=\"series\" data-strategy=\"{n}\" fill=\"none\" stroke=\"{colour}\" \
                 stroke-width=\"2\"{dash} points=\"{pts}\"/>",
                n = escape(name),
                pts = points.join(" ")
            );
        }
        legend(&mut s, &plot, i, name);
    }
    let ly = TOP + 20.0 + series.len() as f64 * 20.0;
    let lx = LEFT + pw + 14.0;
    let _ = writeln!(
        s,
        "<line x1=\"{lx}\" y1=\"{ly}\" x2=\"{x2}\" y2=\"{ly}\" stroke=\"#333\" stroke-width=\"2\"/>\
         <text x=\"{tx}\" y=\"{ty}\">footprint</text>\n\
         <line x1=\"{lx}\" y1=\"{ly2}\" x2=\"{x2}\" y2=\"{ly2}\" stroke=\"#333\" stroke-width=\"2\" stroke-dasharray=\"5,3\"/>\
         <text x=\"{tx}\" y=\"{ty2}\">live bytes</text>\n</svg>",
        x2 = lx + 24.0,
        tx = lx + 30.0,
        ty = ly + 4.0,
        ly2 = ly + 20.0,
        ty2 = ly + 24.0
    );
    s
}

/// One line per series of a ratio (such as footprint over live bytes) against the x values,
/// which the x axis calls `x_label`; values are shown as `1.25x`.
pub fn ratio_chart(title: &str, x_label: &str, series: &[(String, Vec<(u64, f64)>)]) -> String {
    let max_x = series
        .iter()
        .flat_map(|(_, s)| s.iter().map(|p| p.0))
        .max()
        .unwrap_or(0) as f64;
    let max_y = series
        .iter()
        .flat_map(|(_, s)| s.iter().map(|p| p.1))
        .fold(0.0, f64::max);
    let (mut s, plot) = open_chart(title, x_label, max_x, max_y, |y| format!("{y:.2}x"));
    for (i, (name, points)) in series.iter().enumerate() {
        let pts: Vec<String> = points
            .iter()
            .map(|&(x, y)| format!("{:.1},{:.1}", plot.px(x as f64), plot.py(y)))
            .collect();
        let _ = writeln!(
            s,
            "<polyline class=\"series\" data-strategy=\"{n}\" fill=\"none\" stroke=\"{c}\" \
             stroke-width=\"2\" points=\"{p}\"/>",
            n = escape(name),
            c = COLOURS[i % COLOURS.len()],
            p = pts.join(" ")
        );
        legend(&mut s, &plot, i, name);
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_nice_and_bytes_human() {
        assert_eq!(nice_axis(9.0), (10.0, 2.0));
        assert_eq!(nice_axis(1100.0), (1250.0, 250.0));
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(3 << 20), "3.0 MiB");
    }

    #[test]
    fn chart_has_one_polyline_pair_per_strategy() {
        let s = |a, l, f| Sample {
            allocations: a,
            ms: 0.0,
            live: l,
            footprint: f,
        };
        let series = vec![
            (
                "pymalloc".to_string(),
                vec![s(0, 0, 0), s(100, 50, 1 << 20)],
            ),
            ("system".to_string(), vec![s(0, 0, 0), s(100, 50, 80)]),
        ];
        let svg = chart("t <x>", &series);
        assert!(svg.starts_with("<svg"));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<polyline").count(), 4);
        assert!(svg.contains("t &lt;x&gt;"));
    }
}
