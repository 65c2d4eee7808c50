import { SIPDispatchRuleInfo, SIPInboundTrunkInfo, SIPOutboundTrunkInfo } from "@livekit/protocol";
import { DISPATCH_RULE_FACTS, INBOUND_TRUNK_FACTS, OUTBOUND_TRUNK_FACTS, ResourceFacts } from "../../provider/core/resourceFacts";
import { nativeTypeToken } from "../../provider/core/resourceType";
import { revealed, SECRET_SIGNATURE, SIGNATURE_KEY } from "../../provider/core/secretValues";
import { DISPATCH_RULE_WIRE, fromWire, INBOUND_TRUNK_WIRE, OUTBOUND_TRUNK_WIRE } from "../../provider/core/wire";
import { failureSummary } from "../../cli/failureSummary";
import { settingsFor } from "../../cli/recordedSettings";
import { providersByReference, StateResource } from "../../cli/stackState";
import { driftFromState, RecordedSipResource, recordedSipResources, SERVER_FIELD, ServerView } from "../../cli/stateDrift";

const SERVER = "server-1";
const recordedAs = (facts: ResourceFacts, name: string, id: string, inputs: Record<string, unknown>): RecordedSipResource => ({
  urn: `urn:pulumi:prod::p::${nativeTypeToken(facts)}::${name}`,
  facts,
  id,
  inputs,
  outputs: { ...inputs, [facts.idOutput]: id },
  server: SERVER,
});
const trunkInputs = { name: "Main", numbers: ["+15105550100"], authUsername: "u", authPassword: "pw-1" };
const outboundInputs = { name: "Carrier", address: "sip.example.com", numbers: ["+15105550101"], authUsername: "o", authPassword: "pw-2" };
const ruleInputs = { name: "Rule", trunkIds: ["ST_in"], rule: { dispatchRuleIndividual: { roomPrefix: "call-" } } };
const recorded = [
  recordedAs(INBOUND_TRUNK_FACTS, "main", "ST_in", trunkInputs),
  recordedAs(OUTBOUND_TRUNK_FACTS, "carrier", "ST_out", outboundInputs),
  recordedAs(DISPATCH_RULE_FACTS, "rule", "SDR_1", ruleInputs),
];

/** The server's records as the provider reads them from LiveKit's messages. */
function serverWith(changes: { inbound?: object; outbound?: object; rule?: object; extra?: boolean; without?: string } = {}): Map<string, ServerView> {
  const inbound = fromWire(INBOUND_TRUNK_WIRE, new SIPInboundTrunkInfo({ sipTrunkId: "ST_in", ...trunkInputs, ...changes.inbound }));
  const outbound = fromWire(OUTBOUND_TRUNK_WIRE, new SIPOutboundTrunkInfo({ sipTrunkId: "ST_out", ...outboundInputs, ...changes.outbound }));
  const rule = fromWire(DISPATCH_RULE_WIRE, SIPDispatchRuleInfo.fromJson({ sipDispatchRuleId: "SDR_1", ...ruleInputs, ...changes.rule }));
  const inboundRecords = new Map([["ST_in", inbound]]);
  if (changes.extra) inboundRecords.set("ST_other", fromWire(INBOUND_TRUNK_WIRE, new SIPInboundTrunkInfo({ sipTrunkId: "ST_other", name: "By hand" })));
  const records = new Map([
    ["InboundTrunk", inboundRecords],
    ["OutboundTrunk", new Map([["ST_out", outbound]])],
    ["DispatchRule", new Map([["SDR_1", rule]])],
  ]);
  if (changes.without) records.get(changes.without === "SDR_1" ? "DispatchRule" : "InboundTrunk")!.delete(changes.without);
  return new Map([[SERVER, { records }]]);
}

