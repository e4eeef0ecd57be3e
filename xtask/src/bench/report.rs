//! bench/REPORT.md (tables and budgets), bench/report.json and two SVG charts.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::json;

use super::bundle::Bundle;
use super::figures_json;
use super::lighthouse::Page;
use super::load::Figure;
use crate::Result;

pub struct Report {
    pub app: Bundle,
    pub counter: Bundle,
    pub api: Vec<Figure>,
    pub api_pg: Vec<Figure>,
    pub growth: Vec<(u64, Vec<Figure>)>,
    pub pages: Vec<Page>,
    pub counts: String,
    pub seed_seconds: f64,
    pub total_seconds: f64,
}

const SHELL_BUDGET_KB: f64 = 250.0;

fn kb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1000.0)
}

struct Budget {
    name: String,
    target: String,
    measured: String,
    met: Option<bool>,
}

impl Report {
    fn health(&self, c: u32) -> f64 {
        figure_at(&self.api, "health", c).map_or(f64::NAN, |f| f.rps)
    }

    fn budgets(&self) -> Vec<Budget> {
        let mut out = Vec::new();
        let shell = self.app.total().brotli as f64 / 1000.0;
        out.push(Budget {
            name: "App shell first load (html+js+wasm+css, brotli)".into(),
            target: format!("≤ {SHELL_BUDGET_KB} KB"),
            measured: format!("{shell:.1} KB"),
            met: Some(shell <= SHELL_BUDGET_KB),
        });
        let lighthouse =
            |what: &str, ok: &dyn Fn(&Page) -> bool, show: &dyn Fn(&Page) -> String| Budget {
                name: what.into(),
                target: String::new(),
                measured: if self.pages.is_empty() {
                    "not measured".into()
                } else {
                    self.pages
                        .iter()
                        .map(|p| format!("{} {}", p.name, show(p)))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                met: (!self.pages.is_empty()).then(|| self.pages.iter().all(ok)),
            };
        let mut b = lighthouse(
            "Lighthouse performance, every page",
            &|p| p.score >= 95.0,
            &|p| format!("{:.0}", p.score),
        );
        b.target = "≥ 95".into();
        out.push(b);
        let mut b = lighthouse("LCP (mobile, loopback)", &|p| p.lcp_ms <= 1500.0, &|p| {
            format!("{:.2} s", p.lcp_ms / 1000.0)
        });
        b.target = "≤ 1.5 s".into();
        out.push(b);
        let mut b = lighthouse("CLS (mobile, loopback)", &|p| p.cls <= 0.05, &|p| {
            format!("{:.3}", p.cls)
        });
        b.target = "≤ 0.05".into();
        out.push(b);
        let health = self.health(100);
        let reads: Vec<&Figure> = self
            .api
            .iter()
            .filter(|f| f.connections == 100 && is_read(&f.endpoint) && f.endpoint != "health")
            .collect();
        out.push(Budget {
            name: "Read endpoints' throughput at 100 connections".into(),
            target: "≥ 0.5 × health".into(),
            measured: reads
                .iter()
                .map(|f| format!("{} {:.2}×", f.endpoint, f.rps / health))
                .collect::<Vec<_>>()
                .join(", "),
            met: Some(reads.iter().all(|f| f.rps / health >= 0.5)),
        });
        out.push(Budget {
            name: "Read endpoints' p99 at 100 connections".into(),
            target: "≤ 25 ms".into(),
            measured: reads
                .iter()
                .map(|f| format!("{} {:.1} ms", f.endpoint, f.p99_ms))
                .collect::<Vec<_>>()
                .join(", "),
            met: Some(reads.iter().all(|f| f.p99_ms <= 25.0)),
        });
        let bookings = self
            .api
            .iter()
            .filter(|f| f.endpoint == "booking")
            .map(|f| f.rps)
            .fold(0.0, f64::max);
        out.push(Budget {
            name: "Bookings on SQLite (best concurrency)".into(),
            target: "≥ 500/s".into(),
            measured: format!("{bookings:.0}/s"),
            met: Some(bookings >= 500.0),
        });
        out
    }

    pub fn write(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        let budgets = self.budgets();
        let json = json!({
            "generated_at": chrono_now(),
            "machine": machine(),
            "database": {"rows": self.counts, "seed_seconds": self.seed_seconds},
            "total_seconds": self.total_seconds,
            "bundle": {"app": self.app.to_json(), "counter": self.counter.to_json()},
            "api": {"sqlite": figures_json(&self.api), "postgresql": figures_json(&self.api_pg)},
            "growth": self.growth.iter().map(|(claims, f)| json!({"claims": claims, "figures": figures_json(f)})).collect::<Vec<_>>(),
            "pages": self.pages.iter().map(Page::to_json).collect::<Vec<_>>(),
            "budgets": budgets.iter().map(|b| json!({"budget": b.name, "target": b.target, "measured": b.measured, "met": b.met})).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("report.json"), text + "\n").map_err(|e| e.to_string())?;
        std::fs::write(dir.join("bundle.svg"), self.bundle_svg()).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("growth.svg"), self.growth_svg()).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("REPORT.md"), self.markdown(&budgets))
            .map_err(|e| e.to_string())?;
        Ok(())
    }

