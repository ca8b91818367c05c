//! Optional per-lead authorisation: a short-lived JWT (RFC 7519) a CRM backend mints.
//!
//! The proxy verifies with [`jsonwebtoken`] against one key and one algorithm, both fixed by
//! configuration: HS256 with a shared secret, or RS256, ES256 or EdDSA with a public key. The
//! token's own `alg` header only has to agree; it never chooses the key or the algorithm, so an
//! `alg: none` token or an HS256 token "signed" with the public key is refused.
//!
//! Claims: `lead_id` (a number, the one lead the token opens), `sub` (the CRM user, required),
//! `exp` (required), optional `nbf`, and `aud` / `iss` when the proxy is configured with them.

use crate::error::ProxyError;
use crate::secret::Secret;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use task_history_protocol::query::LeadId;

/// Longest token accepted; a bound on work done before the signature is checked. An RS256 token
/// with a 4096-bit key is about 800 bytes.
const MAX_TOKEN_LEN: usize = 4096;

/// Seconds a token's `nbf` may lie ahead of the proxy's clock: a token minted by a backend whose
/// clock runs slightly ahead still works at once. `exp` gets no such allowance.
pub const NBF_LEEWAY_SECS: u64 = 30;

/// What a token asserts, as the proxy reads it (`aud` and `iss` are checked by the verifier and
/// not kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The one lead this token opens.
    pub lead_id: u64,
    /// The CRM user the token was minted for (logged at debug level, for audit).
    pub sub: String,
    /// Expiry, Unix seconds; the token is refused from this second on.
    pub exp: u64,
    /// Not before, Unix seconds, if the token has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<u64>,
}

/// The algorithms the proxy can be configured with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TokenAlgorithm {
    /// HMAC-SHA256 with the shared secret (`PROXY_TOKEN_SECRET`).
    #[value(name = "HS256")]
    Hs256,
    /// RSASSA-PKCS1-v1_5 with SHA-256, an RSA public key.
    #[value(name = "RS256")]
    Rs256,
    /// ECDSA P-256 with SHA-256, a P-256 public key.
    #[value(name = "ES256")]
    Es256,
    /// Ed25519, an Ed25519 public key.
    #[value(name = "EdDSA")]
    EdDsa,
}

impl TokenAlgorithm {
    fn jwt(self) -> Algorithm {
        match self {
            Self::Hs256 => Algorithm::HS256,
            Self::Rs256 => Algorithm::RS256,
            Self::Es256 => Algorithm::ES256,
            Self::EdDsa => Algorithm::EdDSA,
        }
    }

    /// The name in the JWT header and in `PROXY_TOKEN_ALGORITHM`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Hs256 => "HS256",
            Self::Rs256 => "RS256",
            Self::Es256 => "ES256",
            Self::EdDsa => "EdDSA",
        }
    }

    fn key_kind(self) -> &'static str {
        match self {
            Self::Hs256 => "a shared secret",
            Self::Rs256 => "an RSA public key",
            Self::Es256 => "a P-256 (prime256v1) public key",
            Self::EdDsa => "an Ed25519 public key",
        }
    }
}

/// Why a token key cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenKeyError {
    /// The PEM holds a private key: the proxy only ever needs the public half.
    #[error(
        "PROXY_TOKEN_PUBLIC_KEY_FILE holds a private key; give the proxy the public key only \
         (openssl pkey -in private.pem -pubout)"
    )]
    PrivateKey,
    /// The PEM is not a public key of the kind the algorithm needs.
    #[error("PROXY_TOKEN_PUBLIC_KEY_FILE is not {kind} in PEM, which {algorithm} needs")]
    Mismatch {
        /// The configured algorithm.
        algorithm: &'static str,
        /// What it needs.
        kind: &'static str,
    },
    /// HS256 takes the secret, not a public key file.
    #[error("PROXY_TOKEN_ALGORITHM=HS256 takes PROXY_TOKEN_SECRET, not a public key file")]
    HmacWithPublicKey,
    /// A shared secret only works with HS256.
    #[error(
        "PROXY_TOKEN_SECRET works with HS256 only; {0} needs PROXY_TOKEN_PUBLIC_KEY_FILE instead"
    )]
    SecretWithPublicKeyAlgorithm(&'static str),
}

