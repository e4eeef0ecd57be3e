//! The API under load: Debian's `wrk` against the release server on loopback, with a Lua
//! script per endpoint (method, body, session cookie; a counter so every write books a
//! different slot or files on a different product) whose `done()` prints the figures.

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

use crate::Result;

/// One measured endpoint at one concurrency.
#[derive(Clone, Debug)]
pub struct Figure {
    pub endpoint: String,
    pub connections: u32,
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub requests: u64,
    pub failed: u64,
}

impl Figure {
    pub fn to_json(&self) -> Value {
        json!({
            "endpoint": self.endpoint, "connections": self.connections, "rps": self.rps,
            "p50_ms": self.p50_ms, "p99_ms": self.p99_ms, "requests": self.requests,
            "failed": self.failed,
        })
    }
}

const DONE: &str = r#"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50), latency:percentile(99)))
end
"#;

/// A script for a GET with a cookie.
pub fn get_script(path: &str, cookie: &str) -> String {
    format!(
        "wrk.method = \"GET\"\nwrk.path = \"{path}\"\nwrk.headers[\"Cookie\"] = \"{cookie}\"\n{DONE}"
    )
}

/// A script that POSTs a different body on every request: `body(k)` in Lua, given the
/// request's global index `k` (threads interleave: thread `t` of `n` takes t, t+n, …).
pub fn post_script(path: &str, lua_body_fn: &str) -> String {
    format!(
        r#"local counter = 0
local threads = 0
setup = function(thread)
  thread:set("id", threads)
  threads = threads + 1
  thread:set("nthreads", 0)
end
init = function(args)
  counter = 0
end
{lua_body_fn}
request = function()
  local k = id + counter * nthreads
  counter = counter + 1
  local cookie, payload = body(k)
  return wrk.format("POST", "{path}", {{["Content-Type"] = "application/json", ["Cookie"] = cookie}}, payload)
end
{DONE}"#
    )
}

/// A script that POSTs the file at `file` as the multipart field `file` (the photo is
/// read once, by each thread, when wrk starts).
pub fn upload_script(path: &str, file: &std::path::Path, cookie: &str) -> String {
    format!(
        r#"local handle = assert(io.open("{file}", "rb"))
local photo = handle:read("*a")
handle:close()
local boundary = "aftercare-bench-boundary"
wrk.method = "POST"
wrk.path = "{path}"
wrk.headers["Cookie"] = "{cookie}"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.body = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"label.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" .. photo .. "\r\n--" .. boundary .. "--\r\n"
{DONE}"#,
        file = file.display()
    )
}

/// Runs wrk for `seconds` at `connections` with a script; returns the figure.
pub fn run(
    dir: &Path,
    base: &str,
    endpoint: &str,
    script: &str,
    connections: u32,
    seconds: u32,
) -> Result<Figure> {
    let threads = connections.min(2);
    let file = dir.join(format!(
        "{}-{connections}.lua",
        endpoint.replace([' ', '/'], "_")
    ));
    // Each thread learns its index and the thread count from globals set in `setup`.
    let script = script.replace(
        "thread:set(\"nthreads\", 0)",
        &format!("thread:set(\"nthreads\", {threads})"),
    );
    std::fs::write(&file, script).map_err(|e| e.to_string())?;
    let out = Command::new("wrk")
        .args([
            "-t",
            &threads.to_string(),
            "-c",
            &connections.to_string(),
            "-d",
            &format!("{seconds}s"),
            "--timeout",
            "10s",
            "-s",
        ])
        .arg(&file)
        .arg(base)
        .output()
        .map_err(|e| format!("wrk (apt-get install wrk): {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("BENCH "))
        .ok_or_else(|| {
            format!(
                "wrk gave no figures for {endpoint}: {text}{}",
                String::from_utf8_lossy(&out.stderr)
            )
        })?;
    let n: Vec<f64> = line
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    let [requests, duration_us, failed, p50, p99] = n[..] else {
        return Err(format!("wrk figures for {endpoint}: {line}"));
    };
    let figure = Figure {
        endpoint: endpoint.to_owned(),
        connections,
        rps: (requests - failed) / (duration_us / 1e6),
        p50_ms: p50 / 1000.0,
        p99_ms: p99 / 1000.0,
        requests: requests as u64,
        failed: failed as u64,
    };
    println!(
        "    {:<22} c={:<3} {:>8.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms{}",
        figure.endpoint,
        connections,
        figure.rps,
        figure.p50_ms,
        figure.p99_ms,
        if figure.failed > 0 {
            format!("  ({} of {} not 2xx)", figure.failed, figure.requests)
        } else {
            String::new()
        }
    );
    Ok(figure)
}

/// GETs a JSON document with curl (used to list free slots before the booking load).
pub fn get_json(url: &str, cookie: &str) -> Result<Value> {
    let out = Command::new("curl")
        .args(["-sf", "-H"])
        .arg(format!("Cookie: {cookie}"))
        .arg(url)
        .output()
        .map_err(|e| format!("curl: {e}"))?;
    if !out.status.success() {
        return Err(format!("GET {url} failed"));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("{url}: {e}"))
}
