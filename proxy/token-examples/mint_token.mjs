// Mints a <task-history> per-lead token, as a CRM backend would (Node 16+, no dependencies).
// Usage: node mint_token.mjs SECRET LEAD_ID USER_ID [TTL_SECONDS] [NOW_UNIX]
import { createHmac } from "node:crypto";

export function mintTaskHistoryToken(secret, leadId, userId, ttlSeconds = 300, now = Date.now() / 1000) {
  const exp = Math.floor(now) + ttlSeconds;
  const claims = { lead_id: leadId, sub: String(userId), exp };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const signature = createHmac("sha256", secret).update(payload).digest("base64url");
  return `${payload}.${signature}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [secret, leadId, userId, ttl = "300", now] = process.argv.slice(2);
  const args = [secret, Number(leadId), userId, Number(ttl)];
  if (now !== undefined) args.push(Number(now));
  console.log(mintTaskHistoryToken(...args));
}
