// Mints a <task-history> per-lead token, a JWT, as a CRM backend would, with jose (Node 20+).
//
//   npm ci
//   node mint-token.mjs --key-file KEY --lead-id 12345 --sub user-678 [--alg HS256]
//     [--ttl 300] [--aud AUDIENCE] [--iss ISSUER] [--nbf-in SECONDS]
//
// HS256: KEY_FILE holds the shared secret (the proxy's PROXY_TOKEN_SECRET; one trailing newline
// is ignored). RS256, ES256, EdDSA: KEY_FILE is the PKCS#8 PEM private key ("BEGIN PRIVATE
// KEY") whose public half is the proxy's PROXY_TOKEN_PUBLIC_KEY_FILE. Keys come from a file,
// never the command line (which `ps` shows). Prints the token.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { SignJWT, importPKCS8 } from "jose";

/** A token opening one lead for one user, valid for ttlSeconds (keep it minutes). */
export async function mintTaskHistoryToken({
  key,
  leadId,
  userId,
  algorithm = "HS256",
  ttlSeconds = 300,
  audience,
  issuer,
  notBeforeIn,
}) {
  const signingKey = algorithm.startsWith("HS")
    ? new TextEncoder().encode(key)
    : await importPKCS8(key, algorithm);
  const now = Math.floor(Date.now() / 1000);
  const token = new SignJWT({ lead_id: Number(leadId) })
    .setProtectedHeader({ alg: algorithm, typ: "JWT" })
    .setSubject(String(userId))
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds);
  if (audience !== undefined) token.setAudience(audience);
  if (issuer !== undefined) token.setIssuer(issuer);
  if (notBeforeIn !== undefined) token.setNotBefore(now + notBeforeIn);
  return token.sign(signingKey);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      "key-file": { type: "string" },
      alg: { type: "string", default: "HS256" },
      "lead-id": { type: "string" },
      sub: { type: "string" },
      ttl: { type: "string", default: "300" },
      aud: { type: "string" },
      iss: { type: "string" },
      "nbf-in": { type: "string" },
    },
  });
  for (const required of ["key-file", "lead-id", "sub"]) {
    if (values[required] === undefined) {
      console.error(`mint-token.mjs: --${required} is required`);
      process.exit(2);
    }
  }
  let key = readFileSync(values["key-file"], "utf8");
  // The proxy ignores one trailing newline in its secret file; so does this.
  if (values.alg.startsWith("HS")) key = key.replace(/\r?\n$/, "");
  const token = await mintTaskHistoryToken({
    key,
    leadId: values["lead-id"],
    userId: values.sub,
    algorithm: values.alg,
    ttlSeconds: Number(values.ttl),
    audience: values.aud,
    issuer: values.iss,
    notBeforeIn: values["nbf-in"] === undefined ? undefined : Number(values["nbf-in"]),
  });
  console.log(token);
}
