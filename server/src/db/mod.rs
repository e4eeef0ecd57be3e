//! The data layer: sea-orm entities and migrations that run unchanged on SQLite (the
//! embedded default) and PostgreSQL (scale-out), so no query is written twice.

pub mod entities;
pub mod migration;

use std::path::{Path, PathBuf};
use std::time::Duration;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement,
};
use sea_orm_migration::MigratorTrait;

/// Connects, tunes SQLite for durability and concurrency, and applies every migration.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = sqlite_file(url) {
        if let Some(parent) = std::path::Path::new(path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| DbErr::Custom(format!("creating {}: {e}", parent.display())))?;
            }
        }
    }
    let db = Database::connect(options(url)).await?;
    migration::Migrator::up(&db, None).await?;
    Ok(db)
}

/// How every connection is made. On SQLite each connection of the pool gets: WAL (readers
/// run beside the one writer, and a crash never leaves a half-written page in the main
/// file), `synchronous=FULL` (a commit is on disk before it is acknowledged, so an
/// answered write survives a crash or a power cut), a busy timeout (writers queue
/// instead of failing) and foreign keys (off by default in SQLite).
fn options(url: &str) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(if url.starts_with("sqlite") { 8 } else { 20 })
        .acquire_timeout(Duration::from_secs(10))
        // sqlx pings a connection before lending it out: on SQLite that is one more trip
        // to the connection's thread per query, for a file that cannot go away.
        .test_before_acquire(!url.starts_with("sqlite"))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Full)
                .busy_timeout(BUSY_TIMEOUT)
                .foreign_keys(true)
        });
    options
}

/// How long a SQLite writer waits for the write lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a backup was not written.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The database is not SQLite: PostgreSQL has its own tool.
    #[error(
        "backup copies SQLite databases only; for PostgreSQL use pg_dump \
         (e.g. pg_dump -Fc -f aftercare.dump <url>) and pg_restore: see docs/OPERATIONS.md"
    )]
    NotSqlite,
    /// The URL names no file (an in-memory database).
    #[error("the database URL names no file to back up")]
    NoFile,
    /// There is no database at the URL's path.
    #[error("no database at {0}")]
    Missing(String),
    /// The target exists: a backup never overwrites anything.
    #[error("{0} exists already: name a new file")]
    TargetExists(String),
    /// The copy was written but does not pass `PRAGMA integrity_check`.
    #[error("the copy failed its integrity check: {0}")]
    Corrupt(String),
    /// Reading the database or writing the copy failed.
    #[error("{0}")]
    Io(String),
}

impl From<DbErr> for BackupError {
    fn from(err: DbErr) -> Self {
        BackupError::Io(format!("database: {err}"))
    }
}

impl From<std::io::Error> for BackupError {
    fn from(err: std::io::Error) -> Self {
        BackupError::Io(err.to_string())
    }
}

/// Writes a consistent copy of the SQLite database at `url` to `target` (which must not
/// exist), safe while servers are writing to it: `VACUUM INTO` reads one snapshot (a
/// read transaction, which in WAL mode blocks no writer) and writes a compact new
/// database. The copy is written beside the target under a temporary name, synced,
/// checked with `PRAGMA integrity_check`, and only then renamed into place. Migrations
/// are not run: the copy has the schema the live database has. Returns its size.
pub async fn backup(url: &str, target: &Path) -> Result<u64, BackupError> {
    if !url.starts_with("sqlite:") {
        return Err(BackupError::NotSqlite);
    }
    let source = sqlite_file(url).ok_or(BackupError::NoFile)?;
    if !Path::new(source).is_file() {
        return Err(BackupError::Missing(source.to_owned()));
    }
    if target.exists() {
        return Err(BackupError::TargetExists(target.display().to_string()));
    }
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&folder)?;
    let file_name = target
        .file_name()
        .ok_or_else(|| BackupError::Io(format!("{} is not a file name", target.display())))?;
    let mut partial_name = file_name.to_os_string();
    partial_name.push(".partial");
    let partial = folder.join(partial_name);
    let _ = std::fs::remove_file(&partial);
    let partial_text = partial
        .to_str()
        .ok_or_else(|| BackupError::Io(format!("{} is not UTF-8", partial.display())))?;

    let mut options = options(url);
    options.max_connections(1).min_connections(0);
    let db = Database::connect(options).await?;
    let copied = db
        .execute_unprepared(&format!(
            "VACUUM INTO '{}'",
            partial_text.replace('\'', "''")
        ))
        .await;
    db.close().await?;
    if let Err(err) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(err.into());
    }
    std::fs::File::open(&partial)?.sync_all()?;

    let check = verify(&partial).await;
    if let Err(err) = check {
        let _ = std::fs::remove_file(&partial);
        return Err(err);
    }
    std::fs::rename(&partial, target)?;
    // The rename is durable once the folder is synced (where folders can be opened).
    if let Ok(dir) = std::fs::File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(std::fs::metadata(target)?.len())
}

/// `PRAGMA integrity_check` on a database file, read-only.
async fn verify(file: &Path) -> Result<(), BackupError> {
    let url = format!("sqlite://{}?mode=ro", file.display());
    let mut options = ConnectOptions::new(url);
    options.max_connections(1).sqlx_logging(false);
    let db = Database::connect(options).await?;
    let rows = db
        .query_all(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await;
    db.close().await?;
    let answers: Vec<String> = rows?
        .iter()
        .filter_map(|row| row.try_get_by_index::<String>(0).ok())
        .collect();
    if answers == ["ok"] {
        Ok(())
    } else {
        Err(BackupError::Corrupt(answers.join("; ")))
    }
}

/// The file path of an `sqlite://` URL, if it is one with a file.
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Whether the database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}