/// Verifies per-lead tokens against one configured key and algorithm.
#[derive(Clone)]
pub struct TokenVerifier {
    algorithm: TokenAlgorithm,
    key: DecodingKey,
    validation: Validation,
    max_ttl_secs: u64,
}

impl std::fmt::Debug for TokenVerifier {
    // The key is never printed (the secret is one), only what kind of check this is.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenVerifier")
            .field("algorithm", &self.algorithm.name())
            .field("key", &"[redacted]")
            .field("audience", &self.validation.aud)
            .field("issuer", &self.validation.iss)
            .field("max_ttl_secs", &self.max_ttl_secs)
            .finish()
    }
}

impl TokenVerifier {
    /// HS256 with a shared secret (its length is checked by the configuration).
    pub fn hmac(
        secret: &Secret,
        algorithm: TokenAlgorithm,
        max_ttl_secs: u64,
    ) -> Result<Self, TokenKeyError> {
        if algorithm != TokenAlgorithm::Hs256 {
            return Err(TokenKeyError::SecretWithPublicKeyAlgorithm(
                algorithm.name(),
            ));
        }
        let key = DecodingKey::from_secret(secret.expose().as_bytes()).map_err(|_| {
            TokenKeyError::Mismatch {
                algorithm: "HS256",
                kind: "a shared secret",
            }
        })?;
        Ok(Self::with_key(algorithm, key, max_ttl_secs))
    }

    /// RS256, ES256 or EdDSA with a PEM public key (`BEGIN PUBLIC KEY`, or `BEGIN RSA PUBLIC
    /// KEY` for RSA). A key that does not fit the algorithm is refused here, at start, rather
    /// than failing every token later.
    pub fn public_key(
        pem: &[u8],
        algorithm: TokenAlgorithm,
        max_ttl_secs: u64,
    ) -> Result<Self, TokenKeyError> {
        if pem.windows(11).any(|w| w == b"PRIVATE KEY") {
            return Err(TokenKeyError::PrivateKey);
        }
        let mismatch = || TokenKeyError::Mismatch {
            algorithm: algorithm.name(),
            kind: algorithm.key_kind(),
        };
        let key = match algorithm {
            TokenAlgorithm::Hs256 => return Err(TokenKeyError::HmacWithPublicKey),
            TokenAlgorithm::Rs256 => DecodingKey::from_rsa_pem(pem),
            TokenAlgorithm::Es256 => DecodingKey::from_ec_pem(pem),
            TokenAlgorithm::EdDsa => DecodingKey::from_ed_pem(pem),
        }
        .map_err(|_| mismatch())?;
        // Building a verifier parses the key for this algorithm: a P-384 key for ES256, or
        // bytes that are no Ed25519 key, fail here. (An RSA key is parsed on each check; the
        // PEM decoding above has already confirmed it is one.)
        jsonwebtoken::crypto::verify("AA", b"probe", &key, algorithm.jwt())
            .map_err(|_| mismatch())?;
        Ok(Self::with_key(algorithm, key, max_ttl_secs))
    }

    fn with_key(algorithm: TokenAlgorithm, key: DecodingKey, max_ttl_secs: u64) -> Self {
        let mut validation = Validation::new(algorithm.jwt());
        validation.set_required_spec_claims(&["exp", "sub"]);
        // Time is checked below against the caller's clock, with the proxy's own rules.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.leeway = 0;
        // A token that names an audience is refused unless it is ours (RFC 7519 §4.1.3).
        validation.validate_aud = true;
        Self {
            algorithm,
            key,
            validation,
            max_ttl_secs,
        }
    }

    /// Requires `aud` to be (or contain) `audience`.
    pub fn with_audience(mut self, audience: &str) -> Self {
        self.validation.set_audience(&[audience]);
        self.validation.required_spec_claims.insert("aud".into());
        self
    }

    /// Requires `iss` to be `issuer`.
    pub fn with_issuer(mut self, issuer: &str) -> Self {
        self.validation.set_issuer(&[issuer]);
        self.validation.required_spec_claims.insert("iss".into());
        self
    }

