//! Claim photos: accepted only when the bytes are a JPEG, PNG or WebP of sane size, then
//! decoded and re-encoded as a fresh JPEG, so nothing the customer's camera or an
//! attacker put beside the pixels (EXIF, GPS position, comments, a smuggled HTML page)
//! is ever stored or served. Dimensions are checked from the header before decoding, so
//! a tiny file declaring a gigantic image is refused without allocating for it.

use std::io::Cursor;

use aftercare_core::problem::FieldError;
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, GrayImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use tokio::sync::Semaphore;

use crate::error::{ApiError, ApiResult};

/// Largest photo accepted, in bytes.
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;

/// Most pixels a photo may have (a 40-megapixel camera's).
pub const MAX_PIXELS: u64 = 40_000_000;

/// Longest side a photo may have, in pixels.
pub const MAX_SIDE: u32 = 12_000;

/// Photos decoded at once: each may take a core and 256 MB for a moment, so a burst
/// of uploads queues instead of starving every other request.
pub const PHOTO_WORKERS: usize = 2;

/// Most memory the decoder may take for one photo.
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

/// Longest side of the stored photo.
pub const FULL_SIDE: u32 = 2560;

/// Longest side of its thumbnail.
pub const THUMB_SIDE: u32 = 320;

/// JPEG quality of what is stored: visually lossless for photos of damage.
const JPEG_QUALITY: u8 = 85;

/// Markup that makes a file an HTML page or SVG as well as an image (a polyglot), and
/// so dangerous wherever it is ever served with the wrong type. Matched
/// case-insensitively, followed by a tag-terminating byte as browsers' sniffers do, so
/// that compressed pixel data does not match by chance.
const MARKUP: [&[u8]; 6] = [
    b"<script",
    b"<html",
    b"<svg",
    b"<!doctype",
    b"<iframe",
    b"<body",
];

/// A photo made safe to store: a re-encoded JPEG and its thumbnail.
#[derive(Debug, Clone)]
pub struct ProcessedPhoto {
    /// The photo, at most [`FULL_SIDE`] px on its longest side.
    pub full: Vec<u8>,
    /// Its thumbnail, at most [`THUMB_SIDE`] px on its longest side.
    pub thumb: Vec<u8>,
    /// The media type of both: `image/jpeg`.
    pub content_type: &'static str,
    /// Width of `full`, in pixels.
    pub width: u32,
    /// Height of `full`, in pixels.
    pub height: u32,
}

/// Why a photo was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    /// The bytes are not a JPEG, PNG or WebP, whatever the file was called.
    #[error("not a JPEG, PNG or WebP image")]
    NotAnImage,
    /// Larger than [`MAX_PHOTO_BYTES`].
    #[error("larger than {MAX_PHOTO_BYTES} bytes")]
    TooLarge,
    /// More pixels than [`MAX_PIXELS`], or a side over [`MAX_SIDE`].
    #[error("{width} × {height} pixels is too many")]
    TooManyPixels {
        /// The width the file declares.
        width: u32,
        /// The height the file declares.
        height: u32,
    },
    /// It starts like an image but cannot be decoded.
    #[error("the image is damaged")]
    Corrupt,
    /// It carries HTML or SVG markup besides the image.
    #[error("the file contains web page markup")]
    ContainsMarkup,
}

