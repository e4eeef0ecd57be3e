//! Reading a product's rating label: what the barcodes on it say, turned into a serial
//! number and, when a code carries the trade item number (GTIN), the catalogue model.
//!
//! Labels carry their facts in a few ways, all understood here:
//! - GS1 element strings (GS1-128, GS1 DataMatrix, GS1 QR): application identifier
//!   `01` is the GTIN, `21` the serial, either bracketed as printed under the bars,
//!   `(01)04006381333931(21)WM-12345678`, or raw with FNC1 / group separators;
//! - GS1 Digital Link URLs in QR codes: `https://id.example.com/01/04006381333931/21/SN1`;
//! - EAN-13, EAN-8 and UPC-A codes: a GTIN alone, its check digit verified;
//! - plain codes (Code 128, Code 39, QR, DataMatrix) holding the serial, alone or after
//!   a "S/N:" style prefix on one of their lines.

use serde::{Deserialize, Serialize};

/// One code found on the photo.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScannedCode {
    /// The symbology, e.g. `qr_code`, `data_matrix`, `code_128`, `ean_13`.
    pub format: String,
    /// What it encodes, as read: a GS1 code's text starts with its symbology identifier
    /// (e.g. `]d2`), and its separators are ASCII 29.
    pub text: String,
}

/// `POST /labels/scan`: what the photo of a label told.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelScan {
    /// Every code read, in reading order.
    pub codes: Vec<ScannedCode>,
    /// The serial number chosen among them, normalised, if any code carries one.
    pub serial: Option<String>,
    /// The GTIN (14 digits) a code carried, if any.
    pub gtin: Option<String>,
    /// The catalogue model: the one the GTIN names, else the one whose serial format
    /// alone matches the serial, else the model the customer had chosen.
    pub model: Option<crate::api::ProductModel>,
}

/// The facts read from a label's codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelFacts {
    /// The GTIN, as 14 digits.
    pub gtin: Option<String>,
    /// Serial candidates, best first, normalised and without repeats.
    pub serials: Vec<String>,
}

impl LabelFacts {
    /// The serial to propose: the first candidate in the model's format when the format
    /// is known, else the best candidate.
    pub fn serial_for(&self, pattern: Option<&str>) -> Option<String> {
        pattern
            .and_then(|p| self.serials.iter().find(|s| crate::serial::matches(p, s)))
            .or_else(|| self.serials.first())
            .cloned()
    }
}

/// ASCII group separator: FNC1 inside a GS1 element string.
const GS: char = '\u{1d}';

/// The symbology identifiers of GS1-128, GS1 DataMatrix, GS1 QR and GS1 DataBar: a
/// reader puts one in front of a code's text to say it holds GS1 element strings.
pub const GS1_IDENTIFIERS: [&str; 4] = ["]C1", "]d2", "]Q3", "]e0"];

/// Whether a GTIN-8, -12, -13 or -14 has the right check digit.
pub fn gtin_is_valid(digits: &str) -> bool {
    if !matches!(digits.len(), 8 | 12 | 13 | 14) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let values: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let (body, check) = values.split_at(values.len() - 1);
    // Weights 3, 1, 3, … from the digit next to the check digit, leftwards.
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d })
        .sum();
    (10 - sum % 10) % 10 == check[0]
}

/// A valid GTIN of any length as the 14 digits GS1 compares them by (zeros in front);
/// `None` when it is not one.
pub fn normalize_gtin(code: &str) -> Option<String> {
    let code = code.trim();
    gtin_is_valid(code).then(|| format!("{code:0>14}"))
}

/// The fixed length of the values of the application identifiers that have one (the
/// ones a rating label may carry); every other AI's value runs to a separator or the end.
fn fixed_length(ai: &str) -> Option<usize> {
    match ai {
        "00" => Some(18),
        "01" | "02" => Some(14),
        "11" | "12" | "13" | "15" | "16" | "17" => Some(6),
        "20" => Some(2),
        _ => None,
    }
}

/// How many digits the application identifier at the start of `s` has (GS1's table,
/// reduced to its first-digit rules), or `None` when `s` does not start with digits.
fn ai_length(s: &str) -> Option<usize> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let want = match s.as_bytes().first()? {
        b'0' | b'1' | b'2' => 2,
        b'9' => 2,
        b'3' | b'4' | b'7' | b'8' => 4,
        _ => 3,
    };
    (digits >= want).then_some(want)
}

/// The (AI, value) pairs of a GS1 element string: bracketed (`(01)…(21)…`) or raw
/// (FNC1-separated, an optional `]C1`/`]d2`/`]Q3` symbology identifier in front).
/// `None` when the text is not one.
pub fn gs1_elements(text: &str) -> Option<Vec<(String, String)>> {
    let text = text.trim_matches(|c: char| c == GS || c.is_whitespace());
    if text.starts_with('(') {
        return bracketed(text);
    }
    let declared = GS1_IDENTIFIERS.iter().find_map(|id| text.strip_prefix(id));
    let raw = declared.unwrap_or(text).trim_start_matches(GS);
    let elements = raw_elements(raw)?;
    // Without the symbology's word for it, a raw string is GS1 only when it carries a
    // well-formed GTIN: plenty of plain serials are digits too.
    (declared.is_some()
        || elements
            .iter()
            .any(|(ai, v)| ai == "01" && gtin_is_valid(v)))
    .then_some(elements)
}

