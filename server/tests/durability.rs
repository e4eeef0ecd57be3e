//! Durability, against the real `aftercare-server` binary on a loopback port and a SQLite
//! file: an acknowledged claim survives the process being killed mid-stream (SIGKILL,
//! no shutdown), the file stays sound, and `aftercare-server backup` makes a consistent
//! copy of a database that is being written to, which a server then serves unchanged.
//!
//! These always run on SQLite (they are about its WAL and its file), whatever
//! `TEST_DATABASE_URL` says.

mod process;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use process::{call, claim_body, register_washer, request, sign_up, sqlite_url, Server};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use tokio::process::Command;

/// Files claims from `tasks` concurrent clients until `stop` is set or the server stops
/// answering; returns every (id, description) whose 201 came back.
async fn stream_claims(
    address: String,
    cookie: String,
    product_id: i64,
    tasks: usize,
    stop: Arc<AtomicBool>,
    acknowledged: Arc<Mutex<Vec<(i64, String)>>>,
) {
    let mut handles = Vec::new();
    for task in 0..tasks {
        let (address, cookie) = (address.clone(), cookie.clone());
        let (stop, acknowledged) = (stop.clone(), acknowledged.clone());
        handles.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                let description = format!("Leaks at the bottom: report {task}-{n}");
                let body = claim_body(product_id, &description);
                match request(&address, "POST", "/claims", Some(&body), Some(&cookie)).await {
                    Ok(answer) if answer.status == 201 => {
                        let id = answer.json()["summary"]["id"].as_i64().expect("claim id");
                        acknowledged.lock().expect("lock").push((id, description));
                    }
                    Ok(answer) => panic!("unexpected answer {}: {}", answer.status, answer.body),
                    // The server is gone: whatever was in flight is unknown, and that is fine.
                    Err(_) => break,
                }
            }
        }));
    }
    for handle in handles {
        handle.await.expect("client task");
    }
}

async fn open(database: &Path) -> DatabaseConnection {
    Database::connect(format!("sqlite://{}?mode=rw", database.display()))
        .await
        .expect("open the database file")
}

async fn pragma(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all(Statement::from_string(DbBackend::Sqlite, sql))
        .await
        .expect(sql)
        .iter()
        .map(|row| {
            row.try_get_by_index::<String>(0)
                .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                .expect("a text or number column")
        })
        .collect()
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    pragma(db, sql).await[0].parse().expect("a count")
}

// ---- Tests ------------------------------------------------------------------------------

#[tokio::test]
async fn every_pooled_sqlite_connection_is_wal_with_full_sync_and_a_busy_timeout() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = aftercare_server::db::connect(&sqlite_url(&dir.path().join("a.db")))
        .await
        .expect("connect");
    // Three transactions at once hold three different connections of the pool.
    use sea_orm::TransactionTrait;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(db.begin().await.expect("begin"));
    }
    for txn in &held {
        let read = |sql: &'static str| async move {
            let row = txn
                .query_one(Statement::from_string(DbBackend::Sqlite, sql))
                .await
                .expect(sql)
                .expect("a row");
            row.try_get_by_index::<String>(0)
                .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                .expect("a value")
        };
        assert_eq!(read("PRAGMA journal_mode").await, "wal");
        assert_eq!(read("PRAGMA synchronous").await, "2", "2 is FULL");
        assert_eq!(
            read("PRAGMA busy_timeout").await,
            aftercare_server::db::BUSY_TIMEOUT.as_millis().to_string()
        );
        assert_eq!(read("PRAGMA foreign_keys").await, "1");
    }
}

#[tokio::test]
async fn every_acknowledged_claim_survives_the_server_being_killed_mid_stream() {
    let dir = tempfile::tempdir().expect("temp dir");
    let database = dir.path().join("aftercare.db");
    let mut server = Server::start(&sqlite_url(&database), dir.path()).await;
    let cookie = sign_up(&server, "ana@example.com").await;
    let product = register_washer(&server, &cookie, "WM-61006100").await;

    let stop = Arc::new(AtomicBool::new(false));
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let clients = tokio::spawn(stream_claims(
        server.address.clone(),
        cookie.clone(),
        product,
        4,
        stop.clone(),
        acknowledged.clone(),
    ));
    // Let the stream run, then pull the plug while requests are in flight.
    let started = std::time::Instant::now();
    while acknowledged.lock().expect("lock").len() < 40
        && started.elapsed() < Duration::from_secs(60)
    {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill().await;
    stop.store(true, Ordering::SeqCst);
    clients.await.expect("clients");
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert!(
        acknowledged.len() >= 20,
        "only {} claims were acknowledged before the kill",
        acknowledged.len()
    );

    // The same file, a new process: the session and every acknowledged claim are there.
    let mut again = Server::start(&sqlite_url(&database), dir.path()).await;
    for (id, description) in &acknowledged {
        let answer = call(&again, "GET", &format!("/claims/{id}"), None, Some(&cookie)).await;
        assert_eq!(answer.status, 200, "claim {id} was lost: {}", answer.body);
        assert_eq!(answer.json()["description"], description.as_str());
    }
    let listed = call(&again, "GET", "/claims", None, Some(&cookie))
        .await
        .json();
    let listed = listed["claims"].as_array().map_or(0, Vec::len);
    assert!(listed >= acknowledged.len(), "{listed} listed");
    again.kill().await;

    let db = open(&database).await;
    assert_eq!(pragma(&db, "PRAGMA integrity_check").await, ["ok"]);
    assert!(pragma(&db, "PRAGMA foreign_key_check").await.is_empty());
    // A claim is written whole or not at all: none without its first timeline step.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM claims c WHERE NOT EXISTS \
             (SELECT 1 FROM claim_events e WHERE e.claim_id = c.id)"
        )
        .await,
        0
    );
    println!(
        "{} claims acknowledged before SIGKILL, {listed} found after restart",
        acknowledged.len()
    );
}

