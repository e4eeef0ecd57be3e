//! Brotli and gzip twins of the built app's files (`x.wasm.br`, `x.wasm.gz`), written once
//! at build time so the server sends them as they are instead of compressing per request.
//!
//! Only files whose name carries Trunk's content hash get twins: a changed file gets a new
//! name, so its twin can never be stale. The others (`index.html`, `boot.js`, the
//! locales — small, and the ones a deploy may touch in place) are compressed per request.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use std::io::Result;

/// Extensions worth compressing: text and wasm (images and fonts are compressed already).
const COMPRESSIBLE: &[&str] = &[
    "html",
    "js",
    "mjs",
    "css",
    "wasm",
    "json",
    "svg",
    "webmanifest",
    "txt",
    "xml",
    "map",
];

/// Files below this size are not worth a twin (headers cost more than they save).
const MIN_BYTES: usize = 256;

/// Writes `.br` and `.gz` next to every compressible file under `dist` (replacing stale
/// twins) and returns how many files got them.
pub fn precompress(dist: &Path) -> crate::Result<usize> {
    write_twins(dist).map_err(|e| format!("precompressing {}: {e}", dist.display()))
}

fn write_twins(dist: &Path) -> Result<usize> {
    let mut files = Vec::new();
    collect(dist, &mut files)?;
    let mut done = 0;
    for file in files {
        let bytes = fs::read(&file)?;
        let br = twin(&file, "br");
        let gz = twin(&file, "gz");
        if bytes.len() < MIN_BYTES || !is_hashed(&file) {
            let _ = fs::remove_file(&br);
            let _ = fs::remove_file(&gz);
            continue;
        }
        fs::write(&br, brotli_bytes(&bytes)?)?;
        fs::write(&gz, gzip_bytes(&bytes)?)?;
        done += 1;
    }
    Ok(done)
}

/// Brotli at the highest quality (the build pays once; every visitor saves).
pub fn brotli_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

/// Gzip at the best level, for browsers and proxies without brotli.
pub fn gzip_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// Whether the file name carries Trunk's content hash (`name-0123456789abcdef.ext`,
/// `name-…_bg.wasm`), as the server's cache rules read it.
fn is_hashed(file: &Path) -> bool {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = name.split('.').next().unwrap_or(name);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        let hash = hash.trim_end_matches("_bg");
        hash.len() >= 16 && hash.chars().all(|c| c.is_ascii_hexdigit())
    })
}

fn twin(file: &Path, ext: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e))
        {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn twins_decompress_to_the_file_and_tiny_files_get_none() {
        let dir = std::env::temp_dir().join(format!("xtask-precompress-{}", std::process::id()));
        fs::create_dir_all(dir.join("sub")).expect("dir");
        let big = "export const words = 'aftercare aftercare aftercare';\n".repeat(40);
        fs::write(dir.join("sub/app-0123456789abcdef.js"), &big).expect("write");
        fs::write(dir.join("tiny.css"), "a{}").expect("write");
        fs::write(dir.join("photo.png"), big.as_bytes()).expect("write");
        // Unhashed (a deploy may change it in place): no twin, and an old one goes.
        fs::write(dir.join("index.html"), &big).expect("write");
        fs::write(dir.join("index.html.br"), "stale").expect("write");
        assert_eq!(precompress(&dir).expect("precompress"), 1);
        assert!(!dir.join("index.html.br").exists() && !dir.join("index.html.gz").exists());
        let gz = fs::read(dir.join("sub/app-0123456789abcdef.js.gz")).expect("gz");
        let mut plain = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut plain)
            .expect("gunzip");
        assert_eq!(plain, big);
        let br = fs::read(dir.join("sub/app-0123456789abcdef.js.br")).expect("br");
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut plain).expect("unbrotli");
        assert_eq!(plain, big.as_bytes());
        assert!(br.len() < big.len() / 4);
        assert!(!dir.join("tiny.css.br").exists() && !dir.join("photo.png.br").exists());
        let _ = fs::remove_dir_all(&dir);
    }
}
