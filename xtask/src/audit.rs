//! The dependency audit: `cargo audit` (known vulnerabilities in Cargo.lock) and
//! `cargo deny` (advisories, licences, bans, sources; see deny.toml), both offline against
//! the RustSec advisory database snapshot the team keeps in `../shared/advisory-db`.
//!
//! Both tools want the database as a git repository, so the snapshot's plain files are
//! copied into `target/advisory-dbs/` and committed there once, dated as the snapshot is
//! (so a staleness check sees its real age). Nothing is fetched: `cargo fetch` only fills
//! the crates.io cache that `cargo metadata` reads.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools::Tools;
use crate::{run, step, Result};

const CARGO_DENY_VERSION: &str = "0.20.2";
const CARGO_AUDIT_VERSION: &str = "0.22.2";
/// The folder cargo deny keeps the database of `https://github.com/rustsec/advisory-db`
/// in (a hash of that address), under deny.toml's `db-path`.
const DENY_DB_FOLDER: &str = "advisory-db-3157b0e258782691";

pub fn audit(root: &Path, tools: &Tools) -> Result<()> {
    ensure_installed(tools, "cargo-deny", CARGO_DENY_VERSION)?;
    ensure_installed(tools, "cargo-audit", CARGO_AUDIT_VERSION)?;
    let snapshot = find_snapshot(root)?;
    let db = root.join("target/advisory-dbs").join(DENY_DB_FOLDER);
    prepare_repository(&snapshot, &db)?;
    println!(
        "    advisories: {} ({})",
        snapshot.display(),
        std::fs::read_to_string(snapshot.join("SNAPSHOT"))
            .unwrap_or_default()
            .trim()
    );
    run(tools
        .command("cargo")
        .args(["fetch", "--quiet"])
        .current_dir(root))?;
    run(tools
        .command("cargo")
        .args(["deny", "--log-level", "error", "--offline", "--workspace"])
        .args(["check", "--show-stats"])
        .current_dir(root))?;
    // cargo audit reads Cargo.lock, which also lists crates no build ever compiles (the
    // optional MySQL driver of sqlx). An advisory for one of those is ignored only after
    // `cargo tree` confirms that no target and no feature set of ours builds it.
    let mut audit = tools.command("cargo");
    audit
        .args(["audit", "--no-fetch", "--deny", "warnings", "--db"])
        .arg(&db)
        // Unmaintained, not vulnerable; deny.toml lists it with its reason.
        .args(["--ignore", "RUSTSEC-2024-0436"]);
    for (advisory, krate, why) in LOCK_ONLY {
        let tree = tools
            .command("cargo")
            .args(["tree", "--workspace", "--target", "all", "--all-features"])
            .args(["--edges", "all", "--invert", krate])
            .current_dir(root)
            .output()
            .map_err(|e| format!("cargo tree: {e}"))?;
        let built = String::from_utf8_lossy(&tree.stdout).trim().to_owned();
        if !built.is_empty() {
            return Err(format!(
                "{advisory} ({krate}) was ignored as never built, but it is now in the tree:\n{built}"
            ));
        }
        println!("    {advisory}: {krate} is in Cargo.lock but never built ({why})");
        audit.args(["--ignore", advisory]);
    }
    run(audit.current_dir(root))
}

/// Advisories for crates Cargo.lock names but no build of ours compiles.
const LOCK_ONLY: [(&str, &str, &str); 1] = [(
    "RUSTSEC-2023-0071",
    "rsa",
    "only sqlx-mysql uses it; MySQL is not a feature we enable",
)];

/// Installs a cargo subcommand at exactly `version` when it is missing or another version.
fn ensure_installed(tools: &Tools, crate_name: &str, version: &str) -> Result<()> {
    let subcommand = crate_name.trim_start_matches("cargo-");
    let have = tools
        .command("cargo")
        .args([subcommand, "--version"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    if have.is_some_and(|v| v.contains(version)) {
        return Ok(());
    }
    step(&format!(
        "Installing {crate_name} {version} (cargo install from crates.io; a few minutes, once)"
    ));
    run(Command::new("cargo").args(["install", "--locked", crate_name, "--version", version]))
}

/// The advisory snapshot: `AFTERCARE_ADVISORY_DB`, else `shared/advisory-db` beside this
/// checkout or one of its parents, else beside the checkout this one was cloned from.
fn find_snapshot(root: &Path) -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("AFTERCARE_ADVISORY_DB") {
        return Ok(PathBuf::from(dir));
    }
    let origin = Command::new("git")
        .args(["remote", "get-url", "origin"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .filter(|p| p.is_absolute());
    let candidates = root
        .ancestors()
        .chain(origin.iter().flat_map(|p| p.ancestors()))
        .map(|dir| dir.join("shared/advisory-db"));
    for candidate in candidates {
        if candidate.join("crates").is_dir() {
            return Ok(candidate);
        }
    }
    Err(
        "no RustSec advisory snapshot found: expected ../shared/advisory-db beside the \
         checkout (or set AFTERCARE_ADVISORY_DB to the folder)"
            .into(),
    )
}

/// Copies the snapshot into `db` and commits it there, unless the same snapshot is
/// already there.
fn prepare_repository(snapshot: &Path, db: &Path) -> Result<()> {
    let stamp = std::fs::read_to_string(snapshot.join("SNAPSHOT")).unwrap_or_default();
    let prepared = db.join(".git").is_dir()
        && std::fs::read_to_string(db.join("SNAPSHOT")).is_ok_and(|s| s == stamp);
    if prepared {
        return Ok(());
    }
    step("Preparing the advisory database snapshot as a git repository (target/advisory-dbs)");
    let _ = std::fs::remove_dir_all(db);
    copy_tree(snapshot, db).map_err(|e| format!("copying {}: {e}", snapshot.display()))?;
    // "snapshot of rustsec/advisory-db at commit … (2026-08-21)": the commit gets that date.
    let date = stamp
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.split(')').next())
        .map(|day| format!("{day}T00:00:00Z"));
    let git = |args: &[&str]| {
        let mut cmd = Command::new("git");
        cmd.args(["-c", "user.name=xtask", "-c", "user.email=xtask@localhost"])
            .args(args)
            .current_dir(db);
        if let Some(date) = &date {
            cmd.env("GIT_AUTHOR_DATE", date)
                .env("GIT_COMMITTER_DATE", date);
        }
        run(&mut cmd)
    };
    git(&["init", "--quiet", "--initial-branch=main"])?;
    git(&["add", "--all"])?;
    git(&["commit", "--quiet", "--message", stamp.trim()])
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
            // The snapshot is read-only; the copy must be removable next time.
            let mut permissions = std::fs::metadata(&target)?.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            permissions.set_readonly(false);
            std::fs::set_permissions(&target, permissions)?;
        }
    }
    Ok(())
}
