//! The HTML report of `arenapy compare --html REPORT.html`: one self-contained page (inline
//! CSS and SVG, no script, nothing fetched from the network) with the table, the output check
//! and the live-bytes/footprint chart of every strategy.

use super::compare::{series, Comparison};
use super::svg::{chart, human_bytes};
use std::fmt::Write;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page.
pub fn render(c: &Comparison) -> String {
    let cmd = escape(&c.command.join(" "));
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>arenapy compare: {cmd}</title>\n<style>\n\
         body {{ font-family: sans-serif; margin: 2em; color: #222; }}\n\
         table {{ border-collapse: collapse; margin: 1em 0; }}\n\
         th, td {{ border: 1px solid #ccc; padding: 4px 10px; text-align: right; white-space: nowrap; }}\n\
         th {{ background: #f0f0f0; }}\n\
         td:first-child, th:first-child {{ text-align: left; }}\n\
         .ok {{ color: #176117; }}\n\
         .bad {{ color: #b00; font-weight: bold; font-size: 1.2em; }}\n\
         .note {{ color: #555; font-size: 0.9em; max-width: 60em; }}\n\
         </style>\n</head>\n<body>\n\
         <h1>arenapy compare</h1>\n<p><code>{cmd}</code> &mdash; wall time is the median of {} run(s).</p>\n",
        c.repeat
    );
    if c.output_identical {
        s.push_str(
            "<p class=\"ok\" id=\"output-check\">Output: identical under every strategy.</p>\n",
        );
    } else {
        s.push_str("<div class=\"bad\" id=\"output-check\"><p>THE PROGRAM'S OUTPUT DIFFERS BETWEEN STRATEGIES</p><ul>\n");
        for m in &c.mismatches {
            let _ = writeln!(s, "<li>{}</li>", escape(m));
        }
        s.push_str("</ul></div>\n");
    }
    if !c.failures.is_empty() {
        s.push_str("<div class=\"bad\" id=\"failures\"><p>THE PROGRAM DID NOT FINISH UNDER EVERY STRATEGY</p><ul>\n");
        for f in &c.failures {
            let _ = writeln!(
                s,
                "<li>{}: {}<pre class=\"note\">{}</pre></li>",
                escape(&f.allocator),
                escape(&f.reason),
                escape(&f.stderr_tail.join("\n"))
            );
        }
        s.push_str("</ul></div>\n");
    }
    s.push_str(
        "<table id=\"results\">\n<tr><th>strategy</th><th>wall ms</th><th>allocations</th>\
         <th>frees</th><th>peak live</th><th>peak footprint</th><th>footprint at exit</th>\
         <th>fragmentation</th><th>peak RSS</th><th>GC collections</th><th>GC ms</th></tr>\n",
    );
    for r in &c.strategies {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{:.1}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{:.2}</td><td>{}</td><td>{}</td><td>{:.1}</td></tr>",
            escape(&r.allocator),
            r.wall_ms,
            r.stats.allocations,
            r.stats.frees,
            human_bytes(r.stats.peak_live_bytes),
            human_bytes(r.stats.peak_footprint),
            human_bytes(r.stats.footprint_at_exit),
            r.fragmentation,
            human_bytes(r.stats.peak_rss_bytes),
            r.stats.gc_collections,
            r.stats.gc_seconds * 1000.0
        );
    }
    s.push_str("</table>\n<h2>Live bytes and footprint over the run</h2>\n<div id=\"chart\">\n");
    s.push_str(&chart(
        "live bytes (dashed) and footprint (solid)",
        &series(c),
    ));
    s.push_str(
        "\n</div>\n<p class=\"note\">Live bytes are the sizes the interpreter asked for; the \
         footprint is what the strategy holds from the operating system or the allocator \
         beneath (whole arenas for pymalloc, chunks for bump and typed-arena, usable sizes for \
         system and mimalloc). Fragmentation is the peak footprint over the peak live bytes. \
         The x axis counts allocations, so the curves of every strategy line up.</p>\n\
         </body>\n</html>\n",
    );
    s
}
