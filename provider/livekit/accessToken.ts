import { createHmac } from "node:crypto";

/**
 * The bearer token of LiveKit's server API: a JWT signed with the API secret (HS256), issued by
 * the API key, granting SIP administration and nothing else, valid for `ttlSeconds` from `now`.
 * The claims are those livekit-server-sdk's AccessToken writes for `addSIPGrant({ admin: true })`.
 *
 * Why not that AccessToken: requiring the server SDK loads every service client and `jose` into
 * the provider process (about 8 MiB of its resident memory, measured with `npm run bench`) for
 * one HMAC that Node's crypto computes.
 */
export function sipAdminToken(apiKey: string, apiSecret: string, ttlSeconds: number, now = Date.now()): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const issuedAt = Math.floor(now / 1000);
  const signed = `${encode({ alg: "HS256" })}.${encode({ sip: { admin: true }, iss: apiKey, exp: issuedAt + ttlSeconds, nbf: issuedAt })}`;
  return `${signed}.${createHmac("sha256", apiSecret).update(signed).digest("base64url")}`;
}
