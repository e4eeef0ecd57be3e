//! Serial-number patterns, as printed in the catalogue: `#` is a digit, `A` a letter,
//! `*` a letter or digit, anything else stands for itself. A tiny language instead of
//! regular expressions keeps the wasm small and lets us show customers an example.

/// Normalises what a customer typed: surrounding spaces dropped, letters upper-cased.
pub fn normalize(serial: &str) -> String {
    serial.trim().to_uppercase()
}

/// Whether a (normalised) serial matches the pattern exactly.
pub fn matches(pattern: &str, serial: &str) -> bool {
    let mut p = pattern.chars();
    let mut s = serial.chars();
    loop {
        match (p.next(), s.next()) {
            (None, None) => return true,
            (Some(pc), Some(sc)) => {
                let ok = match pc {
                    '#' => sc.is_ascii_digit(),
                    'A' => sc.is_ascii_uppercase(),
                    '*' => sc.is_ascii_uppercase() || sc.is_ascii_digit(),
                    lit => lit == sc,
                };
                if !ok {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// An example serial for the pattern, shown as the expected format (`WM-########` →
/// `WM-12345678`).
pub fn example(pattern: &str) -> String {
    let mut digit = 0u32;
    let mut letter = 0u8;
    pattern
        .chars()
        .map(|c| match c {
            '#' | '*' => {
                digit += 1;
                char::from_digit(digit % 10, 10).unwrap_or('0')
            }
            'A' => {
                let c = char::from(b'A' + letter);
                letter = (letter + 1) % 26;
                c
            }
            lit => lit,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printed_serial_matches_its_models_pattern() {
        assert!(matches("WM-########", &normalize(" wm-12345678 ")));
        assert!(matches("AA##-*", "XY12-Z"));
        assert!(matches("AA##-*", "XY12-9"));
    }

    #[test]
    fn wrong_length_or_kind_of_character_is_refused() {
        assert!(!matches("WM-########", "WM-1234567"));
        assert!(!matches("WM-########", "WM-123456789"));
        assert!(!matches("WM-########", "WM-1234567X"));
        assert!(!matches("WM-########", "XM-12345678"));
        assert!(!matches("A#", "1A"));
    }

    #[test]
    fn the_example_matches_its_own_pattern() {
        for p in ["WM-########", "AA##-*", "SN####AAAA####", "Z"] {
            assert!(matches(p, &example(p)), "{p} -> {}", example(p));
        }
        assert_eq!(example("WM-########"), "WM-12345678");
    }

    proptest::proptest! {
        #[test]
        fn any_pattern_accepts_its_example(p in "[A#*\\-0-9X]{0,20}") {
            proptest::prop_assert!(matches(&p, &example(&p)));
        }
    }
}
