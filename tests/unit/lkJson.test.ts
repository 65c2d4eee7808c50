import { dispatchRuleArgsFromLkJson, inboundTrunkArgsFromLkJson, outboundTrunkArgsFromLkJson } from "../../dynamic/lkJson";
import { programFor, programForTrunks } from "../../cli/programText";
import { DISPATCH_RULE, INBOUND_TRUNK, OUTBOUND_TRUNK } from "../../provider/livekit/resources";

describe("inboundTrunkArgsFromLkJson", () => {
  test("reads the create-request form", () => {
    const file = '{ "trunk": { "name": "My trunk", "numbers": ["+15105550100"], "krispEnabled": true } }';
    expect(inboundTrunkArgsFromLkJson(file)).toEqual({ name: "My trunk", numbers: ["+15105550100"], krispEnabled: true });
  });
  test("reads the bare form with snake_case names, media included", () => {
    const file = { name: "T", allowed_numbers: ["+13105550100"], media: { only_listed_codecs: true } };
    expect(inboundTrunkArgsFromLkJson(file)).toEqual({ name: "T", allowedNumbers: ["+13105550100"], media: { onlyListedCodecs: true } });
  });
  test("turns a listed trunk's ID into adoptTrunkId and drops server timestamps", () => {
    const listed = { sipTrunkId: "ST_abc", numbers: ["+15105550100"], createdAt: "2026-01-01T00:00:00Z" };
    expect(inboundTrunkArgsFromLkJson(listed)).toEqual({ adoptTrunkId: "ST_abc", numbers: ["+15105550100"] });
  });
  test("names unknown fields and lists the known ones", () => {
    expect(() => inboundTrunkArgsFromLkJson({ trunk: { numbers: [], phone: "x" } }, "main.json")).toThrow(
      /main\.json: unknown field\(s\) phone; an inbound trunk has name, metadata, numbers/,
    );
  });
  test("names fields beside trunk", () => {
    expect(() => inboundTrunkArgsFromLkJson({ trunk: {}, extra: 1 })).toThrow(/unknown field\(s\) extra beside "trunk"/);
  });
  test("says when the text is not JSON", () => {
    expect(() => inboundTrunkArgsFromLkJson("{ trunk: ")).toThrow(/not valid JSON/);
  });
});

describe("programForTrunks", () => {
  const program = programForTrunks([
    { sipTrunkId: "ST_1", spec: { name: "Main line", numbers: ["+15105550100"] } },
    { sipTrunkId: "ST_2", spec: { name: "Main line", authUsername: "u", authPassword: "never-printed" } },
  ]);
  test("adopts each trunk by ID under a unique name", () => {
    expect(program).toContain('const mainLine = new InboundTrunk("main-line", {\n    "adoptTrunkId": "ST_1"');
    expect(program).toContain('const mainLine2 = new InboundTrunk("main-line2"');
  });
  test("never prints a password and reads it from secret config", () => {
    expect(program).not.toContain("never-printed");
    expect(program).toContain('authPassword: config.requireSecret("mainLine2AuthPassword")');
    expect(program).toContain("pulumi config set --secret mainLine2AuthPassword");
  });
  test("reads header values, secret like the password, from a secret JSON object", () => {
    const withHeaders = programForTrunks([{ sipTrunkId: "ST_4", spec: { name: "Carrier", numbers: ["+15105550102"], headers: { "X-Token": "never-printed-token" } } }]);
    expect(withHeaders).not.toContain("never-printed-token");
    expect(withHeaders).toContain('headers: config.requireSecretObject<Record<string, string>>("carrierHeaders")');
    expect(withHeaders).toContain("pulumi config set --secret carrierHeaders <headers of ST_4>");
  });
  test("spells encryption as media.encryption, not the deprecated mediaEncryption", () => {
    const encrypted = programForTrunks([
      {
        sipTrunkId: "ST_3",
        spec: { name: "Secure", numbers: ["+15105550101"], mediaEncryption: "SIP_MEDIA_ENCRYPT_REQUIRE", media: { codecs: [{ name: "PCMU" }] } },
      },
    ]);
    const declared = JSON.parse(encrypted.slice(encrypted.indexOf("{\n    \"adoptTrunkId\""), encrypted.indexOf(");\n  return")));
    expect(declared).toEqual({
      adoptTrunkId: "ST_3",
      name: "Secure",
      numbers: ["+15105550101"],
      media: { codecs: [{ name: "PCMU" }], encryption: "SIP_MEDIA_ENCRYPT_REQUIRE" },
    });
  });
});