    /// The configured algorithm.
    pub fn algorithm(&self) -> TokenAlgorithm {
        self.algorithm
    }

    /// Checks the `Authorization` header value against `lead` at time `now` (Unix seconds).
    /// Missing, malformed, forged, expired, not yet valid and too long-lived tokens (expiry more
    /// than the maximum lifetime away) are 401; a valid token for another lead is 403.
    pub fn verify(
        &self,
        authorization: Option<&str>,
        lead: LeadId,
        now: u64,
    ) -> Result<Claims, ProxyError> {
        let authorization = authorization.ok_or(ProxyError::TokenMissing)?;
        // The auth scheme is case-insensitive (RFC 9110); the token itself is not.
        let token = authorization
            .get(..7)
            .filter(|scheme| scheme.eq_ignore_ascii_case("bearer "))
            .and_then(|_| authorization.get(7..))
            .ok_or(ProxyError::TokenInvalid)?;
        if token.is_empty() || token.len() > MAX_TOKEN_LEN {
            return Err(ProxyError::TokenInvalid);
        }
        let claims = jsonwebtoken::decode::<Claims>(token, &self.key, &self.validation)
            .map_err(|error| {
                // The kind only (`InvalidSignature`, `InvalidAudience`...): never the token.
                tracing::debug!(reason = ?error.kind(), "token refused");
                match error.kind() {
                    ErrorKind::ExpiredSignature => ProxyError::TokenExpired,
                    _ => ProxyError::TokenInvalid,
                }
            })?
            .claims;
        if claims.sub.is_empty() {
            return Err(ProxyError::TokenInvalid);
        }
        if claims.exp <= now {
            return Err(ProxyError::TokenExpired);
        }
        if claims
            .nbf
            .is_some_and(|nbf| nbf > now.saturating_add(NBF_LEEWAY_SECS))
        {
            tracing::debug!(reason = "nbf in the future", "token refused");
            return Err(ProxyError::TokenInvalid);
        }
        // A token valid for a year is a password, not a short-lived grant.
        if claims.exp - now > self.max_ttl_secs {
            return Err(ProxyError::TokenTooLongLived);
        }
        if claims.lead_id != lead.0 {
            return Err(ProxyError::TokenWrongLead);
        }
        Ok(claims)
    }
}

