import { DISPATCH_RULE, OUTBOUND_TRUNK } from "../../provider/livekit/resources";
import { checkInputs, UNKNOWN } from "../../provider/core/validate";

/** `check` of dispatch rules and outbound trunks: each problem named by field, with what to write instead. */

const problems = (resource: typeof DISPATCH_RULE, inputs: Record<string, unknown>) =>
  Object.fromEntries(checkInputs(resource.input, inputs).problems.map((p) => [p.property, p.reason]));

describe("dispatch rule", () => {
  const valid = { rule: { dispatchRuleIndividual: { roomPrefix: "call-" } }, trunkIds: ["ST_a"] };

  test("a valid rule passes, canonicalised to LiveKit's JSON (defaults left out, snake_case read)", () => {
    expect(checkInputs(DISPATCH_RULE.input, valid)).toEqual({ inputs: valid, problems: [] });
    const { inputs } = checkInputs(DISPATCH_RULE.input, { rule: { dispatch_rule_direct: { room_name: "lobby", pin: "" } }, roomConfig: { empty_timeout: 60 } });
    expect(inputs).toEqual({ rule: { dispatchRuleDirect: { roomName: "lobby" } }, roomConfig: { emptyTimeout: 60 } });
  });

  test("the rule is required, with exactly one variant", () => {
    expect(problems(DISPATCH_RULE, { trunkIds: ["ST_a"] })).toEqual({ rule: expect.stringMatching(/^is required/) });
    expect(problems(DISPATCH_RULE, { rule: {} })).toEqual({ rule: expect.stringMatching(/exactly one of .*; got none/) });
    expect(problems(DISPATCH_RULE, { rule: { dispatchRuleDirect: { roomName: "a" }, dispatchRuleCallee: {} } })).toEqual({
      rule: expect.stringMatching(/got dispatchRuleDirect and dispatchRuleCallee/),
    });
    expect(problems(DISPATCH_RULE, { rule: { dispatchRuleSomething: {} } })).toEqual({ rule: expect.stringMatching(/exactly one of .*; got dispatchRuleSomething/) });
  });

  test("settings the message does not have are named; a PIN must be digits", () => {
    expect(problems(DISPATCH_RULE, { rule: { dispatchRuleIndividual: { roomPrefx: "x" } } })).toEqual({ rule: expect.stringMatching(/key "roomPrefx" is unknown/) });
    expect(problems(DISPATCH_RULE, { rule: { dispatchRuleDirect: { roomName: "a", pin: "12a" } } })).toEqual({ "rule.dispatchRuleDirect.pin": expect.stringMatching(/digits only/) });
    expect(problems(DISPATCH_RULE, { ...valid, roomConfig: { emptyTimeout: "soon" } })).toEqual({ roomConfig: expect.stringMatching(/not a valid RoomConfiguration/) });
  });

  test("numbers are E.164, trunk IDs non-empty, attributes free-form", () => {
    expect(problems(DISPATCH_RULE, { ...valid, inboundNumbers: ["510 555 0100"], numbers: ["+15105550100"], trunkIds: [""], attributes: { "any key": "any value" } })).toEqual({
      "inboundNumbers[0]": expect.any(String),
      "trunkIds[0]": expect.stringMatching(/must not be empty/),
    });
  });

  test("a rule not known until other resources exist is not judged at preview", () => {
    expect(checkInputs(DISPATCH_RULE.input, { rule: UNKNOWN, trunkIds: [UNKNOWN] }).problems).toEqual([]);
  });

  test("fields of other resources are refused by name", () => {
    expect(problems(DISPATCH_RULE, { ...valid, adoptTrunkId: "ST_a" })).toEqual({ adoptTrunkId: expect.stringMatching(/not a field of a dispatch rule; known fields are rule, trunkIds/) });
  });
});

describe("outbound trunk", () => {
  const valid = { address: "sip.carrier.example.com", numbers: ["+15105550100"] };

  test("a valid trunk passes", () => {
    expect(checkInputs(OUTBOUND_TRUNK.input, { ...valid, transport: "SIP_TRANSPORT_TLS", destinationCountry: "US", fromHost: "[2001:db8::1]:5061" }).problems).toEqual([]);
  });

  test("address and numbers are required, as LiveKit requires them", () => {
    expect(problems(OUTBOUND_TRUNK, {})).toEqual({ address: expect.stringMatching(/is required/), numbers: expect.stringMatching(/at least one number/) });
  });

  test("addresses are hosts, not SIP URIs", () => {
    for (const address of ["sip:carrier.example.com", "pbx@carrier.example.com", "carrier.example.com;transport=tcp", "carrier example"]) {
      expect(problems(OUTBOUND_TRUNK, { ...valid, address })).toEqual({ address: expect.stringMatching(/not a hostname or IP with an optional port/) });
    }
  });

  test("enums by name, countries as two capital letters, auth in pairs, the password never shown", () => {
    expect(problems(OUTBOUND_TRUNK, { ...valid, transport: "SIP_TRANSPORT_QUIC", destinationCountry: "usa", authPassword: 12345678 })).toEqual({
      transport: expect.stringMatching(/not one of SIP_TRANSPORT_AUTO/),
      destinationCountry: expect.stringMatching(/ISO 3166-1 alpha-2/),
      authPassword: "must be a string, got a number (not shown: authPassword is secret)",
    });
    expect(problems(OUTBOUND_TRUNK, { ...valid, authUsername: "u" })).toEqual({ authPassword: expect.stringMatching(/required when authUsername is set/) });
  });
});
