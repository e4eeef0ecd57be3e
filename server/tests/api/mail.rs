//! Email through the outbox and a real SMTP relay: Python's aiosmtpd on loopback,
//! started per test and stopped when the test ends.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration as StdDuration, Instant};

use aftercare_server::db::entities::{appointment, outbox};
use aftercare_server::notify::{deliver_pending, send_due_reminders};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

use crate::support::TestApp;

/// The Python to run aiosmtpd with: `AFTERCARE_PYTHON` (set by `cargo xtask test`), else
/// the virtual environment `cargo xtask setup` makes, else `python3`.
fn python() -> PathBuf {
    if let Some(python) = std::env::var_os("AFTERCARE_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(python);
    }
    let venv = std::env::var_os("HOME")
        .map(|home| PathBuf::from(home).join(".cache/aftercare-tools/venv/bin/python"));
    venv.filter(|p| p.exists())
        .unwrap_or_else(|| PathBuf::from("python3"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// An SMTP relay on loopback that files every message it accepts in a Maildir.
struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
    _dir: tempfile::TempDir,
}

impl SmtpServer {
    /// Starts aiosmtpd on `port` and waits until it accepts connections.
    async fn start(port: u16) -> Self {
        let python = python();
        let importable = Command::new(&python)
            .args(["-c", "import aiosmtpd"])
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(
            importable,
            "the mail tests need Python's aiosmtpd, which {} cannot import: run `cargo xtask setup` \
             (it installs aiosmtpd into ~/.cache/aftercare-tools/venv), or point AFTERCARE_PYTHON \
             at a Python that has it",
            python.display()
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let maildir = dir.path().join("mail");
        let log = std::fs::File::create(dir.path().join("smtpd.log")).expect("log");
        let child = Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("starting aiosmtpd");
        let mut server = SmtpServer {
            child,
            port,
            maildir,
            _dir: dir,
        };
        let deadline = Instant::now() + StdDuration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("aiosmtpd exited ({status}): {}", server.log());
            }
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not listen: {}",
                server.log()
            );
            tokio::time::sleep(StdDuration::from_millis(50)).await;
        }
        server
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn log(&self) -> String {
        let log = self.maildir.with_file_name("smtpd.log");
        std::fs::read_to_string(log).unwrap_or_default()
    }

    /// The messages received so far, raw.
    fn messages(&self) -> Vec<String> {
        read_all(&self.maildir.join("new"))
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_all(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect()
}

/// A header's value in a raw message (first occurrence, unfolded lines only).
fn header<'a>(message: &'a str, name: &str) -> Option<&'a str> {
    message
        .lines()
        .take_while(|line| !line.is_empty())
        .find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
}

/// Ana books a repair; the reminder job, looking a day ahead, notifies her. Returns the
/// number of reminders made.
async fn ana_is_reminded(app: &TestApp) -> usize {
    let ana = app.customer("ana@example.com").await;
    app.forget_emails().await;
    let (_, _, _, booked) =
        super::book_washer(app, &ana, "WM-55005500", "Warszawa", "drop_off_repair").await;
    let now = Utc::now();
    let row = appointment::Entity::find_by_id(booked.id)
        .one(&app.state.db)
        .await
        .expect("db")
        .expect("appointment");
    let mut moved = row.into_active_model();
    moved.start_at = Set(now + Duration::hours(20));
    moved.update(&app.state.db).await.expect("move");
    send_due_reminders(&app.state, now).await.expect("job")
}

/// The one email queued besides the sign-up confirmations.
async fn the_one_queued_email(app: &TestApp) -> outbox::Model {
    let rows: Vec<_> = outbox::Entity::find()
        .all(&app.state.db)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|row| !row.body.contains("/verify-email?token="))
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    rows.into_iter().next().expect("one email")
}

