//! Page loads: Lighthouse 12 (npm, in bench/lighthouse) driving Debian's Chromium in its
//! default mobile emulation, signed in through the session cookie, three runs a page and
//! the median kept.

use std::path::Path;

use serde_json::{json, Value};

use crate::tools::Tools;
use crate::Result;

const CHROME_FLAGS: &str = "--headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync";
const RUNS: usize = 3;

/// The median of three runs of one page.
#[derive(Clone, Debug)]
pub struct Page {
    pub name: String,
    pub path: String,
    pub score: f64,
    pub fcp_ms: f64,
    pub lcp_ms: f64,
    pub tbt_ms: f64,
    pub cls: f64,
}

impl Page {
    pub fn to_json(&self) -> Value {
        json!({"page": self.name, "path": self.path, "performance": self.score,
            "fcp_ms": self.fcp_ms, "lcp_ms": self.lcp_ms, "tbt_ms": self.tbt_ms, "cls": self.cls})
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

pub fn measure(
    root: &Path,
    tools: &Tools,
    work: &Path,
    base: &str,
    cookie: &str,
    pages: &[(&str, String)],
) -> Result<Vec<Page>> {
    let dir = root.join("bench/lighthouse");
    tools.ensure_node_modules(&dir)?;
    let cli = dir.join("node_modules/lighthouse/cli/index.js");
    let headers = work.join("lighthouse-headers.json");
    std::fs::write(&headers, json!({ "Cookie": cookie }).to_string()).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (name, path) in pages {
        let mut runs: Vec<Value> = Vec::new();
        for run in 0..RUNS {
            let file = work.join(format!("lighthouse-{}-{run}.json", name.replace(' ', "-")));
            let mut cmd = tools.command("node");
            cmd.arg(&cli)
                .arg(format!("{base}{path}"))
                .args([
                    "--quiet",
                    "--output=json",
                    "--only-categories=performance",
                    "--max-wait-for-load=30000",
                ])
                .arg(format!("--output-path={}", file.display()))
                .arg(format!("--chrome-flags={CHROME_FLAGS}"))
                .env("CHROME_PATH", tools.chromium());
            // The sign-in page is measured signed out, as a visitor sees it.
            if *name != "sign-in" {
                cmd.arg(format!("--extra-headers={}", headers.display()));
            }
            // Lighthouse now and then loses its trace ("NO_NAVSTART"): try a run again
            // before giving up on the page.
            let mut attempts = 0;
            while !cmd
                .status()
                .map_err(|e| format!("lighthouse: {e}"))?
                .success()
            {
                attempts += 1;
                if attempts == 3 {
                    return Err(format!("lighthouse failed three times on {path}"));
                }
                println!("    (Lighthouse run failed on {path}; trying again)");
            }
            let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
            runs.push(serde_json::from_str(&text).map_err(|e| e.to_string())?);
        }
        let pick = |f: &dyn Fn(&Value) -> Option<f64>| median(runs.iter().filter_map(f).collect());
        let audit = |id: &'static str| move |r: &Value| r["audits"][id]["numericValue"].as_f64();
        let page = Page {
            name: (*name).to_owned(),
            path: path.clone(),
            score: pick(&|r| {
                r["categories"]["performance"]["score"]
                    .as_f64()
                    .map(|s| s * 100.0)
            }),
            fcp_ms: pick(&audit("first-contentful-paint")),
            lcp_ms: pick(&audit("largest-contentful-paint")),
            tbt_ms: pick(&audit("total-blocking-time")),
            cls: pick(&audit("cumulative-layout-shift")),
        };
        println!(
            "    {:<12} score {:>3.0}  FCP {:>5.0} ms  LCP {:>5.0} ms  TBT {:>4.0} ms  CLS {:.3}",
            page.name, page.score, page.fcp_ms, page.lcp_ms, page.tbt_ms, page.cls
        );
        out.push(page);
    }
    Ok(out)
}
