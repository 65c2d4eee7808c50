import { revealed } from "../../provider/core/secretValues";
import { asSecret, unwrapSecrets, wrapSecrets } from "../../provider/native/properties";
import { diffSettings, settingsProblem } from "../../provider/native/settings";
import { typeOfUrn } from "../../provider/native/server";

/** What the native host does at its boundary: secrets in and out, settings, URNs. */

const SECRET = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

test("secrets arrive unwrapped, at any depth, and the secret properties are named", () => {
  const { plain, secretNames } = unwrapSecrets({ authPassword: SECRET("pw"), headers: { "X-Token": SECRET("t") }, name: "line" });
  expect(plain).toEqual({ authPassword: "pw", headers: { "X-Token": "t" }, name: "line" });
  expect([...secretNames].sort()).toEqual(["authPassword", "headers"]);
});

test("outputs are marked secret by name, once, and absent ones stay absent", () => {
  const wrapped = wrapSecrets({ authPassword: "pw", name: "line" }, ["authPassword", "headers"]);
  expect(wrapped).toEqual({ authPassword: SECRET("pw"), name: "line" });
  expect(asSecret(wrapped.authPassword)).toEqual(SECRET("pw"));
  expect(revealed(wrapped)).toEqual({ authPassword: "pw", name: "line" });
});

test("settings are checked with the dynamic provider's messages, before any request", () => {
  expect(settingsProblem({ url: "http://127.0.0.1:7880", apiKey: "k", apiSecret: "s" }, {})).toBeUndefined();
  expect(settingsProblem({ url: "127.0.0.1:7880", apiKey: "k", apiSecret: "s" }, {})).toMatch(/livekit:url "127.0.0.1:7880" has no scheme/);
  expect(settingsProblem({}, {})).toMatch(/LiveKit credentials are missing: set livekit:url .* or LIVEKIT_URL/);
  expect(settingsProblem({}, { LIVEKIT_URL: "http://h", LIVEKIT_API_KEY: "k", LIVEKIT_API_SECRET: "s" })).toBeUndefined();
});

test("another server replaces the provider's resources; new credentials for the same one do not", () => {
  expect(diffSettings({ url: "http://a:7880", apiKey: "k" }, { url: "http://b:7880", apiKey: "k" })).toEqual({ changed: ["url"], replaces: ["url"] });
  expect(diffSettings({ url: "wss://a/", apiKey: "k" }, { url: "https://a", apiKey: "k2" })).toEqual({ changed: ["apiKey"], replaces: [] });
  expect(diffSettings({ apiSecret: "s" }, { url: "http://a", apiSecret: "s2" })).toEqual({ changed: ["url", "apiSecret"], replaces: [] });
});

test("a URN's type is its last type segment, under a parent too", () => {
  expect(typeOfUrn("urn:pulumi:dev::proj::livekit:sip:InboundTrunk::line")).toBe("livekit:sip:InboundTrunk");
  expect(typeOfUrn("urn:pulumi:dev::proj::my:Component$livekit:sip:DispatchRule::rule")).toBe("livekit:sip:DispatchRule");
});
