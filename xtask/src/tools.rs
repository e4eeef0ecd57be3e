//! Installs what the build and the tests need, once, from the registries this project
//! may use: the wasm target (rustup), Trunk and wasm-bindgen-cli (crates.io, the latter
//! at exactly the version in Cargo.lock), wasm-opt (npm's `binaryen`: Debian's 108
//! miscompiles for Chromium), Chromium (Debian), Playwright (npm) and, for the mail
//! tests' SMTP server, aiosmtpd (PyPI, in a virtual environment). Nothing downloads a
//! binary at build or test time.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{run, step, Result};

const TRUNK_VERSION: &str = "~0.21";
const BINARYEN_VERSION: &str = "132.0.0";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const AIOSMTPD_VERSION: &str = "1.4.6";
/// The API fuzzer of `cargo xtask test` (PyPI), pinned so a run reproduces.
const SCHEMATHESIS_VERSION: &str = "4.32.5";

/// Where the tools are, for commands that need them on PATH.
pub struct Tools {
    path: OsString,
    chromium: PathBuf,
    python: PathBuf,
}

fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn home() -> PathBuf {
    env::var_os("HOME").map_or_else(|| PathBuf::from("/tmp"), PathBuf::from)
}

/// The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
fn locked_wasm_bindgen(root: &Path) -> Result<String> {
    let lock =
        std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen".into())
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

impl Tools {
    /// Checks each tool and installs the missing ones. `browser` adds what the browser
    /// tests need (Chromium).
    pub fn ensure(root: &Path, browser: bool) -> Result<Tools> {
        let cargo_bin = home().join(".cargo/bin");
        let binaryen_dir = home().join(".cache/aftercare-tools/binaryen");
        let binaryen_bin = binaryen_dir.join("node_modules/.bin");
        let venv = home().join(".cache/aftercare-tools/venv");
        let mut paths = vec![cargo_bin.clone(), binaryen_bin.clone()];
        paths.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
        let path = env::join_paths(paths).map_err(|e| e.to_string())?;
        let tools = Tools {
            path,
            chromium: PathBuf::from(env::var("CHROMIUM").unwrap_or_else(|_| CHROMIUM.into())),
            python: venv.join("bin/python"),
        };

        let targets = output(
            Command::new("rustup")
                .args(["target", "list", "--installed"])
                .current_dir(root),
        );
        if !targets.is_some_and(|t| t.contains("wasm32-unknown-unknown")) {
            step("Installing the wasm32-unknown-unknown target (rustup)");
            run(Command::new("rustup")
                .args(["target", "add", "wasm32-unknown-unknown"])
                .current_dir(root))?;
        }

        let trunk = output(tools.command("trunk").arg("--version"));
        if !trunk
            .as_deref()
            .is_some_and(|v| v.starts_with("trunk 0.21"))
        {
            step(&format!(
                "Installing Trunk {TRUNK_VERSION} (cargo install; a few minutes, once)"
            ));
            run(Command::new("cargo").args([
                "install",
                "--locked",
                "trunk",
                "--version",
                TRUNK_VERSION,
            ]))?;
        }

        let wanted = locked_wasm_bindgen(root)?;
        let have = output(tools.command("wasm-bindgen").arg("--version"));
        if have.as_deref() != Some(&format!("wasm-bindgen {wanted}")) {
            step(&format!("Installing wasm-bindgen-cli {wanted}, as pinned by Cargo.lock (cargo install, once)"));
            // Its lock file can name a crate version the registry no longer serves
            // (webpki-roots 1.0.11 for 0.2.130): then resolve afresh within semver.
            let install = |locked: bool| {
                let mut cmd = Command::new("cargo");
                cmd.arg("install");
                if locked {
                    cmd.arg("--locked");
                }
                run(cmd.args(["--force", "wasm-bindgen-cli", "--version", &wanted]))
            };
            if install(true).is_err() {
                println!("    the locked install failed; retrying with a fresh resolution");
                install(false)?;
            }
        }

        let wasm_opt = output(
            tools
                .command(binaryen_bin.join("wasm-opt").as_os_str())
                .arg("--version"),
        );
        if !wasm_opt.is_some_and(|v| {
            v.contains(&format!(
                "version {}",
                BINARYEN_VERSION.split('.').next().unwrap_or("132")
            ))
        }) {
            step(&format!(
                "Installing wasm-opt from npm's binaryen@{BINARYEN_VERSION} into {}",
                binaryen_dir.display()
            ));
            std::fs::create_dir_all(&binaryen_dir).map_err(|e| e.to_string())?;
            run(tools
                .command("npm")
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(&binaryen_dir)
                .arg(format!("binaryen@{BINARYEN_VERSION}")))?;
        }

        let aiosmtpd = output(
            tools
                .command(&tools.python)
                .args(["-c", "import aiosmtpd; print(aiosmtpd.__version__)"]),
        );
        if aiosmtpd.as_deref() != Some(AIOSMTPD_VERSION) {
            step(&format!(
                "Installing aiosmtpd {AIOSMTPD_VERSION} from PyPI into {} (the mail tests' SMTP server)",
                venv.display()
            ));
            if !tools.python.exists() {
                run(Command::new("python3").arg("-m").arg("venv").arg(&venv)).map_err(|e| {
                    format!("{e}\n    (on Debian: sudo apt-get install python3-venv)")
                })?;
            }
            run(Command::new(&tools.python).args([
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--quiet",
                &format!("aiosmtpd=={AIOSMTPD_VERSION}"),
            ]))?;
        }

        let schemathesis = output(tools.command(&tools.python).args([
            "-c",
            "import importlib.metadata as m; print(m.version('schemathesis'))",
        ]));
        if schemathesis.as_deref() != Some(SCHEMATHESIS_VERSION) {
            step(&format!(
                "Installing schemathesis {SCHEMATHESIS_VERSION} from PyPI into {} (the API contract's fuzzer)",
                venv.display()
            ));
            run(Command::new(&tools.python).args([
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--quiet",
                &format!("schemathesis=={SCHEMATHESIS_VERSION}"),
            ]))?;
        }

        // Passkeys: webauthn-rs builds openssl-sys, which needs OpenSSL's headers and
        // pkg-config to find them.
        let has_openssl = Command::new("pkg-config")
            .args(["--exists", "openssl"])
            .status()
            .is_ok_and(|s| s.success());
        if !has_openssl {
            if is_root() && output(Command::new("which").arg("apt-get")).is_some() {
                step("Installing OpenSSL headers and pkg-config from Debian (apt-get, once)");
                run(Command::new("apt-get").arg("update"))?;
                run(Command::new("apt-get")
                    .args([
                        "install",
                        "-y",
                        "--no-install-recommends",
                        "libssl-dev",
                        "pkg-config",
                    ])
                    .env("DEBIAN_FRONTEND", "noninteractive"))?;
            } else {
                return Err(
                    "OpenSSL headers are missing (the passkey library needs them). Install \
                     them, e.g.: sudo apt-get install libssl-dev pkg-config"
                        .to_owned(),
                );
            }
        }

        if browser && !(tools.chromium.exists() && tools.chromedriver().exists()) {
            if is_root() && output(Command::new("which").arg("apt-get")).is_some() {
                step("Installing Chromium and ChromeDriver from Debian (apt-get, once)");
                run(Command::new("apt-get").arg("update"))?;
                run(Command::new("apt-get")
                    .args([
                        "install",
                        "-y",
                        "--no-install-recommends",
                        "chromium",
                        "chromium-driver",
                    ])
                    .env("DEBIAN_FRONTEND", "noninteractive"))?;
            } else {
                return Err(format!(
                    "Chromium is missing at {}. Install it, e.g.: sudo apt-get install chromium chromium-driver \
                     (or set CHROMIUM=/path/to/chromium)",
                    tools.chromium.display()
                ));
            }
        }
        Ok(tools)
    }

    /// A command with the tools on PATH.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("PATH", &self.path);
        cmd
    }

    /// The Chromium the browser tests drive.
    pub fn chromium(&self) -> &Path {
        &self.chromium
    }

    /// The Python with aiosmtpd that the server's mail tests start an SMTP server with
    /// (passed to them as `AFTERCARE_PYTHON`).
    pub fn python(&self) -> &Path {
        &self.python
    }

    /// The ChromeDriver wasm-bindgen-test drives Chromium with.
    pub fn chromedriver(&self) -> PathBuf {
        self.chromium.parent().map_or_else(
            || PathBuf::from(CHROMEDRIVER),
            |dir| dir.join("chromedriver"),
        )
    }

    /// Installs a folder's npm dependencies exactly as locked, when they are missing or
    /// older than the lock file.
    pub fn ensure_node_modules(&self, dir: &Path) -> Result<()> {
        let marker = dir.join("node_modules/.package-lock.json");
        let lock = dir.join("package-lock.json");
        let stale = match (
            marker.metadata().and_then(|m| m.modified()),
            lock.metadata().and_then(|m| m.modified()),
        ) {
            (Ok(installed), Ok(locked)) => installed < locked,
            _ => true,
        };
        if stale {
            step(&format!(
                "Installing {}'s npm packages (npm ci)",
                dir.display()
            ));
            run(self
                .command("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(dir))?;
        }
        Ok(())
    }
}
