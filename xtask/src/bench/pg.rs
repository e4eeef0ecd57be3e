//! The same large database on PostgreSQL: the server's migrations make the schema, then
//! every table's rows are streamed from the SQLite file (`sqlite3 -csv`) into one `psql`
//! session as `COPY … FROM STDIN CSV`, so both databases hold exactly the same rows.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::seed;
use crate::postgres::Postgres;
use crate::{run, Result};

/// Creates the schema with `aftercare-server migrate`, then copies every row.
pub fn copy(server_bin: &Path, sqlite: &Path, pg: &Postgres, work: &Path) -> Result<()> {
    run(Command::new(server_bin)
        .args(["--database-url", &pg.url])
        .arg("--uploads")
        .arg(work.join("uploads-pg"))
        .arg("--outbox")
        .arg(work.join("outbox-pg"))
        .arg("migrate")
        .stdout(Stdio::null()))?;
    let tables: Vec<String> = seed::sql(
        sqlite,
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' \
         AND name<>'seaql_migrations' ORDER BY name;",
    )?
    .lines()
    .map(str::to_owned)
    .collect();
    let mut psql = pg
        .psql()
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("psql: {e}"))?;
    let mut input = psql.stdin.take().ok_or("psql stdin")?;
    let quoted: Vec<String> = tables.iter().map(|t| format!("\"{t}\"")).collect();
    // Foreign keys are checked by neither side while copying (the rows came from a
    // database that checked them).
    writeln!(
        input,
        "SET session_replication_role = replica;\nTRUNCATE {} CASCADE;",
        quoted.join(", ")
    )
    .map_err(|e| e.to_string())?;
    for table in &tables {
        let columns = seed::sql(
            sqlite,
            &format!(
                "SELECT group_concat('\"'||name||'\"', ',') FROM pragma_table_info('{table}');"
            ),
        )?;
        writeln!(
            input,
            "COPY \"{table}\" ({columns}) FROM STDIN WITH (FORMAT csv);"
        )
        .map_err(|e| e.to_string())?;
        let mut rows = Command::new("sqlite3")
            .args(["-batch", "-csv"])
            .arg(sqlite)
            .arg(format!("SELECT {columns} FROM \"{table}\";"))
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("sqlite3: {e}"))?;
        let mut out = rows.stdout.take().ok_or("sqlite3 stdout")?;
        std::io::copy(&mut out, &mut input).map_err(|e| format!("copying {table}: {e}"))?;
        if !rows.wait().map_err(|e| e.to_string())?.success() {
            return Err(format!("sqlite3 could not read {table}"));
        }
        writeln!(input, "\\.").map_err(|e| e.to_string())?;
    }
    // Identity columns go on from the copied ids.
    for table in &tables {
        let id_type = seed::sql(
            sqlite,
            &format!("SELECT type FROM pragma_table_info('{table}') WHERE name='id';"),
        )?;
        if !id_type.to_ascii_lowercase().contains("int") {
            continue;
        }
        writeln!(
            input,
            "SELECT setval(q.s, (SELECT COALESCE(MAX(id), 0) + 1 FROM \"{table}\"), false) \
             FROM (SELECT pg_get_serial_sequence('\"{table}\"', 'id') AS s) q WHERE q.s IS NOT NULL;"
        )
        .map_err(|e| e.to_string())?;
    }
    writeln!(input, "ANALYZE;").map_err(|e| e.to_string())?;
    drop(input);
    if !psql.wait().map_err(|e| e.to_string())?.success() {
        return Err("psql failed while copying the bench database".into());
    }
    Ok(())
}
