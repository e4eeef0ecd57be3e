//! Bytes of the first load: html, js, wasm and css, raw, gzip and brotli, for the app and
//! for a minimal Leptos counter built with the same profile (the framework's floor).

use std::path::Path;

use serde_json::{json, Value};

use crate::precompress::{brotli_bytes, gzip_bytes};
use crate::tools::Tools;
use crate::{run, Result};

/// Sizes of one kind of file (all files of that kind in the build's root).
#[derive(Clone, Debug, Default)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// The first-load files of a build, by kind.
#[derive(Clone, Debug, Default)]
pub struct Bundle {
    pub html: Sizes,
    pub js: Sizes,
    pub wasm: Sizes,
    pub css: Sizes,
    /// The wasm's largest functions by raw size (from its `name` section).
    pub top_functions: Vec<(String, u64)>,
}

impl Bundle {
    pub fn kinds(&self) -> [(&'static str, &Sizes); 4] {
        [
            ("html", &self.html),
            ("js", &self.js),
            ("wasm", &self.wasm),
            ("css", &self.css),
        ]
    }

    pub fn total(&self) -> Sizes {
        let mut t = Sizes::default();
        for (_, s) in self.kinds() {
            t.raw += s.raw;
            t.gzip += s.gzip;
            t.brotli += s.brotli;
        }
        t
    }

    pub fn to_json(&self) -> Value {
        let mut v = serde_json::Map::new();
        for (k, s) in self.kinds().into_iter().chain([("total", &self.total())]) {
            v.insert(
                k.into(),
                json!({"raw": s.raw, "gzip": s.gzip, "brotli": s.brotli}),
            );
        }
        v.insert(
            "top_wasm_functions".into(),
            json!(self
                .top_functions
                .iter()
                .map(|(n, b)| json!({"name": n, "bytes": b}))
                .collect::<Vec<_>>()),
        );
        Value::Object(v)
    }
}

/// Measures the html, js, wasm and css at the top of a dist folder (what a first load
/// fetches; the service worker, locales and icons come later or from cache).
pub fn measure(dist: &Path) -> Result<Bundle> {
    let mut bundle = Bundle::default();
    for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("html") if name == "index.html" => &mut bundle.html,
            // sw.js and outbox.js are not on the first paint's path, boot.js and the
            // wasm-bindgen glue are.
            Some("js") if name != "sw.js" => &mut bundle.js,
            Some("wasm") => &mut bundle.wasm,
            Some("css") => &mut bundle.css,
            _ => continue,
        };
        let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
        kind.raw += bytes.len() as u64;
        kind.gzip += gzip_bytes(&bytes).map_err(|e| e.to_string())?.len() as u64;
        kind.brotli += brotli_bytes(&bytes).map_err(|e| e.to_string())?.len() as u64;
        if name.ends_with(".wasm") {
            bundle.top_functions = wasm_functions(&bytes, 15);
        }
    }
    Ok(bundle)
}

/// Builds bench/counter with Trunk (same profile and wasm-opt level) and measures it.
pub fn counter(root: &Path, tools: &Tools, work: &Path) -> Result<Bundle> {
    let dir = root.join("bench/counter");
    let dist = work.join("counter-dist");
    run(tools
        .command("trunk")
        .args(["build", "--release", "--dist"])
        .arg(&dist)
        // The app's target folder: the counter's dependencies are the app's (same
        // versions, features and profile), so they are not compiled a second time.
        .env("CARGO_TARGET_DIR", root.join("target"))
        .current_dir(&dir))?;
    measure(&dist)
}

pub fn print(app: &Bundle, counter: &Bundle) {
    println!(
        "    {:<6} {:>12} {:>12} {:>12}",
        "kind", "app br", "counter br", "app raw"
    );
    for ((kind, a), (_, c)) in app.kinds().into_iter().zip(counter.kinds()) {
        println!(
            "    {kind:<6} {:>12} {:>12} {:>12}",
            a.brotli, c.brotli, a.raw
        );
    }
    println!(
        "    {:<6} {:>12} {:>12} {:>12}",
        "total",
        app.total().brotli,
        counter.total().brotli,
        app.total().raw
    );
}

fn leb(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(value);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// The largest function bodies of a wasm module, named from its `name` section when it
/// has one (a cheap stand-in for twiggy's `top`; run twiggy itself for dominators).
pub fn wasm_functions(bytes: &[u8], top: usize) -> Vec<(String, u64)> {
    let mut at = 8;
    let mut imported = 0u64;
    let mut sizes: Vec<(u64, u64)> = Vec::new();
    let mut names = std::collections::HashMap::new();
    while at < bytes.len() {
        let id = bytes[at];
        at += 1;
        let Some(len) = leb(bytes, &mut at) else {
            break;
        };
        let end = at + len as usize;
        if end > bytes.len() {
            break;
        }
        let mut p = at;
        match id {
            2 => {
                // Imports: count the functions (they come first in the index space).
                if let Some(n) = leb(bytes, &mut p) {
                    for _ in 0..n {
                        for _ in 0..2 {
                            let Some(l) = leb(bytes, &mut p) else { break };
                            p += l as usize;
                        }
                        let kind = bytes.get(p).copied().unwrap_or(0xff);
                        p += 1;
                        match kind {
                            0 => {
                                leb(bytes, &mut p);
                                imported += 1;
                            }
                            1 => {
                                p += 1;
                                let flags = leb(bytes, &mut p).unwrap_or(0);
                                leb(bytes, &mut p);
                                if flags & 1 == 1 {
                                    leb(bytes, &mut p);
                                }
                            }
                            2 => {
                                let flags = leb(bytes, &mut p).unwrap_or(0);
                                leb(bytes, &mut p);
                                if flags & 1 == 1 {
                                    leb(bytes, &mut p);
                                }
                            }
                            3 => p += 2,
                            4 => {
                                p += 1;
                                leb(bytes, &mut p);
                            }
                            _ => break,
                        }
                    }
                }
            }
            10 => {
                if let Some(n) = leb(bytes, &mut p) {
                    for i in 0..n {
                        let Some(size) = leb(bytes, &mut p) else {
                            break;
                        };
                        sizes.push((imported + i, size));
                        p += size as usize;
                    }
                }
            }
            0 => {
                let Some(l) = leb(bytes, &mut p) else { break };
                let name = &bytes[p..(p + l as usize).min(end)];
                p += l as usize;
                if name == b"name" {
                    while p < end {
                        let sub = bytes[p];
                        p += 1;
                        let Some(sl) = leb(bytes, &mut p) else { break };
                        let sub_end = p + sl as usize;
                        if sub == 1 {
                            let mut q = p;
                            let n = leb(bytes, &mut q).unwrap_or(0);
                            for _ in 0..n {
                                let (Some(idx), Some(l)) = (leb(bytes, &mut q), leb(bytes, &mut q))
                                else {
                                    break;
                                };
                                let text = bytes.get(q..q + l as usize).unwrap_or_default();
                                names.insert(idx, String::from_utf8_lossy(text).into_owned());
                                q += l as usize;
                            }
                        }
                        p = sub_end;
                    }
                }
            }
            _ => {}
        }
        at = end;
    }
    sizes.sort_by_key(|s| std::cmp::Reverse(s.1));
    sizes
        .into_iter()
        .take(top)
        .map(|(idx, size)| {
            let name = names
                .get(&idx)
                .cloned()
                .unwrap_or_else(|| format!("function[{idx}]"));
            (name, size)
        })
        .collect()
}
