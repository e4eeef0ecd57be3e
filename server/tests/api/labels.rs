//! Registering by photo: `POST /labels/scan` reads a label's barcodes from a real PNG
//! (drawn here with rxing's encoders) into the serial and the catalogue model; photos
//! with nothing to read are refused on `file`, and only customers may scan.

use aftercare_core::api::CatalogPage;
use aftercare_core::labels::LabelScan;
use aftercare_core::problem::Problem;
use axum::http::{Method, StatusCode};
use image::codecs::png::PngEncoder;
use image::{imageops, GrayImage, ImageEncoder, Luma};
use rxing::{BarcodeFormat, EncodeHints, MultiFormatWriter, Writer};

use crate::support::TestApp;

/// The Bosch washer's GTIN in the demo catalogue.
const WASHER_GTIN: &str = "4001037000113";

/// A label photo: the codes side by side on white, encoded as a PNG.
fn label_png(codes: &[(BarcodeFormat, &str)]) -> Vec<u8> {
    let drawn: Vec<GrayImage> = codes
        .iter()
        .map(|(format, text)| {
            let hints = EncodeHints {
                Margin: Some("0".to_owned()),
                ..Default::default()
            };
            let bits = MultiFormatWriter
                .encode_with_hints(text, format, 0, 0, &hints)
                .expect("encodes");
            let module = if bits.height() == 1 { 3 } else { 8 };
            let height = if bits.height() == 1 {
                bits.width()
            } else {
                bits.height() * module
            };
            GrayImage::from_fn(bits.width() * module, height, |x, y| {
                let row = if bits.height() == 1 { 0 } else { y / module };
                Luma([if bits.get(x / module, row) { 0 } else { 255 }])
            })
        })
        .collect();
    let width = drawn.iter().map(|c| c.width() + 60).sum::<u32>() + 60;
    let height = drawn.iter().map(GrayImage::height).max().unwrap_or(0) + 120;
    let mut canvas = GrayImage::from_pixel(width, height, Luma([255]));
    let mut x = 60;
    for code in &drawn {
        imageops::replace(&mut canvas, code, i64::from(x), 60);
        x += code.width() + 60;
    }
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(canvas.as_raw(), width, height, image::ExtendedColorType::L8)
        .expect("png");
    out
}

#[tokio::test]
async fn a_gs1_label_names_the_model_and_the_serial() {
    let app = TestApp::init().await;
    let cookie = app.customer("scan@example.com").await;
    let photo = label_png(&[(
        BarcodeFormat::DATA_MATRIX,
        "0104001037000113\u{1d}21wm-12345678",
    )]);
    let reply = app
        .upload("/labels/scan", "label.png", &photo, Some(&cookie))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let scan: LabelScan = reply.json();
    assert_eq!(scan.serial.as_deref(), Some("WM-12345678"));
    assert_eq!(scan.gtin.as_deref(), Some("04001037000113"));
    assert_eq!(scan.model.expect("model").sku, "BSH-WAN28281");
    assert_eq!(scan.codes.len(), 1);
    assert_eq!(scan.codes[0].format, "data_matrix");
}

#[tokio::test]
async fn an_ean_and_a_code_128_together_give_both() {
    let app = TestApp::init().await;
    let cookie = app.customer("scan@example.com").await;
    let photo = label_png(&[
        (BarcodeFormat::EAN_13, WASHER_GTIN),
        (BarcodeFormat::CODE_128, "WM-87654321"),
    ]);
    let scan: LabelScan = app
        .upload("/labels/scan", "label.png", &photo, Some(&cookie))
        .await
        .json();
    assert_eq!(scan.serial.as_deref(), Some("WM-87654321"));
    assert_eq!(scan.model.expect("model").sku, "BSH-WAN28281");
    assert_eq!(scan.codes.len(), 2);
}

#[tokio::test]
async fn the_chosen_models_format_picks_the_serial_among_codes() {
    let app = TestApp::init().await;
    let cookie = app.customer("scan@example.com").await;
    let page: CatalogPage = app
        .call(Method::GET, "/catalog/models?q=LG-F4V709P1E", None, None)
        .await
        .json();
    let lg = &page.models[0];
    // A lot number and the serial, neither saying which is which.
    let photo = label_png(&[
        (BarcodeFormat::CODE_128, "LOT-2291"),
        (BarcodeFormat::QR_CODE, &lg.serial_example),
    ]);
    let scan: LabelScan = app
        .upload(
            &format!("/labels/scan?model_id={}", lg.id),
            "label.png",
            &photo,
            Some(&cookie),
        )
        .await
        .json();
    assert_eq!(scan.serial.as_deref(), Some(lg.serial_example.as_str()));
    assert_eq!(scan.model.expect("model").id, lg.id);
}

#[tokio::test]
async fn a_serial_alone_finds_the_one_model_of_its_format() {
    let app = TestApp::init().await;
    let cookie = app.customer("scan@example.com").await;
    let photo = label_png(&[(BarcodeFormat::CODE_128, "WM-12345678")]);
    let scan: LabelScan = app
        .upload("/labels/scan", "label.png", &photo, Some(&cookie))
        .await
        .json();
    assert_eq!(scan.serial.as_deref(), Some("WM-12345678"));
    assert_eq!(scan.gtin, None);
    assert_eq!(scan.model.expect("model by format").sku, "BSH-WAN28281");
}

#[tokio::test]
async fn an_ean_alone_gives_the_model_and_no_serial() {
    let app = TestApp::init().await;
    let cookie = app.customer("scan@example.com").await;
    let photo = label_png(&[(BarcodeFormat::EAN_13, WASHER_GTIN)]);
    let scan: LabelScan = app
        .upload("/labels/scan", "label.png", &photo, Some(&cookie))
        .await
        .json();
    assert_eq!(scan.serial, None);
    assert_eq!(scan.model.expect("model").sku, "BSH-WAN28281");
}

#[tokio::test]
async fn photos_with_nothing_to_read_are_refused_on_file() {
    let app = TestApp::init().await;
    let cookie = app.customer("scan@example.com").await;
    let refusal = |photo: Vec<u8>| {
        let app = &app;
        let cookie = &cookie;
        async move {
            let reply = app
                .upload("/labels/scan", "label.png", &photo, Some(cookie))
                .await;
            assert_eq!(
                reply.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{}",
                reply.body
            );
            assert_eq!(reply.header("content-type"), "application/problem+json");
            let problem: Problem = reply.json();
            assert_eq!(problem.errors[0].field, "file");
            problem.errors[0].code.clone()
        }
    };
    let blank = label_png(&[]);
    assert_eq!(refusal(blank).await, "error.label_unreadable");
    let url_only = label_png(&[(BarcodeFormat::QR_CODE, "https://example.com/manual")]);
    assert_eq!(refusal(url_only).await, "error.label_no_serial");
    assert_eq!(
        refusal(b"%PDF-1.7 not a photo".to_vec()).await,
        "error.photo_not_image"
    );
}

#[tokio::test]
async fn only_signed_in_customers_scan() {
    let app = TestApp::init().await;
    let photo = label_png(&[(BarcodeFormat::CODE_128, "WM-12345678")]);
    let anonymous = app.upload("/labels/scan", "label.png", &photo, None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let agent = app.agent("agent@example.com").await;
    let refused = app
        .upload("/labels/scan", "label.png", &photo, Some(&agent))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
