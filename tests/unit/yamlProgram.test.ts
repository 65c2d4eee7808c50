import { yamlProgramFor } from "../../cli/programText";
import { DISPATCH_RULE, INBOUND_TRUNK, OUTBOUND_TRUNK } from "../../provider/livekit/resources";

/** The YAML program livekit-sip-codegen --yaml prints: native resources, each imported by ID. */

// js-yaml (installed with jest, without type declarations) reads it back as the YAML host would.
const { load } = require("js-yaml") as { load(text: string): unknown };

const program = yamlProgramFor([
  { resource: INBOUND_TRUNK, id: "ST_1", spec: { name: "Support line", numbers: ["+15105550120"], authUsername: "pbx", authPassword: "never-printed", mediaEncryption: "SIP_MEDIA_ENCRYPT_ALLOW" } },
  { resource: OUTBOUND_TRUNK, id: "ST_2", spec: { name: "Carrier", address: "sip.example.com", numbers: ["+15105550121"], headers: { "X-Token": "never-printed-token" } } },
  { resource: DISPATCH_RULE, id: "SDR_1", spec: { name: "Per caller", trunkIds: ["ST_1", "ST_9"], rule: { dispatchRuleIndividual: { roomPrefix: "support-" } } } },
]);
const parsed = load(program) as {
  runtime: string;
  config: Record<string, { type: string; secret: boolean }>;
  resources: Record<string, { type: string; properties: Record<string, unknown>; options: { import: string } }>;
  outputs: Record<string, string>;
};

test("is a YAML program declaring each record as its native resource, imported by its ID", () => {
  expect(parsed.runtime).toBe("yaml");
  expect(Object.entries(parsed.resources).map(([name, r]) => [name, r.type, r.options.import])).toEqual([
    ["support-line", "livekit:sip:InboundTrunk", "ST_1"],
    ["carrier", "livekit:sip:OutboundTrunk", "ST_2"],
    ["per-caller", "livekit:sip:DispatchRule", "SDR_1"],
  ]);
});

test("refers to the program's own trunks by reference, others by ID, and spells encryption as media.encryption", () => {
  expect(parsed.resources["per-caller"].properties.trunkIds).toEqual(["${support-line.sipTrunkId}", "ST_9"]);
  expect(parsed.resources["support-line"].properties.media).toEqual({ encryption: "SIP_MEDIA_ENCRYPT_ALLOW" });
  expect(parsed.outputs.supportLine).toBe("${support-line.sipTrunkId}");
});

test("prints no secret: passwords come from secret config, secret header maps are left to the user", () => {
  expect(program).not.toMatch(/never-printed/);
  expect(parsed.config.supportLineAuthPassword).toEqual({ type: "string", secret: true });
  expect(parsed.resources["support-line"].properties.authPassword).toBe("${supportLineAuthPassword}");
  expect(parsed.resources.carrier.properties.headers).toBeUndefined();
  expect(program).toMatch(/# ST_2's headers are secret/);
});
