//! Property tests of who a request is counted against: the `PROXY_TRUSTED_PROXIES` ranges
//! (`IpNet`), the `X-Forwarded-For` walk (`TrustedProxies::client_ip`) against a reference model
//! written here, and the rate limiter's bucket key: any two IPv6 addresses sharing the configured
//! prefix (a /64 by default) share a bucket and any two that do not, do not; IPv4 clients (and
//! IPv4-mapped IPv6 addresses, as their IPv4 address: the documented exception to the /64 rule,
//! since they all sit in `::ffff:0:0/96`) are counted by address.
#![allow(clippy::unwrap_used)]

#[path = "../../protocol/tests/support/mod.rs"]
mod support;

use proptest::prelude::*;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use support::check;
use task_history_proxy::client_ip::{IpNet, TrustedProxies};
use task_history_proxy::rate_limit::{RateLimit, RateLimiter};

/// Whether the top `prefix` bits of `a` and `b` agree, by counting equal leading bits.
fn share_prefix(a: IpAddr, b: IpAddr, prefix: u32) -> bool {
    match (a.to_canonical(), b.to_canonical()) {
        (IpAddr::V4(a), IpAddr::V4(b)) => (a.to_bits() ^ b.to_bits()).leading_zeros() >= prefix,
        (IpAddr::V6(a), IpAddr::V6(b)) => (a.to_bits() ^ b.to_bits()).leading_zeros() >= prefix,
        _ => false,
    }
}

/// A range given as its address and prefix length, for the model.
#[derive(Debug, Clone)]
struct Range {
    addr: IpAddr,
    prefix: u32,
}

impl Range {
    fn text(&self) -> String {
        format!("{}/{}", self.addr, self.prefix)
    }
}

/// Addresses clustered near a few networks (so ranges and walks both match and miss), and any.
fn address() -> impl Strategy<Value = IpAddr> {
    prop_oneof![
        (0..4u32, any::<u8>())
            .prop_map(|(net, host)| IpAddr::V4(Ipv4Addr::new(10, 0, net as u8, host))),
        (0..3u16, any::<u16>()).prop_map(|(net, host)| {
            IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, net, 0, 0, 0, host))
        }),
        (0..4u32, any::<u8>()).prop_map(|(net, host)| {
            IpAddr::V6(Ipv4Addr::new(10, 0, net as u8, host).to_ipv6_mapped())
        }),
        any::<IpAddr>(),
    ]
}

fn range() -> impl Strategy<Value = Range> {
    address().prop_flat_map(|addr| {
        let bits: u32 = if addr.to_canonical().is_ipv4() {
            32
        } else {
            128
        };
        (Just(addr), 0..=bits).prop_map(|(addr, prefix)| Range { addr, prefix })
    })
}

/// One `X-Forwarded-For` entry as proxies write them, or junk.
fn entry() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => address().prop_map(|ip| ip.to_string()),
        1 => (address(), any::<u16>()).prop_map(|(ip, port)| SocketAddr::new(ip, port).to_string()),
        1 => (address(), "[ \t]{0,2}").prop_map(|(ip, pad)| format!("{pad}{ip}{pad}")),
        1 => prop::sample::select(vec!["", "unknown", "for=1.2.3.4", "_hidden", "[::1]", "1.2.3"])
            .prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

/// Header lines: each a comma-separated list of entries.
fn header_lines() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop::collection::vec(entry(), 0..4).prop_map(|e| e.join(",")),
        0..3,
    )
}

/// The model: the hops right to left over every line; the client is the first untrusted hop, or
/// the hop before the first entry that is no address, or the leftmost hop when all are trusted
/// (then also `true`: every entry was read, so one more on the left would be too).
fn reference_client(ranges: &[Range], peer: IpAddr, lines: &[String]) -> (IpAddr, bool) {
    let trusted = |ip: IpAddr| ranges.iter().any(|r| share_prefix(r.addr, ip, r.prefix));
    let parse = |hop: &str| {
        let hop = hop.trim();
        let ip = hop.parse::<IpAddr>().ok();
        ip.or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
            .map(|ip| ip.to_canonical())
    };
    let peer = peer.to_canonical();
    let mut hops: Vec<&str> = lines.iter().flat_map(|line| line.split(',')).collect();
    hops.reverse();
    let mut chain = vec![peer];
    for &hop in &hops {
        if !trusted(*chain.last().unwrap()) {
            break;
        }
        match parse(hop) {
            Some(ip) => chain.push(ip),
            None => break,
        }
    }
    let client = *chain.last().unwrap();
    (client, chain.len() == hops.len() + 1 && trusted(client))
}

