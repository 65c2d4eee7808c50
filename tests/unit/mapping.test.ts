import fc from "fast-check";
import { SIPInboundTrunkInfo, SIPMediaEncryption, SIPMediaConfig } from "@livekit/protocol";
import { changedFields } from "../../provider/core/compare";
import { TRUNK_FIELDS } from "../../provider/core/fields";
import { resolveCredentials } from "../../provider/livekit/credentials";
import { completeTrunk, sparseTrunk } from "../../provider/core/trunk";
import { trunkFromWire, trunkToWire } from "../../provider/core/wire";
import { arbitraryTrunk } from "./arbitraries";

describe("mapping between the provider's trunk and LiveKit's messages", () => {
  test("a trunk survives a trip through protobuf JSON unchanged", () => {
    fc.assert(
      fc.property(arbitraryTrunk(), (trunk) => {
        const json = trunkToWire(trunk).toJson();
        expect(changedFields(TRUNK_FIELDS, trunkFromWire(SIPInboundTrunkInfo.fromJson(json)), trunk)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  test("a trunk survives sparse → complete", () => {
    fc.assert(
      fc.property(arbitraryTrunk(), (trunk) => {
        expect(changedFields(TRUNK_FIELDS, completeTrunk(sparseTrunk(trunk)), trunk)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  test("media.encryption wins over the legacy field when reading a live trunk", () => {
    const live = new SIPInboundTrunkInfo({
      mediaEncryption: SIPMediaEncryption.SIP_MEDIA_ENCRYPT_ALLOW,
      media: new SIPMediaConfig({ encryption: SIPMediaEncryption.SIP_MEDIA_ENCRYPT_REQUIRE }),
    });
    expect(trunkFromWire(live).mediaEncryption).toBe("SIP_MEDIA_ENCRYPT_REQUIRE");
  });

  test("an empty media config reads as no media settings", () => {
    const live = new SIPInboundTrunkInfo({ numbers: ["+15105550100"], media: new SIPMediaConfig({}) });
    expect(sparseTrunk(trunkFromWire(live))).toEqual({ numbers: ["+15105550100"] });
  });

  test("durations are sent as protobuf Durations", () => {
    const json = trunkToWire(completeTrunk({ numbers: ["+15105550100"], ringingTimeout: "1.500s" })).toJson() as Record<string, unknown>;
    expect(json.ringingTimeout).toBe("1.500s");
  });

  test("legacy media encryption alone is sent in both places", () => {
    const json = trunkToWire(completeTrunk({ numbers: ["+15105550100"], mediaEncryption: "SIP_MEDIA_ENCRYPT_ALLOW" })).toJson() as Record<string, unknown>;
    expect(json.mediaEncryption).toBe("SIP_MEDIA_ENCRYPT_ALLOW");
    expect(json.media).toEqual({ encryption: "SIP_MEDIA_ENCRYPT_ALLOW" });
  });
});

describe("credentials", () => {
  const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

  test("stack config wins over the environment", () => {
    const env = { LIVEKIT_URL: "http://env", LIVEKIT_API_KEY: "envkey", LIVEKIT_API_SECRET: "envsecret" };
    expect(resolveCredentials(config({ "livekit:url": "http://config" }), env)).toEqual({
      url: "http://config",
      apiKey: "envkey",
      apiSecret: "envsecret",
      readFrom: { owner: undefined, apiKey: "LIVEKIT_API_KEY", apiSecret: "LIVEKIT_API_SECRET" },
    });
  });

  test("the key and secret say where they were read, as the settings' owner names them", () => {
    const inputs: Record<string, string> = { "livekit:url": "http://eu", "livekit:apiKey": "k" };
    const explicitProvider = { get: (key: string) => inputs[key], origin: { owner: 'provider "eu"', name: (key: string) => key.replace("livekit:", "") } };
    expect(resolveCredentials(explicitProvider, { LIVEKIT_API_SECRET: "s" }).readFrom).toEqual({ owner: 'provider "eu"', apiKey: "apiKey", apiSecret: "LIVEKIT_API_SECRET" });
    expect(resolveCredentials(config({ ...inputs, "livekit:apiSecret": "s" }), {}).readFrom).toEqual({ owner: undefined, apiKey: "livekit:apiKey", apiSecret: "livekit:apiSecret" });
  });

  test("a missing value names both ways to set it, and only what is missing", () => {
    expect(() => resolveCredentials(config({ "livekit:url": "http://x", "livekit:apiKey": "k" }), {})).toThrow(
      "LiveKit credentials are missing: set livekit:apiSecret (pulumi config set livekit:apiSecret ... --secret) or LIVEKIT_API_SECRET",
    );
  });

  test.each([
    ["htp://127.0.0.1:7880", 'has the scheme "htp"'],
    ["127.0.0.1:7880", "has no scheme"],
    ["localhost:7880", "has no scheme"],
    ["my-project.livekit.cloud", "has no scheme"],
    ["http://", "is not a URL"],
  ])("the address %s is refused before any request, naming the setting", (url, problem) => {
    const keys = { "livekit:apiKey": "k", "livekit:apiSecret": "s" };
    expect(() => resolveCredentials(config({ ...keys, "livekit:url": url }), {})).toThrow(`livekit:url ${JSON.stringify(url)} ${problem}`);
    expect(() => resolveCredentials(config(keys), { LIVEKIT_URL: url })).toThrow(`LIVEKIT_URL ${JSON.stringify(url)}`);
  });

  test.each(["http://127.0.0.1:7880", "https://x.livekit.cloud", "ws://localhost:7880/", "wss://x.livekit.cloud"])("the address %s is accepted", (url) => {
    expect(resolveCredentials(config({ "livekit:url": url, "livekit:apiKey": "k", "livekit:apiSecret": "s" }), {}).url).toBe(url);
  });
});
