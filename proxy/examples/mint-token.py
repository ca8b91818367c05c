#!/usr/bin/env python3
"""Mints a <task-history> per-lead token, a JWT, as a CRM backend would, with PyJWT.

    python3 -m pip install -r requirements.txt
    python3 mint-token.py --key-file KEY --lead-id 12345 --sub user-678 [--alg HS256]
        [--ttl 300] [--aud AUDIENCE] [--iss ISSUER] [--nbf-in SECONDS]

HS256: KEY_FILE holds the shared secret (the proxy's PROXY_TOKEN_SECRET; one trailing newline
is ignored). RS256, ES256, EdDSA: KEY_FILE is the PEM private key whose public half is the
proxy's PROXY_TOKEN_PUBLIC_KEY_FILE. Keys come from a file, never the command line (which `ps`
shows). Prints the token.
"""
import argparse
import time

import jwt  # PyJWT


def mint_task_history_token(key, lead_id, user_id, algorithm="HS256", ttl_seconds=300,
                            audience=None, issuer=None, not_before_in=None):
    """A token opening one lead for one user, valid for ttl_seconds (keep it minutes)."""
    now = int(time.time())
    claims = {"lead_id": int(lead_id), "sub": str(user_id), "iat": now, "exp": now + ttl_seconds}
    if audience is not None:
        claims["aud"] = audience
    if issuer is not None:
        claims["iss"] = issuer
    if not_before_in is not None:
        claims["nbf"] = now + not_before_in
    return jwt.encode(claims, key, algorithm=algorithm)


def read_key(path, algorithm):
    with open(path, "rb") as f:
        key = f.read()
    if algorithm.startswith("HS"):
        # The proxy ignores one trailing newline in its secret file; so does this.
        key = key.removesuffix(b"\n").removesuffix(b"\r")
    return key


def main():
    parser = argparse.ArgumentParser(description="Mint a <task-history> per-lead token.")
    parser.add_argument("--key-file", required=True)
    parser.add_argument("--alg", default="HS256", choices=["HS256", "RS256", "ES256", "EdDSA"])
    parser.add_argument("--lead-id", required=True, type=int)
    parser.add_argument("--sub", required=True)
    parser.add_argument("--ttl", type=int, default=300, help="seconds until exp")
    parser.add_argument("--aud")
    parser.add_argument("--iss")
    parser.add_argument("--nbf-in", type=int, help="seconds from now until nbf")
    args = parser.parse_args()
    key = read_key(args.key_file, args.alg)
    print(mint_task_history_token(key, args.lead_id, args.sub, args.alg, args.ttl,
                                  args.aud, args.iss, args.nbf_in))


if __name__ == "__main__":
    main()
