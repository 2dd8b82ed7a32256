//! The outputs of `arenapy trace replay` (table, JSON, HTML page) and `arenapy trace stats`.

use super::super::run_stats::Sample;
use super::super::svg::{bytes_chart, human_bytes, ratio_chart};
use arenapy_allocators::trace::replay::{ArenaFigures, Sample as ReplaySample};
use arenapy_allocators::trace::stats::{TraceStats, CLASSES, LIFETIME_BUCKETS};
use arenapy_allocators::trace::{ReplayReport, Totals};
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// A replay of one trace on several strategies.
pub struct Replays {
    /// The trace file.
    pub trace: String,
    /// Its totals.
    pub totals: Totals,
    /// Its size in bytes.
    pub file_bytes: u64,
    /// Timed runs per strategy.
    pub repeat: usize,
    /// One report per strategy, in the order asked.
    pub reports: Vec<ReplayReport>,
}

/// The text table.
pub fn table(r: &Replays) -> String {
    let mut s = format!(
        "trace {}: {} events, peak live {} (every strategy reproduced it), median of {} timed run(s)\n",
        r.trace,
        r.totals.events,
        human_bytes(r.totals.peak_live_bytes),
        r.repeat
    );
    let _ = writeln!(
        s,
        "{:<12} {:>9} {:>14} {:>14} {:>10} {:>12} {:>22}",
        "strategy",
        "ns/event",
        "peak footprint",
        "end footprint",
        "frag.",
        "RSS growth",
        "arenas (alloc/recl/hw)"
    );
    for rep in &r.reports {
        let arenas = rep.arenas.map_or("-".to_string(), |a| {
            format!("{}/{}/{}", a.allocated, a.reclaimed, a.highwater)
        });
        let _ = writeln!(
            s,
            "{:<12} {:>9.2} {:>14} {:>14} {:>10.3} {:>12} {:>22}",
            rep.strategy.name(),
            rep.ns_per_event,
            human_bytes(rep.peak_footprint),
            human_bytes(rep.end_footprint),
            rep.fragmentation(),
            human_bytes(rep.rss_growth),
            arenas
        );
    }
    s
}

#[derive(Serialize)]
struct ReplayJson<'a> {
    trace: &'a str,
    events: u64,
    peak_live_bytes: u64,
    end_live_bytes: u64,
    file_bytes: u64,
    repeat: usize,
    strategies: Vec<StrategyJson>,
}

/// One strategy's figures as JSON (also what a replay child sends its parent).
#[derive(Serialize, Deserialize)]
pub struct StrategyJson {
    strategy: String,
    ns_per_event: f64,
    runs_ns_per_event: Vec<f64>,
    peak_live_bytes: u64,
    peak_footprint: u64,
    end_footprint: u64,
    fragmentation: f64,
    rss_growth_bytes: u64,
    arenas_allocated: Option<u64>,
    arenas_reclaimed: Option<u64>,
    arenas_highwater: Option<u64>,
    events: u64,
    samples: Vec<[u64; 4]>,
}

impl StrategyJson {
    /// The JSON form of a report.
    pub fn from_report(rep: &ReplayReport) -> StrategyJson {
        StrategyJson {
            strategy: rep.strategy.name().to_string(),
            ns_per_event: rep.ns_per_event,
            runs_ns_per_event: rep.runs.clone(),
            peak_live_bytes: rep.peak_live_bytes,
            peak_footprint: rep.peak_footprint,
            end_footprint: rep.end_footprint,
            fragmentation: rep.fragmentation(),
            rss_growth_bytes: rep.rss_growth,
            arenas_allocated: rep.arenas.map(|a| a.allocated),
            arenas_reclaimed: rep.arenas.map(|a| a.reclaimed),
            arenas_highwater: rep.arenas.map(|a| a.highwater),
            events: rep.events,
            samples: rep
                .samples
                .iter()
                .map(|p| [p.event, p.live_bytes, p.footprint, p.rss_growth])
                .collect(),
        }
    }

    /// The report again.
    ///
    /// # Errors
    /// An unknown strategy name.
    pub fn into_report(self) -> Result<ReplayReport, String> {
        let strategy = self.strategy.parse().map_err(|e| format!("{e}"))?;
        let arenas = match (
            self.arenas_allocated,
            self.arenas_reclaimed,
            self.arenas_highwater,
        ) {
            (Some(allocated), Some(reclaimed), Some(highwater)) => Some(ArenaFigures {
                allocated,
                reclaimed,
                highwater,
            }),
            _ => None,
        };
        Ok(ReplayReport {
            strategy,
            events: self.events,
            ns_per_event: self.ns_per_event,
            runs: self.runs_ns_per_event,
            peak_live_bytes: self.peak_live_bytes,
            peak_footprint: self.peak_footprint,
            end_footprint: self.end_footprint,
            rss_growth: self.rss_growth_bytes,
            samples: self
                .samples
                .iter()
                .map(|&[event, live_bytes, footprint, rss_growth]| ReplaySample {
                    event,
                    live_bytes,
                    footprint,
                    rss_growth,
                })
                .collect(),
            arenas,
        })
    }
}

