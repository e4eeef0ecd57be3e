//! Server configuration: every setting is a flag with an environment fallback, so the same
//! binary runs from `cargo xtask serve`, a systemd unit or a container.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Aftercare's API server and static host.
#[derive(Debug, Clone, Parser)]
#[command(name = "aftercare-server", version, about)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "AFTERCARE_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Database URL: `sqlite://data/aftercare.db?mode=rwc` (the default, one file) or
    /// `postgres://user:pass@host/db` for deployments that outgrow one machine.
    #[arg(
        long,
        env = "AFTERCARE_DATABASE_URL",
        default_value = "sqlite://data/aftercare.db?mode=rwc"
    )]
    pub database_url: String,

    /// Folder of the built app (Trunk's `dist/`), served with an SPA fallback.
    #[arg(long, env = "AFTERCARE_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Folder for uploaded files (proofs of purchase, photos): outside the web root,
    /// served only through the API to their owner and to agents.
    #[arg(long, env = "AFTERCARE_UPLOADS", default_value = "data/uploads")]
    pub uploads: PathBuf,

    /// Folder the outbox writes emails to as `.eml` files when no `--smtp-url` is set
    /// (development and tests).
    #[arg(long, env = "AFTERCARE_OUTBOX", default_value = "data/outbox")]
    pub outbox: PathBuf,

    /// SMTP relay the outbox sends through, e.g. `smtps://user:pass@smtp.example.com`
    /// (implicit TLS), `smtp://user:pass@smtp.example.com:587?tls=required` (STARTTLS) or
    /// `smtp://127.0.0.1:2525` (plain, local relays and tests). Unset: emails are written
    /// to `--outbox` as `.eml` files instead.
    #[arg(long, env = "AFTERCARE_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// The `From:` of every email the portal sends.
    #[arg(
        long,
        env = "AFTERCARE_MAIL_FROM",
        default_value = "Aftercare <no-reply@aftercare.example>"
    )]
    pub mail_from: String,

    /// Load the demo catalogue and demo accounts at start-up (idempotent).
    #[arg(long, env = "AFTERCARE_DEMO", default_value_t = false)]
    pub demo: bool,

    /// Set when clients reach the server over HTTPS (a TLS reverse proxy in front): the
    /// session cookie then gets `Secure` and the `__Host-` prefix.
    #[arg(long, env = "AFTERCARE_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,

    /// The address users reach the portal at, e.g. `https://aftercare.example.com`.
    /// Passkeys are bound to its host (the WebAuthn relying-party id) and the browser's
    /// origin must match it. Unset (development and tests): taken from each request's
    /// `Host` header as `http://<host>`.
    #[arg(long, env = "AFTERCARE_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Failed sign-ins per email within the throttle window before 429.
    #[arg(long, env = "AFTERCARE_SIGNIN_ATTEMPTS", default_value_t = 5)]
    pub signin_attempts: u32,

    /// A one-off task instead of serving.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// One-off tasks.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Apply migrations (and the demo data with --demo), then exit.
    Migrate,
    /// Write a consistent copy of the SQLite database to FILE, safe while servers run
    /// (`VACUUM INTO`), check it, then exit. For PostgreSQL use `pg_dump` instead: this
    /// refuses (non-zero exit). Copy the uploads folder after it.
    Backup {
        /// The new file to write (must not exist yet).
        file: PathBuf,
    },
}

impl Config {
    /// A configuration for tests and tools: defaults, with the given database.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            database_url: database_url.into(),
            dist: PathBuf::from("dist"),
            uploads: PathBuf::from("data/uploads"),
            outbox: PathBuf::from("data/outbox"),
            smtp_url: None,
            mail_from: "Aftercare <no-reply@aftercare.example>".to_owned(),
            demo: false,
            secure_cookies: false,
            public_url: None,
            signin_attempts: 5,
            command: None,
        }
    }

    /// The session cookie's name: `__Host-` prefixed when served over TLS.
    pub fn session_cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-aftercare_session"
        } else {
            "aftercare_session"
        }
    }
}
