"""Mints a <task-history> per-lead token, as a CRM backend would (Python 3 standard library).

Usage: python3 mint_token.py SECRET LEAD_ID USER_ID [TTL_SECONDS] [NOW_UNIX]
"""
import base64
import hashlib
import hmac
import json
import sys
import time


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mint_task_history_token(secret: str, lead_id: int, user_id: str, ttl_seconds: int = 300, now=None) -> str:
    exp = int(time.time() if now is None else now) + ttl_seconds
    claims = {"lead_id": lead_id, "sub": str(user_id), "exp": exp}
    payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
    signature = b64url(hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest())
    return f"{payload}.{signature}"


if __name__ == "__main__":
    secret, lead_id, user_id = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    ttl = int(sys.argv[4]) if len(sys.argv) > 4 else 300
    now = int(sys.argv[5]) if len(sys.argv) > 5 else None
    print(mint_task_history_token(secret, lead_id, user_id, ttl, now))
