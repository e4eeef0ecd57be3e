//! `cargo xtask`: the project's task runner. Every command first installs what is missing
//! (once, saying so), then does its job:
//!
//! - `serve` — build the app and the server in release and run them with demo data;
//! - `dev` — the server plus `trunk serve` with its `/api` proxy, for UI work;
//! - `test` — formatting, lints, every Rust test (the server's on SQLite and on a throwaway
//!   PostgreSQL), the API contract fuzzed by Schemathesis on a live server, a release wasm
//!   build and the browser tests in headless Chromium, ending with one summary line;
//! - `bench` — the bundle, page loads and API measured against their floors, written to
//!   `bench/REPORT.md` and `bench/report.json` (see docs/PERFORMANCE.md);
//! - `setup` — only the installs.
//!
//! Plain `std`, so it compiles in seconds on a fresh machine.

mod audit;
mod bench;
mod postgres;
mod precompress;
mod schemathesis;
mod tools;

use std::env;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use tools::Tools;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = project_root();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&root, &args[1..]),
        Some("dev") => dev(&root, &args[1..]),
        Some("test") => test(&root),
        Some("setup") => Tools::ensure(&root, true).map(|_| ()),
        Some("audit") => Tools::ensure(&root, false).and_then(|t| audit::audit(&root, &t)),
        Some("build") => Tools::ensure(&root, false).and_then(|t| build_app(&root, &t)),
        Some("bench") => Tools::ensure(&root, false).and_then(|t| bench::bench(&root, &t)),
        _ => {
            eprintln!(
                "usage: cargo xtask <serve [--bind ADDR] | dev | test | setup | audit | build | bench>\n\n  \
                 serve  build in release and start the portal with demo data on http://127.0.0.1:8080\n  \
                 dev    the server plus trunk serve (live reload) on http://127.0.0.1:8081\n  \
                 test   formatting, lints, all tests and the browser tests\n  \
                 setup  install the tools the build needs\n  \
                 audit  cargo audit and cargo deny, offline against ../shared/advisory-db\n  \
                 build  build the app (dist/) in release, with brotli and gzip twins\n  \
                 bench  measure bundle, page loads and API; writes bench/REPORT.md"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\nxtask: {err}");
            ExitCode::FAILURE
        }
    }
}

/// A step's failure, said in words.
pub type Result<T> = std::result::Result<T, String>;

fn project_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// Prints a step heading.
pub fn step(what: &str) {
    println!("\n==> {what}");
}

/// Runs a command to completion, failing with its name when it fails.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn cargo() -> Command {
    Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn build_app(root: &Path, tools: &Tools) -> Result<()> {
    step("Building the app in release (trunk build --release)");
    let started = Instant::now();
    run(tools
        .command("trunk")
        .args(["build", "--release"])
        .current_dir(root))?;
    println!("    built dist/ in {:.0?}", started.elapsed());
    let twins = precompress::precompress(&root.join("dist"))?;
    println!("    wrote brotli and gzip twins of {twins} files");
    Ok(())
}

fn flag_value(args: &[String], flag: &str) -> Option<String> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| {
            args.iter()
                .find_map(|a| a.strip_prefix(&format!("{flag}=")).map(str::to_owned))
        })
}

fn serve(root: &Path, args: &[String]) -> Result<()> {
    let tools = Tools::ensure(root, false)?;
    build_app(root, &tools)?;
    step("Building the server in release");
    run(cargo()
        .args(["build", "--release", "-p", "aftercare-server"])
        .current_dir(root))?;
    let bind = flag_value(args, "--bind").unwrap_or_else(|| "127.0.0.1:8080".into());
    step(&format!(
        "Starting Aftercare on http://{bind}/ (data in data/)"
    ));
    let mut server = Command::new(root.join("target/release/aftercare-server"));
    server
        .args(["--bind", &bind, "--dist", "dist", "--demo"])
        .args(["--database-url", "sqlite://data/aftercare.db?mode=rwc"])
        .current_dir(root);
    // Hand the terminal to the server: Ctrl-C reaches it directly and it shuts down
    // gracefully, with nothing left behind.
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        Err(format!("could not start the server: {}", server.exec()))
    }
    #[cfg(not(unix))]
    run(&mut server)
}

fn dev(root: &Path, _args: &[String]) -> Result<()> {
    let tools = Tools::ensure(root, false)?;
    step("Starting the API server (debug) on 127.0.0.1:8080 and trunk serve on 127.0.0.1:8081");
    run(cargo()
        .args(["build", "-p", "aftercare-server"])
        .current_dir(root))?;
    let mut server = ChildGuard(
        Command::new(root.join("target/debug/aftercare-server"))
            .args(["--bind", "127.0.0.1:8080", "--dist", "dist", "--demo"])
            .args(["--database-url", "sqlite://data/aftercare.db?mode=rwc"])
            .current_dir(root)
            .spawn()
            .map_err(|e| format!("server: {e}"))?,
    );
    let result = run(tools
        .command("trunk")
        .args(["serve", "--port", "8081"])
        .current_dir(root));
    server.stop();
    result
}

