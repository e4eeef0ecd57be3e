//! The most commonly used passwords (from public breach-frequency lists, including ones
//! common in our six languages), refused at sign-up because they are guessed first.

const COMMON: &str = include_str!("common-passwords.txt");

/// Whether a password is on the list, ignoring case.
pub fn is_common(password: &str) -> bool {
    let candidate = password.to_lowercase();
    COMMON.lines().any(|line| line.to_lowercase() == candidate)
}

#[cfg(test)]
mod tests {
    #[test]
    fn well_known_passwords_are_common_and_a_passphrase_is_not() {
        for p in ["123456", "Password1", "QWERTY123", "azerty", "haslo123"] {
            assert!(super::is_common(p), "{p}");
        }
        assert!(!super::is_common("kettle-orbit-lantern"));
    }
}
