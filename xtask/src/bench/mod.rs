//! `cargo xtask bench`: builds in release, seeds a large SQLite database, measures the
//! bundle (beside a minimal Leptos counter), the page loads (Lighthouse 12, mobile) and the
//! API (wrk at 1, 10 and 100 connections; growth from 1,000 to 100,000 claims), and writes
//! `bench/REPORT.md`, `bench/report.json` and SVG charts. Goals are figures in the report,
//! never timed assertions in tests (docs/PERFORMANCE.md).
//!
//! Kept inside xtask (no crate of its own): it is plain std plus serde_json and sha2, and
//! every heavy part is an external tool (`sqlite3`, `wrk`, `lighthouse`, `trunk`).

mod bundle;
mod lighthouse;
mod load;
mod pg;
mod report;
mod seed;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::tools::Tools;
use crate::{build_app, cargo, free_port, run, step, wait_for_health, Result};
use load::Figure;

/// Seconds per wrk run (2 s is thousands of requests for every read; the writes' slowest
/// run still makes hundreds).
const SECONDS: u32 = 2;
const CONNECTIONS: [u32; 3] = [1, 10, 100];
const GROWTH: [u64; 3] = [1_000, 10_000, 100_000];

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What one endpoint is: a name, and how to load it.
struct Endpoint {
    name: &'static str,
    script: String,
    read: bool,
}

pub fn bench(root: &Path, tools: &Tools) -> Result<()> {
    let started = Instant::now();
    for tool in ["wrk", "sqlite3", "curl"] {
        if Command::new("which")
            .arg(tool)
            .stdout(Stdio::null())
            .status()
            .map_or(true, |s| !s.success())
        {
            step(&format!("Installing {tool} from Debian (apt-get, once)"));
            run(Command::new("apt-get").args(["install", "-y", "--no-install-recommends", tool]))?;
        }
    }
    let work = root.join("target/bench");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;

    build_app(root, tools)?;
    step("Building the server in release");
    run(cargo()
        .args(["build", "--release", "-p", "aftercare-server"])
        .current_dir(root))?;

    step("Bundle: the app and a minimal Leptos counter, same profile");
    let mut app = bundle::measure(&root.join("dist"))?;
    // wasm-opt strips the names from dist's wasm; cargo's output still has them.
    if let Ok(bytes) =
        std::fs::read(root.join("target/wasm32-unknown-unknown/wasm-release/aftercare.wasm"))
    {
        app.top_functions = bundle::wasm_functions(&bytes, 15);
    }
    let counter = bundle::counter(root, tools, &work)?;
    bundle::print(&app, &counter);

    step("Seeding a large database (SQLite)");
    let db = work.join("bench.sqlite");
    let url = format!("sqlite://{}?mode=rwc", db.display());
    let server_bin = root.join("target/release/aftercare-server");
    run(Command::new(&server_bin)
        .args(["--database-url", &url, "--demo", "--dist"])
        .arg(root.join("dist"))
        .arg("--uploads")
        .arg(work.join("uploads"))
        .arg("--outbox")
        .arg(work.join("outbox"))
        .arg("migrate")
        .stdout(Stdio::null()))?;
    let seeded_at = Instant::now();
    let seeded = seed::base(&db)?;

    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let server = start_server(&server_bin, root, &work, &url, port)?;
    wait_for_health(&base, Duration::from_secs(60))?;

    let customer = format!("aftercare_session={}", seed::token(0));
    let agent = format!("aftercare_session={}", seed::AGENT_TOKEN);
    let product = seeded.first_product;
    let reads = [
        Endpoint {
            name: "health",
            script: load::get_script("/api/v1/health", ""),
            read: true,
        },
        Endpoint {
            name: "my products",
            script: load::get_script("/api/v1/products", &customer),
            read: true,
        },
        Endpoint {
            name: "coverage",
            script: load::get_script(&format!("/api/v1/products/{product}/coverage"), &customer),
            read: true,
        },
        Endpoint {
            name: "slots 30 days",
            script: load::get_script("/api/v1/centres/1/slots?service=diagnosis", &customer),
            read: true,
        },
        Endpoint {
            name: "my claims",
            script: load::get_script("/api/v1/claims", &customer),
            read: true,
        },
        Endpoint {
            name: "agent queue",
            script: load::get_script("/api/v1/agent/claims", &agent),
            read: true,
        },
    ];

    step("Growth: the read endpoints at 1,000 / 10,000 / 100,000 claims (100 connections)");
    let mut growth: Vec<(u64, Vec<Figure>)> = Vec::new();
    let mut claims = 0;
    for target in GROWTH {
        seed::claims_up_to(&db, seeded, claims, target)?;
        claims = target;
        let mut figures = Vec::new();
        for endpoint in reads.iter() {
            figures.push(load::run(
                &work,
                &base,
                endpoint.name,
                &endpoint.script,
                100,
                2,
            )?);
        }
        growth.push((target, figures));
    }
    let seed_time = seeded_at.elapsed();
    let counts = seed::sql(
        &db,
        "SELECT (SELECT COUNT(*) FROM users)||' '||(SELECT COUNT(*) FROM registered_products)||' '||\
         (SELECT COUNT(*) FROM claims)||' '||(SELECT COUNT(*) FROM claim_events)||' '||\
         (SELECT COUNT(*) FROM appointments);",
    )?;

    step("API: every endpoint at 1, 10 and 100 connections (SQLite)");
    let writes = write_endpoints(root, &base, seeded, &work)?;
    let mut offset = Offsets::new();
    let api = measure_api(&work, &base, reads.iter().chain(writes.iter()), &mut offset)?;

    // A first report now, so the API and bundle figures survive a Lighthouse failure.
    let out = root.join("bench");
    let mut report = report::Report {
        app,
        counter,
        api,
        api_pg: Vec::new(),
        growth,
        pages: Vec::new(),
        counts,
        seed_seconds: seed_time.as_secs_f64(),
        total_seconds: started.elapsed().as_secs_f64(),
    };
    report.write(&out)?;

    step("Page loads: Lighthouse 12, mobile emulation, signed in (median of 3)");
    let claim_id = seed::sql(
        &db,
        &format!(
            "SELECT MIN(id) FROM claims WHERE user_id={};",
            seeded.first_user
        ),
    )?;
    let pages = [
        ("sign-in", "/signin".to_owned()),
        ("my products", "/products".to_owned()),
        ("coverage", format!("/products/{product}")),
        ("booking", "/appointments/new".to_owned()),
        ("claim", format!("/claims/{claim_id}")),
    ];
    let pages = match lighthouse::measure(root, tools, &work, &base, &customer, &pages) {
        Ok(pages) => pages,
        Err(err) => {
            println!("    Lighthouse did not run: {err}");
            Vec::new()
        }
    };

    report.pages = pages;
    report.write(&out)?;
    drop(server);

    step("API on PostgreSQL: the same rows copied into a throwaway cluster (fsync on)");
    report.api_pg = match postgres_api(&server_bin, root, &work, &db, &reads, &writes, &mut offset)
    {
        Ok(figures) => figures,
        Err(err) => {
            println!("    PostgreSQL was not measured: {err}");
            Vec::new()
        }
    };

    let elapsed = started.elapsed();
    report.total_seconds = elapsed.as_secs_f64();
    report.write(&out)?;
    step(&format!(
        "Report: {} (and report.json, *.svg) in {:.0?}",
        out.join("REPORT.md").display(),
        elapsed
    ));
    Ok(())
}