#[test]
fn ranges_never_panic_and_contain_what_shares_their_prefix() {
    let raw = prop_oneof![
        any::<String>(),
        (address(), 0..200u32).prop_map(|(a, p)| format!("{a}/{p}")),
        (address(), "[+ ]?[0-9]{0,4}").prop_map(|(a, p)| format!("{a}/{p}")),
    ];
    check(
        "ranges_never_panic_and_contain_what_shares_their_prefix",
        (raw, range(), address()),
        |(raw, range, ip)| {
            let _ = raw.parse::<IpNet>();
            let net: IpNet = range.text().parse().unwrap();
            prop_assert_eq!(net.contains(ip), share_prefix(range.addr, ip, range.prefix));
            let bits = if range.addr.to_canonical().is_ipv4() {
                32
            } else {
                128
            };
            let too_long = format!("{}/{}", range.addr, bits + 1);
            prop_assert!(too_long.parse::<IpNet>().is_err());
            Ok(())
        },
    );
}

#[test]
fn the_forwarded_for_walk_follows_the_reference_model() {
    check(
        "the_forwarded_for_walk_follows_the_reference_model",
        (
            prop::collection::vec(range(), 0..3),
            address(),
            header_lines(),
        ),
        |(ranges, peer, lines)| {
            let texts: Vec<String> = ranges.iter().map(Range::text).collect();
            let trusted = TrustedProxies::parse(texts.iter().map(String::as_str)).unwrap();
            let client = trusted.client_ip(peer, lines.iter().map(String::as_str));
            prop_assert_eq!(client, reference_client(&ranges, peer, &lines).0);
            Ok(())
        },
    );
}

#[test]
fn a_client_cannot_choose_its_bucket_from_left_of_an_untrusted_hop() {
    check(
        "a_client_cannot_choose_its_bucket_from_left_of_an_untrusted_hop",
        (range(), address(), header_lines(), header_lines()),
        |(range, peer, forged, appended)| {
            let trusted = TrustedProxies::parse([range.text().as_str()]).unwrap();
            let honest = trusted.client_ip(peer, appended.iter().map(String::as_str));
            // Whatever the client wrote first: once the walk stops short of the leftmost entry
            // of what the trusted hops appended, nothing further left is read.
            let all: Vec<&str> = forged.iter().chain(&appended).map(String::as_str).collect();
            let walked = trusted.client_ip(peer, all.iter().copied());
            let (_, read_everything) = reference_client(&[range], peer, &appended);
            if !read_everything {
                prop_assert_eq!(walked, honest);
            }
            Ok(())
        },
    );
}

#[test]
fn ipv6_clients_share_a_bucket_exactly_when_they_share_the_prefix() {
    let pair = prop_oneof![
        // Two addresses of one /48 network: same or different /64s, or any two.
        (any::<u16>(), any::<u64>(), any::<u16>(), any::<u64>()).prop_map(|(s1, h1, s2, h2)| {
            let at = |subnet: u16, host: u64| {
                let net = u128::from(0x2001_0db8_0001_u64) << 80 | u128::from(subnet % 3) << 64;
                Ipv6Addr::from_bits(net | u128::from(host))
            };
            (at(s1, h1), at(s2, h2))
        }),
        (any::<Ipv6Addr>(), any::<Ipv6Addr>()),
    ];
    let prefix = prop_oneof![3 => Just(64u8), 1 => 1..=128u8];
    check(
        "ipv6_clients_share_a_bucket_exactly_when_they_share_the_prefix",
        (pair, prefix),
        |((a, b), prefix)| {
            let limiter = RateLimiter::new(RateLimit {
                per_minute: 60,
                burst: 1,
                ipv6_prefix: prefix,
            });
            let (a, b) = (IpAddr::V6(a), IpAddr::V6(b));
            let mapped = |ip: IpAddr| ip.to_canonical().is_ipv4();
            if mapped(a) || mapped(b) {
                // The exception: an IPv4-mapped address is counted as its IPv4 address.
                prop_assert_eq!(
                    limiter.key(a) == limiter.key(b),
                    a.to_canonical() == b.to_canonical()
                );
            } else {
                let same = share_prefix(a, b, u32::from(prefix));
                prop_assert_eq!(
                    limiter.key(a) == limiter.key(b),
                    same,
                    "{} {} /{}",
                    a,
                    b,
                    prefix
                );
            }
            Ok(())
        },
    );
}

#[test]
fn ipv4_clients_and_their_mapped_spellings_are_counted_by_address() {
    check(
        "ipv4_clients_and_their_mapped_spellings_are_counted_by_address",
        (any::<Ipv4Addr>(), any::<Ipv4Addr>(), 1..=128u8),
        |(a, b, prefix)| {
            let limiter = RateLimiter::new(RateLimit {
                per_minute: 60,
                burst: 1,
                ipv6_prefix: prefix,
            });
            prop_assert_eq!(limiter.key(IpAddr::V4(a)), IpAddr::V4(a));
            prop_assert_eq!(limiter.key(IpAddr::V6(a.to_ipv6_mapped())), IpAddr::V4(a));
            prop_assert_eq!(
                limiter.key(IpAddr::V4(a)) == limiter.key(IpAddr::V4(b)),
                a == b
            );
            Ok(())
        },
    );
}
