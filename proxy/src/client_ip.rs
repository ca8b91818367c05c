//! Which client a request comes from, for the rate limit. By default the peer address; behind a
//! load balancer or reverse proxy that would put every reader in one bucket, so the operator can
//! name the proxies in front (`PROXY_TRUSTED_PROXIES`) and the client is then read from
//! `X-Forwarded-For`, right to left, skipping those trusted hops. Entries left of the first
//! untrusted one are whatever the client sent and are never believed.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

/// An address range in CIDR notation (`10.0.0.0/8`, `fd00::/8`), or one address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    addr: IpAddr,
    prefix: u8,
}

/// A trusted proxy that is neither an address nor a CIDR range. `Display` is the start-up line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "PROXY_TRUSTED_PROXIES entry {0:?} is invalid: use addresses or CIDR ranges, e.g. 10.0.0.0/8,::1"
)]
pub struct InvalidTrustedProxy(pub String);

impl FromStr for IpNet {
    type Err = InvalidTrustedProxy;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidTrustedProxy(raw.to_owned());
        let (addr, prefix) = match raw.trim().split_once('/') {
            Some((addr, prefix)) => {
                // Digits only: `u8::from_str` would also take "+8".
                if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(invalid());
                }
                (addr, Some(prefix.parse::<u8>().map_err(|_| invalid())?))
            }
            None => (raw.trim(), None),
        };
        let addr = addr
            .parse::<IpAddr>()
            .map_err(|_| invalid())?
            .to_canonical();
        let bits = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(bits);
        if prefix > bits {
            return Err(invalid());
        }
        Ok(Self { addr, prefix })
    }
}

impl IpNet {
    /// Whether `ip` is in the range (an IPv4-mapped IPv6 address counts as its IPv4 address).
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => same_prefix(
                u128::from(net.to_bits()),
                u128::from(ip.to_bits()),
                32,
                self.prefix,
            ),
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                same_prefix(net.to_bits(), ip.to_bits(), 128, self.prefix)
            }
            _ => false,
        }
    }
}

impl fmt::Display for IpNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// Whether the top `prefix` of `bits` bits of `a` and `b` agree.
fn same_prefix(a: u128, b: u128, bits: u8, prefix: u8) -> bool {
    let shift = u32::from(bits - prefix);
    shift >= u32::from(bits) || (a >> shift) == (b >> shift)
}

/// The proxies in front of this one whose `X-Forwarded-For` is believed. Empty by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses each entry (`"10.0.0.0/8"`, `"::1"`); blank entries are skipped.
    pub fn parse<'a>(
        entries: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, InvalidTrustedProxy> {
        entries
            .into_iter()
            .filter(|entry| !entry.trim().is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map(Self)
    }

    /// Whether no proxy is trusted (the peer address is the client).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(ip))
    }

    /// The client behind `peer`: `peer` itself unless it is trusted; then the rightmost
    /// `X-Forwarded-For` entry (over all `forwarded_for` header values, in order) that is not a
    /// trusted proxy. An entry that is not an address ends the walk at the last trusted hop.
    pub fn client_ip<'a>(
        &self,
        peer: IpAddr,
        forwarded_for: impl DoubleEndedIterator<Item = &'a str>,
    ) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        // Right to left without collecting: the last header line first, each from its end.
        let hops = forwarded_for.rev().flat_map(|value| value.rsplit(','));
        let mut client = peer;
        for hop in hops {
            let Some(ip) = forwarded_address(hop) else {
                return client;
            };
            client = ip;
            if !self.trusts(ip) {
                break;
            }
        }
        client
    }
}

impl TrustedProxies {
    /// How the client reached us, for the own-origin check: `https` when `peer` is a trusted
    /// proxy whose `X-Forwarded-Proto` (its last entry: the nearest hop's) says so, else `http`,
    /// the only scheme the proxy itself serves.
    pub fn scheme<'a>(
        &self,
        peer: IpAddr,
        forwarded_proto: impl DoubleEndedIterator<Item = &'a str>,
    ) -> &'static str {
        if self.is_empty() || !self.trusts(peer.to_canonical()) {
            return "http";
        }
        let last = forwarded_proto
            .rev()
            .find_map(|value| value.rsplit(',').next());
        match last {
            Some(proto) if proto.trim().eq_ignore_ascii_case("https") => "https",
            _ => "http",
        }
    }
}