impl PhotoError {
    /// The error code the client translates, e.g. `error.photo_not_image`.
    pub fn code(&self) -> &'static str {
        match self {
            PhotoError::NotAnImage => "error.photo_not_image",
            PhotoError::TooLarge => "error.photo_too_large",
            PhotoError::TooManyPixels { .. } => "error.photo_too_many_pixels",
            PhotoError::Corrupt => "error.photo_corrupt",
            PhotoError::ContainsMarkup => "error.photo_markup",
        }
    }

    /// A sentence for the customer, in English.
    pub fn message(&self) -> String {
        match self {
            PhotoError::NotAnImage => "Upload a photo in JPEG, PNG or WebP format".to_owned(),
            PhotoError::TooLarge => format!(
                "The photo must be smaller than {} MB",
                MAX_PHOTO_BYTES / (1024 * 1024)
            ),
            PhotoError::TooManyPixels { width, height } => format!(
                "The photo is {width} × {height} pixels; upload one of at most {} megapixels \
                 and {MAX_SIDE} pixels on each side",
                MAX_PIXELS / 1_000_000
            ),
            PhotoError::Corrupt => "The photo is damaged and cannot be opened".to_owned(),
            PhotoError::ContainsMarkup => {
                "The file contains web page code besides the photo; upload the photo itself"
                    .to_owned()
            }
        }
    }
}

/// The format the bytes themselves show, among the accepted ones.
fn sniff_photo(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(ImageFormat::Png)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(ImageFormat::WebP)
    } else {
        None
    }
}

/// Whether HTML or SVG markup appears anywhere in the bytes.
fn contains_markup(bytes: &[u8]) -> bool {
    let tag_ends = |b: Option<&u8>| {
        matches!(
            b,
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/')
        )
    };
    bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'<')
        .any(|(at, _)| {
            let rest = &bytes[at..];
            MARKUP.iter().any(|tag| {
                rest.len() > tag.len()
                    && rest[..tag.len()].eq_ignore_ascii_case(tag)
                    && tag_ends(rest.get(tag.len()))
            })
        })
}

fn reader(bytes: &[u8], format: ImageFormat) -> ImageReader<Cursor<&[u8]>> {
    let mut reader = ImageReader::new(Cursor::new(bytes));
    reader.set_format(format);
    reader
}

/// Runs CPU-bound work on a photo on the blocking pool, at most [`PHOTO_WORKERS`] at
/// once; a refused photo is a 422 on `file` with the reason.
pub async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, PhotoError> + Send + 'static,
) -> ApiResult<T> {
    static WORKERS: Semaphore = Semaphore::const_new(PHOTO_WORKERS);
    let _turn = WORKERS
        .acquire()
        .await
        .map_err(|e| ApiError::Internal(format!("photo workers: {e}")))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::Internal(format!("photo task: {e}")))?
        .map_err(|e| ApiError::Validation(vec![FieldError::new("file", e.code(), e.message())]))
}

/// Checks, decodes and re-encodes a photo. CPU-bound: run it in
/// `tokio::task::spawn_blocking`.
pub fn process_photo(bytes: &[u8]) -> Result<ProcessedPhoto, PhotoError> {
    let image = decode_checked(bytes)?;
    let full = flatten_onto_white(&fit_within(&image, FULL_SIDE));
    let thumb = fit_within(&DynamicImage::ImageRgb8(full.clone()), THUMB_SIDE).into_rgb8();
    Ok(ProcessedPhoto {
        width: full.width(),
        height: full.height(),
        full: jpeg(&full)?,
        thumb: jpeg(&thumb)?,
        content_type: "image/jpeg",
    })
}

/// Checks and decodes a photo to read, not keep (a label's barcodes): its grey levels,
/// upright, at most `side` pixels on the longest side. CPU-bound like [`process_photo`].
pub fn grey_for_reading(bytes: &[u8], side: u32) -> Result<GrayImage, PhotoError> {
    let image = decode_checked(bytes)?;
    Ok(DynamicImage::ImageRgb8(flatten_onto_white(&fit_within(&image, side))).into_luma8())
}