fn bracketed(text: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(after) = rest.strip_prefix('(') {
        let (ai, after) = after.split_once(')')?;
        if !(2..=4).contains(&ai.len()) || !ai.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let end = after.find('(').unwrap_or(after.len());
        let value = after[..end].trim_matches(GS).trim();
        out.push((ai.to_owned(), value.to_owned()));
        rest = &after[end..];
    }
    (rest.is_empty() && !out.is_empty()).then_some(out)
}

fn raw_elements(raw: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut rest = raw;
    while !rest.is_empty() {
        let len = ai_length(rest)?;
        let (ai, after) = rest.split_at(len);
        let (value, next) = match fixed_length(ai) {
            Some(n) => {
                let value = after.get(..n)?;
                (value, after[n..].trim_start_matches(GS))
            }
            None => match after.split_once(GS) {
                Some((value, next)) => (value, next),
                None => (after, ""),
            },
        };
        if value.is_empty() {
            return None;
        }
        out.push((ai.to_owned(), value.to_owned()));
        rest = next;
    }
    (!out.is_empty()).then_some(out)
}

/// The (AI, value) pairs of a GS1 Digital Link URL's path (`…/01/<gtin>/21/<serial>`).
fn digital_link(text: &str) -> Option<Vec<(String, String)>> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))?;
    let path = rest.split_once('/')?.1;
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let start = parts
        .windows(2)
        .position(|w| w[0] == "01" && gtin_is_valid(w[1]))?;
    let pairs = parts[start..]
        .chunks(2)
        .filter(|c| c.len() == 2)
        .map(|c| (c[0].to_owned(), percent_decode(c[1])))
        .collect();
    Some(pairs)
}

/// `%XX` escapes decoded (invalid ones kept as they are).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Words that announce a serial number on a label line, upper-case, longest first.
const SERIAL_PREFIXES: [&str; 6] = ["SERIAL NUMBER", "SERIAL NO", "SERIAL", "S/N", "SNR", "SN"];

/// A serial as printed: letters, digits and `-`, `/`, `.`; 3 to 40 characters.
fn looks_like_serial(s: &str) -> bool {
    (3..=40).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.'))
        && s.chars().any(|c| c.is_ascii_alphanumeric())
}

/// The serial a line announces with a prefix (`S/N: WM-1234`), if it does.
fn prefixed_serial(line: &str) -> Option<String> {
    let upper = line.trim().to_ascii_uppercase();
    SERIAL_PREFIXES.iter().find_map(|prefix| {
        let rest = upper.strip_prefix(prefix)?;
        let rest = rest.trim_start_matches(['.', ':', '#', '=', ' ']);
        // A prefix must be followed by a separator: "SN12" is a serial, not "12".
        if rest.len() == upper.len() - prefix.len() {
            return None;
        }
        let serial = crate::serial::normalize(rest);
        looks_like_serial(&serial).then_some(serial)
    })
}