#[tokio::test]
async fn a_reminder_email_reaches_the_customers_mailbox_through_smtp() {
    let smtp = SmtpServer::start(free_port()).await;
    let app = TestApp::init().await.with_smtp_url(&smtp.url());
    assert_eq!(ana_is_reminded(&app).await, 1);

    assert_eq!(deliver_pending(&app.state).await.expect("delivery"), 1);
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1, "{}", smtp.log());
    let message = &messages[0];
    assert_eq!(header(message, "To"), Some("ana@example.com"));
    assert_eq!(
        header(message, "Subject"),
        Some("Your Aftercare appointment is tomorrow")
    );
    assert_eq!(
        header(message, "From"),
        Some("Aftercare <no-reply@aftercare.example>")
    );
    // aiosmtpd records the envelope: the relay was told the same recipient.
    assert_eq!(header(message, "X-RcptTo"), Some("ana@example.com"));
    assert!(message.contains("A reminder of your appointment tomorrow"));

    // Sent once: the row is marked, nothing is written to the file outbox, and neither
    // another delivery round nor another reminder run sends it again.
    assert!(the_one_queued_email(&app).await.sent_at.is_some());
    assert!(read_all(&app.dir.path().join("outbox")).is_empty());
    assert_eq!(deliver_pending(&app.state).await.expect("again"), 0);
    assert_eq!(
        send_due_reminders(&app.state, Utc::now())
            .await
            .expect("job"),
        0
    );
    assert_eq!(deliver_pending(&app.state).await.expect("again"), 0);
    assert_eq!(smtp.messages().len(), 1);
}

#[tokio::test]
async fn an_email_the_relay_could_not_take_stays_queued_and_goes_out_on_a_later_round() {
    let port = free_port();
    let app = TestApp::init()
        .await
        .with_smtp_url(&format!("smtp://127.0.0.1:{port}"));
    assert_eq!(ana_is_reminded(&app).await, 1);

    // Nothing listens yet: the email stays, with why, and waits before the next try.
    assert_eq!(deliver_pending(&app.state).await.expect("round"), 0);
    let failed = the_one_queued_email(&app).await;
    assert!(failed.sent_at.is_none());
    assert_eq!(failed.attempts, 1);
    assert!(
        failed.last_error.as_deref().is_some_and(|e| !e.is_empty()),
        "{failed:?}"
    );
    assert!(failed.claimed_until.is_some_and(|t| t > Utc::now()));
    assert_eq!(deliver_pending(&app.state).await.expect("too soon"), 0);
    assert_eq!(the_one_queued_email(&app).await.attempts, 1);

    // The relay comes up and the backoff runs out: the next round sends it.
    let smtp = SmtpServer::start(port).await;
    let mut waited = failed.into_active_model();
    waited.claimed_until = Set(Some(Utc::now() - Duration::seconds(1)));
    waited.update(&app.state.db).await.expect("backoff over");
    assert_eq!(deliver_pending(&app.state).await.expect("round"), 1);
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1, "{}", smtp.log());
    assert_eq!(header(&messages[0], "To"), Some("ana@example.com"));
    let sent = the_one_queued_email(&app).await;
    assert!(sent.sent_at.is_some());
    assert_eq!(sent.attempts, 1);
}

#[tokio::test]
async fn emails_are_written_in_the_customers_language() {
    let app = TestApp::init().await;
    let reply = app
        .call(
            axum::http::Method::POST,
            "/auth/signup",
            Some(serde_json::json!({
                "name": "Nguyễn Lan", "email": "lan@example.com",
                "password": "kettle-orbit-lantern", "language": "vi"
            })),
            None,
        )
        .await;
    let lan = reply.session_cookie().expect("signed up");
    let bought = (Utc::now().date_naive() - Duration::days(40)).to_string();
    let product: serde_json::Value = app
        .register(&lan, "BSH-WAN28281", "WM-80808080", &bought)
        .await
        .json();
    let started = (Utc::now().date_naive() - Duration::days(2)).to_string();
    let filed = app
        .call(
            axum::http::Method::POST,
            "/claims",
            Some(serde_json::json!({
                "product_id": product["id"], "cause": "performance_defect",
                "description": "Máy giặt không vắt được quần áo.", "started_on": started,
                "remedy": "free_repair", "contact": "email", "phone": "", "photo_ids": []
            })),
            Some(&lan),
        )
        .await;
    assert_eq!(
        filed.status,
        axum::http::StatusCode::CREATED,
        "{}",
        filed.body
    );
    let email = the_one_queued_email(&app).await;
    assert!(
        email
            .subject
            .starts_with("Chúng tôi đã nhận được yêu cầu CL-"),
        "{}",
        email.subject
    );
    assert!(
        email.body.starts_with("Xin chào Nguyễn Lan,"),
        "{}",
        email.body
    );
    assert!(
        email.body.contains("Mở trong Aftercare: /claims/"),
        "{}",
        email.body
    );
}