/// The photo's pixels, upright, after every check: size, type, markup, pixel count.
fn decode_checked(bytes: &[u8]) -> Result<DynamicImage, PhotoError> {
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let format = sniff_photo(bytes).ok_or(PhotoError::NotAnImage)?;
    if contains_markup(bytes) {
        return Err(PhotoError::ContainsMarkup);
    }

    // The header alone: reading it allocates nothing in proportion to the image.
    let mut header = reader(bytes, format);
    header.no_limits();
    let (width, height) = header.into_dimensions().map_err(|_| PhotoError::Corrupt)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width > MAX_SIDE || height > MAX_SIDE {
        return Err(PhotoError::TooManyPixels { width, height });
    }

    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    let mut decoding = reader(bytes, format);
    decoding.limits(limits);
    let mut decoder = decoding.into_decoder().map_err(|_| PhotoError::Corrupt)?;
    if decoder.total_bytes() > MAX_DECODE_BYTES {
        return Err(PhotoError::TooManyPixels { width, height });
    }
    // The EXIF orientation is about to be dropped with the rest of the metadata, so it
    // is applied to the pixels first: portrait photos stay upright.
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| PhotoError::Corrupt)?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    Ok(image)
}

/// The image shrunk, if need be, so that its longest side is at most `side`.
fn fit_within(image: &DynamicImage, side: u32) -> DynamicImage {
    if image.width().max(image.height()) <= side {
        image.clone()
    } else {
        image.thumbnail(side, side)
    }
}

/// RGB pixels, transparent areas shown over white (JPEG has no transparency, and black,
/// the naive result, hides what a customer photographed on a transparent background).
fn flatten_onto_white(image: &DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.to_rgb8();
    }
    let rgba = image.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over_white =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a)) + 127) / 255) as u8;
        image::Rgb([over_white(r), over_white(g), over_white(b)])
    })
}

