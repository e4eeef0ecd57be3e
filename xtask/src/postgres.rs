//! A throwaway PostgreSQL cluster for the test suite: Debian's `postgresql` binaries, a
//! fresh data folder under /tmp, a free loopback port, trust authentication, and removal
//! when dropped. `TEST_DATABASE_URL` skips all of this and uses the server it names.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{run, step, Result};

/// A running cluster (or an external one) and its URL.
pub struct Postgres {
    /// A URL the test suite connects to (it creates one database per test there).
    pub url: String,
    cluster: Option<(PathBuf, PathBuf)>,
}

fn bin_dir() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").exists())
        .collect();
    dirs.sort();
    dirs.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A command run as the `postgres` user when we are root (PostgreSQL refuses root).
fn as_owner(program: &Path) -> Command {
    if is_root() {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", "postgres", "--"]).arg(program);
        cmd
    } else {
        Command::new(program)
    }
}

impl Postgres {
    /// Starts a cluster on `port` for tests (no fsync: nothing in it needs to survive),
    /// installing PostgreSQL first if it is missing.
    pub fn start(port: u16) -> Result<Postgres> {
        Self::start_with(port, false)
    }

    /// Starts a cluster that flushes commits to disk as a real deployment does (the
    /// bench compares it with SQLite's `synchronous=FULL`).
    pub fn start_durable(port: u16) -> Result<Postgres> {
        Self::start_with(port, true)
    }

    fn start_with(port: u16, durable: bool) -> Result<Postgres> {
        if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
            if !url.is_empty() {
                return Ok(Postgres { url, cluster: None });
            }
        }
        let bin = match bin_dir() {
            Some(bin) => bin,
            None if is_root() => {
                step("Installing PostgreSQL from Debian (apt-get, once)");
                run(Command::new("apt-get").arg("update"))?;
                run(Command::new("apt-get")
                    .args(["install", "-y", "--no-install-recommends", "postgresql"])
                    .env("DEBIAN_FRONTEND", "noninteractive"))?;
                bin_dir().ok_or("PostgreSQL installed but initdb not found")?
            }
            None => {
                return Err("PostgreSQL is missing: sudo apt-get install postgresql \
                            (or set TEST_DATABASE_URL=postgres://…)"
                    .into())
            }
        };
        let dir = std::env::temp_dir().join(format!("aftercare-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        if is_root() {
            run(Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&dir))?;
        }
        let data = dir.join("data");
        run(as_owner(&bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args(["-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])
            .stdout(std::process::Stdio::null()))?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync={} -c max_connections=200",
            dir.display(),
            if durable { "on" } else { "off" }
        );
        run(as_owner(&bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .args(["-o", &options, "-w", "-l"])
            .arg(dir.join("server.log"))
            .arg("start")
            .stdout(std::process::Stdio::null()))?;
        println!(
            "    PostgreSQL running on 127.0.0.1:{port} (data in {})",
            dir.display()
        );
        Ok(Postgres {
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
            cluster: Some((bin, dir)),
        })
    }
}

impl Postgres {
    /// `psql` on this cluster's URL, quiet and stopping at the first error.
    pub fn psql(&self) -> Command {
        let program = self
            .cluster
            .as_ref()
            .map_or_else(|| PathBuf::from("psql"), |(bin, _)| bin.join("psql"));
        let mut cmd = Command::new(program);
        cmd.args(["-q", "-X", "-v", "ON_ERROR_STOP=1", "-d", &self.url]);
        cmd
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Some((bin, dir)) = self.cluster.take() {
            let _ = as_owner(&bin.join("pg_ctl"))
                .arg("-D")
                .arg(dir.join("data"))
                .args(["-m", "immediate", "stop"])
                .stdout(std::process::Stdio::null())
                .status();
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
