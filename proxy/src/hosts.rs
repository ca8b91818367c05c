//! The optional Host allowlist (`PROXY_ALLOWED_HOSTS`): a defence against DNS rebinding.
//!
//! A page on `http://evil.test` whose name the attacker re-points at the proxy's address makes
//! the browser send `Origin: http://evil.test` and `Host: evil.test`: to the same-origin check that
//! is the proxy's own origin. Only the Host header tells the two apart, so with an allowlist any
//! other Host is refused before anything else runs.

use crate::error::ProxyError;
use axum::extract::Request;
use axum::http::header;

/// The Host header values served. Empty (the default) serves any Host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedHosts(Vec<AllowedHost>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct AllowedHost {
    /// Lower-cased host name or address (an IPv6 address with its brackets).
    name: String,
    /// The port, when the entry names one; otherwise any port matches.
    port: Option<String>,
}

/// An allowed host that is not `host[:port]`. `Display` is the start-up line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "PROXY_ALLOWED_HOSTS entry {0:?} is invalid: use host[:port], e.g. proxy.example.com,127.0.0.1:8080"
)]
pub struct InvalidHost(pub String);

impl AllowedHosts {
    /// Parses each entry (`proxy.example.com`, `127.0.0.1:8080`, `[::1]:8080`); blank entries
    /// are skipped.
    pub fn new<'a>(entries: impl IntoIterator<Item = &'a str>) -> Result<Self, InvalidHost> {
        entries
            .into_iter()
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                split_host(entry)
                    .filter(|(name, _)| !name.is_empty())
                    .map(|(name, port)| AllowedHost {
                        name: name.to_ascii_lowercase(),
                        port: port.map(str::to_owned),
                    })
                    .ok_or_else(|| InvalidHost(entry.to_owned()))
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    /// Whether no allowlist is configured.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether a request with this Host header value is served.
    pub fn allows(&self, host: Option<&str>) -> bool {
        if self.0.is_empty() {
            return true;
        }
        let Some((name, port)) = host.and_then(split_host) else {
            return false;
        };
        self.0.iter().any(|allowed| {
            allowed.name.eq_ignore_ascii_case(name)
                && allowed.port.as_deref().is_none_or(|p| Some(p) == port)
        })
    }

    /// Refuses a request whose Host is not allowed (421: it was meant for another server).
    pub fn check(&self, request: &Request) -> Result<(), ProxyError> {
        if self.0.is_empty() {
            return Ok(());
        }
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .or_else(|| request.uri().authority().map(|a| a.as_str()));
        if self.allows(host) {
            Ok(())
        } else {
            Err(ProxyError::HostNotAllowed)
        }
    }
}

/// `host[:port]` into its parts, if it has that shape: a name of letters, digits, `-` and `.`,
/// an IPv4 address, or a bracketed IPv6 address; a port of 1 to 5 digits.
fn split_host(raw: &str) -> Option<(&str, Option<&str>)> {
    let (name, port) = if raw.starts_with('[') {
        let end = raw.find(']')? + 1;
        let rest = &raw[end..];
        let port = match rest.strip_prefix(':') {
            Some(port) => Some(port),
            None if rest.is_empty() => None,
            None => return None,
        };
        let inner = &raw[1..end - 1];
        if inner.is_empty()
            || !inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return None;
        }
        (&raw[..end], port)
    } else {
        let (name, port) = match raw.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (raw, None),
        };
        let plain = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'.';
        if !name.bytes().all(plain) {
            return None;
        }
        (name, port)
    };
    if let Some(port) = port
        && (port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    Some((name, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_without_a_port_match_any_port_and_case() {
        let hosts =
            AllowedHosts::new(["Proxy.Example.com", "127.0.0.1:8080", "[::1]"]).expect("valid");
        for ok in [
            "proxy.example.com",
            "PROXY.example.COM:8443",
            "127.0.0.1:8080",
            "[::1]",
            "[::1]:9",
        ] {
            assert!(hosts.allows(Some(ok)), "{ok}");
        }
        for refused in [
            "evil.test",
            "proxy.example.com.evil.test",
            "127.0.0.1",
            "127.0.0.1:8081",
            "proxy.example.com:80:80",
            "",
        ] {
            assert!(!hosts.allows(Some(refused)), "{refused}");
        }
        assert!(!hosts.allows(None), "no Host at all");
        assert!(AllowedHosts::default().allows(None));
    }

    #[test]
    fn malformed_entries_are_refused() {
        for bad in [
            "https://proxy.example.com",
            "proxy.example.com/",
            "*.example.com",
            "host:port",
            "host:",
            "[::1",
            "[]:80",
            ":8080",
            "a b",
        ] {
            assert_eq!(
                AllowedHosts::new([bad]),
                Err(InvalidHost(bad.to_owned())),
                "{bad:?}"
            );
        }
    }
}
