//! Passkeys: the ceremony bookkeeping (single-use, expiring, one kind each), sign-up
//! options, and managing an account's passkeys (list, rename, remove) with its rules.
//! The browser half (a real authenticator) is `end2end/specs/passkeys.spec.ts`.

use aftercare_core::passkeys::{CeremonyStart, PasskeyInfo, Reauthenticated};
use aftercare_core::problem::Problem;
use aftercare_server::db::entities::{passkey, user, webauthn_ceremony};
use aftercare_server::routes::passkeys::NO_PASSWORD;
use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::{json, Value};

use crate::support::{Reply, TestApp};

const HOST: [(&str, &str); 1] = [("host", "localhost:8080")];

async fn post(app: &TestApp, path: &str, body: Value, cookie: Option<&String>) -> Reply {
    app.call_with(Method::POST, path, Some(body), cookie, &HOST)
        .await
}

async fn start_sign_in(app: &TestApp) -> CeremonyStart {
    let reply = app
        .call_with(
            Method::POST,
            "/auth/passkey/signin/start",
            None,
            None,
            &HOST,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

fn finish_body(ceremony: &str) -> Value {
    json!({"ceremony": ceremony, "credential": {"id": "x", "rawId": "x", "type": "public-key",
        "response": {"authenticatorData": "AA", "clientDataJSON": "AA", "signature": "AA"}}})
}

/// A password-less account (as a passkey sign-up leaves it) with `passkeys` passkeys,
/// and a session for it.
async fn passkey_only_account(app: &TestApp, email: &str, passkeys: &[&str]) -> (i64, String) {
    let account = user::ActiveModel {
        email: Set(email.to_owned()),
        name: Set("Pat Key".to_owned()),
        password_hash: Set(NO_PASSWORD.to_owned()),
        language: Set("en".to_owned()),
        role: Set("customer".to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .expect("account");
    for name in passkeys {
        add_row(app, account.id, name).await;
    }
    let cookie = aftercare_server::auth::start_session(&app.state, account.id)
        .await
        .expect("session");
    let cookie = cookie
        .to_str()
        .expect("ascii")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    (account.id, cookie)
}

async fn add_row(app: &TestApp, user_id: i64, name: &str) -> i64 {
    passkey::ActiveModel {
        user_id: Set(user_id),
        credential_id: Set(format!("cred-{user_id}-{name}")),
        user_handle: Set("00000000-0000-4000-8000-000000000000".to_owned()),
        name: Set(name.to_owned()),
        credential: Set("{}".to_owned()),
        backup_eligible: Set(false),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .expect("passkey")
    .id
}

async fn list(app: &TestApp, cookie: &String) -> Vec<PasskeyInfo> {
    let reply = app
        .call(Method::GET, "/me/passkeys", None, Some(cookie))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

#[tokio::test]
async fn a_finish_without_a_start_is_refused() {
    let app = TestApp::init().await;
    for path in ["/auth/passkey/signin/finish", "/auth/passkey/signup/finish"] {
        let reply = post(&app, path, finish_body("never-started"), None).await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "{path}: {}", reply.body);
        assert_eq!(reply.json::<Problem>().code, "error.passkey_expired");
    }
    let ana = app.customer("ana@example.com").await;
    let reply = post(
        &app,
        "/me/passkeys/finish",
        finish_body("never-started"),
        Some(&ana),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
}

#[tokio::test]
async fn a_ceremony_is_single_use_of_one_kind_and_expires() {
    let app = TestApp::init().await;
    // Used once (even by a failed attempt), it is gone.
    let started = start_sign_in(&app).await;
    assert_eq!(
        started.options["publicKey"]["rpId"], "localhost",
        "{}",
        started.options
    );
    let first = post(
        &app,
        "/auth/passkey/signin/finish",
        finish_body(&started.ceremony),
        None,
    )
    .await;
    assert!(first.status.is_client_error(), "{}", first.body);
    assert_ne!(first.json::<Problem>().code, "error.passkey_expired");
    let again = post(
        &app,
        "/auth/passkey/signin/finish",
        finish_body(&started.ceremony),
        None,
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json::<Problem>().code, "error.passkey_expired");

    // A sign-in ceremony does not finish a sign-up.
    let other = start_sign_in(&app).await;
    let wrong_kind = post(
        &app,
        "/auth/passkey/signup/finish",
        finish_body(&other.ceremony),
        None,
    )
    .await;
    assert_eq!(wrong_kind.json::<Problem>().code, "error.passkey_expired");

    // Past its expiry it is refused, and it is not kept.
    let late = start_sign_in(&app).await;
    let row = webauthn_ceremony::Entity::find_by_id(late.ceremony.clone())
        .one(&app.state.db)
        .await
        .expect("db")
        .expect("the ceremony is in the database, not in memory");
    let mut active = row.into_active_model();
    active.expires_at = Set(Utc::now() - Duration::seconds(1));
    active.update(&app.state.db).await.expect("age it");
    let reply = post(
        &app,
        "/auth/passkey/signin/finish",
        finish_body(&late.ceremony),
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.json::<Problem>().code, "error.passkey_expired");
    assert!(webauthn_ceremony::Entity::find_by_id(late.ceremony)
        .one(&app.state.db)
        .await
        .expect("db")
        .is_none());
}

#[tokio::test]
async fn passkey_sign_up_checks_the_details_first_and_asks_for_a_discoverable_passkey() {
    let app = TestApp::init().await;
    let bad = post(
        &app,
        "/auth/passkey/signup/start",
        json!({"name": " ", "email": "nope"}),
        None,
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = bad
        .json::<Problem>()
        .errors
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, ["name", "email"]);
    app.customer("ana@example.com").await;
    let taken = post(
        &app,
        "/auth/passkey/signup/start",
        json!({"name": "Ana", "email": "ANA@example.com", "language": "pl"}),
        None,
    )
    .await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert_eq!(taken.json::<Problem>().code, "error.email_taken");
    let ok = post(
        &app,
        "/auth/passkey/signup/start",
        json!({"name": "Pat", "email": "pat@example.com", "language": "fr"}),
        None,
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let started: CeremonyStart = ok.json();
    let options = &started.options["publicKey"];
    assert_eq!(options["rp"]["id"], "localhost");
    assert_eq!(options["user"]["name"], "pat@example.com");
    assert_eq!(options["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(
        options["authenticatorSelection"]["userVerification"],
        "required"
    );
    // Nothing is created before the passkey comes back.
    let reply = app.sign_in("pat@example.com", "whatever-password").await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_list_shows_name_created_and_last_use_and_renames_stick() {
    let app = TestApp::init().await;
    let (id, cookie) = passkey_only_account(&app, "pat@example.com", &["Laptop", "Phone"]).await;
    let used = Utc::now() - Duration::hours(2);
    let phone = passkey::Entity::find()
        .all(&app.state.db)
        .await
        .expect("db")
        .into_iter()
        .find(|p| p.user_id == id && p.name == "Phone")
        .expect("phone");
    let mut active = phone.clone().into_active_model();
    active.last_used_at = Set(Some(used));
    active.update(&app.state.db).await.expect("use it");
    let listed = list(&app, &cookie).await;
    assert_eq!(
        listed.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["Laptop", "Phone"]
    );
    assert_eq!(listed[0].last_used_at, None);
    assert_eq!(
        listed[1].last_used_at.map(|t| t.timestamp()),
        Some(used.timestamp())
    );
    assert!((Utc::now() - listed[0].created_at).num_minutes() < 5);

    let path = format!("/me/passkeys/{}", phone.id);
    let renamed = app
        .call(
            Method::PATCH,
            &path,
            Some(json!({"name": "  Work phone "})),
            Some(&cookie),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    assert_eq!(renamed.json::<PasskeyInfo>().name, "Work phone");
    for (name, code) in [
        ("   ", "error.passkey_name_required"),
        (&*"x".repeat(61), "error.text_long"),
    ] {
        let reply = app
            .call(
                Method::PATCH,
                &path,
                Some(json!({ "name": name })),
                Some(&cookie),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        let problem: Problem = reply.json();
        assert_eq!(
            (
                problem.errors[0].field.as_str(),
                problem.errors[0].code.as_str()
            ),
            ("name", code)
        );
    }
    assert_eq!(list(&app, &cookie).await[1].name, "Work phone");
}

#[tokio::test]
async fn another_accounts_passkey_cannot_be_renamed_or_removed() {
    let app = TestApp::init().await;
    let (_, pat) = passkey_only_account(&app, "pat@example.com", &["Laptop", "Phone"]).await;
    let bob = app.customer("bob@example.com").await;
    let target = list(&app, &pat).await[0].id;
    let path = format!("/me/passkeys/{target}");
    let rename = app
        .call(
            Method::PATCH,
            &path,
            Some(json!({"name": "Mine now"})),
            Some(&bob),
        )
        .await;
    assert_eq!(rename.status, StatusCode::NOT_FOUND);
    let remove = app.call(Method::DELETE, &path, None, Some(&bob)).await;
    assert_eq!(remove.status, StatusCode::NOT_FOUND);
    assert_eq!(list(&app, &pat).await.len(), 2);
    assert_eq!(list(&app, &pat).await[0].name, "Laptop");
    assert!(list(&app, &bob).await.is_empty());
}

#[tokio::test]
async fn the_last_passkey_of_an_account_without_a_password_stays() {
    let app = TestApp::init().await;
    let (id, pat) = passkey_only_account(&app, "pat@example.com", &["Laptop", "Phone"]).await;
    // A password-less account cannot sign in with a password.
    let reply = app.sign_in("pat@example.com", NO_PASSWORD).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let keys = list(&app, &pat).await;
    let first = app
        .call(
            Method::DELETE,
            &format!("/me/passkeys/{}", keys[0].id),
            None,
            Some(&pat),
        )
        .await;
    assert_eq!(first.status, StatusCode::NO_CONTENT);
    let last = app
        .call(
            Method::DELETE,
            &format!("/me/passkeys/{}", keys[1].id),
            None,
            Some(&pat),
        )
        .await;
    assert_eq!(last.status, StatusCode::CONFLICT);
    let problem: Problem = last.json();
    assert_eq!(problem.errors[0].field, "passkey");
    assert_eq!(problem.errors[0].code, "error.last_passkey");
    assert_eq!(list(&app, &pat).await.len(), 1);

    // An account with a password may remove its only passkey.
    let ana = app.customer("ana@example.com").await;
    let ana_id = app
        .call(Method::GET, "/me", None, Some(&ana))
        .await
        .json::<Value>()["id"]
        .as_i64()
        .expect("id");
    assert_ne!(ana_id, id);
    let only = add_row(&app, ana_id, "Key").await;
    let reply = app
        .call(
            Method::DELETE,
            &format!("/me/passkeys/{only}"),
            None,
            Some(&ana),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert!(list(&app, &ana).await.is_empty());
}

/// A software authenticator: one ES256 key, "none" attestation, user verified.
struct SoftKey {
    key: p256::ecdsa::SigningKey,
    id: Vec<u8>,
    counter: u32,
}

const ORIGIN: &str = "http://localhost:8080";

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .expect("base64url")
}

/// CBOR's header for a major type and length (lengths up to 65535).
fn cbor_head(major: u8, len: usize) -> Vec<u8> {
    let m = major << 5;
    match len {
        0..=23 => vec![m | u8::try_from(len).expect("small")],
        24..=255 => vec![m | 24, u8::try_from(len).expect("byte")],
        _ => {
            let [hi, lo] = u16::try_from(len).expect("short").to_be_bytes();
            vec![m | 25, hi, lo]
        }
    }
}

fn cbor_text(text: &str) -> Vec<u8> {
    let mut out = cbor_head(3, text.len());
    out.extend_from_slice(text.as_bytes());
    out
}

fn cbor_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = cbor_head(2, bytes.len());
    out.extend_from_slice(bytes);
    out
}

impl SoftKey {
    fn new(seed: u8) -> Self {
        let key = p256::ecdsa::SigningKey::from_bytes(&[seed; 32].into()).expect("key");
        Self {
            key,
            id: vec![seed; 16],
            counter: 0,
        }
    }

    fn rp_id_hash() -> Vec<u8> {
        use sha2::Digest;
        sha2::Sha256::digest(b"localhost").to_vec()
    }

    fn client_data(kind: &str, options: &Value) -> Vec<u8> {
        let challenge = options["publicKey"]["challenge"]
            .as_str()
            .expect("challenge");
        json!({"type": kind, "challenge": challenge, "origin": ORIGIN, "crossOrigin": false})
            .to_string()
            .into_bytes()
    }

    /// `navigator.credentials.create()`'s answer, as `toJSON()` gives it.
    fn register(&self, options: &Value) -> Value {
        let point = self.key.verifying_key().to_encoded_point(false);
        // COSE EC2 key: {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}.
        let mut cose = vec![0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21];
        cose.extend(cbor_bytes(point.x().expect("x")));
        cose.push(0x22);
        cose.extend(cbor_bytes(point.y().expect("y")));
        let mut auth_data = Self::rp_id_hash();
        auth_data.push(0x45); // user present, user verified, attested credential data
        auth_data.extend_from_slice(&0u32.to_be_bytes());
        auth_data.extend_from_slice(&[0u8; 16]); // AAGUID
        auth_data.extend_from_slice(&u16::try_from(self.id.len()).expect("id").to_be_bytes());
        auth_data.extend_from_slice(&self.id);
        auth_data.extend(cose);
        let mut attestation = vec![0xa3];
        attestation.extend(cbor_text("fmt"));
        attestation.extend(cbor_text("none"));
        attestation.extend(cbor_text("attStmt"));
        attestation.push(0xa0);
        attestation.extend(cbor_text("authData"));
        attestation.extend(cbor_bytes(&auth_data));
        json!({
            "id": b64(&self.id), "rawId": b64(&self.id), "type": "public-key",
            "response": {
                "attestationObject": b64(&attestation),
                "clientDataJSON": b64(&Self::client_data("webauthn.create", options)),
            },
            "extensions": {}
        })
    }

    /// `navigator.credentials.get()`'s answer for the account `user_handle`.
    fn assert(&mut self, options: &Value, user_handle: &[u8]) -> Value {
        use p256::ecdsa::signature::Signer;
        use sha2::Digest;
        self.counter += 1;
        let mut auth_data = Self::rp_id_hash();
        auth_data.push(0x05); // user present, user verified
        auth_data.extend_from_slice(&self.counter.to_be_bytes());
        let client_data = Self::client_data("webauthn.get", options);
        let mut signed = auth_data.clone();
        signed.extend_from_slice(&sha2::Sha256::digest(&client_data));
        let signature: p256::ecdsa::Signature = self.key.sign(&signed);
        json!({
            "id": b64(&self.id), "rawId": b64(&self.id), "type": "public-key",
            "response": {
                "authenticatorData": b64(&auth_data),
                "clientDataJSON": b64(&client_data),
                "signature": b64(signature.to_der().as_bytes()),
                "userHandle": b64(user_handle),
            },
            "extensions": {}
        })
    }
}

async fn sign_in_with(app: &TestApp, key: &mut SoftKey, handle: &[u8]) -> Reply {
    let started = start_sign_in(app).await;
    let credential = key.assert(&started.options, handle);
    post(
        app,
        "/auth/passkey/signin/finish",
        json!({"ceremony": started.ceremony, "credential": credential}),
        None,
    )
    .await
}

#[tokio::test]
async fn one_who_never_had_a_password_signs_up_and_in_with_a_passkey() {
    let app = TestApp::init().await;
    let started: CeremonyStart = post(
        &app,
        "/auth/passkey/signup/start",
        json!({"name": "Pat Key", "email": "Pat@Example.com", "language": "is"}),
        None,
    )
    .await
    .json();
    let handle = unb64(
        started.options["publicKey"]["user"]["id"]
            .as_str()
            .expect("user id"),
    );
    let mut key = SoftKey::new(7);
    let created = post(
        &app,
        "/auth/passkey/signup/finish",
        json!({"ceremony": started.ceremony, "credential": key.register(&started.options)}),
        None,
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let me: Value = created.json();
    assert_eq!(me["email"], "pat@example.com");
    assert_eq!(me["language"], "is");
    let first_session = created.session_cookie().expect("signed in");
    let listed = list(&app, &first_session).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].name, "Passkey");
    assert_eq!(listed[0].last_used_at, None);
    // No password of any kind opens the account.
    for password in ["", NO_PASSWORD, "!"] {
        let reply = app.sign_in("pat@example.com", password).await;
        assert_ne!(reply.status, StatusCode::OK, "{password:?}");
    }

    // Signing in with the passkey alone: a fresh session, and the use is recorded.
    let signed_in = sign_in_with(&app, &mut key, &handle).await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    let session = signed_in.session_cookie().expect("a new session");
    assert_ne!(session, first_session);
    let me: Value = app
        .call(Method::GET, "/me", None, Some(&session))
        .await
        .json();
    assert_eq!(me["email"], "pat@example.com");
    let used = list(&app, &session).await;
    assert!(used[0].last_used_at.is_some());
    let stored = passkey::Entity::find()
        .one(&app.state.db)
        .await
        .expect("db")
        .expect("row");
    let counter: Value = serde_json::from_str(&stored.credential).expect("json");
    assert_eq!(counter["cred"]["counter"], 1, "the signature counter moved");

    // A replayed counter (a cloned key) and a key the site does not know are refused.
    key.counter = 0;
    let replayed = sign_in_with(&app, &mut key, &handle).await;
    assert_eq!(
        replayed.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        replayed.body
    );
    let mut stranger = SoftKey::new(9);
    let unknown = sign_in_with(&app, &mut stranger, &handle).await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);

    // A signature made for another challenge does not pass.
    let started = start_sign_in(&app).await;
    let other = start_sign_in(&app).await;
    key.counter = 5;
    let credential = key.assert(&other.options, &handle);
    let wrong = post(
        &app,
        "/auth/passkey/signin/finish",
        json!({"ceremony": started.ceremony, "credential": credential}),
        None,
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "{}", wrong.body);

    // A second passkey from the account page, then the first may go.
    let add: CeremonyStart = app
        .call_with(
            Method::POST,
            "/me/passkeys/start",
            None,
            Some(&session),
            &HOST,
        )
        .await
        .json();
    assert_eq!(
        add.options["publicKey"]["excludeCredentials"][0]["id"],
        b64(&key.id)
    );
    assert_eq!(add.options["publicKey"]["user"]["id"], b64(&handle));
    let mut laptop = SoftKey::new(11);
    let added = post(
        &app,
        "/me/passkeys/finish",
        json!({"ceremony": add.ceremony, "credential": laptop.register(&add.options), "name": "Laptop"}),
        Some(&session),
    )
    .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    let laptop_info: PasskeyInfo = added.json();
    assert_eq!(laptop_info.name, "Laptop");
    let first = list(&app, &session).await[0].id;
    let removed = app
        .call(
            Method::DELETE,
            &format!("/me/passkeys/{first}"),
            None,
            Some(&session),
        )
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    let gone = sign_in_with(&app, &mut key, &handle).await;
    assert_eq!(gone.status, StatusCode::UNAUTHORIZED);
    let ok = sign_in_with(&app, &mut laptop, &handle).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
}

#[tokio::test]
async fn the_export_lists_passkeys_and_erasure_removes_them() {
    use std::io::Read;
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let ana_id = app
        .call(Method::GET, "/me", None, Some(&ana))
        .await
        .json::<Value>()["id"]
        .as_i64()
        .expect("id");
    add_row(&app, ana_id, "Phone").await;
    let (status, _, bytes) = app.download("/me/export", Some(&ana)).await;
    assert_eq!(status, StatusCode::OK);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut json = String::new();
    archive
        .by_name("export.json")
        .expect("export.json")
        .read_to_string(&mut json)
        .expect("inflate");
    let export: aftercare_core::api::AccountExport = serde_json::from_str(&json).expect("export");
    assert_eq!(export.passkeys.len(), 1);
    assert_eq!(export.passkeys[0].name, "Phone");
    assert!(!json.contains("cred-"), "no key material in the export");

    let erased = app
        .call(
            Method::DELETE,
            "/me",
            Some(json!({"password": crate::support::PASSWORD})),
            Some(&ana),
        )
        .await;
    assert_eq!(erased.status, StatusCode::NO_CONTENT, "{}", erased.body);
    assert!(passkey::Entity::find()
        .all(&app.state.db)
        .await
        .expect("db")
        .is_empty());
}

/// A customer who signed up with a passkey (the real ceremony): their session, their
/// user handle and the authenticator holding the passkey.
async fn signed_up_with_passkey(
    app: &TestApp,
    email: &str,
    seed: u8,
) -> (String, Vec<u8>, SoftKey) {
    let started: CeremonyStart = post(
        app,
        "/auth/passkey/signup/start",
        json!({"name": "Pat Key", "email": email, "language": "en"}),
        None,
    )
    .await
    .json();
    let handle = unb64(
        started.options["publicKey"]["user"]["id"]
            .as_str()
            .expect("user id"),
    );
    let key = SoftKey::new(seed);
    let created = post(
        app,
        "/auth/passkey/signup/finish",
        json!({"ceremony": started.ceremony, "credential": key.register(&started.options)}),
        None,
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    (created.session_cookie().expect("signed in"), handle, key)
}

async fn start_reauth(app: &TestApp, cookie: &String) -> CeremonyStart {
    let reply = app
        .call_with(Method::POST, "/me/reauth/start", None, Some(cookie), &HOST)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

/// Confirms with `key` in `cookie`'s session: the answer to `/me/reauth/finish`.
async fn reauth(app: &TestApp, cookie: &String, key: &mut SoftKey, handle: &[u8]) -> Reply {
    let started = start_reauth(app, cookie).await;
    let credential = key.assert(&started.options, handle);
    post(
        app,
        "/me/reauth/finish",
        json!({"ceremony": started.ceremony, "credential": credential}),
        Some(cookie),
    )
    .await
}

async fn passkey_token(app: &TestApp, cookie: &String, key: &mut SoftKey, handle: &[u8]) -> String {
    let reply = reauth(app, cookie, key, handle).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let proof: Reauthenticated = reply.json();
    assert!(proof.expires_at <= Utc::now() + Duration::minutes(5));
    proof.passkey_token
}

async fn has_password(app: &TestApp, cookie: &String) -> bool {
    let me: Value = app
        .call(Method::GET, "/me", None, Some(cookie))
        .await
        .json();
    me["has_password"].as_bool().expect("has_password")
}

#[tokio::test]
async fn a_passkey_only_customer_confirms_with_the_passkey_to_change_email_and_set_a_password() {
    let app = TestApp::init().await;
    let (session, handle, mut key) = signed_up_with_passkey(&app, "pat@example.com", 7).await;
    assert!(!has_password(&app, &session).await);

    // Without a confirmation, or with a made-up one, nothing changes.
    let move_to = |token: Option<&str>| json!({"password": "", "new_email": "pat.new@example.com", "passkey_token": token});
    let bare = post(&app, "/me/email", move_to(None), Some(&session)).await;
    bare.assert_refused_on("passkey_token", "error.reauth_required");
    let made_up = post(&app, "/me/email", move_to(Some("made-up")), Some(&session)).await;
    made_up.assert_refused_on("passkey_token", "error.reauth_required");

    // Confirmed with the passkey: the address change goes out, once per confirmation.
    let token = passkey_token(&app, &session, &mut key, &handle).await;
    let moved = post(&app, "/me/email", move_to(Some(&token)), Some(&session)).await;
    assert_eq!(moved.status, StatusCode::ACCEPTED, "{}", moved.body);
    let again = post(&app, "/me/email", move_to(Some(&token)), Some(&session)).await;
    again.assert_refused_on("passkey_token", "error.reauth_required");
    let listed = list(&app, &session).await;
    assert!(
        listed[0].last_used_at.is_some(),
        "the confirmation is a use"
    );

    // A first password: none asked for, the passkey confirms.
    let first = |token: Option<&str>| json!({"current_password": "", "new_password": "a-first-real-password", "passkey_token": token});
    let bare = post(&app, "/me/password", first(None), Some(&session)).await;
    bare.assert_refused_on("passkey_token", "error.reauth_required");
    let token = passkey_token(&app, &session, &mut key, &handle).await;
    let set = post(&app, "/me/password", first(Some(&token)), Some(&session)).await;
    assert_eq!(set.status, StatusCode::NO_CONTENT, "{}", set.body);
    let session = set.session_cookie().expect("a new session id");
    assert!(has_password(&app, &session).await);
    let signed_in = app
        .sign_in("pat@example.com", "a-first-real-password")
        .await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);

    // From now on it is the password that confirms, as for everyone with one.
    let token = passkey_token(&app, &session, &mut key, &handle).await;
    let without = post(
        &app,
        "/me/password",
        json!({"current_password": "", "new_password": "another-new-password", "passkey_token": token}),
        Some(&session),
    )
    .await;
    without.assert_refused_on("current_password", "error.password_required");
}

#[tokio::test]
async fn a_passkey_only_customer_deletes_the_account_after_confirming() {
    let app = TestApp::init().await;
    let (session, handle, mut key) = signed_up_with_passkey(&app, "pat@example.com", 7).await;
    let delete = |body: Value| app.call(Method::DELETE, "/me", Some(body), Some(&session));
    let bare = delete(json!({"password": ""})).await;
    bare.assert_refused_on("passkey_token", "error.reauth_required");
    let guessed = delete(json!({"password": NO_PASSWORD})).await;
    guessed.assert_refused_on("passkey_token", "error.reauth_required");
    assert_eq!(
        app.call(Method::GET, "/me", None, Some(&session))
            .await
            .status,
        StatusCode::OK
    );

    let token = passkey_token(&app, &session, &mut key, &handle).await;
    let erased = delete(json!({"passkey_token": token})).await;
    assert_eq!(erased.status, StatusCode::NO_CONTENT, "{}", erased.body);
    assert!(user::Entity::find()
        .all(&app.state.db)
        .await
        .expect("db")
        .is_empty());
    assert!(passkey::Entity::find()
        .all(&app.state.db)
        .await
        .expect("db")
        .is_empty());
}

#[tokio::test]
async fn one_customers_passkey_confirmation_does_nothing_for_another() {
    let app = TestApp::init().await;
    let (ana, ana_handle, mut ana_key) = signed_up_with_passkey(&app, "ana@example.com", 7).await;
    let (bo, bo_handle, mut bo_key) = signed_up_with_passkey(&app, "bo@example.com", 8).await;
    let first = |token: &str| json!({"current_password": "", "new_password": "a-first-real-password", "passkey_token": token});

    // Ana's proof in Bo's request: refused, and still Ana's to use.
    let anas = passkey_token(&app, &ana, &mut ana_key, &ana_handle).await;
    let stolen = post(&app, "/me/password", first(&anas), Some(&bo)).await;
    stolen.assert_refused_on("passkey_token", "error.reauth_required");
    let erase = app
        .call(
            Method::DELETE,
            "/me",
            Some(json!({"passkey_token": anas})),
            Some(&bo),
        )
        .await;
    erase.assert_refused_on("passkey_token", "error.reauth_required");
    assert!(!has_password(&app, &bo).await);
    let own = post(&app, "/me/password", first(&anas), Some(&ana)).await;
    assert_eq!(own.status, StatusCode::NO_CONTENT, "{}", own.body);

    // Ana's passkey cannot answer Bo's confirmation (it asks for Bo's passkeys only)...
    let bos = start_reauth(&app, &bo).await;
    let allowed = bos.options["publicKey"]["allowCredentials"]
        .as_array()
        .expect("an allow-list");
    assert_eq!(allowed.len(), 1);
    assert_eq!(allowed[0]["id"], b64(&bo_key.id));
    let signed_by_ana = ana_key.assert(&bos.options, &ana_handle);
    let refused = post(
        &app,
        "/me/reauth/finish",
        json!({"ceremony": bos.ceremony, "credential": signed_by_ana}),
        Some(&bo),
    )
    .await;
    refused.assert_refused_on("credential", "error.passkey_failed");

    // ...and Bo cannot finish a confirmation Ana's session started.
    let ana = own.session_cookie().expect("Ana's new session");
    let anas_start = start_reauth(&app, &ana).await;
    let signed_by_bo = bo_key.assert(&anas_start.options, &bo_handle);
    let taken_over = post(
        &app,
        "/me/reauth/finish",
        json!({"ceremony": anas_start.ceremony, "credential": signed_by_bo}),
        Some(&bo),
    )
    .await;
    assert_eq!(
        taken_over.status,
        StatusCode::CONFLICT,
        "{}",
        taken_over.body
    );
    assert!(!has_password(&app, &bo).await);
}

#[tokio::test]
async fn an_account_without_passkeys_has_nothing_to_confirm_with() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let reply = app
        .call_with(Method::POST, "/me/reauth/start", None, Some(&ana), &HOST)
        .await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    let problem: Problem = reply.json();
    assert_eq!(problem.errors[0].code, "error.no_passkey");
}
