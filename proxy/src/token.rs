//! Optional per-lead authorisation: a short-lived HMAC-SHA256 token a CRM backend mints.
//!
//! Format: `base64url(payload) "." base64url(HMAC-SHA256(secret, base64url(payload)))`, unpadded
//! base64url, where payload is JSON `{"lead_id": 12345, "sub": "user-678", "exp": 1767225600}`
//! (`exp` in Unix seconds). The MAC covers the encoded payload bytes, so no JSON canonicalisation
//! is needed on either side.

use crate::error::ProxyError;
use crate::secret::Secret;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use task_history_protocol::query::LeadId;

type HmacSha256 = Hmac<Sha256>;

/// Longest token accepted; a bound on work done before the signature is checked.
const MAX_TOKEN_LEN: usize = 2048;

/// What a token asserts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The one lead this token opens.
    pub lead_id: u64,
    /// The CRM user the token was minted for (logged, for audit).
    pub sub: String,
    /// Expiry, Unix seconds; the token is refused from this second on.
    pub exp: u64,
}

/// Signs claims into a token. The proxy only verifies; this is for tests and Rust backends.
pub fn mint(secret: &Secret, claims: &Claims) -> String {
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims serialize"));
    let signature = URL_SAFE_NO_PAD.encode(sign(secret, &payload).finalize().into_bytes());
    format!("{payload}.{signature}")
}

/// Checks the `Authorization` header value against `lead` at time `now` (Unix seconds).
/// Missing, malformed, forged, expired and too long-lived tokens (expiry more than `max_ttl`
/// seconds away) are 401; a valid token for another lead is 403.
pub fn verify(
    secret: &Secret,
    authorization: Option<&str>,
    lead: LeadId,
    now: u64,
    max_ttl: u64,
) -> Result<Claims, ProxyError> {
    let authorization = authorization.ok_or(ProxyError::TokenMissing)?;
    // The auth scheme is case-insensitive (RFC 9110); the token itself is not.
    let token = authorization
        .get(..7)
        .filter(|scheme| scheme.eq_ignore_ascii_case("bearer "))
        .and_then(|_| authorization.get(7..))
        .ok_or(ProxyError::TokenInvalid)?;
    if token.len() > MAX_TOKEN_LEN {
        return Err(ProxyError::TokenInvalid);
    }
    let (payload, signature) = token.split_once('.').ok_or(ProxyError::TokenInvalid)?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| ProxyError::TokenInvalid)?;
    sign(secret, payload)
        .verify_slice(&signature)
        .map_err(|_| ProxyError::TokenInvalid)?;
    let claims: Claims = URL_SAFE_NO_PAD
        .decode(payload)
        .ok()
        .and_then(|json| serde_json::from_slice(&json).ok())
        .ok_or(ProxyError::TokenInvalid)?;
    if claims.exp <= now {
        return Err(ProxyError::TokenExpired);
    }
    // A token valid for a year is a password, not a short-lived grant.
    if claims.exp - now > max_ttl {
        return Err(ProxyError::TokenTooLongLived);
    }
    if claims.lead_id != lead.0 {
        return Err(ProxyError::TokenWrongLead);
    }
    Ok(claims)
}

fn sign(secret: &Secret, payload: &str) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(secret.expose().as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(payload.as_bytes());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_767_225_600;
    const MAX_TTL: u64 = 3600;

    fn secret() -> Secret {
        Secret::new("TOKEN_SECRET", "crm-shared-signing-secret").expect("valid")
    }

    fn token(lead_id: u64, exp: u64) -> String {
        let claims = Claims {
            lead_id,
            sub: "user-678".into(),
            exp,
        };
        format!("Bearer {}", mint(&secret(), &claims))
    }

    #[test]
    fn fresh_token_for_the_lead_is_accepted() {
        let claims = verify(
            &secret(),
            Some(&token(12345, NOW + 60)),
            LeadId(12345),
            NOW,
            MAX_TTL,
        )
        .expect("valid token");
        assert_eq!(claims.sub, "user-678");
    }

    #[test]
    fn scheme_is_case_insensitive() {
        let header = token(12345, NOW + 60).replace("Bearer ", "bearer ");
        assert!(verify(&secret(), Some(&header), LeadId(12345), NOW, MAX_TTL).is_ok());
    }

    #[test]
    fn each_bad_token_gets_its_own_refusal() {
        let other_secret = Secret::new("T", "another-secret").expect("valid");
        let forged = format!(
            "Bearer {}",
            mint(
                &other_secret,
                &Claims {
                    lead_id: 12345,
                    sub: "x".into(),
                    exp: NOW + 60
                }
            )
        );
        let good = token(12345, NOW + 60);
        let (payload, signature) = good
            .strip_prefix("Bearer ")
            .and_then(|t| t.split_once('.'))
            .expect("two parts");
        let swapped_payload = format!(
            "Bearer {}.{signature}",
            token(99, NOW + 60)
                .strip_prefix("Bearer ")
                .and_then(|t| t.split_once('.'))
                .expect("two parts")
                .0
        );
        let cases: Vec<(Option<String>, ProxyError)> = vec![
            (None, ProxyError::TokenMissing),
            (
                Some(good.replace("Bearer ", "Basic ")),
                ProxyError::TokenInvalid,
            ),
            (Some("Bearer ".into()), ProxyError::TokenInvalid),
            (Some(format!("Bearer {payload}")), ProxyError::TokenInvalid),
            (Some(format!("Bearer {payload}.")), ProxyError::TokenInvalid),
            (Some(forged), ProxyError::TokenInvalid),
            (Some(swapped_payload), ProxyError::TokenInvalid),
            (
                Some(format!("Bearer {}", "a".repeat(5000))),
                ProxyError::TokenInvalid,
            ),
            (Some(token(12345, NOW)), ProxyError::TokenExpired),
            (Some(token(12345, NOW - 1)), ProxyError::TokenExpired),
            (Some(token(54321, NOW + 60)), ProxyError::TokenWrongLead),
            (
                Some(token(12345, NOW + MAX_TTL + 1)),
                ProxyError::TokenTooLongLived,
            ),
        ];
        for (header, expected) in cases {
            assert_eq!(
                verify(&secret(), header.as_deref(), LeadId(12345), NOW, MAX_TTL),
                Err(expected.clone()),
                "{header:?}"
            );
        }
    }

    #[test]
    fn token_matches_the_documented_python_minting() {
        // Produced by the README's Python example with the same secret and claims; a format
        // drift on either side breaks this.
        let claims = Claims {
            lead_id: 12345,
            sub: "user-678".into(),
            exp: NOW,
        };
        let minted = mint(&secret(), &claims);
        assert_eq!(minted, PYTHON_MINTED);
    }

    const PYTHON_MINTED: &str = "eyJsZWFkX2lkIjoxMjM0NSwic3ViIjoidXNlci02NzgiLCJleHAiOjE3NjcyMjU2MDB9.iKPmZYhziHhbXYfFH_NYT7l7mx3iLE5HVSeUhiKRTec";
}
