//! Uploaded files: read with a hard size cap while streaming (never buffered past the
//! limit), typed by sniffing the first bytes (never by the name or the declared type),
//! and stored under a random name in the uploads folder, outside the web root.

use std::path::{Path, PathBuf};

use aftercare_core::problem::FieldError;
use axum::extract::Multipart;
use rand::RngCore;

use crate::error::{ApiError, ApiResult};

/// Largest proof of purchase accepted.
pub const MAX_PROOF_BYTES: usize = 10 * 1024 * 1024;

/// An upload read whole, with its sniffed type.
#[derive(Debug)]
pub struct Upload {
    /// The name the browser gave, reduced to a safe display name.
    pub file_name: String,
    /// The sniffed media type.
    pub content_type: &'static str,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// The media type the bytes show, among the ones accepted for proofs of purchase.
pub fn sniff_document(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

/// Accepts any bytes: for uploads whose type is checked afterwards (photos are checked
/// by [`crate::images`] as they are decoded).
pub fn any_type(_: &[u8]) -> Option<&'static str> {
    Some("application/octet-stream")
}

/// A 422 on the upload field `file`.
pub fn file_error(code: &str, message: &str) -> ApiError {
    ApiError::Validation(vec![FieldError::new("file", code, message)])
}

/// A display name without any path, control characters or quotes, at most 100 chars.
pub fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\' | '/'))
        .take(100)
        .collect();
    if cleaned.trim().is_empty() {
        "proof".to_owned()
    } else {
        cleaned
    }
}

/// Reads the multipart field `file` (any other part is a 400), refusing it past `limit` bytes (413), empty (422)
/// or of a type `sniff` does not accept (422).
pub async fn read_file(
    mut multipart: Multipart,
    limit: usize,
    sniff: fn(&[u8]) -> Option<&'static str>,
) -> ApiResult<Upload> {
    let too_large = ApiError::FileTooLarge {
        max_mb: limit / (1024 * 1024),
    };
    let bad = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::FileTooLarge {
                max_mb: limit / (1024 * 1024),
            }
        } else {
            ApiError::BadRequest(e.body_text())
        }
    };
    let one_part = || ApiError::BadRequest("the form has one part, named file".to_owned());
    let Some(mut field) = multipart.next_field().await.map_err(bad)? else {
        return Err(file_error("error.file_required", "Select a file"));
    };
    if field.name() != Some("file") {
        return Err(one_part());
    }
    let file_name = safe_name(field.file_name().unwrap_or("proof"));
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(bad)? {
        if bytes.len() + chunk.len() > limit {
            return Err(too_large);
        }
        bytes.extend_from_slice(&chunk);
    }
    if bytes.is_empty() {
        return Err(file_error("error.file_empty", "The selected file is empty"));
    }
    let content_type = sniff(&bytes)
        .ok_or_else(|| file_error("error.file_type", "Upload a PDF, JPEG or PNG file"))?;
    drop(field);
    if multipart.next_field().await.map_err(bad)?.is_some() {
        return Err(one_part());
    }
    Ok(Upload {
        file_name,
        content_type,
        bytes,
    })
}

/// Stores bytes under a fresh random name in `dir`; returns that name.
pub async fn store(dir: &Path, bytes: &[u8]) -> ApiResult<String> {
    let mut raw = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut raw);
    let name: String = raw.iter().map(|b| format!("{b:02x}")).collect();
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| ApiError::Internal(format!("uploads folder: {e}")))?;
    tokio::fs::write(dir.join(&name), bytes)
        .await
        .map_err(|e| ApiError::Internal(format!("storing upload: {e}")))?;
    Ok(name)
}

/// The path of a stored file (names are ours: hex only, so no traversal).
pub fn path(dir: &Path, stored_name: &str) -> PathBuf {
    dir.join(
        stored_name
            .chars()
            .filter(char::is_ascii_hexdigit)
            .collect::<String>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_bytes_not_the_name() {
        assert_eq!(sniff_document(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(
            sniff_document(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some("image/jpeg")
        );
        assert_eq!(sniff_document(b"<html><script>"), None);
        assert_eq!(sniff_document(b"GIF89a"), None);
    }

    #[test]
    fn display_names_lose_paths_and_quotes() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(
            safe_name("C:\\Users\\a\\invoice \"1\".pdf"),
            "invoice 1.pdf"
        );
        assert_eq!(safe_name(""), "proof");
    }
}
