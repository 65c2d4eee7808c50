import { AccessToken, TokenVerifier } from "livekit-server-sdk";
import { sipAdminToken } from "../../provider/livekit/accessToken";

const KEY = "APIkey123";
const SECRET = "a-secret-of-at-least-thirty-two-characters";

afterEach(() => jest.useRealTimers());

test("the token is the one LiveKit's server SDK signs for a SIP admin grant, byte for byte", async () => {
  const now = Date.UTC(2026, 10, 28, 1, 2, 3, 456);
  jest.useFakeTimers({ now, doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
  const sdk = new AccessToken(KEY, SECRET, { ttl: 600 });
  sdk.addSIPGrant({ admin: true });
  expect(sipAdminToken(KEY, SECRET, 600, now)).toBe(await sdk.toJwt());
});

test("LiveKit's verifier accepts it with the secret, grants SIP admin, and refuses another secret", async () => {
  const token = sipAdminToken(KEY, SECRET, 600);
  const claims = await new TokenVerifier(KEY, SECRET).verify(token);
  expect(claims.sip).toEqual({ admin: true });
  expect(claims.iss).toBe(KEY);
  expect(claims.exp! - claims.nbf!).toBe(600);
  await expect(new TokenVerifier(KEY, `${SECRET}x`).verify(token)).rejects.toThrow();
});