/// The facts the codes on one label carry: the GTIN and the serial candidates, best
/// first (a GS1 serial, then a serial announced by a prefix, then a bare code).
pub fn read_label(codes: &[ScannedCode]) -> LabelFacts {
    let mut gtin = None;
    let mut gs1_serials = Vec::new();
    let mut prefixed = Vec::new();
    let mut bare = Vec::new();
    for code in codes {
        let text = code.text.trim();
        if let Some(elements) = gs1_elements(text).or_else(|| digital_link(text)) {
            for (ai, value) in elements {
                match ai.as_str() {
                    "01" => gtin = gtin.or_else(|| normalize_gtin(&value)),
                    "21" => gs1_serials.push(crate::serial::normalize(&value)),
                    _ => {}
                }
            }
            continue;
        }
        if let Some(found) = normalize_gtin(text) {
            // An EAN/UPC: the trade item, never the unit's serial.
            if matches!(code.format.as_str(), "ean_13" | "ean_8" | "upc_a" | "upc_e") {
                gtin = gtin.or(Some(found));
                continue;
            }
        }
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let announced: Vec<String> = lines.iter().filter_map(|l| prefixed_serial(l)).collect();
        if !announced.is_empty() {
            prefixed.extend(announced);
        } else if lines.len() == 1 && !text.contains("://") {
            let serial = crate::serial::normalize(text);
            if looks_like_serial(&serial) {
                bare.push(serial);
            }
        }
    }
    let mut serials: Vec<String> = Vec::new();
    for s in gs1_serials.into_iter().chain(prefixed).chain(bare) {
        if !s.is_empty() && !serials.contains(&s) {
            serials.push(s);
        }
    }
    LabelFacts { gtin, serials }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(format: &str, text: &str) -> ScannedCode {
        ScannedCode {
            format: format.to_owned(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn check_digits_are_verified_for_every_length() {
        assert!(gtin_is_valid("4006381333931")); // EAN-13
        assert!(gtin_is_valid("96385074")); // EAN-8
        assert!(gtin_is_valid("036000291452")); // UPC-A
        assert!(gtin_is_valid("04006381333931")); // GTIN-14
        assert!(!gtin_is_valid("4006381333932"));
        assert!(!gtin_is_valid("400638133393"));
        assert!(!gtin_is_valid("40063813339a1"));
        assert_eq!(
            normalize_gtin("4006381333931").as_deref(),
            Some("04006381333931")
        );
        assert_eq!(normalize_gtin("4006381333932"), None);
    }

    #[test]
    fn bracketed_and_raw_gs1_strings_give_the_same_elements() {
        let want = vec![
            ("01".to_owned(), "04006381333931".to_owned()),
            ("21".to_owned(), "WM-12345678".to_owned()),
        ];
        assert_eq!(
            gs1_elements("(01)04006381333931(21)WM-12345678"),
            Some(want.clone())
        );
        assert_eq!(
            gs1_elements("\u{1d}010400638133393121WM-12345678"),
            Some(want.clone())
        );
        assert_eq!(
            gs1_elements("]d20104006381333931\u{1d}21WM-12345678"),
            Some(want.clone())
        );
        // A variable-length value ends at the separator; the next element follows.
        assert_eq!(
            gs1_elements("0104006381333931\u{1d}21ABC\u{1d}10LOT7"),
            Some(vec![
                ("01".to_owned(), "04006381333931".to_owned()),
                ("21".to_owned(), "ABC".to_owned()),
                ("10".to_owned(), "LOT7".to_owned()),
            ])
        );
    }

    #[test]
    fn a_declared_gs1_code_needs_no_gtin() {
        assert_eq!(
            gs1_elements("]C121SN-1"),
            Some(vec![("21".to_owned(), "SN-1".to_owned())])
        );
    }

    #[test]
    fn a_plain_serial_of_digits_is_not_taken_for_gs1() {
        assert_eq!(gs1_elements("01234567890123456789"), None);
        assert_eq!(gs1_elements("WM-12345678"), None);
        assert_eq!(gs1_elements("(01"), None);
    }

    #[test]
    fn the_gs1_serial_and_gtin_are_read() {
        let facts = read_label(&[code(
            "data_matrix",
            "\u{1d}0104006381333931\u{1d}21wm-12345678",
        )]);
        assert_eq!(facts.gtin.as_deref(), Some("04006381333931"));
        assert_eq!(facts.serials, vec!["WM-12345678"]);
    }

    #[test]
    fn a_digital_link_carries_both() {
        let facts = read_label(&[code(
            "qr_code",
            "https://id.example.com/01/04006381333931/21/SN%2F123?x=1",
        )]);
        assert_eq!(facts.gtin.as_deref(), Some("04006381333931"));
        assert_eq!(facts.serials, vec!["SN/123"]);
    }

    #[test]
    fn an_ean_names_the_model_and_a_code_128_the_serial() {
        let facts = read_label(&[
            code("ean_13", "4006381333931"),
            code("code_128", "WM-12345678"),
        ]);
        assert_eq!(facts.gtin.as_deref(), Some("04006381333931"));
        assert_eq!(facts.serials, vec!["WM-12345678"]);
    }

    #[test]
    fn a_prefixed_line_beats_a_bare_code_and_urls_are_ignored() {
        let facts = read_label(&[
            code("code_128", "LOT42"),
            code("qr_code", "Model: WAN28281\nS/N: wm-12345678"),
            code("qr_code", "https://example.com/manual"),
        ]);
        assert_eq!(facts.serials, vec!["WM-12345678", "LOT42"]);
        assert_eq!(prefixed_serial("SN12345"), None);
        assert_eq!(prefixed_serial("SN 12345").as_deref(), Some("12345"));
        assert_eq!(prefixed_serial("Serial No.: 9A-1").as_deref(), Some("9A-1"));
    }

    #[test]
    fn the_models_format_picks_among_candidates() {
        let facts = LabelFacts {
            gtin: None,
            serials: vec!["LOT42".into(), "WM-12345678".into()],
        };
        assert_eq!(
            facts.serial_for(Some("WM-########")).as_deref(),
            Some("WM-12345678")
        );
        assert_eq!(facts.serial_for(Some("Z#")).as_deref(), Some("LOT42"));
        assert_eq!(facts.serial_for(None).as_deref(), Some("LOT42"));
        assert_eq!(LabelFacts::default().serial_for(None), None);
    }

    #[test]
    fn nothing_usable_gives_nothing() {
        let facts = read_label(&[
            code("qr_code", "https://example.com"),
            code("code_128", "!"),
        ]);
        assert_eq!(facts, LabelFacts::default());
    }

    proptest::proptest! {
        #[test]
        fn reading_never_panics(text in "\\PC{0,60}") {
            let _ = read_label(&[code("qr_code", &text), code("ean_13", &text)]);
            let _ = gs1_elements(&text);
        }
    }
}