/// A debug server with the demo data on a free port, with a fresh folder of its own
/// (database, uploads, outbox, log) under the temp dir; stopped when dropped.
struct DemoServer {
    guard: ChildGuard,
    base: String,
    port: u16,
    data: PathBuf,
}

impl DemoServer {
    /// Builds nothing: `target/debug/aftercare-server` must exist. `{port}` in an
    /// environment value becomes the chosen port.
    fn start(root: &Path, name: &str, env: &[(&str, &str)]) -> Result<DemoServer> {
        let data = env::temp_dir().join(format!("aftercare-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data);
        std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
        let port = free_port()?;
        let base = format!("http://127.0.0.1:{port}");
        let log = std::fs::File::create(data.join("server.log")).map_err(|e| e.to_string())?;
        let mut command = Command::new(root.join("target/debug/aftercare-server"));
        command
            .args(["--bind", &format!("127.0.0.1:{port}"), "--demo"])
            .arg("--dist")
            .arg(root.join("dist"))
            .arg("--database-url")
            .arg(format!(
                "sqlite://{}?mode=rwc",
                data.join("demo.db").display()
            ))
            .arg("--outbox")
            .arg(data.join("outbox"))
            .arg("--uploads")
            .arg(data.join("uploads"))
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log);
        for (key, value) in env {
            command.env(key, value.replace("{port}", &port.to_string()));
        }
        let guard = ChildGuard(command.spawn().map_err(|e| format!("server: {e}"))?);
        wait_for_health(&base, Duration::from_secs(60))?;
        println!(
            "    server up at {base} (log: {})",
            data.join("server.log").display()
        );
        Ok(DemoServer {
            guard,
            base,
            port,
            data,
        })
    }

    fn stop(&mut self) {
        self.guard.stop();
    }
}

/// Kills the child when dropped, so no server outlives the task.
struct ChildGuard(Child);

impl ChildGuard {
    fn stop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Test counts gathered from the runners' closing lines.
#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    steps: Vec<(String, bool, Duration)>,
}

impl Tally {
    fn record(&mut self, name: &str, started: Instant, result: &Result<()>) {
        self.steps
            .push((name.to_owned(), result.is_ok(), started.elapsed()));
    }
}

fn test(root: &Path) -> Result<()> {
    let started = Instant::now();
    let tools = Tools::ensure(root, true)?;
    let mut tally = Tally::default();
    let outcome = test_steps(root, &tools, &mut tally);
    println!("\n==> Summary");
    for (name, ok, took) in &tally.steps {
        println!(
            "    {} {name} ({:.0?})",
            if *ok { "ok  " } else { "FAIL" },
            took
        );
    }
    println!("    took {:.0?} in all", started.elapsed());
    if let Err(err) = &outcome {
        tally.failed = tally.failed.max(1);
        println!("    stopped at: {err}");
    }
    println!("xtask: {} passed, {} failed", tally.passed, tally.failed);
    outcome
}

fn test_steps(root: &Path, tools: &Tools, tally: &mut Tally) -> Result<()> {
    let timed = |tally: &mut Tally, name: &str, f: &mut dyn FnMut(&mut Tally) -> Result<()>| {
        step(name);
        let t = Instant::now();
        let r = f(tally);
        tally.record(name, t, &r);
        r
    };
    timed(tally, "Formatting (cargo fmt --check)", &mut |_| {
        run(cargo()
            .args(["fmt", "--all", "--", "--check"])
            .current_dir(root))
    })?;
    timed(
        tally,
        "Lints (clippy -D warnings, native and wasm)",
        &mut |_| {
            run(cargo()
                .args([
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ])
                .current_dir(root))?;
            run(cargo()
                .args([
                    "clippy",
                    "-p",
                    "aftercare",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--",
                    "-D",
                    "warnings",
                ])
                .current_dir(root))
        },
    )?;
    timed(
        tally,
        "Dependency audit (cargo audit, cargo deny; offline RustSec snapshot)",
        &mut |_| audit::audit(root, tools),
    )?;
    timed(tally, "Rust tests (core, server on SQLite)", &mut |tally| {
        counted(
            tally,
            cargo()
                .args(["test", "--workspace"])
                .env("AFTERCARE_PYTHON", tools.python())
                .current_dir(root),
        )
    })?;
    timed(
        tally,
        "Server tests on PostgreSQL (a throwaway cluster; two processes on it)",
        &mut |tally| {
            let pg = postgres::Postgres::start(free_port()?)?;
            counted(
                tally,
                cargo()
                    .args([
                        "test",
                        "--workspace",
                        "--test",
                        "api",
                        "--test",
                        "scale_out",
                    ])
                    .env("TEST_DATABASE_URL", &pg.url)
                    .env("AFTERCARE_PYTHON", tools.python())
                    .current_dir(root),
            )
        },
    )?;
    timed(
        tally,
        "API contract (Schemathesis, all checks, against a live server)",
        &mut |tally| schemathesis::run_step(root, tools, tally),
    )?;
    timed(tally, "Release build of the app (trunk)", &mut |_| {
        build_app(root, tools)
    })?;
    timed(
        tally,
        "App tests in headless Chromium (wasm-bindgen-test)",
        &mut |tally| {
            let webdriver = root.join("tests/webdriver.json");
            counted(
                tally,
                tools
                    .command("cargo")
                    .args([
                        "test",
                        "-p",
                        "aftercare",
                        "--target",
                        "wasm32-unknown-unknown",
                        "--test",
                        "browser",
                    ])
                    .env(
                        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                        "wasm-bindgen-test-runner",
                    )
                    .env("CHROMEDRIVER", tools.chromedriver())
                    .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", webdriver)
                    .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
                    .current_dir(root),
            )
        },
    )?;
    timed(
        tally,
        "Browser tests (Playwright in headless Chromium)",
        &mut |tally| browser_tests(root, tools, tally),
    )?;
    Ok(())
}

/// Runs a test command, echoing its output and adding its closing counts to the tally.
fn counted(tally: &mut Tally, cmd: &mut Command) -> Result<()> {
    use std::io::{BufRead, BufReader};
    let shown = format!("{cmd:?}");
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out)
            .lines()
            .map_while(std::result::Result::ok)
        {
            println!("{line}");
            let (passed, failed) = parse_counts(&line);
            tally.passed += passed;
            tally.failed += failed;
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Reads "test result: ok. 17 passed; 0 failed" (cargo) or "  12 passed (30s)" and
/// "  1 failed" (Playwright).
fn parse_counts(line: &str) -> (u64, u64) {
    let words: Vec<&str> = line.split_whitespace().collect();
    let count_before = |word: &str| {
        words
            .windows(2)
            .find(|w| w[1].trim_end_matches([';', ',']) == word)
            .and_then(|w| w[0].parse::<u64>().ok())
            .unwrap_or(0)
    };
    let cargo_line = line.starts_with("test result:");
    let playwright_line = words.len() >= 2
        && words[0].parse::<u64>().is_ok()
        && matches!(words[1], "passed" | "failed");
    if cargo_line || playwright_line {
        (count_before("passed"), count_before("failed"))
    } else {
        (0, 0)
    }
}

fn free_port() -> Result<u16> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

fn browser_tests(root: &Path, tools: &Tools, tally: &mut Tally) -> Result<()> {
    // `--workspace` keeps the feature set of `cargo test --workspace`, so this reuses
    // that build instead of compiling the server's dependencies a second time.
    run(cargo()
        .args(["build", "--workspace", "--bin", "aftercare-server"])
        .current_dir(root))?;
    let e2e = root.join("end2end");
    tools.ensure_node_modules(&e2e)?;
    let mut server = DemoServer::start(root, "e2e", &[])?;
    let (base, data) = (server.base.clone(), server.data.clone());
    let result = counted(
        tally,
        tools
            .command("npx")
            .args(["playwright", "test"])
            .env("BASE_URL", &base)
            .env("CHROMIUM", tools.chromium())
            // The new-version test deploys a second build on a server of its own.
            .env(
                "AFTERCARE_SERVER",
                root.join("target/debug/aftercare-server"),
            )
            .env("AFTERCARE_DIST", root.join("dist"))
            // The account spec reads the reset email the server wrote.
            .env("AFTERCARE_OUTBOX", data.join("outbox"))
            .current_dir(&e2e),
    );
    server.stop();
    if result.is_ok() {
        let _ = std::fs::remove_dir_all(&data);
    }
    result
}

fn wait_for_health(base: &str, limit: Duration) -> Result<()> {
    use std::io::{Read, Write};
    let address = base.trim_start_matches("http://").to_owned();
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Ok(mut stream) = std::net::TcpStream::connect(&address) {
            let request = format!(
                "GET /api/v1/health HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
            );
            let mut answer = String::new();
            if stream.write_all(request.as_bytes()).is_ok()
                && stream.read_to_string(&mut answer).is_ok()
                && answer.starts_with("HTTP/1.1 200")
            {
                return Ok(());
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Err(format!(
        "the server at {base} did not become healthy within {limit:?}"
    ))
}

#[cfg(test)]
mod tests {
    use super::parse_counts;

    #[test]
    fn closing_lines_of_cargo_and_playwright_are_counted() {
        assert_eq!(
            parse_counts("test result: ok. 17 passed; 0 failed; 0 ignored;"),
            (17, 0)
        );
        assert_eq!(
            parse_counts("test result: FAILED. 3 passed; 2 failed; 0 ignored"),
            (3, 2)
        );
        assert_eq!(parse_counts("  4 passed (21.3s)"), (4, 0));
        assert_eq!(parse_counts("  1 failed"), (0, 1));
        assert_eq!(parse_counts("running 17 tests"), (0, 0));
    }
}
