//! Checks of the settings that have a shape: the upstream base URL and the API prefix.

use super::ConfigError;
use std::net::IpAddr;

/// Checks the base URL and returns it without a trailing slash.
pub(super) fn api_base(raw: &str) -> Result<String, ConfigError> {
    let invalid = |why| ConfigError::ApiBase(raw.to_owned(), why);
    let url = reqwest::Url::parse(raw).map_err(|_| invalid("not a URL"))?;
    let host = url.host_str().ok_or_else(|| invalid("no host"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("credentials in the URL are not allowed"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("query and fragment are not allowed"));
    }
    match url.scheme() {
        "https" => {}
        // The key must not cross a network in clear text; plain HTTP is for a local mock only.
        "http" if is_loopback(host) => {}
        "http" => return Err(invalid("plain http is allowed only for loopback hosts")),
        _ => return Err(invalid("scheme must be https")),
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

pub(super) fn api_prefix(raw: &str) -> Result<String, ConfigError> {
    let valid = raw.len() > 1
        && raw.starts_with('/')
        && raw != "/healthz"
        && raw[1..].split('/').all(|segment| {
            !segment.is_empty()
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    if valid {
        Ok(raw.to_owned())
    } else {
        Err(ConfigError::ApiPrefix(raw.to_owned()))
    }
}
