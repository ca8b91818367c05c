//! The demo's built files, and nothing else.
//!
//! The static directory (the Makefile assembles `target/demo/`) is laid out as:
//! `index.html`, `*.js` at the top (the element's loader), `pkg/**/*.js` and `pkg/**/*.wasm`
//! (wasm-bindgen output) and `style/**/*.css`. Only those shapes are ever mapped to a file, from
//! the raw path with no decoding, and the resolved file must still lie inside the directory
//! after symlinks are followed. Everything else is 404, even if the directory holds more.
//!
//! A file may have compressed copies beside it (`x.wasm.br`, `x.wasm.gz`, written by the build):
//! a client that accepts the encoding gets the copy, with `Content-Encoding` and an ETag of its
//! own, and every answer says `Vary: Accept-Encoding` so caches keep the forms apart.

use crate::error::ProxyError;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};

/// Why the static directory cannot be served.
#[derive(Debug, thiserror::Error)]
pub enum StaticDirError {
    /// The directory does not exist or cannot be resolved.
    #[error("static directory {0} does not exist")]
    Missing(String),
    /// The directory has no `index.html`: probably not the built demo.
    #[error("static directory {0} has no index.html (build the demo first)")]
    NoIndex(String),
}

/// A directory of demo files served under `/`.
#[derive(Debug, Clone)]
pub struct StaticFiles {
    root: PathBuf,
}

impl StaticFiles {
    /// Resolves the directory once; it must exist and hold `index.html`.
    pub fn new(dir: &Path) -> Result<Self, StaticDirError> {
        let root = dir
            .canonicalize()
            .ok()
            .filter(|p| p.is_dir())
            .ok_or_else(|| StaticDirError::Missing(dir.display().to_string()))?;
        if !root.join("index.html").is_file() {
            return Err(StaticDirError::NoIndex(dir.display().to_string()));
        }
        Ok(Self { root })
    }

    /// Serves the file a raw request path maps to, or 404, in the best encoding the request
    /// accepts that is on disk. Files are revalidated on every use (`no-cache` with a
    /// validator) rather than `no-store`, so a warm page load costs a 304 instead of
    /// downloading and compiling the wasm again, yet a rebuilt demo shows at once.
    pub async fn serve(&self, raw_path: &str, request: &HeaderMap) -> Response {
        let Some((relative, content_type)) = allowed_file(raw_path) else {
            return ProxyError::NotFound.into_response();
        };
        let Some(original) = self.inside_root(&relative) else {
            return ProxyError::NotFound.into_response();
        };
        let accepted = request
            .get(header::ACCEPT_ENCODING)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("");
        let (path, encoding) = ENCODINGS
            .iter()
            .filter(|(coding, _)| accepts(accepted, coding))
            .find_map(|(coding, suffix)| {
                let mut copy = relative.clone().into_os_string();
                copy.push(suffix);
                Some((self.inside_root(Path::new(&copy))?, Some(*coding)))
            })
            .unwrap_or((original, None));
        let Ok(metadata) = tokio::fs::metadata(&path).await else {
            return ProxyError::NotFound.into_response();
        };
        let etag = entity_tag(&metadata, encoding);
        let if_none_match = request.get(header::IF_NONE_MATCH);
        let mut response = if if_none_match.is_some_and(|tags| matches_tag(tags, &etag)) {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            match tokio::fs::read(&path).await {
                Ok(bytes) => bytes.into_response(),
                Err(_) => return ProxyError::NotFound.into_response(),
            }
        };
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if let Some(coding) = encoding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        if let Ok(value) = HeaderValue::from_str(&etag) {
            headers.insert(header::ETAG, value);
        }
        response
    }

    fn inside_root(&self, relative: &Path) -> Option<PathBuf> {
        let resolved = self.root.join(relative).canonicalize().ok()?;
        (resolved.starts_with(&self.root) && resolved.is_file()).then_some(resolved)
    }
}

/// Maps an allowed request path to a relative file path and its content type.
fn allowed_file(raw_path: &str) -> Option<(PathBuf, &'static str)> {
    if raw_path == "/" || raw_path == "/index.html" {
        return Some((PathBuf::from("index.html"), "text/html; charset=utf-8"));
    }
    let segments: Vec<&str> = raw_path.strip_prefix('/')?.split('/').collect();
    if !segments.iter().all(|s| is_plain_name(s)) {
        return None;
    }
    let (last, dirs) = segments.split_last()?;
    let extension = last.rsplit_once('.')?.1;
    let content_type = match (dirs.first().copied(), dirs.len(), extension) {
        (None, 0, "js") | (Some("pkg"), _, "js") => "text/javascript; charset=utf-8",
        (Some("pkg"), _, "wasm") => "application/wasm",
        (Some("style"), _, "css") => "text/css; charset=utf-8",
        _ => return None,
    };
    Some((segments.iter().collect(), content_type))
}