/// One `X-Forwarded-For` entry as an address: `203.0.113.7`, `2001:db8::1`, or either with a
/// port (`203.0.113.7:4711`, `[2001:db8::1]:4711`), as some proxies write them.
fn forwarded_address(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|socket| socket.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(raw: &str) -> IpAddr {
        raw.parse().expect("address")
    }

    #[test]
    fn ranges_parse_and_match() {
        let net: IpNet = "10.0.0.0/8".parse().expect("range");
        assert!(net.contains(ip("10.200.3.4")));
        assert!(net.contains(ip("::ffff:10.1.1.1")), "IPv4-mapped IPv6");
        assert!(!net.contains(ip("11.0.0.1")));
        assert!(!net.contains(ip("::1")));
        let one: IpNet = " 127.0.0.1 ".parse().expect("address");
        assert!(one.contains(ip("127.0.0.1")) && !one.contains(ip("127.0.0.2")));
        let v6: IpNet = "fd00::/8".parse().expect("range");
        assert!(v6.contains(ip("fd12:3456::1")) && !v6.contains(ip("fe80::1")));
        let everything: IpNet = "0.0.0.0/0".parse().expect("range");
        assert!(everything.contains(ip("203.0.113.9")));
        for bad in [
            "",
            "10.0.0.0/33",
            "::/129",
            "10.0.0.0/",
            "10.0.0.0/+8",
            "example.com",
            "10.0.0/8",
        ] {
            assert_eq!(
                bad.parse::<IpNet>(),
                Err(InvalidTrustedProxy(bad.into())),
                "{bad:?}"
            );
        }
        assert_eq!(
            "10.1.2.3/8".parse::<IpNet>().expect("range").to_string(),
            "10.1.2.3/8"
        );
    }

    #[test]
    fn the_client_is_the_rightmost_untrusted_hop() {
        let trusted = TrustedProxies::parse(["10.0.0.0/8", "", "::1"]).expect("valid");
        let client =
            |peer: &str, headers: &[&str]| trusted.client_ip(ip(peer), headers.iter().copied());
        // Not from a trusted proxy: the header is the client's own word and is ignored.
        assert_eq!(client("198.51.100.1", &["203.0.113.7"]), ip("198.51.100.1"));
        // From the load balancer: the address it appended.
        assert_eq!(client("10.0.0.2", &["203.0.113.7"]), ip("203.0.113.7"));
        // A client's forged entries sit left of the one the balancer appended.
        assert_eq!(
            client("10.0.0.2", &["1.2.3.4, 203.0.113.7"]),
            ip("203.0.113.7")
        );
        // Two trusted hops, over two header lines, ports and brackets as some proxies write.
        assert_eq!(
            client("::1", &["1.2.3.4, [2001:db8::7]:4711", "10.9.9.9:80"]),
            ip("2001:db8::7")
        );
        // Every hop trusted: the leftmost is as far as anyone can tell.
        assert_eq!(client("10.0.0.2", &["10.0.0.5"]), ip("10.0.0.5"));
        // No header, or junk where the balancer's entry should be: the last trusted hop.
        assert_eq!(client("10.0.0.2", &[]), ip("10.0.0.2"));
        assert_eq!(client("10.0.0.2", &["203.0.113.7, junk"]), ip("10.0.0.2"));
        assert_eq!(client("10.0.0.2", &["junk, 10.0.0.3"]), ip("10.0.0.3"));
        assert_eq!(
            trusted.scheme(ip("10.0.0.2"), ["https"].into_iter()),
            "https"
        );
        assert_eq!(
            trusted.scheme(ip("10.0.0.2"), ["http", "http, HTTPS"].into_iter()),
            "https"
        );
        assert_eq!(trusted.scheme(ip("10.0.0.2"), [].into_iter()), "http");
        assert_eq!(
            trusted.scheme(ip("198.51.100.1"), ["https"].into_iter()),
            "http",
            "an untrusted peer's word is not taken"
        );
        let nobody = TrustedProxies::default();
        assert!(nobody.is_empty());
        assert_eq!(
            nobody.client_ip(ip("10.0.0.2"), ["203.0.113.7"].into_iter()),
            ip("10.0.0.2")
        );
    }
}
