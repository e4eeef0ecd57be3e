//! The real `aftercare-server` binary as a child process on a loopback port, a small
//! HTTP/1.1 client to talk to it, and the first steps of a customer's story. Shared by
//! the tests that need real processes (durability, scale-out); each uses a part of it.
#![allow(dead_code)]

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use chrono::Utc;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

pub const WASHER_SKU: &str = "BSH-WAN28281";
pub const PASSWORD: &str = "kettle-orbit-lantern";

// ---- A server process and a small HTTP/1.1 client ---------------------------------------

/// A running `aftercare-server`, killed when dropped.
pub struct Server {
    child: Child,
    pub address: String,
}

impl Server {
    /// Starts the binary on the database at `url` (with the demo data) on a free loopback
    /// port, keeping its files in `folder`, and waits until it listens.
    pub async fn start(url: &str, folder: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_aftercare-server"))
            .arg("--bind")
            .arg("127.0.0.1:0")
            .arg("--database-url")
            .arg(url)
            .arg("--dist")
            .arg(folder.join("dist"))
            .arg("--uploads")
            .arg(folder.join("uploads"))
            .arg("--outbox")
            .arg(folder.join("outbox"))
            .arg("--demo")
            .env("RUST_LOG", "warn")
            .env_remove("AFTERCARE_SMTP_URL")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("the server binary starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let address = tokio::time::timeout(Duration::from_secs(120), async {
            while let Some(line) = lines.next_line().await.expect("server output") {
                if let Some(rest) = line.strip_prefix("Aftercare is running at http://") {
                    return rest.trim_end_matches('/').to_owned();
                }
            }
            panic!("the server exited before listening");
        })
        .await
        .expect("the server listens within two minutes");
        // Keep reading what it prints, so a full pipe never stalls it.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Server { child, address }
    }

    /// SIGKILL: no graceful shutdown, no flush, nothing but what is on disk survives.
    pub async fn kill(&mut self) {
        self.child.start_kill().expect("kill");
        self.child.wait().await.expect("reaped");
    }
}

pub fn sqlite_url(database: &Path) -> String {
    format!("sqlite://{}?mode=rwc", database.display())
}

/// An answer: status, headers (lower-case names), body.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {} {}", self.status, self.body))
    }

    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .iter()
            .filter(|(name, _)| name == "set-cookie")
            .filter_map(|(_, value)| value.split(';').next())
            .find(|pair| pair.starts_with("aftercare_session=") && pair.len() > 18)
            .map(str::to_owned)
    }
}

fn decode_chunked(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = body.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size_text = String::from_utf8_lossy(&body[..end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .unwrap_or(0);
        if size == 0 || body.len() < end + 2 + size {
            return out;
        }
        out.extend_from_slice(&body[end + 2..end + 2 + size]);
        body = &body[(end + 4 + size).min(body.len())..];
    }
}

/// One request on a fresh connection (`Connection: close`). An error means the server
/// did not answer: refused, reset, or killed while the request was in flight.
pub async fn request(
    address: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
    cookie: Option<&str>,
) -> std::io::Result<Answer> {
    request_with(address, method, path, body, cookie, &[]).await
}

/// Like [`request`], with extra request headers.
pub async fn request_with(
    address: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
    cookie: Option<&str>,
    headers: &[(&str, &str)],
) -> std::io::Result<Answer> {
    let exchange = async {
        let mut stream = TcpStream::connect(address).await?;
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut head = format!(
            "{method} /api/v1{path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\
             Content-Length: {}\r\n",
            body.len()
        );
        if !body.is_empty() {
            head.push_str("Content-Type: application/json\r\n");
        }
        if let Some(cookie) = cookie {
            head.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await?;
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(|| std::io::Error::other("incomplete answer"))?;
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other("no status line"))?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if headers
            .iter()
            .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"))
        {
            body = decode_chunked(&body);
        }
        Ok(Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    };
    tokio::time::timeout(Duration::from_secs(60), exchange)
        .await
        .unwrap_or_else(|_| Err(std::io::Error::other("no answer within a minute")))
}

pub async fn call(
    server: &Server,
    method: &str,
    path: &str,
    body: Option<Value>,
    cookie: Option<&str>,
) -> Answer {
    request(&server.address, method, path, body.as_ref(), cookie)
        .await
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

// ---- The customer's story ---------------------------------------------------------------

pub fn days_ago(days: i64) -> String {
    (Utc::now().date_naive() - chrono::Duration::days(days)).to_string()
}

pub async fn sign_up(server: &Server, email: &str) -> String {
    let answer = call(
        server,
        "POST",
        "/auth/signup",
        Some(json!({"name": "Ana Nowak", "email": email, "password": PASSWORD})),
        None,
    )
    .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    answer.session_cookie().expect("a session cookie")
}

pub async fn register_washer(server: &Server, cookie: &str, serial: &str) -> i64 {
    let page = call(
        server,
        "GET",
        &format!("/catalog/models?q={WASHER_SKU}"),
        None,
        None,
    )
    .await
    .json();
    let model = page["models"]
        .as_array()
        .and_then(|models| models.iter().find(|m| m["sku"] == WASHER_SKU))
        .expect("the washer is in the demo catalogue")["id"]
        .clone();
    let answer = call(
        server,
        "POST",
        "/products",
        Some(
            json!({"model_id": model, "serial": serial, "purchase_date": days_ago(200),
                    "retailer": "MediaMarkt", "country": "PL"}),
        ),
        Some(cookie),
    )
    .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    answer.json()["id"].as_i64().expect("product id")
}

pub fn claim_body(product_id: i64, description: &str) -> Value {
    json!({
        "product_id": product_id,
        "cause": "performance_defect",
        "description": description,
        "started_on": days_ago(3),
        "remedy": "free_repair",
        "contact": "email",
    })
}
