//! Secrets (the vendor API key, the token signing key) held so they never reach a log line.

use std::fmt;
use std::path::Path;

/// A secret string. `Debug` and `Display` print `[redacted]`; the value is only reachable through
/// [`Secret::expose`], so every use of it is greppable.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

/// Why a secret could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// Neither the variable nor its `_FILE` companion was set.
    #[error("{0} is required (set {0} or {0}_FILE)")]
    Missing(&'static str),
    /// Both the variable and its `_FILE` companion were set; refusing to guess which wins.
    #[error("set only one of {0} and {0}_FILE")]
    Ambiguous(&'static str),
    /// The file named by `_FILE` could not be read (the path is shown, never the content).
    #[error("cannot read {name}_FILE {path}: {reason}")]
    Unreadable {
        /// The variable name, e.g. `SF_API_KEY`.
        name: &'static str,
        /// The file path.
        path: String,
        /// The I/O error.
        reason: String,
    },
    /// The value is empty or has characters that cannot go into an HTTP header.
    #[error("{0} must be non-empty visible ASCII without spaces")]
    Invalid(&'static str),
}

impl Secret {
    /// Wraps a value after checking it can travel in an HTTP header: visible ASCII, no spaces.
    pub fn new(name: &'static str, value: impl Into<String>) -> Result<Self, SecretError> {
        let value = value.into();
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(SecretError::Invalid(name));
        }
        Ok(Self(value))
    }

    /// Loads from either an inline value or a file (one trailing newline is trimmed, as editors
    /// and `echo` add one). Exactly one of the two may be given.
    pub fn load(
        name: &'static str,
        inline: Option<String>,
        file: Option<&Path>,
    ) -> Result<Self, SecretError> {
        match (inline, file) {
            (Some(_), Some(_)) => Err(SecretError::Ambiguous(name)),
            (None, None) => Err(SecretError::Missing(name)),
            (Some(value), None) => Self::new(name, value),
            (None, Some(path)) => {
                let raw = std::fs::read_to_string(path).map_err(|e| SecretError::Unreadable {
                    name,
                    path: path.display().to_string(),
                    reason: e.kind().to_string(),
                })?;
                let trimmed = raw.strip_suffix('\n').unwrap_or(&raw);
                let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
                Self::new(name, trimmed)
            }
        }
    }

    /// The secret value. Call sites are the only places the key leaves this type.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let secret = Secret::new("SF_API_KEY", "sk_live_abc123").expect("valid");
        assert!(!format!("{secret:?}").contains("abc123"));
        assert!(!format!("{secret}").contains("abc123"));
        assert!(!format!("{:?}", Some(&secret)).contains("abc123"));
        assert_eq!(secret.expose(), "sk_live_abc123");
    }

    #[test]
    fn values_that_cannot_be_a_header_are_refused() {
        for bad in ["", "has space", "tab\tkey", "new\nline", "ünïcode"] {
            assert!(
                matches!(Secret::new("K", bad), Err(SecretError::Invalid("K"))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn file_value_loses_one_trailing_newline_only() {
        let dir = std::env::temp_dir().join(format!("th-secret-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("key");
        std::fs::write(&path, "from-file\n").expect("write");
        let secret = Secret::load("K", None, Some(&path)).expect("loads");
        assert_eq!(secret.expose(), "from-file");
        std::fs::write(&path, "two\n\n").expect("write");
        assert!(Secret::load("K", None, Some(&path)).is_err());
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    #[test]
    fn missing_ambiguous_and_unreadable_are_distinct_errors() {
        assert!(matches!(
            Secret::load("K", None, None),
            Err(SecretError::Missing("K"))
        ));
        let path = Path::new("/nonexistent/th-key");
        assert!(matches!(
            Secret::load("K", Some("a".into()), Some(path)),
            Err(SecretError::Ambiguous("K"))
        ));
        let err = Secret::load("K", None, Some(path)).expect_err("unreadable");
        assert!(err.to_string().contains("/nonexistent/th-key"), "{err}");
    }
}
