//! Scale-out: two `aftercare-server` processes on one database serve one customer
//! alternately — every request goes to the other process than the one before — and the
//! customer sees no difference: the session, products, coverage, bookings, claims, an
//! idempotent retry landing on the other process, the race for a slot's last place fought
//! across both, and a sign-out that counts everywhere.
//!
//! On the PostgreSQL named by `TEST_DATABASE_URL` (a fresh database in it), as deployments
//! that outgrow one machine run; without it, on one SQLite file shared by both processes
//! (several processes on one machine).

mod process;

use process::{call, claim_body, register_washer, request_with, sign_up, Server};
use serde_json::{json, Value};

/// A fresh database both processes share: a new PostgreSQL database, or a SQLite file.
async fn shared_database(folder: &std::path::Path, tag: &str) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => {
            use sea_orm::{ConnectionTrait, Database};
            let admin = Database::connect(&url).await.expect("postgres");
            let name = format!("scale_out_{tag}_{}", std::process::id());
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
                .await
                .expect("drop an old copy");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create database");
            let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
            format!("{base}/{name}")
        }
        _ => process::sqlite_url(&folder.join("shared.db")),
    }
}

/// The two processes, taken in turn.
struct Pair {
    servers: [Server; 2],
    next: std::cell::Cell<usize>,
}

impl Pair {
    /// The process whose turn it is; the next call gets the other one.
    fn turn(&self) -> &Server {
        let i = self.next.get();
        self.next.set(1 - i);
        &self.servers[i]
    }
}

async fn get(server: &Server, path: &str, cookie: &str) -> Value {
    let answer = call(server, "GET", path, None, Some(cookie)).await;
    assert_eq!(answer.status, 200, "GET {path}: {}", answer.body);
    answer.json()
}

async fn centre_in(server: &Server, city: &str) -> i64 {
    let list = call(server, "GET", "/centres", None, None).await.json();
    list["centres"]
        .as_array()
        .and_then(|all| all.iter().find(|c| c["city"] == city))
        .and_then(|c| c["id"].as_i64())
        .expect("the centre is in the demo data")
}