/// How far each write endpoint has gone through its places or products.
type Offsets = std::collections::HashMap<&'static str, u64>;

/// Every endpoint at 1, 10 and 100 connections; each write endpoint's offset moves on, so
/// no place is booked and no product claimed twice (also across databases: PostgreSQL
/// gets a copy of the SQLite rows, writes included).
fn measure_api<'a>(
    work: &Path,
    base: &str,
    endpoints: impl Iterator<Item = &'a Endpoint>,
    offsets: &mut Offsets,
) -> Result<Vec<Figure>> {
    let mut api = Vec::new();
    for endpoint in endpoints {
        for c in CONNECTIONS {
            let offset = offsets.entry(endpoint.name).or_default();
            let script = endpoint.script.replace("__OFFSET__", &offset.to_string());
            let figure = load::run(work, base, endpoint.name, &script, c, SECONDS)?;
            if !endpoint.read {
                *offset += figure.requests + 16;
            }
            api.push(figure);
        }
    }
    Ok(api)
}

/// The API section again, on PostgreSQL holding a copy of the SQLite rows.
fn postgres_api(
    server_bin: &Path,
    root: &Path,
    work: &Path,
    db: &Path,
    reads: &[Endpoint],
    writes: &[Endpoint],
    offsets: &mut Offsets,
) -> Result<Vec<Figure>> {
    let pg = crate::postgres::Postgres::start_durable(free_port()?)?;
    let copied = Instant::now();
    pg::copy(server_bin, db, &pg, work)?;
    println!("    copied in {:.0?}", copied.elapsed());
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let _server = start_server(server_bin, root, work, &pg.url, port)?;
    wait_for_health(&base, Duration::from_secs(60))?;
    measure_api(work, &base, reads.iter().chain(writes.iter()), offsets)
}