#[tokio::test]
async fn a_backup_taken_while_the_server_writes_serves_the_same_products_and_claims() {
    let dir = tempfile::tempdir().expect("temp dir");
    let database = dir.path().join("live.db");
    let mut live = Server::start(&sqlite_url(&database), dir.path()).await;
    let ana = sign_up(&live, "ana@example.com").await;
    let first = register_washer(&live, &ana, "WM-61006100").await;
    let second = register_washer(&live, &ana, "WM-61006101").await;
    for (product, words) in [
        (first, "Water on the floor"),
        (second, "Drum does not turn"),
    ] {
        let answer = call(
            &live,
            "POST",
            "/claims",
            Some(claim_body(product, words)),
            Some(&ana),
        )
        .await;
        assert_eq!(answer.status, 201, "{}", answer.body);
    }

    // Another customer keeps writing while the backup is taken.
    let bo = sign_up(&live, "bo@example.com").await;
    let bos_washer = register_washer(&live, &bo, "WM-61006102").await;
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(Mutex::new(Vec::new()));
    let writer = tokio::spawn(stream_claims(
        live.address.clone(),
        bo.clone(),
        bos_washer,
        2,
        stop.clone(),
        written.clone(),
    ));
    while written.lock().expect("lock").len() < 5 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let copy: PathBuf = dir.path().join("backups").join("copy.db");
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare-server"))
        .arg("--database-url")
        .arg(sqlite_url(&database))
        .arg("backup")
        .arg(&copy)
        .env("RUST_LOG", "warn")
        .output()
        .await
        .expect("backup runs");
    stop.store(true, Ordering::SeqCst);
    writer.await.expect("writer");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("backup written"));
    assert!(!dir.path().join("backups/copy.db.partial").exists());

    // The copy is sound and consistent: whole claims only, as of one moment.
    let copied = open(&copy).await;
    assert_eq!(pragma(&copied, "PRAGMA integrity_check").await, ["ok"]);
    assert_eq!(
        count(
            &copied,
            "SELECT COUNT(*) FROM claims c WHERE NOT EXISTS \
             (SELECT 1 FROM claim_events e WHERE e.claim_id = c.id)"
        )
        .await,
        0
    );
    copied.close().await.expect("close");

    // A server on the copy shows Ana exactly what the live one shows her.
    let restored_folder = dir.path().join("restored");
    let mut restored = Server::start(&sqlite_url(&copy), &restored_folder).await;
    let mut paths = vec![
        "/products".to_owned(),
        "/claims".to_owned(),
        "/me".to_owned(),
    ];
    let claims = call(&live, "GET", "/claims", None, Some(&ana)).await.json();
    let claims = claims["claims"].as_array().cloned().unwrap_or_default();
    assert_eq!(claims.len(), 2);
    for claim in &claims {
        paths.push(format!("/claims/{}", claim["id"]));
    }
    for product in [first, second] {
        paths.push(format!("/products/{product}/coverage"));
    }
    for path in &paths {
        let before = call(&live, "GET", path, None, Some(&ana)).await;
        let after = call(&restored, "GET", path, None, Some(&ana)).await;
        assert_eq!(before.status, 200, "{path}: {}", before.body);
        assert_eq!(after.status, 200, "{path}: {}", after.body);
        assert_eq!(before.json(), after.json(), "{path} differs in the copy");
    }
    println!("{} answers compared on the copy", paths.len());
    restored.kill().await;
    live.kill().await;
}

#[tokio::test]
async fn backup_refuses_postgres_and_never_overwrites_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let postgres = Command::new(env!("CARGO_BIN_EXE_aftercare-server"))
        .args([
            "--database-url",
            "postgres://aftercare@127.0.0.1:1/aftercare",
            "backup",
        ])
        .arg(dir.path().join("pg.db"))
        .output()
        .await
        .expect("runs");
    assert!(!postgres.status.success());
    assert!(
        String::from_utf8_lossy(&postgres.stderr).contains("pg_dump"),
        "{}",
        String::from_utf8_lossy(&postgres.stderr)
    );
    assert!(!dir.path().join("pg.db").exists());

    let database = dir.path().join("a.db");
    aftercare_server::db::connect(&sqlite_url(&database))
        .await
        .expect("a database")
        .close()
        .await
        .expect("close");
    let existing = dir.path().join("existing.db");
    std::fs::write(&existing, b"keep me").expect("write");
    let refused = Command::new(env!("CARGO_BIN_EXE_aftercare-server"))
        .arg("--database-url")
        .arg(sqlite_url(&database))
        .arg("backup")
        .arg(&existing)
        .output()
        .await
        .expect("runs");
    assert!(!refused.status.success());
    assert_eq!(std::fs::read(&existing).expect("read"), b"keep me");
}
