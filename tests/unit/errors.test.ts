import { AccessToken } from "livekit-server-sdk";
import { withoutTokens } from "../../provider/livekit/client";

describe("withoutTokens", () => {
  test("removes a real LiveKit bearer token from the server's 401 text", async () => {
    const token = await new AccessToken("APIkey", "a-secret-of-32-characters-or-more", { ttl: 600 }).toJwt();
    const text = `invalid token: ${token}, error: go-jose/go-jose: error in cryptographic primitive`;
    const cleaned = withoutTokens(text);
    expect(cleaned).not.toContain(token);
    expect(cleaned).not.toMatch(/eyJ/);
    expect(cleaned).toBe("invalid token: (token removed), error: go-jose/go-jose: error in cryptographic primitive");
  });

  test("leaves text without tokens as it is", () => {
    expect(withoutTokens("Conflicting inbound SIP Trunks: ST_abc")).toBe("Conflicting inbound SIP Trunks: ST_abc");
  });
});
