//! Reading the barcodes on a photo of a product's label: rxing over the photo's grey
//! levels, every symbology a rating label carries, several codes per photo.

use std::collections::HashSet;

use aftercare_core::labels::{read_label, ScannedCode, GS1_IDENTIFIERS};
use image::GrayImage;
use rxing::{BarcodeFormat, DecodeHints, RXingResultMetadataType, RXingResultMetadataValue};

/// Longest side the photo is read at: enough for a label's narrowest bars filling a
/// third of a phone photo, small enough to read in well under a second.
pub const READ_SIDE: u32 = 2048;

/// Longest side of the second, smaller reading, tried when the first finds nothing
/// (shrinking averages out blur and sensor noise).
const RETRY_SIDE: u32 = 1024;

/// The symbologies labels carry; the rest are not tried (faster, fewer false reads).
const FORMATS: [BarcodeFormat; 9] = [
    BarcodeFormat::QR_CODE,
    BarcodeFormat::DATA_MATRIX,
    BarcodeFormat::CODE_128,
    BarcodeFormat::CODE_39,
    BarcodeFormat::EAN_13,
    BarcodeFormat::EAN_8,
    BarcodeFormat::UPC_A,
    BarcodeFormat::UPC_E,
    BarcodeFormat::ITF,
];

/// The codes on the photo, each once, in reading order; empty when none can be read.
///
/// A quick reading comes first (tens of milliseconds for a phone photo at
/// [`READ_SIDE`]). Only when it finds no serial does a thorough one follow (every row,
/// turned codes: about ten times as long), then one at [`RETRY_SIDE`].
pub fn read_codes(grey: &GrayImage) -> Vec<ScannedCode> {
    let mut codes = scan(grey, false);
    if !read_label(&codes).serials.is_empty() {
        return codes;
    }
    for code in scan(grey, true) {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    if !codes.is_empty() || grey.width().max(grey.height()) <= RETRY_SIDE {
        return codes;
    }
    let smaller = image::imageops::thumbnail(
        grey,
        scaled(grey.width(), grey),
        scaled(grey.height(), grey),
    );
    scan(&smaller, true)
}

/// A side shrunk so that the longest becomes [`RETRY_SIDE`].
fn scaled(side: u32, grey: &GrayImage) -> u32 {
    let longest = grey.width().max(grey.height());
    (u64::from(side) * u64::from(RETRY_SIDE) / u64::from(longest)).max(1) as u32
}

fn scan(grey: &GrayImage, thorough: bool) -> Vec<ScannedCode> {
    let mut hints = DecodeHints {
        PossibleFormats: Some(HashSet::from(FORMATS)),
        TryHarder: Some(thorough),
        ..Default::default()
    };
    // A decoder ported from Java indexes arrays everywhere: a photo that trips one of its
    // bounds reads as "no code", never as a failed request.
    let results = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rxing::helpers::detect_multiple_in_luma_with_hints(
            grey.as_raw().clone(),
            grey.width(),
            grey.height(),
            &mut hints,
        )
    }))
    .unwrap_or_else(|_| {
        tracing::warn!("the barcode reader panicked on a photo");
        Ok(Vec::new())
    })
    .unwrap_or_default();
    let mut codes: Vec<ScannedCode> = Vec::new();
    for result in results {
        let mut text = result.getText().to_owned();
        let identifier = result
            .getRXingResultMetadata()
            .get(&RXingResultMetadataType::SYMBOLOGY_IDENTIFIER);
        if let Some(RXingResultMetadataValue::SymbologyIdentifier(id)) = identifier {
            if GS1_IDENTIFIERS.contains(&id.as_str()) && !text.starts_with(id.as_str()) {
                text.insert_str(0, id);
            }
        }
        let code = ScannedCode {
            format: format!("{:?}", result.getBarcodeFormat()).to_lowercase(),
            text,
        };
        if !text_is_blank(&code) && !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

fn text_is_blank(code: &ScannedCode) -> bool {
    code.text.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use image::{imageops, GrayImage, Luma};
    use rxing::{BarcodeFormat, EncodeHints, MultiFormatWriter, Writer};

    use super::*;

    const GTIN: &str = "04001037000113";

    /// A code as printed: black modules on white, `module` pixels each.
    fn draw(format: BarcodeFormat, text: &str, gs1: bool, module: u32) -> GrayImage {
        let hints = EncodeHints {
            Gs1Format: gs1.then_some(true),
            Margin: Some("0".to_owned()),
            ..Default::default()
        };
        let bits = MultiFormatWriter
            .encode_with_hints(text, &format, 0, 0, &hints)
            .expect("encodes");
        // 1D codes are printed about a third as tall as they are wide.
        let height = if bits.height() == 1 {
            bits.width() * module / 3
        } else {
            bits.height() * module
        };
        GrayImage::from_fn(bits.width() * module, height, |x, y| {
            let row = if bits.height() == 1 { 0 } else { y / module };
            Luma([if bits.get(x / module, row) { 0 } else { 255 }])
        })
    }

    /// A white "label" with the codes placed left to right, 60 px apart.
    fn label(codes: &[GrayImage]) -> GrayImage {
        let width = codes.iter().map(|c| c.width() + 60).sum::<u32>() + 60;
        let height = codes.iter().map(GrayImage::height).max().unwrap_or(0) + 120;
        let mut canvas = GrayImage::from_pixel(width, height, Luma([255]));
        let mut x = 60;
        for code in codes {
            imageops::replace(&mut canvas, code, i64::from(x), 60);
            x += code.width() + 60;
        }
        canvas
    }

    /// The image turned by `degrees` about its centre, on white, keeping its size plus
    /// room for the corners (bilinear sampling, as a camera's would blur).
    fn rotate(image: &GrayImage, degrees: f32) -> GrayImage {
        let (sin, cos) = degrees.to_radians().sin_cos();
        let (w, h) = (image.width() as f32, image.height() as f32);
        let side = (w * w + h * h).sqrt().ceil() as u32;
        let (cx, cy) = (w / 2.0, h / 2.0);
        let c = side as f32 / 2.0;
        GrayImage::from_fn(side, side, |x, y| {
            let (dx, dy) = (x as f32 - c, y as f32 - c);
            let sx = cos * dx + sin * dy + cx;
            let sy = -sin * dx + cos * dy + cy;
            let at = |x: f32, y: f32| -> f32 {
                if x < 0.0 || y < 0.0 || x >= w - 1.0 || y >= h - 1.0 {
                    255.0
                } else {
                    f32::from(image.get_pixel(x as u32, y as u32).0[0])
                }
            };
            let (fx, fy) = (sx - sx.floor(), sy - sy.floor());
            let (x0, y0) = (sx.floor(), sy.floor());
            let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1.0, y0) * fx;
            let bottom = at(x0, y0 + 1.0) * (1.0 - fx) + at(x0 + 1.0, y0 + 1.0) * fx;
            Luma([(top * (1.0 - fy) + bottom * fy).round() as u8])
        })
    }

    fn serial_of(image: &GrayImage) -> Option<String> {
        read_label(&read_codes(image)).serial_for(Some("WM-########"))
    }

    #[test]
    fn each_symbology_reads_back_to_its_serial() {
        let cases = [
            (BarcodeFormat::QR_CODE, "S/N: WM-12345678", false, 8),
            (BarcodeFormat::CODE_128, "WM-12345678", false, 3),
            (BarcodeFormat::CODE_39, "WM-12345678", false, 3),
            (
                BarcodeFormat::DATA_MATRIX,
                "0104001037000113\u{1d}21WM-12345678",
                true,
                8,
            ),
        ];
        for (format, text, gs1, module) in cases {
            let image = label(&[draw(format, text, gs1, module)]);
            let codes = read_codes(&image);
            assert_eq!(codes.len(), 1, "{format:?}: {codes:?}");
            assert_eq!(codes[0].format, format!("{format:?}").to_lowercase());
            assert_eq!(
                serial_of(&image).as_deref(),
                Some("WM-12345678"),
                "{format:?}"
            );
        }
    }

    #[test]
    fn a_gs1_data_matrix_names_its_gtin() {
        let image = label(&[draw(
            BarcodeFormat::DATA_MATRIX,
            "0104001037000113\u{1d}21WM-12345678",
            true,
            8,
        )]);
        let facts = read_label(&read_codes(&image));
        assert_eq!(facts.gtin.as_deref(), Some(GTIN));
        assert_eq!(facts.serials, vec!["WM-12345678"]);
    }

    #[test]
    fn an_ean_13_gives_the_gtin_not_a_serial() {
        let image = label(&[draw(BarcodeFormat::EAN_13, "4001037000113", false, 3)]);
        let facts = read_label(&read_codes(&image));
        assert_eq!(facts.gtin.as_deref(), Some(GTIN));
        assert!(facts.serials.is_empty(), "{facts:?}");
    }

    #[test]
    fn two_codes_on_one_label_give_the_model_and_the_serial() {
        let image = label(&[
            draw(BarcodeFormat::EAN_13, "4001037000113", false, 3),
            draw(BarcodeFormat::CODE_128, "WM-12345678", false, 3),
        ]);
        let codes = read_codes(&image);
        assert_eq!(codes.len(), 2, "{codes:?}");
        let facts = read_label(&codes);
        assert_eq!(facts.gtin.as_deref(), Some(GTIN));
        assert_eq!(facts.serials, vec!["WM-12345678"]);
    }

    #[test]
    fn rotated_codes_still_read() {
        for (format, text, module, degrees) in [
            (BarcodeFormat::QR_CODE, "WM-12345678", 8, 30.0),
            (BarcodeFormat::DATA_MATRIX, "WM-12345678", 8, 90.0),
            (BarcodeFormat::CODE_128, "WM-12345678", 3, 90.0),
            (BarcodeFormat::CODE_128, "WM-12345678", 3, 12.0),
            (BarcodeFormat::EAN_13, "4001037000113", 3, -10.0),
        ] {
            let image = rotate(&label(&[draw(format, text, false, module)]), degrees);
            let codes = read_codes(&image);
            assert!(
                codes.iter().any(|c| c.text == text),
                "{format:?} turned {degrees}°: {codes:?}"
            );
        }
    }

    #[test]
    fn slightly_blurred_codes_still_read() {
        for (format, module) in [
            (BarcodeFormat::QR_CODE, 8),
            (BarcodeFormat::DATA_MATRIX, 8),
            (BarcodeFormat::CODE_128, 4),
        ] {
            let image = imageops::blur(&label(&[draw(format, "WM-12345678", false, module)]), 1.5);
            assert_eq!(
                serial_of(&image).as_deref(),
                Some("WM-12345678"),
                "{format:?} blurred"
            );
        }
    }

    #[test]
    fn a_photo_without_codes_reads_nothing() {
        let gradient = GrayImage::from_fn(800, 600, |x, y| Luma([((x + y) % 256) as u8]));
        assert!(read_codes(&gradient).is_empty());
        assert!(read_codes(&GrayImage::from_pixel(3000, 10, Luma([255]))).is_empty());
    }
}