fn jpeg(image: &RgbImage) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    image
        .write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))
        .map_err(|_| PhotoError::Corrupt)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::png::PngEncoder;
    use image::codecs::webp::WebPEncoder;
    use image::{Rgb, Rgba, RgbaImage};

    /// A picture with some detail: a gradient with a half-transparent square.
    fn picture(width: u32, height: u32) -> RgbaImage {
        RgbaImage::from_fn(width, height, |x, y| {
            let inside = x > width / 4 && x < width / 2 && y > height / 4 && y < height / 2;
            Rgba([
                (x * 255 / width) as u8,
                (y * 255 / height) as u8,
                128,
                if inside { 0 } else { 255 },
            ])
        })
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        picture(width, height)
            .write_with_encoder(PngEncoder::new(&mut out))
            .expect("png");
        out
    }

    fn camera_jpeg(width: u32, height: u32) -> Vec<u8> {
        let rgb = DynamicImage::ImageRgba8(picture(width, height)).to_rgb8();
        let mut out = Vec::new();
        rgb.write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
            .expect("jpeg");
        out
    }

    fn webp(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        picture(width, height)
            .write_with_encoder(WebPEncoder::new_lossless(&mut out))
            .expect("webp");
        out
    }

    /// The JPEG with a segment (marker, payload) inserted right after its start marker.
    fn with_segment(jpeg: &[u8], marker: u8, payload: &[u8]) -> Vec<u8> {
        let length = u16::try_from(payload.len() + 2).expect("short segment");
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, marker]);
        out.extend_from_slice(&length.to_be_bytes());
        out.extend_from_slice(payload);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    /// An EXIF block as a phone writes it: a big-endian TIFF with the camera's make and
    /// a pointer to GPS data (51°30'N), the coordinates the customer would not share.
    fn exif_with_gps() -> Vec<u8> {
        let mut tiff = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
        // IFD0: two entries, Make (ASCII, 4 bytes inline) and GPSInfo (LONG offset).
        tiff.extend_from_slice(&2u16.to_be_bytes());
        tiff.extend_from_slice(&[0x01, 0x0F, 0x00, 0x02, 0, 0, 0, 4]);
        tiff.extend_from_slice(b"Cam\0");
        tiff.extend_from_slice(&[0x88, 0x25, 0x00, 0x04, 0, 0, 0, 1, 0, 0, 0, 38]);
        tiff.extend_from_slice(&0u32.to_be_bytes());
        // GPS IFD at 38: GPSLatitudeRef "N", then the end.
        tiff.extend_from_slice(&1u16.to_be_bytes());
        tiff.extend_from_slice(&[0x00, 0x01, 0x00, 0x02, 0, 0, 0, 2, b'N', 0, 0, 0]);
        tiff.extend_from_slice(&0u32.to_be_bytes());
        tiff.extend_from_slice(b"GPS 51.5007N 0.1246W");
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        app1
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFF_u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut chunk = u32::try_from(data.len())
            .expect("small chunk")
            .to_be_bytes()
            .to_vec();
        let mut typed = kind.to_vec();
        typed.extend_from_slice(data);
        chunk.extend_from_slice(&typed);
        chunk.extend_from_slice(&crc32(&typed).to_be_bytes());
        chunk
    }

    /// A well-formed PNG of a few dozen bytes whose header claims this size.
    fn png_declaring(width: u32, height: u32) -> Vec<u8> {
        let mut ihdr = width.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        let mut file = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        file.extend(png_chunk(b"IHDR", &ihdr));
        file.extend(png_chunk(
            b"IDAT",
            &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        ));
        file.extend(png_chunk(b"IEND", &[]));
        file
    }

    fn is_jpeg(bytes: &[u8]) -> bool {
        bytes.starts_with(&[0xFF, 0xD8, 0xFF])
    }

    fn decoded(bytes: &[u8]) -> DynamicImage {
        image::load_from_memory(bytes).expect("decodable output")
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn png_jpeg_and_webp_photos_come_back_as_jpeg_with_a_small_thumbnail() {
        for (name, bytes) in [
            ("png", png(800, 600)),
            ("jpeg", camera_jpeg(800, 600)),
            ("webp", webp(800, 600)),
        ] {
            let photo = process_photo(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(photo.content_type, "image/jpeg");
            assert!(is_jpeg(&photo.full) && is_jpeg(&photo.thumb), "{name}");
            assert_eq!((photo.width, photo.height), (800, 600), "{name}");
            let full = decoded(&photo.full);
            assert_eq!((full.width(), full.height()), (800, 600), "{name}");
            let thumb = decoded(&photo.thumb);
            assert_eq!((thumb.width(), thumb.height()), (320, 240), "{name}");
        }
    }

    #[test]
    fn a_huge_photo_is_stored_at_most_2560_pixels_wide() {
        let photo = process_photo(&camera_jpeg(4000, 1000)).expect("photo");
        assert_eq!((photo.width, photo.height), (2560, 640));
        let thumb = decoded(&photo.thumb);
        assert_eq!(thumb.width().max(thumb.height()), 320);
    }

    #[test]
    fn a_small_photo_is_not_blown_up() {
        let photo = process_photo(&png(200, 100)).expect("photo");
        assert_eq!((photo.width, photo.height), (200, 100));
        assert_eq!(decoded(&photo.thumb).width(), 200);
    }

    #[test]
    fn transparent_areas_turn_white_not_black() {
        let photo = process_photo(&png(400, 400)).expect("photo");
        // The transparent square spans (100..200, 100..200).
        let full = decoded(&photo.full).to_rgb8();
        let Rgb([r, g, b]) = *full.get_pixel(150, 150);
        assert!(r > 240 && g > 240 && b > 240, "{r} {g} {b}");
    }

    #[test]
    fn photo_with_gps_metadata_comes_back_without_it() {
        let original = with_segment(&camera_jpeg(640, 480), 0xE1, &exif_with_gps());
        assert!(contains(&original, b"Exif") && contains(&original, b"GPS"));
        let photo = process_photo(&original).expect("photo with metadata");
        for output in [&photo.full, &photo.thumb] {
            assert!(is_jpeg(output));
            assert!(!contains(output, b"Exif"));
            assert!(!contains(output, b"GPS"));
            assert!(!contains(output, b"Cam\0"));
        }
    }

    #[test]
    fn a_photo_taken_sideways_stays_upright_once_its_metadata_is_gone() {
        // EXIF Orientation 6: the camera was turned; viewers rotate 90° clockwise.
        let mut exif = b"Exif\0\0MM\x00\x2a\x00\x00\x00\x08".to_vec();
        exif.extend_from_slice(&1u16.to_be_bytes());
        exif.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0, 6, 0, 0]);
        exif.extend_from_slice(&0u32.to_be_bytes());
        let sideways = with_segment(&camera_jpeg(640, 480), 0xE1, &exif);
        let photo = process_photo(&sideways).expect("photo");
        assert_eq!((photo.width, photo.height), (480, 640));
        assert!(!contains(&photo.full, b"Exif"));
    }

    #[test]
    fn a_text_file_renamed_to_jpg_is_not_an_image() {
        assert_eq!(
            process_photo(b"Dear support, my washer broke.\n").err(),
            Some(PhotoError::NotAnImage)
        );
        assert_eq!(
            process_photo(b"<!DOCTYPE html><html><script>alert(1)</script>").err(),
            Some(PhotoError::NotAnImage)
        );
        assert_eq!(
            process_photo(b"GIF89a\x01\x00\x01\x00").err(),
            Some(PhotoError::NotAnImage)
        );
    }

    #[test]
    fn a_jpeg_hiding_a_script_in_a_comment_is_refused() {
        let polyglot = with_segment(&camera_jpeg(64, 64), 0xFE, b"<script>alert(1)</script>");
        assert_eq!(
            process_photo(&polyglot).err(),
            Some(PhotoError::ContainsMarkup)
        );
        let shouting = with_segment(&camera_jpeg(64, 64), 0xFE, b"<SVG onload=alert(1)>");
        assert_eq!(
            process_photo(&shouting).err(),
            Some(PhotoError::ContainsMarkup)
        );
    }

    #[test]
    fn a_tiny_png_claiming_fifty_thousand_pixels_square_is_refused_before_decoding() {
        let bomb = png_declaring(50_000, 50_000);
        assert!(bomb.len() < 100);
        let started = std::time::Instant::now();
        assert_eq!(
            process_photo(&bomb).err(),
            Some(PhotoError::TooManyPixels {
                width: 50_000,
                height: 50_000
            })
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        let one_side_too_long = png_declaring(12_001, 10);
        assert!(matches!(
            process_photo(&one_side_too_long),
            Err(PhotoError::TooManyPixels { .. })
        ));
    }

    #[test]
    fn a_photo_one_byte_over_ten_megabytes_is_too_large() {
        let mut bytes = camera_jpeg(16, 16);
        bytes.resize(MAX_PHOTO_BYTES + 1, 0);
        assert_eq!(process_photo(&bytes).err(), Some(PhotoError::TooLarge));
    }

    #[test]
    fn a_truncated_photo_is_corrupt() {
        let whole = camera_jpeg(64, 64);
        assert_eq!(
            process_photo(&whole[..whole.len() / 3]).err(),
            Some(PhotoError::Corrupt)
        );
    }

    #[test]
    fn every_refusal_has_a_code_and_a_sentence() {
        for error in [
            PhotoError::NotAnImage,
            PhotoError::TooLarge,
            PhotoError::TooManyPixels {
                width: 50_000,
                height: 50_000,
            },
            PhotoError::Corrupt,
            PhotoError::ContainsMarkup,
        ] {
            assert!(error.code().starts_with("error.photo_"));
            assert!(error.message().ends_with(char::is_alphanumeric));
        }
        assert!(PhotoError::TooLarge.message().contains("10 MB"));
    }

    #[test]
    fn markup_words_inside_pixel_data_do_not_count_without_a_tag_end() {
        assert!(!contains_markup(b"\x00<svgx\x01<bodyguard"));
        assert!(contains_markup(b"\x00<Body>\x01"));
        assert!(contains_markup(b"..<!DOCTYPE html>"));
    }
}