/// The JSON document (samples as `[event, live bytes, footprint, RSS growth]`).
///
/// # Errors
/// Serialization failed.
pub fn json(r: &Replays) -> serde_json::Result<String> {
    let doc = ReplayJson {
        trace: &r.trace,
        events: r.totals.events,
        peak_live_bytes: r.totals.peak_live_bytes,
        end_live_bytes: r.totals.end_live_bytes,
        file_bytes: r.file_bytes,
        repeat: r.repeat,
        strategies: r.reports.iter().map(StrategyJson::from_report).collect(),
    };
    serde_json::to_string_pretty(&doc)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The self-contained HTML page (the style of `arenapy compare --html`): the table, the
/// live-bytes/footprint chart and the fragmentation chart.
pub fn html(r: &Replays) -> String {
    let title = escape(&r.trace);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>arenapy trace replay: {title}</title>\n<style>\n\
         body {{ font-family: sans-serif; margin: 2em; color: #222; }}\n\
         table {{ border-collapse: collapse; margin: 1em 0; }}\n\
         th, td {{ border: 1px solid #ccc; padding: 4px 10px; text-align: right; white-space: nowrap; }}\n\
         th {{ background: #f0f0f0; }}\n\
         td:first-child, th:first-child {{ text-align: left; }}\n\
         .note {{ color: #555; font-size: 0.9em; max-width: 60em; }}\n\
         </style>\n</head>\n<body>\n\
         <h1>arenapy trace replay</h1>\n<p><code>{title}</code>: {} events, peak live bytes {} \
         (reproduced by every strategy); time per event is the median of {} run(s).</p>\n",
        r.totals.events,
        human_bytes(r.totals.peak_live_bytes),
        r.repeat
    );
    s.push_str(
        "<table id=\"results\">\n<tr><th>strategy</th><th>ns/event</th><th>peak live</th>\
         <th>peak footprint</th><th>footprint at end</th><th>fragmentation</th>\
         <th>RSS growth</th><th>arenas allocated</th><th>reclaimed</th><th>high-water</th></tr>\n",
    );
    for rep in &r.reports {
        let a = |f: fn(&ArenaFigures) -> u64| {
            rep.arenas
                .as_ref()
                .map_or("-".to_string(), |x| f(x).to_string())
        };
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{:.2}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.3}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            rep.strategy.name(),
            rep.ns_per_event,
            human_bytes(rep.peak_live_bytes),
            human_bytes(rep.peak_footprint),
            human_bytes(rep.end_footprint),
            rep.fragmentation(),
            human_bytes(rep.rss_growth),
            a(|x| x.allocated),
            a(|x| x.reclaimed),
            a(|x| x.highwater),
        );
    }
    s.push_str("</table>\n<h2>Live bytes and footprint over the trace</h2>\n<div id=\"chart\">\n");
    let series: Vec<(String, Vec<Sample>)> = r
        .reports
        .iter()
        .map(|rep| {
            let points = rep
                .samples
                .iter()
                .map(|p| Sample {
                    allocations: p.event,
                    ms: 0.0,
                    live: p.live_bytes,
                    footprint: p.footprint,
                })
                .collect();
            (rep.strategy.name().to_string(), points)
        })
        .collect();
    s.push_str(&bytes_chart(
        "live bytes (dashed) and footprint (solid)",
        "heap events",
        &series,
    ));
    s.push_str("\n</div>\n<h2>Fragmentation over the trace</h2>\n<div id=\"fragmentation\">\n");
    let ratios: Vec<(String, Vec<(u64, f64)>)> = r
        .reports
        .iter()
        .map(|rep| {
            let points = rep
                .samples
                .iter()
                .filter(|p| p.live_bytes > 0)
                .map(|p| (p.event, p.footprint as f64 / p.live_bytes as f64))
                .collect();
            (rep.strategy.name().to_string(), points)
        })
        .collect();
    s.push_str(&ratio_chart(
        "footprint / live bytes",
        "heap events",
        &ratios,
    ));
    s.push_str(
        "\n</div>\n<p class=\"note\">The replay runs the recorded requests against each strategy \
         with no interpreter. Live bytes are the requested sizes; the footprint is what the \
         strategy holds from the operating system or the allocator beneath. Fragmentation in \
         the table is the peak footprint over the peak live bytes. RSS growth is the process's \
         resident memory above its level before the replay (pages touched).</p>\n\
         </body>\n</html>\n",
    );
    s
}

/// The text of `arenapy trace stats`, with the `top` sites by bytes and by count.
pub fn stats_text(st: &TraceStats, top: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "events            {:>14}\n  allocations     {:>14}\n  frees           {:>14}\n  \
         reallocs        {:>14}\ncollections       {:>14} (gen0 {}, gen1 {}, gen2 {})\n\
         trace size        {:>14} bytes ({:.2} bytes/event)\n\
         bytes requested   {:>14}\npeak live bytes   {:>14}\npeak live blocks  {:>14}\n\
         live at the end   {:>14} blocks, {} bytes",
        st.totals.events,
        st.allocs,
        st.frees,
        st.reallocs,
        st.collections.iter().sum::<u64>(),
        st.collections[0],
        st.collections[1],
        st.collections[2],
        st.file_bytes,
        st.bytes_per_event(),
        st.bytes_requested,
        st.totals.peak_live_bytes,
        st.peak_blocks,
        st.live_at_end,
        st.totals.end_live_bytes
    );
    let sized = st.allocs + st.reallocs;
    let pct = |n: u64| {
        if sized == 0 {
            0.0
        } else {
            100.0 * n as f64 / sized as f64
        }
    };
    s.push_str("\nsizes (pymalloc size classes, then large requests by power of two)\n");
    for i in 0..CLASSES {
        if st.small[i] > 0 {
            let _ = writeln!(
                s,
                "  {:>12} {:>12} {:>6.2}%",
                TraceStats::class_label(i),
                st.small[i],
                pct(st.small[i])
            );
        }
    }
    for (k, &n) in st.large.iter().enumerate() {
        if n > 0 {
            let lo = (1u64 << (k - 1)).max(512) + 1;
            let _ = writeln!(
                s,
                "  {:>12} {:>12} {:>6.2}%",
                format!("{lo}-{}", 1u64 << k),
                n,
                pct(n)
            );
        }
    }
    s.push_str("\nlifetimes (heap events between allocation and free)\n");
    for (k, &n) in st.lifetimes.iter().enumerate() {
        if n > 0 {
            let lo = if k == 0 { 0 } else { 1u64 << k };
            let label = if k + 1 == LIFETIME_BUCKETS {
                format!("{lo}-")
            } else {
                format!("{lo}-{}", (2u64 << k) - 1)
            };
            let _ = writeln!(s, "  {label:>14} {n:>12}");
        }
    }
    if !st.sites.is_empty() {
        let _ = writeln!(s, "\ntop {top} sites by bytes");
        for site in st.sites.iter().take(top) {
            let _ = writeln!(s, "  {:>14} {:>10}  {}", site.bytes, site.count, site.site);
        }
        let mut by_count: Vec<_> = st.sites.iter().collect();
        by_count.sort_by(|a, b| b.count.cmp(&a.count).then(a.site.cmp(&b.site)));
        let _ = writeln!(s, "\ntop {top} sites by count");
        for site in by_count.into_iter().take(top) {
            let _ = writeln!(s, "  {:>10} {:>14}  {}", site.count, site.bytes, site.site);
        }
    }
    s
}

#[derive(Serialize)]
struct StatsJson<'a> {
    events: u64,
    allocations: u64,
    frees: u64,
    reallocs: u64,
    collections: [u64; 3],
    file_bytes: u64,
    bytes_per_event: f64,
    bytes_requested: u64,
    peak_live_bytes: u64,
    peak_live_blocks: u64,
    end_live_bytes: u64,
    end_live_blocks: u64,
    size_classes: Vec<(String, u64)>,
    large_by_power_of_two: Vec<(u64, u64)>,
    lifetimes_by_power_of_two: Vec<(u64, u64)>,
    sites: Vec<(&'a str, u64, u64)>,
}

/// The non-empty buckets of a power-of-two histogram as (bucket's upper bound, count).
fn by_power_of_two(counts: &[u64]) -> Vec<(u64, u64)> {
    counts
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(k, &n)| (1u64 << k, n))
        .collect()
}

/// `arenapy trace stats --json`.
///
/// # Errors
/// Serialization failed.
pub fn stats_json(st: &TraceStats) -> serde_json::Result<String> {
    let doc = StatsJson {
        events: st.totals.events,
        allocations: st.allocs,
        frees: st.frees,
        reallocs: st.reallocs,
        collections: st.collections,
        file_bytes: st.file_bytes,
        bytes_per_event: st.bytes_per_event(),
        bytes_requested: st.bytes_requested,
        peak_live_bytes: st.totals.peak_live_bytes,
        peak_live_blocks: st.peak_blocks,
        end_live_bytes: st.totals.end_live_bytes,
        end_live_blocks: st.live_at_end,
        size_classes: (0..CLASSES)
            .map(|i| (TraceStats::class_label(i), st.small[i]))
            .collect(),
        large_by_power_of_two: by_power_of_two(&st.large),
        lifetimes_by_power_of_two: by_power_of_two(&st.lifetimes),
        sites: st
            .sites
            .iter()
            .map(|s| (s.site.as_str(), s.bytes, s.count))
            .collect(),
    };
    serde_json::to_string_pretty(&doc)
}