fn start_server(bin: &Path, root: &Path, work: &Path, url: &str, port: u16) -> Result<Server> {
    let log = std::fs::File::create(work.join("server.log")).map_err(|e| e.to_string())?;
    let child = Command::new(bin)
        .args([
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--database-url",
            url,
        ])
        .arg("--dist")
        .arg(root.join("dist"))
        .arg("--uploads")
        .arg(work.join("uploads"))
        .arg("--outbox")
        .arg(work.join("outbox"))
        .env("RUST_LOG", "warn")
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log)
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    Ok(Server(child))
}

/// Booking (a different free place every request), filing a claim (a different
/// product, without a claim, every request) and reading a label's photo (the
/// Playwright fixture, 1140 × 500 with three codes; CPU-bound, two at a time).
fn write_endpoints(
    root: &Path,
    base: &str,
    seeded: seed::Seeded,
    work: &Path,
) -> Result<Vec<Endpoint>> {
    let centres = load::get_json(&format!("{base}/api/v1/centres"), "")?;
    let ids: Vec<i64> = centres
        .as_array()
        .or_else(|| centres["centres"].as_array())
        .map(|list| list.iter().filter_map(|c| c["id"].as_i64()).collect())
        .unwrap_or_default();
    // Three services a centre books without an address, so both databases' booking
    // loads find free places (about 16,000 in the next 30 days with the demo centres).
    let mut places = Vec::new();
    for id in ids {
        for service in ["drop_off_repair", "diagnosis", "maintenance"] {
            let Ok(list) = load::get_json(
                &format!("{base}/api/v1/centres/{id}/slots?service={service}"),
                "",
            ) else {
                continue;
            };
            for slot in list["slots"].as_array().into_iter().flatten() {
                let (Some(start), Some(free)) = (slot["start"].as_str(), slot["free"].as_u64())
                else {
                    continue;
                };
                for _ in 0..free {
                    places.push(format!("{{{id},\"{start}\",\"{service}\"}}"));
                }
            }
        }
    }
    println!("    {} free places in the next 30 days", places.len());
    std::fs::write(work.join("places.txt"), places.join("\n")).map_err(|e| e.to_string())?;
    let per = seed::PRODUCTS_PER_CUSTOMER;
    let booking = format!(
        r#"local places = {{{places}}}
function body(k)
  k = k + __OFFSET__
  local place = places[(k % #places) + 1]
  local product = {fp} + k
  local cookie = "aftercare_session=bench-session-" .. math.floor(k / {per})
  return cookie, string.format('{{"product_id":%d,"centre_id":%d,"service":"%s","start":"%s"}}', product, place[1], place[3], place[2])
end"#,
        places = places.join(","),
        fp = seeded.first_product,
    );
    let yesterday = seed::sql(
        work.join("bench.sqlite").as_path(),
        "SELECT date('now','-1 day');",
    )?;
    let claim = format!(
        r#"function body(k)
  k = k + __OFFSET__
  local j = {history} + k
  local cookie = "aftercare_session=bench-session-" .. math.floor(j / {per})
  return cookie, string.format('{{"product_id":%d,"cause":"performance_defect","description":"The drum stops mid-cycle with a loud click (load test %d).","started_on":"{yesterday}","remedy":"free_repair","contact":"email","phone":"","photo_ids":[]}}', {fp} + j, k)
end"#,
        history = seed::HISTORY_PRODUCTS,
        fp = seeded.first_product,
    );
    Ok(vec![
        Endpoint {
            name: "booking",
            script: load::post_script("/api/v1/appointments", &booking),
            read: false,
        },
        Endpoint {
            name: "file a claim",
            script: load::post_script("/api/v1/claims", &claim),
            read: false,
        },
        Endpoint {
            name: "scan a label",
            script: load::upload_script(
                "/api/v1/labels/scan",
                &root.join("end2end/fixtures/label-phone.jpg"),
                &format!("aftercare_session={}", seed::token(0)),
            ),
            read: true,
        },
    ])
}

/// A JSON list of figures.
fn figures_json(figures: &[Figure]) -> Value {
    json!(figures.iter().map(Figure::to_json).collect::<Vec<_>>())
}