describe("driftFromState", () => {
  test("records equal to what the last up applied are no drift", () => {
    expect(driftFromState(recorded, serverWith())).toEqual({ drifted: false, resourcesChecked: 3, resourcesDrifted: 0, rows: [] });
  });

  test("each changed field of each type is a row, with both values, secrets as (secret)", () => {
    const report = driftFromState(recorded, serverWith({ inbound: { name: "Edited", authPassword: "changed" }, outbound: { numbers: ["+15105550199"] }, rule: { hidePhoneNumber: true } }));
    expect(report.rows).toEqual([
      { resource: "main", type: "InboundTrunk", id: "ST_in", field: "name", declared: '"Main"', live: '"Edited"' },
      { resource: "main", type: "InboundTrunk", id: "ST_in", field: "authPassword", declared: "(secret)", live: "(secret)" },
      { resource: "carrier", type: "OutboundTrunk", id: "ST_out", field: "numbers", declared: '["+15105550101"]', live: '["+15105550199"]' },
      { resource: "rule", type: "DispatchRule", id: "SDR_1", field: "hidePhoneNumber", declared: "(unset)", live: "true" },
    ]);
    expect(report).toMatchObject({ drifted: true, resourcesDrifted: 3 });
  });

  test("a server that hides passwords (an empty one beside a username) is not drift, as in the provider", () => {
    expect(driftFromState(recorded, serverWith({ outbound: { authPassword: "" } })).rows).toEqual([]);
  });

  test("a record deleted outside Pulumi is a (resource) row", () => {
    expect(driftFromState(recorded, serverWith({ without: "SDR_1" })).rows).toEqual([
      { resource: "rule", type: "DispatchRule", id: "SDR_1", field: "(resource)", declared: "recorded", live: "missing: deleted outside Pulumi" },
    ]);
  });

  test("records no resource holds are listed only with unmanaged", () => {
    expect(driftFromState(recorded, serverWith({ extra: true })).rows).toEqual([]);
    const report = driftFromState(recorded, serverWith({ extra: true }), { unmanaged: true });
    expect(report.rows).toEqual([{ resource: "-", type: "InboundTrunk", id: "ST_other", field: "(resource)", declared: "not in the state", live: 'exists (name "By hand")' }]);
    expect(report.drifted).toBe(true);
  });

  test("a resource whose server was not compared is reported as such, never as drift or as matching", () => {
    const servers = new Map<string, ServerView>([[SERVER, { problem: "recorded on http://a, but LIVEKIT_URL is http://b", url: "http://a" }]]);
    const report = driftFromState(recorded.slice(0, 1), servers);
    expect(report).toMatchObject({ drifted: false, problems: ["recorded on http://a, but LIVEKIT_URL is http://b"] });
    expect(report.rows).toEqual([{ resource: "main", type: "InboundTrunk", id: "ST_in", field: SERVER_FIELD, declared: "http://a", live: "not compared: recorded on http://a, but LIVEKIT_URL is http://b" }]);
  });
});

describe("reading the state", () => {
  const secret = (value: unknown) => ({ [SIGNATURE_KEY]: SECRET_SIGNATURE, plaintext: JSON.stringify(value) });
  const nativeProvider: StateResource = { urn: "urn:pulumi:prod::p::pulumi:providers:livekit::default", type: "pulumi:providers:livekit", custom: true, id: "uuid-1", inputs: revealed({ url: "wss://a.example.com", apiKey: "key", apiSecret: secret("s3cret") }) as Record<string, unknown> };
  const trunk: StateResource = { urn: "urn:pulumi:prod::p::livekit:sip:InboundTrunk::main", type: "livekit:sip:InboundTrunk", custom: true, id: "ST_1", provider: `${nativeProvider.urn}::uuid-1`, inputs: { name: "Main" } };

  test("secrets exported with --show-secrets are decrypted at any depth", () => {
    expect(revealed({ a: secret("x"), b: [secret({ h: "v" })], c: 1 })).toEqual({ a: "x", b: [{ h: "v" }], c: 1 });
  });

  test("a resource's provider is found by URN and ID; only SIP resources with an ID are compared", () => {
    expect(providersByReference([nativeProvider, trunk]).get(trunk.provider!)).toBe(nativeProvider);
    const pending = { ...trunk, urn: `${trunk.urn}2`, id: undefined };
    const other = { ...trunk, type: "random:index/randomPet:RandomPet", urn: "urn:x" };
    expect(recordedSipResources([nativeProvider, trunk, pending, other], () => SERVER).map((r) => r.id)).toEqual(["ST_1"]);
  });

  test("settings come from the recorded provider, the environment overriding the key; another server is a problem", () => {
    expect(settingsFor(nativeProvider, {})).toMatchObject({ credentials: { url: "wss://a.example.com", apiKey: "key", apiSecret: "s3cret" } });
    expect(settingsFor(nativeProvider, { LIVEKIT_URL: "https://a.example.com/", LIVEKIT_API_KEY: "ci", LIVEKIT_API_SECRET: "ci-secret" })).toMatchObject({ credentials: { apiKey: "ci", apiSecret: "ci-secret" } });
    expect(settingsFor(nativeProvider, { LIVEKIT_URL: "https://b.example.com" })).toMatchObject({ problem: expect.stringContaining("recorded on wss://a.example.com, but LIVEKIT_URL is https://b.example.com") });
    const dynamicProvider = { ...nativeProvider, type: "pulumi:providers:pulumi-nodejs", inputs: { "livekit:url": "http://127.0.0.1:7880", "livekit:apiKey": "k", "livekit:apiSecret": "s" } };
    expect(settingsFor(dynamicProvider, {})).toMatchObject({ credentials: { url: "http://127.0.0.1:7880", apiKey: "k" } });
    expect(() => settingsFor(undefined, {})).toThrow(/LiveKit credentials are missing: set livekit:url .* or LIVEKIT_URL/);
  });
});

test("a failed pulumi command is summed up by its error lines, once each, without the command line", () => {
  const stderr = "command: pulumi preview --event-log tcp://127.0.0.1:1 --stack x\nerror: preview failed\n  error: preview failed\nerror: LiveKit rejected the credentials\n";
  expect(failureSummary(stderr)).toBe("preview failed; LiveKit rejected the credentials");
});