/// Signs claims into an HS256 JWT. The proxy only verifies; this is for tests and Rust backends.
pub fn mint(secret: &Secret, claims: &Claims) -> String {
    let key =
        EncodingKey::from_secret(secret.expose().as_bytes()).expect("a Secret is never empty");
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &key)
        .expect("HS256 signing with a non-empty secret cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_767_225_600;
    const MAX_TTL: u64 = 3600;
    const SECRET: &str = "crm-shared-signing-secret-0123456789";

    fn secret() -> Secret {
        Secret::new("TOKEN_SECRET", SECRET).expect("valid")
    }

    fn verifier() -> TokenVerifier {
        TokenVerifier::hmac(&secret(), TokenAlgorithm::Hs256, MAX_TTL).expect("valid")
    }

    fn claims(lead_id: u64, exp: u64) -> Claims {
        Claims {
            lead_id,
            sub: "user-678".into(),
            exp,
            nbf: None,
        }
    }

    fn token(lead_id: u64, exp: u64) -> String {
        format!("Bearer {}", mint(&secret(), &claims(lead_id, exp)))
    }

    /// An HS256 token with any JSON claims and header `alg`.
    fn raw_token(header: &str, claims: &serde_json::Value, key: &[u8]) -> String {
        use base64::Engine as _;
        use jsonwebtoken::crypto::sign;
        let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let message = format!(
            "{}.{}",
            b64(header.as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        let signature = sign(
            message.as_bytes(),
            &EncodingKey::from_secret(key).expect("key"),
            Algorithm::HS256,
        )
        .expect("sign");
        format!("Bearer {message}.{signature}")
    }

    fn check(header: &str) -> Result<Claims, ProxyError> {
        verifier().verify(Some(header), LeadId(12345), NOW)
    }

    #[test]
    fn fresh_token_for_the_lead_is_accepted() {
        let claims = check(&token(12345, NOW + 60)).expect("valid token");
        assert_eq!(claims.sub, "user-678");
    }

    #[test]
    fn minted_tokens_are_standard_hs256_jwts() {
        let minted = mint(&secret(), &claims(12345, NOW));
        let header = jsonwebtoken::decode_header(&minted).expect("a JWT header");
        assert_eq!(header.alg, Algorithm::HS256);
        assert_eq!(minted.split('.').count(), 3);
    }

    #[test]
    fn scheme_is_case_insensitive() {
        let header = token(12345, NOW + 60).replace("Bearer ", "bearer ");
        assert!(check(&header).is_ok());
    }

    #[test]
    fn each_bad_token_gets_its_own_refusal() {
        let other = Secret::new("T", "another-secret-another-secret-0000").expect("valid");
        let forged = format!("Bearer {}", mint(&other, &claims(12345, NOW + 60)));
        let good = token(12345, NOW + 60);
        let parts: Vec<&str> = good["Bearer ".len()..].split('.').collect();
        let other_lead = token(99, NOW + 60);
        let other_parts: Vec<&str> = other_lead["Bearer ".len()..].split('.').collect();
        let swapped_payload = format!("Bearer {}.{}.{}", parts[0], other_parts[1], parts[2]);
        let key = SECRET.as_bytes();
        let hs = r#"{"alg":"HS256","typ":"JWT"}"#;
        let base = serde_json::json!({"lead_id": 12345, "sub": "u", "exp": NOW + 60});
        let with = |extra: serde_json::Value| {
            let mut claims = base.clone();
            for (k, v) in extra.as_object().expect("object") {
                claims[k] = v.clone();
            }
            claims
        };
        let cases: Vec<(&str, Option<String>, ProxyError)> = vec![
            ("missing", None, ProxyError::TokenMissing),
            (
                "basic scheme",
                Some(good.replace("Bearer ", "Basic ")),
                ProxyError::TokenInvalid,
            ),
            ("empty", Some("Bearer ".into()), ProxyError::TokenInvalid),
            (
                "two parts",
                Some(format!("Bearer {}.{}", parts[0], parts[1])),
                ProxyError::TokenInvalid,
            ),
            (
                "no signature",
                Some(format!("Bearer {}.{}.", parts[0], parts[1])),
                ProxyError::TokenInvalid,
            ),
            ("forged", Some(forged), ProxyError::TokenInvalid),
            (
                "swapped payload",
                Some(swapped_payload),
                ProxyError::TokenInvalid,
            ),
            (
                "too long",
                Some(format!("Bearer {}", "a".repeat(5000))),
                ProxyError::TokenInvalid,
            ),
            (
                "alg none",
                Some(format!(
                    "Bearer {}.{}.",
                    "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0", parts[1]
                )),
                ProxyError::TokenInvalid,
            ),
            (
                "alg HS384 with the right secret",
                Some(raw_token(r#"{"alg":"HS384"}"#, &base, key)),
                ProxyError::TokenInvalid,
            ),
            (
                "no sub",
                Some(raw_token(
                    hs,
                    &serde_json::json!({"lead_id": 12345, "exp": NOW + 60}),
                    key,
                )),
                ProxyError::TokenInvalid,
            ),
            (
                "empty sub",
                Some(raw_token(hs, &with(serde_json::json!({"sub": ""})), key)),
                ProxyError::TokenInvalid,
            ),
            (
                "no exp",
                Some(raw_token(
                    hs,
                    &serde_json::json!({"lead_id": 12345, "sub": "u"}),
                    key,
                )),
                ProxyError::TokenInvalid,
            ),
            (
                "lead as a string",
                Some(raw_token(
                    hs,
                    &with(serde_json::json!({"lead_id": "12345"})),
                    key,
                )),
                ProxyError::TokenInvalid,
            ),
            (
                "an audience the proxy was not given",
                Some(raw_token(hs, &with(serde_json::json!({"aud": "x"})), key)),
                ProxyError::TokenInvalid,
            ),
            (
                "nbf ahead",
                Some(raw_token(
                    hs,
                    &with(serde_json::json!({"nbf": NOW + NBF_LEEWAY_SECS + 1})),
                    key,
                )),
                ProxyError::TokenInvalid,
            ),
            (
                "expires now",
                Some(token(12345, NOW)),
                ProxyError::TokenExpired,
            ),
            (
                "expired",
                Some(token(12345, NOW - 1)),
                ProxyError::TokenExpired,
            ),
            (
                "other lead",
                Some(token(54321, NOW + 60)),
                ProxyError::TokenWrongLead,
            ),
            (
                "too long-lived",
                Some(token(12345, NOW + MAX_TTL + 1)),
                ProxyError::TokenTooLongLived,
            ),
        ];
        for (name, header, expected) in cases {
            assert_eq!(
                verifier().verify(header.as_deref(), LeadId(12345), NOW),
                Err(expected),
                "{name}"
            );
        }
    }

    #[test]
    fn nbf_within_the_leeway_and_in_the_past_is_accepted() {
        let key = SECRET.as_bytes();
        for nbf in [NOW - 100, NOW, NOW + NBF_LEEWAY_SECS] {
            let claims =
                serde_json::json!({"lead_id": 12345, "sub": "u", "exp": NOW + 60, "nbf": nbf});
            let header = raw_token(r#"{"alg":"HS256"}"#, &claims, key);
            assert!(check(&header).is_ok(), "nbf {nbf}");
        }
    }

    #[test]
    fn audience_and_issuer_are_required_when_configured() {
        let verifier = verifier()
            .with_audience("task-history")
            .with_issuer("https://crm.example.com");
        let key = SECRET.as_bytes();
        let hs = r#"{"alg":"HS256"}"#;
        let cases = [
            (
                serde_json::json!({"aud": "task-history", "iss": "https://crm.example.com"}),
                true,
            ),
            (
                serde_json::json!({"aud": ["other", "task-history"], "iss": "https://crm.example.com"}),
                true,
            ),
            (
                serde_json::json!({"aud": "other", "iss": "https://crm.example.com"}),
                false,
            ),
            (serde_json::json!({"iss": "https://crm.example.com"}), false),
            (serde_json::json!({"aud": "task-history"}), false),
            (
                serde_json::json!({"aud": "task-history", "iss": "https://evil.test"}),
                false,
            ),
        ];
        for (extra, ok) in cases {
            let mut claims = serde_json::json!({"lead_id": 12345, "sub": "u", "exp": NOW + 60});
            for (k, v) in extra.as_object().expect("object") {
                claims[k] = v.clone();
            }
            let result = verifier.verify(Some(&raw_token(hs, &claims, key)), LeadId(12345), NOW);
            assert_eq!(result.is_ok(), ok, "{extra}: {result:?}");
            if !ok {
                assert_eq!(result, Err(ProxyError::TokenInvalid), "{extra}");
            }
        }
    }

    #[test]
    fn a_secret_works_with_hs256_only_and_a_public_key_never_with_hs256() {
        assert_eq!(
            TokenVerifier::hmac(&secret(), TokenAlgorithm::Rs256, MAX_TTL).map(|_| ()),
            Err(TokenKeyError::SecretWithPublicKeyAlgorithm("RS256"))
        );
        assert_eq!(
            TokenVerifier::public_key(
                b"-----BEGIN PUBLIC KEY-----",
                TokenAlgorithm::Hs256,
                MAX_TTL
            )
            .map(|_| ()),
            Err(TokenKeyError::HmacWithPublicKey)
        );
        assert_eq!(
            TokenVerifier::public_key(
                b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                TokenAlgorithm::Rs256,
                MAX_TTL
            )
            .map(|_| ()),
            Err(TokenKeyError::PrivateKey)
        );
        assert!(matches!(
            TokenVerifier::public_key(b"not a pem", TokenAlgorithm::EdDsa, MAX_TTL),
            Err(TokenKeyError::Mismatch { .. })
        ));
    }

    #[test]
    fn debug_output_hides_the_key() {
        let debug = format!("{:?}", verifier());
        assert!(!debug.contains(SECRET), "{debug}");
        assert!(debug.contains("HS256"), "{debug}");
    }
}