    fn markdown(&self, budgets: &[Budget]) -> String {
        let mut md = String::new();
        let _ = writeln!(md, "# Aftercare benchmark report\n");
        let _ = writeln!(
            md,
            "Written by `cargo xtask bench` on {} ({}), in {:.1} min. How to run and read it: \
             [docs/PERFORMANCE.md](../docs/PERFORMANCE.md). The machine may be shared with \
             other builds: figures are noisy, ratios within one run are the reliable part.\n",
            chrono_now(),
            machine(),
            self.total_seconds / 60.0
        );
        let _ = writeln!(
            md,
            "## Budgets\n\n| Budget | Target | Measured | Met |\n|---|---|---|---|"
        );
        for b in budgets {
            let met = match b.met {
                Some(true) => "yes",
                Some(false) => "**no**",
                None => "not measured",
            };
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                b.name, b.target, b.measured, met
            );
        }
        let health = self.health(100);
        let pg_health = figure_at(&self.api_pg, "health", 100).map_or(f64::NAN, |f| f.rps);
        let _ = writeln!(md, "\n## Headline (100 connections)\n\n| Endpoint | SQLite req/s | × health | p50 ms | p99 ms | PostgreSQL req/s | × health | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for f in self.api.iter().filter(|f| f.connections == 100) {
            let pg = figure_at(&self.api_pg, &f.endpoint, 100).map_or_else(
                || "| – | – | – | –".to_owned(),
                |p| {
                    format!(
                        "| {:.0} | {:.2} | {:.2} | {:.2}",
                        p.rps,
                        p.rps / pg_health,
                        p.p50_ms,
                        p.p99_ms
                    )
                },
            );
            let _ = writeln!(
                md,
                "| {} | {:.0} | {:.2} | {:.2} | {:.2} {pg} |",
                f.endpoint,
                f.rps,
                f.rps / health,
                f.p50_ms,
                f.p99_ms
            );
        }
        let _ = writeln!(md, "\n## Bundle\n\nFirst-load files at the top of `dist/` (index.html, boot.js and the wasm-bindgen glue, the wasm, the stylesheet), beside a minimal Leptos counter built with the same `wasm-release` profile and `wasm-opt -Oz`. Kilobytes (1,000 bytes).\n\n![bundle](bundle.svg)\n\n| Kind | App raw | App gzip | App brotli | Counter raw | Counter gzip | Counter brotli |\n|---|---:|---:|---:|---:|---:|---:|");
        let app_total = self.app.total();
        let counter_total = self.counter.total();
        for ((kind, a), (_, c)) in self
            .app
            .kinds()
            .into_iter()
            .chain([("**total**", &app_total)])
            .zip(
                self.counter
                    .kinds()
                    .into_iter()
                    .chain([("", &counter_total)]),
            )
        {
            let _ = writeln!(
                md,
                "| {kind} | {} | {} | {} | {} | {} | {} |",
                kb(a.raw),
                kb(a.gzip),
                kb(a.brotli),
                kb(c.raw),
                kb(c.gzip),
                kb(c.brotli)
            );
        }
        let _ = writeln!(md, "\nLargest wasm functions (bytes before `wasm-opt`, from the `name` section of cargo's output; `twiggy top`/`twiggy dominators` give more when installed):\n\n| Function | Bytes |\n|---|---:|");
        for (name, bytes) in &self.app.top_functions {
            let short: String = name.chars().take(110).collect();
            let _ = writeln!(md, "| `{}` | {bytes} |", short.replace('|', "\\|"));
        }
        let _ = writeln!(md, "\n## Page loads\n\nLighthouse 12, default mobile emulation (Moto G Power, slow 4G throttling simulated), Debian Chromium headless, signed in by session cookie (the sign-in page signed out). Median of three runs.\n");
        if self.pages.is_empty() {
            let _ = writeln!(
                md,
                "Not measured in this run (Lighthouse did not run; see the bench output)."
            );
        } else {
            let _ = writeln!(md, "| Page | Path | Performance | FCP ms | LCP ms | TBT ms | CLS |\n|---|---|---:|---:|---:|---:|---:|");
            for p in &self.pages {
                let _ = writeln!(
                    md,
                    "| {} | `{}` | {:.0} | {:.0} | {:.0} | {:.0} | {:.3} |",
                    p.name, p.path, p.score, p.fcp_ms, p.lcp_ms, p.tbt_ms, p.cls
                );
            }
        }
        for (database, figures) in [("SQLite", &self.api), ("PostgreSQL", &self.api_pg)] {
            let _ = writeln!(md, "\n## API ({database}), every concurrency\n\nwrk on loopback, {}s a run, 2 threads (1 at one connection). Writes: each request books a different free place / files on a different product; \"not 2xx\" counts refusals (e.g. no place left).{}\n", super::SECONDS, if database == "PostgreSQL" { " The same rows as the SQLite database, copied into a throwaway PostgreSQL cluster on this machine with `fsync=on`; the server's pool has 20 connections." } else { "" });
            if figures.is_empty() {
                let _ = writeln!(md, "Not measured in this run (see the bench output).");
                continue;
            }
            let _ = writeln!(md, "| Endpoint | Connections | req/s | × health | p50 ms | p99 ms | not 2xx |\n|---|---:|---:|---:|---:|---:|---:|");
            for f in figures.iter() {
                let health =
                    figure_at(figures, "health", f.connections).map_or(f64::NAN, |h| h.rps);
                let _ = writeln!(
                    md,
                    "| {} | {} | {:.0} | {:.2} | {:.2} | {:.2} | {} |",
                    f.endpoint,
                    f.connections,
                    f.rps,
                    f.rps / health,
                    f.p50_ms,
                    f.p99_ms,
                    f.failed
                );
            }
        }
        let _ = writeln!(md, "\n## Growth\n\nThe read endpoints at 100 connections (2 s a run) as the claims grow; latency should stay flat.\n\n![growth](growth.svg)\n\n| Claims | Endpoint | req/s | p50 ms | p99 ms |\n|---:|---|---:|---:|---:|");
        for (claims, figures) in &self.growth {
            for f in figures {
                let _ = writeln!(
                    md,
                    "| {claims} | {} | {:.0} | {:.2} | {:.2} |",
                    f.endpoint, f.rps, f.p50_ms, f.p99_ms
                );
            }
        }
        let _ = writeln!(md, "\n## Data\n\nRows (users, registered products, claims, claim events, appointments): {}; seeding and growth measurements took {:.0} s.", self.counts.replace(' ', " / "), self.seed_seconds);
        md
    }

    fn bundle_svg(&self) -> String {
        let rows: Vec<(String, u64, u64)> = self
            .app
            .kinds()
            .into_iter()
            .zip(self.counter.kinds())
            .map(|((k, a), (_, c))| (k.to_owned(), a.brotli, c.brotli))
            .chain([(
                "total".to_owned(),
                self.app.total().brotli,
                self.counter.total().brotli,
            )])
            .collect();
        let max = rows
            .iter()
            .map(|r| r.1.max(r.2))
            .max()
            .unwrap_or(1)
            .max(250_000) as f64;
        let (w, row_h) = (640.0, 44.0);
        let h = 60.0 + row_h * rows.len() as f64;
        let scale = |v: f64| v / max * (w - 220.0);
        let mut s = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12"><title>First-load bytes, brotli: app vs Leptos counter</title><rect width="100%" height="100%" fill="white"/><text x="10" y="20" font-size="14">First load, brotli (KB): app (blue) vs Leptos counter (grey); red line = 250 KB budget</text>"#
        );
        for (i, (kind, a, c)) in rows.iter().enumerate() {
            let y = 40.0 + row_h * i as f64;
            let _ = write!(
                s,
                r##"<text x="10" y="{}">{kind}</text><rect x="70" y="{y}" width="{:.1}" height="16" fill="#3b6fd4"/><text x="{:.1}" y="{}">{}</text><rect x="70" y="{}" width="{:.1}" height="12" fill="#9aa0a6"/><text x="{:.1}" y="{}">{}</text>"##,
                y + 14.0,
                scale(*a as f64),
                74.0 + scale(*a as f64),
                y + 13.0,
                kb(*a),
                y + 18.0,
                scale(*c as f64),
                74.0 + scale(*c as f64),
                y + 28.0,
                kb(*c)
            );
        }
        let x = 70.0 + scale(250_000.0);
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="30" x2="{x:.1}" y2="{}" stroke="#d93025" stroke-dasharray="4"/></svg>"##,
            h - 10.0
        );
        s.push('\n');
        s
    }

    fn growth_svg(&self) -> String {
        let (w, h, left, bottom) = (640.0, 320.0, 60.0, 40.0);
        let names: Vec<String> = self
            .growth
            .first()
            .map(|(_, f)| f.iter().map(|f| f.endpoint.clone()).collect())
            .unwrap_or_default();
        let max = self
            .growth
            .iter()
            .flat_map(|(_, f)| f.iter().map(|f| f.p50_ms))
            .fold(1.0, f64::max)
            * 1.1;
        let colours = [
            "#3b6fd4", "#d93025", "#188038", "#f29900", "#a142f4", "#12b5cb", "#5f6368",
        ];
        let n = self.growth.len().max(2) as f64 - 1.0;
        let x = |i: usize| left + (w - left - 150.0) * i as f64 / n;
        let y = |v: f64| h - bottom - (h - bottom - 30.0) * v / max;
        let mut s = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12"><title>p50 latency at 100 connections as claims grow</title><rect width="100%" height="100%" fill="white"/><text x="10" y="18" font-size="14">p50 latency (ms) at 100 connections vs claims in the database</text><line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="black"/><line x1="{left}" y1="30" x2="{left}" y2="{}" stroke="black"/><text x="4" y="34">{max:.0} ms</text><text x="30" y="{}">0</text>"#,
            h - bottom,
            w - 150.0,
            h - bottom,
            h - bottom,
            h - bottom
        );
        for (i, (claims, _)) in self.growth.iter().enumerate() {
            let _ = write!(
                s,
                r#"<text x="{:.1}" y="{}" text-anchor="middle">{claims}</text>"#,
                x(i),
                h - bottom + 16.0
            );
        }
        for (k, name) in names.iter().enumerate() {
            let colour = colours[k % colours.len()];
            let points: Vec<String> = self
                .growth
                .iter()
                .enumerate()
                .filter_map(|(i, (_, f))| {
                    f.get(k).map(|f| format!("{:.1},{:.1}", x(i), y(f.p50_ms)))
                })
                .collect();
            let _ = write!(
                s,
                r#"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/><text x="{}" y="{}" fill="{colour}">{name}</text>"#,
                points.join(" "),
                w - 140.0,
                40.0 + 16.0 * k as f64
            );
        }
        s.push_str("</svg>\n");
        s
    }
}

/// Whether the read budgets apply: not to the writes, nor to reading a label's photo
/// (image decoding, CPU-bound by design and capped at two at once).
fn is_read(endpoint: &str) -> bool {
    !matches!(endpoint, "booking" | "file a claim" | "scan a label")
}

fn chrono_now() -> String {
    std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
            })
        })
        .unwrap_or_default();
    format!("{cores} cores, {cpu}")
}

/// One endpoint's figure at one concurrency in a list.
fn figure_at<'a>(figures: &'a [Figure], endpoint: &str, connections: u32) -> Option<&'a Figure> {
    figures
        .iter()
        .find(|f| f.endpoint == endpoint && f.connections == connections)
}
