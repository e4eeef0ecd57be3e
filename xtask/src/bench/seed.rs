//! A large database, generated in SQL by SQLite itself (recursive CTEs, one transaction a
//! batch): customers, registered products, claims with timelines, past appointments, and a
//! session per customer so the load generator is signed in without hashing passwords.
//!
//! Layout (`j` = 0-based index of a seeded product): product `j` is `first_product + j`,
//! owned by customer `j / 5`; products `0..HISTORY_PRODUCTS` carry the claims and the past
//! appointments; the rest are fresh (no claim yet) for the claim-filing load.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use sha2::{Digest, Sha256};

use crate::Result;

pub const CUSTOMERS: u64 = 12_000;
pub const PRODUCTS: u64 = 60_000;
pub const HISTORY_PRODUCTS: u64 = 50_000;
pub const APPOINTMENTS: u64 = 50_000;
pub const PRODUCTS_PER_CUSTOMER: u64 = 5;

/// The session token of seeded customer `u` (the database keeps only its SHA-256).
pub fn token(u: u64) -> String {
    format!("bench-session-{u}")
}

/// The session token of the demo agent.
pub const AGENT_TOKEN: &str = "bench-session-agent";

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Runs SQL through the `sqlite3` shell on the database file.
pub fn sql(db: &Path, script: &str) -> Result<String> {
    let mut child = Command::new("sqlite3")
        .arg("-batch")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("sqlite3 (apt-get install sqlite3): {e}"))?;
    child
        .stdin
        .take()
        .ok_or("sqlite3 stdin")?
        .write_all(format!(".timeout 30000\n{script}").as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() || !out.stderr.is_empty() {
        return Err(format!(
            "sqlite3 failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn number(db: &Path, query: &str) -> Result<u64> {
    let text = sql(db, query)?;
    text.parse()
        .map_err(|_| format!("{query}: not a number: {text:?}"))
}

/// Where the seeded rows start.
#[derive(Clone, Copy, Debug)]
pub struct Seeded {
    pub first_user: u64,
    pub first_product: u64,
    pub agent: u64,
}

fn bar(label: &str, done: u64, total: u64) {
    let width = 30;
    let filled = (done * width / total.max(1)) as usize;
    print!(
        "\r    {label:<26} [{}{}] {done:>7}/{total}",
        "#".repeat(filled),
        " ".repeat(width as usize - filled)
    );
    let _ = std::io::stdout().flush();
    if done >= total {
        println!();
    }
}

const PRAGMAS: &str = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF;\n";

/// Seeds customers, products, appointments and sessions (no claims yet: see `claims_up_to`).
pub fn base(db: &Path) -> Result<Seeded> {
    let hash = sql(
        db,
        "SELECT password_hash FROM users WHERE role='customer' LIMIT 1;",
    )?;
    let agent = number(
        db,
        "SELECT id FROM users WHERE role='agent' ORDER BY id LIMIT 1;",
    )?;
    let first_user = number(db, "SELECT COALESCE(MAX(id),0)+1 FROM users;")?;
    let first_product = number(db, "SELECT COALESCE(MAX(id),0)+1 FROM registered_products;")?;
    let models = number(db, "SELECT COUNT(*) FROM product_models;")?;
    let centres = number(db, "SELECT COUNT(*) FROM centres;")?;
    let steps = 10;
    for step in 0..steps {
        let (from, to) = (CUSTOMERS * step / steps, CUSTOMERS * (step + 1) / steps);
        sql(
            db,
            &format!(
                "{PRAGMAS}BEGIN;
WITH RECURSIVE n(i) AS (SELECT {from} UNION ALL SELECT i+1 FROM n WHERE i+1<{to})
INSERT INTO users(email,name,password_hash,language,role,created_at)
SELECT 'bench'||i||'@example.com','Bench Customer '||i,'{hash}','en','customer',
  strftime('%Y-%m-%dT%H:%M:%S.000+00:00','now','-'||(i%900)||' days') FROM n;
COMMIT;"
            ),
        )?;
        bar("customers", to, CUSTOMERS);
    }
    // Every customer is signed in: one session each, keyed by the token's digest.
    let mut sessions = String::from("BEGIN;\n");
    let expires = "strftime('%Y-%m-%dT%H:%M:%S.000+00:00','now','+30 days')";
    let now = "strftime('%Y-%m-%dT%H:%M:%S.000+00:00','now')";
    for chunk in (0..CUSTOMERS).collect::<Vec<_>>().chunks(500) {
        sessions.push_str("INSERT INTO sessions(id,user_id,created_at,expires_at) VALUES ");
        let rows: Vec<String> = chunk
            .iter()
            .map(|u| {
                format!(
                    "('{}',{},{now},{expires})",
                    digest(&token(*u)),
                    first_user + u
                )
            })
            .collect();
        sessions.push_str(&rows.join(","));
        sessions.push_str(";\n");
    }
    sessions.push_str(&format!(
        "INSERT INTO sessions(id,user_id,created_at,expires_at) VALUES ('{}',{agent},{now},{expires});\nCOMMIT;",
        digest(AGENT_TOKEN)
    ));
    sql(db, &format!("{PRAGMAS}{sessions}"))?;
    bar("sessions", CUSTOMERS, CUSTOMERS);
    for step in 0..steps {
        let (from, to) = (PRODUCTS * step / steps, PRODUCTS * (step + 1) / steps);
        sql(db, &format!("{PRAGMAS}BEGIN;
WITH RECURSIVE n(i) AS (SELECT {from} UNION ALL SELECT i+1 FROM n WHERE i+1<{to})
INSERT INTO registered_products(id,user_id,model_id,serial,purchase_date,registered_on,retailer,country,nickname,created_at)
SELECT {first_product}+i, {first_user}+i/{PRODUCTS_PER_CUSTOMER},
  m.mid,
  'BENCH'||printf('%08d',i), date('now','-'||(30+i%600)||' days'), date('now','-'||(20+i%600)||' days'),
  'Bench Retail','PL',NULL, strftime('%Y-%m-%dT%H:%M:%S.000+00:00','now','-'||(i%600)||' days')
FROM n JOIN (SELECT id AS mid, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM product_models) m
  ON m.k = n.i % {models};
COMMIT;"))?;
        bar("registered products", to, PRODUCTS);
    }
    for step in 0..steps {
        let (from, to) = (
            APPOINTMENTS * step / steps,
            APPOINTMENTS * (step + 1) / steps,
        );
        sql(db, &format!("{PRAGMAS}BEGIN;
WITH RECURSIVE n(i) AS (SELECT {from} UNION ALL SELECT i+1 FROM n WHERE i+1<{to})
INSERT INTO appointments(user_id,product_id,centre_id,service,start_at,end_at,status,address,postal_code,notes,created_at)
SELECT {first_user}+i/{PRODUCTS_PER_CUSTOMER}, {first_product}+i, 1+(i%{centres}), 'drop_off_repair',
  strftime('%Y-%m-%dT%H:00:00.000+00:00','now','-'||(2+i%400)||' days'),
  strftime('%Y-%m-%dT%H:30:00.000+00:00','now','-'||(2+i%400)||' days'),
  CASE i%3 WHEN 0 THEN 'arrived' WHEN 1 THEN 'no_show' ELSE 'cancelled' END,
  NULL,NULL,NULL, strftime('%Y-%m-%dT%H:%M:%S.000+00:00','now','-'||(9+i%400)||' days') FROM n;
COMMIT;"))?;
        bar("appointments (past)", to, APPOINTMENTS);
    }
    Ok(Seeded {
        first_user,
        first_product,
        agent,
    })
}

const STATUSES: &[&str] = &[
    "submitted",
    "in_review",
    "awaiting_customer",
    "quote_sent",
    "awaiting_parts",
    "resolved",
    "closed",
    "closed",
    "rejected",
    "closed",
];

/// Adds seeded claims (two per history product, three timeline events each) until there
/// are `target` of them.
pub fn claims_up_to(db: &Path, seeded: Seeded, from: u64, target: u64) -> Result<()> {
    let centres = number(db, "SELECT COUNT(*) FROM centres;")?;
    let statuses: Vec<String> = STATUSES
        .iter()
        .enumerate()
        .map(|(k, s)| format!("WHEN {k} THEN '{s}'"))
        .collect();
    let status = format!("CASE i%{} {} END", STATUSES.len(), statuses.join(" "));
    let batch = 10_000.min(target - from).max(1);
    let mut done = from;
    while done < target {
        let to = (done + batch).min(target);
        let before = number(db, "SELECT COALESCE(MAX(id),0) FROM claims;")?;
        sql(db, &format!("{PRAGMAS}BEGIN;
WITH RECURSIVE n(i) AS (SELECT {done} UNION ALL SELECT i+1 FROM n WHERE i+1<{to})
INSERT INTO claims(user_id,product_id,centre_id,cause,description,started_on,remedy,covered,contact,phone,status,resolution,created_at,updated_at)
SELECT {fu}+(i/2)/{PRODUCTS_PER_CUSTOMER}, {fp}+i/2, 1+(i%{centres}), 'performance_defect',
  'Bench claim '||i||': the appliance stops mid-cycle and shows an error code.',
  date('now','-'||(3+i%500)||' days'), 'free_repair', 1, 'email', '', {status}, NULL,
  strftime('%Y-%m-%dT%H:%M:%S.000+00:00','now','-'||(2+i%500)||' days'),
  strftime('%Y-%m-%dT%H:%M:%S.000+00:00','now','-'||(1+i%500)||' days') FROM n;
INSERT INTO claim_events(claim_id,at,from_status,to_status,actor,actor_user_id,note,resolution)
SELECT id, created_at, NULL, 'submitted', 'customer', user_id, '', NULL FROM claims WHERE id>{before};
INSERT INTO claim_events(claim_id,at,from_status,to_status,actor,actor_user_id,note,resolution)
SELECT id, created_at, 'submitted', 'in_review', 'agent', {agent}, 'Looking into it.', NULL FROM claims WHERE id>{before} AND status<>'submitted';
INSERT INTO claim_events(claim_id,at,from_status,to_status,actor,actor_user_id,note,resolution)
SELECT id, updated_at, 'in_review', status, 'agent', {agent}, 'Updated.', NULL FROM claims WHERE id>{before} AND status NOT IN ('submitted','in_review');
COMMIT;",
            fu = seeded.first_user,
            fp = seeded.first_product,
            agent = seeded.agent,
        ))?;
        done = to;
        bar(&format!("claims (to {target})"), done, target);
    }
    sql(db, "PRAGMA optimize; ANALYZE;")?;
    Ok(())
}