describe("dispatchRuleArgsFromLkJson and outboundTrunkArgsFromLkJson", () => {
  test("read lk's create requests, snake_case inside the rule included, attribute keys kept as written", () => {
    const file = { dispatch_rule: { rule: { dispatch_rule_individual: { room_prefix: "call-" } }, trunk_ids: ["ST_a"], attributes: { my_key: "v" } } };
    expect(dispatchRuleArgsFromLkJson(file)).toEqual({ rule: { dispatchRuleIndividual: { roomPrefix: "call-" } }, trunkIds: ["ST_a"], attributes: { my_key: "v" } });
    expect(outboundTrunkArgsFromLkJson('{ "trunk": { "address": "sip.example.com", "numbers": ["+15105550100"], "auth_username": "u" } }')).toEqual({
      address: "sip.example.com",
      numbers: ["+15105550100"],
      authUsername: "u",
    });
  });
  test("turn listed IDs into the adoption input of each resource", () => {
    expect(dispatchRuleArgsFromLkJson({ sipDispatchRuleId: "SDR_x", rule: { dispatchRuleDirect: { roomName: "a" } } })).toEqual({ adoptDispatchRuleId: "SDR_x", rule: { dispatchRuleDirect: { roomName: "a" } } });
    expect(outboundTrunkArgsFromLkJson({ sipTrunkId: "ST_o", address: "a.example.com" })).toEqual({ adoptTrunkId: "ST_o", address: "a.example.com" });
  });
  test("name fields of another resource", () => {
    expect(() => dispatchRuleArgsFromLkJson({ rule: {}, allowedNumbers: [] }, "rule.json")).toThrow(/rule\.json: unknown field\(s\) allowedNumbers; a dispatch rule has rule, trunkIds/);
  });
});

describe("programFor (all three resources)", () => {
  const program = programFor([
    { resource: INBOUND_TRUNK, id: "ST_in", spec: { name: "Main line", numbers: ["+15105550100"] } },
    { resource: OUTBOUND_TRUNK, id: "ST_out", spec: { name: "Carrier", address: "sip.example.com", numbers: ["+15105550100"], authUsername: "u", authPassword: "never-printed" } },
    { resource: DISPATCH_RULE, id: "SDR_r", spec: { rule: { dispatchRuleIndividual: { roomPrefix: "call-" } }, trunkIds: ["ST_in", "ST_elsewhere"] } },
  ]);
  test("declares each with its class and adoption input, and returns its ID output", () => {
    expect(program).toContain('import { DispatchRule, InboundTrunk, OutboundTrunk } from "livekit-sip-pulumi";');
    expect(program).toContain('const carrier = new OutboundTrunk("carrier", {\n    "adoptTrunkId": "ST_out"');
    expect(program).toContain('const dispatchRule = new DispatchRule("dispatch-rule", {\n    "adoptDispatchRuleId": "SDR_r"');
    expect(program).toContain("dispatchRule: dispatchRule.sipDispatchRuleId");
  });
  test("a rule's trunks of the same program are referred to by variable, others by ID", () => {
    expect(program).toContain('trunkIds: [mainLine.sipTrunkId, "ST_elsewhere"]');
  });
  test("the outbound password is read from secret config, never printed", () => {
    expect(program).not.toContain("never-printed");
    expect(program).toContain('authPassword: config.requireSecret("carrierAuthPassword")');
  });
});