/// The first slot of `service` at `centre` with a free place: (start, free places).
async fn first_free(server: &Server, centre: i64, service: &str) -> (Value, i64) {
    let list = call(
        server,
        "GET",
        &format!("/centres/{centre}/slots?service={service}"),
        None,
        None,
    )
    .await
    .json();
    list["slots"]
        .as_array()
        .and_then(|slots| slots.iter().find(|s| s["free"].as_i64() > Some(0)))
        .map(|s| (s["start"].clone(), s["free"].as_i64().unwrap_or(0)))
        .expect("a free slot within 30 days")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_on_one_database_serve_one_customer_alternately() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = shared_database(dir.path(), "alternate").await;
    // One after the other, so the first migrates and loads the demo data; the second
    // finds both done. Uploads and the mail outbox are shared folders, as they would be.
    let first = Server::start(&url, dir.path()).await;
    let second = Server::start(&url, dir.path()).await;
    assert_ne!(first.address, second.address);
    let pair = Pair {
        servers: [first, second],
        next: std::cell::Cell::new(0),
    };

    // Signed up on one, known on the other.
    let ana = sign_up(pair.turn(), "ana@example.com").await;
    let me = get(pair.turn(), "/me", &ana).await;
    assert_eq!(me["email"], "ana@example.com");

    // A product registered on one is listed, with the same coverage, on the other.
    let product = register_washer(pair.turn(), &ana, "WM-71007100").await;
    let listed = get(pair.turn(), "/products", &ana).await;
    assert!(
        listed.to_string().contains(&format!("\"id\":{product}")),
        "{listed}"
    );
    let coverage = format!("/products/{product}/coverage");
    assert_eq!(
        get(pair.turn(), &coverage, &ana).await,
        get(pair.turn(), &coverage, &ana).await
    );

    // A booking made on one is on the other's list, and cancelled there.
    let madrid = centre_in(pair.turn(), "Madrid").await;
    let (start, _) = first_free(pair.turn(), madrid, "diagnosis").await;
    let booked = call(
        pair.turn(),
        "POST",
        "/appointments",
        Some(json!({"product_id": product, "centre_id": madrid, "service": "diagnosis", "start": start})),
        Some(&ana),
    )
    .await;
    assert_eq!(booked.status, 201, "{}", booked.body);
    let appointment = booked.json()["id"].as_i64().expect("appointment id");
    let mine = get(pair.turn(), "/appointments", &ana).await;
    assert!(
        mine["upcoming"]
            .as_array()
            .is_some_and(|up| up.iter().any(|a| a["id"] == appointment)),
        "{mine}"
    );

    // A claim filed on one; the network drops the answer and the app retries with the
    // same key — on the other process. One claim, the same answer, marked as a replay.
    let body = claim_body(product, "The drum stops mid-cycle and shows E18");
    let key = [("Idempotency-Key", "scale-out-claim-1")];
    let file = |server: &Server| {
        let address = server.address.clone();
        let (body, cookie) = (body.clone(), ana.clone());
        async move {
            request_with(
                &address,
                "POST",
                "/claims",
                Some(&body),
                Some(&cookie),
                &key,
            )
            .await
            .expect("answer")
        }
    };
    let sent = file(pair.turn()).await;
    let retried = file(pair.turn()).await;
    assert_eq!(
        (sent.status, retried.status),
        (201, 201),
        "{}",
        retried.body
    );
    assert_eq!(sent.json(), retried.json());
    assert!(retried
        .headers
        .iter()
        .any(|(n, v)| n == "idempotent-replayed" && v == "true"));
    let claim = sent.json()["summary"]["id"].as_i64().expect("claim id");
    let claims = get(pair.turn(), "/claims", &ana).await;
    assert_eq!(
        claims["claims"].as_array().map(Vec::len),
        Some(1),
        "{claims}"
    );
    assert_eq!(
        get(pair.turn(), &format!("/claims/{claim}"), &ana).await,
        get(pair.turn(), &format!("/claims/{claim}"), &ana).await
    );

    // Cancelled on the other process than the one that booked it.
    let cancelled = call(
        pair.turn(),
        "DELETE",
        &format!("/appointments/{appointment}"),
        None,
        Some(&ana),
    )
    .await;
    assert!(
        cancelled.status < 300,
        "{}: {}",
        cancelled.status,
        cancelled.body
    );

    // Signed out on one: the session is gone on the other too.
    let out = call(pair.turn(), "POST", "/auth/signout", None, Some(&ana)).await;
    assert!(out.status < 300, "{}", out.status);
    let after = call(pair.turn(), "GET", "/me", None, Some(&ana)).await;
    assert_eq!(after.status, 401, "{}", after.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_race_for_a_slots_last_place_is_won_once_across_both_processes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = shared_database(dir.path(), "race").await;
    let servers = [
        Server::start(&url, dir.path()).await,
        Server::start(&url, dir.path()).await,
    ];
    let krakow = centre_in(&servers[0], "Kraków").await;
    let (start, free) = first_free(&servers[1], krakow, "diagnosis").await;
    assert_eq!(free, 1, "diagnosis in Kraków has one place");
    let mut racers = Vec::new();
    for i in 0..40 {
        let server = &servers[i % 2];
        let cookie = sign_up(server, &format!("racer{i}@example.com")).await;
        let product = register_washer(server, &cookie, &format!("WM-8{i:07}")).await;
        racers.push((server.address.clone(), cookie, product));
    }
    let tasks: Vec<_> = racers
        .into_iter()
        .map(|(address, cookie, product)| {
            let body = json!({"product_id": product, "centre_id": krakow,
                              "service": "diagnosis", "start": start.clone()});
            tokio::spawn(async move {
                request_with(
                    &address,
                    "POST",
                    "/appointments",
                    Some(&body),
                    Some(&cookie),
                    &[],
                )
                .await
                .expect("an answer")
                .status
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task"));
    }
    let won = statuses.iter().filter(|s| **s == 201).count();
    let lost = statuses.iter().filter(|s| **s == 409).count();
    assert_eq!((won, lost), (1, 39), "{statuses:?}");
    let (_, free_now) = first_free(&servers[0], krakow, "diagnosis").await;
    let slots = call(
        &servers[1],
        "GET",
        &format!("/centres/{krakow}/slots?service=diagnosis"),
        None,
        None,
    )
    .await
    .json();
    let taken = slots["slots"]
        .as_array()
        .and_then(|all| all.iter().find(|s| s["start"] == start))
        .map(|s| s["free"].clone());
    assert_eq!(taken, Some(json!(0)), "the raced slot is full on both");
    assert!(free_now >= 1);
    println!("40 customers on two processes raced for one place: {won} won, {lost} refused");
}