/// Letters, digits, `_`, `-` and `.`, not starting with a dot: no `..`, no hidden files, no
/// percent-encoding, no backslashes.
fn is_plain_name(segment: &str) -> bool {
    !segment.is_empty()
        && !segment.starts_with('.')
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b))
}

/// The compressed copies a file may have beside it, best first: (`Content-Encoding`, suffix).
const ENCODINGS: [(&str, &str); 2] = [("br", ".br"), ("gzip", ".gz")];

/// Whether an `Accept-Encoding` value accepts `coding`: named, or covered by `*`, with a
/// non-zero `q` (RFC 9110 §12.5.3). A coding named with `q=0` is refused even under `*`.
fn accepts(accept_encoding: &str, coding: &str) -> bool {
    let mut wildcard = false;
    for entry in accept_encoding.split(',') {
        let mut parts = entry.split(';');
        let name = parts.next().unwrap_or("").trim();
        let weight = parts
            .filter_map(|param| {
                let (key, value) = param.split_once('=')?;
                key.trim().eq_ignore_ascii_case("q").then(|| value.trim())
            })
            .next_back();
        // Any q whose digits are all zero ("0", "0.0", "0.000") means "not acceptable".
        let refused = weight.is_some_and(|q| q.bytes().all(|b| b == b'0' || b == b'.'));
        if name.eq_ignore_ascii_case(coding) {
            return !refused;
        }
        if name == "*" {
            wildcard = !refused;
        }
    }
    wildcard
}

/// A strong validator from the file's size and modification time, and its encoding: a rebuilt
/// file changes it, and each form of a file has its own.
fn entity_tag(metadata: &std::fs::Metadata, encoding: Option<&str>) -> String {
    let modified = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let suffix = encoding.map_or(String::new(), |coding| format!("-{coding}"));
    format!("\"{:x}-{:x}{suffix}\"", metadata.len(), modified)
}

/// Whether an `If-None-Match` value names `etag` (or is `*`).
fn matches_tag(if_none_match: &HeaderValue, etag: &str) -> bool {
    if_none_match.to_str().is_ok_and(|tags| {
        tags.split(',')
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .any(|tag| tag == "*" || tag == etag)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_demo_file_shapes_are_mapped() {
        let allowed = [
            ("/", "index.html"),
            ("/index.html", "index.html"),
            ("/task-history.js", "task-history.js"),
            ("/pkg/task_history.js", "pkg/task_history.js"),
            ("/pkg/task_history_bg.wasm", "pkg/task_history_bg.wasm"),
            (
                "/pkg/snippets/task-history-1a2b/inline0.js",
                "pkg/snippets/task-history-1a2b/inline0.js",
            ),
            ("/style/demo.css", "style/demo.css"),
        ];
        for (raw, file) in allowed {
            assert_eq!(
                allowed_file(raw).map(|(p, _)| p),
                Some(PathBuf::from(file)),
                "{raw}"
            );
        }
        let refused = [
            "/Cargo.toml",
            "/src/lib.rs",
            "/.git/config",
            "/../Cargo.toml",
            "/..",
            "/pkg/../Cargo.toml",
            "/pkg/%2e%2e/Cargo.toml",
            "/pkg/package.json",
            "/pkg/task_history.d.ts",
            "/pkg/.hidden.js",
            "/style/../../etc/passwd.css",
            "/style/x.js",
            "/index.htm",
            "/sub/index.html",
            "/style/",
            "//etc/passwd.js",
            "/pkg\\..\\x.js",
            "/tests/e2e/x.js",
            "",
        ];
        for raw in refused {
            assert_eq!(allowed_file(raw), None, "{raw}");
        }
    }

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        let cases = [
            ("br", "br", true),
            ("gzip, deflate, br, zstd", "br", true),
            ("gzip, deflate, br, zstd", "gzip", true),
            ("gzip", "br", false),
            ("", "gzip", false),
            ("identity", "gzip", false),
            ("BR;q=0.5", "br", true),
            ("br;q=0", "br", false),
            ("br; q=0.000, gzip", "br", false),
            ("*", "br", true),
            ("*;q=0", "gzip", false),
            ("*, br;q=0", "br", false),
            ("*, br;q=0", "gzip", true),
            ("gzip;q=0.001", "gzip", true),
            ("brotli", "br", false),
        ];
        for (header, coding, expected) in cases {
            assert_eq!(accepts(header, coding), expected, "{header:?} {coding}");
        }
    }

    #[test]
    fn content_types_follow_the_extension() {
        let cases = [
            ("/", "text/html; charset=utf-8"),
            ("/pkg/a.wasm", "application/wasm"),
            ("/pkg/a.js", "text/javascript; charset=utf-8"),
            ("/style/a.css", "text/css; charset=utf-8"),
        ];
        for (raw, content_type) in cases {
            assert_eq!(
                allowed_file(raw).map(|(_, c)| c),
                Some(content_type),
                "{raw}"
            );
        }
    }
}
