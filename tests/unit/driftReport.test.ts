import { driftFromEvents, EngineEventLike, renderMarkdown, renderTable, UNKNOWN_FIELDS } from "../../cli/driftReport";
import { DISPATCH_RULE_TYPE, INBOUND_TRUNK_TYPE, OUTBOUND_TRUNK_TYPE } from "../../provider/core/resourceType";

const urn = (name: string) => `urn:pulumi:prod::proj::${INBOUND_TRUNK_TYPE}::${name}`;
const step = (op: string, name: string, old: object | null, next: object | null): EngineEventLike => ({
  resourcePreEvent: { metadata: { op, urn: urn(name), type: INBOUND_TRUNK_TYPE, old: old as never, new: next as never } },
});
const diag = (message: string): EngineEventLike => ({ diagnosticEvent: { message } });

describe("driftFromEvents", () => {
  test("no differing steps means no drift", () => {
    const report = driftFromEvents([step("refresh", "a", { id: "ST_a" }, { id: "ST_a" }), step("same", "a", { id: "ST_a" }, {})]);
    expect(report).toEqual({ drifted: false, resourcesChecked: 1, resourcesDrifted: 0, rows: [] });
  });

  test("fields come from the provider's diff line, values from the step, secrets masked", () => {
    const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "[secret]" };
    const report = driftFromEvents([
      diag("livekit-sip-pulumi: differs ST_a: name, authPassword\n"),
      step("update", "a", { id: "ST_a", outputs: { name: "Edited", authPassword: secret } }, { inputs: { name: "Main", authPassword: secret } }),
    ]);
    expect(report.rows).toEqual([
      { resource: "a", type: "InboundTrunk", id: "ST_a", field: "name", declared: '"Main"', live: '"Edited"' },
      { resource: "a", type: "InboundTrunk", id: "ST_a", field: "authPassword", declared: "(secret)", live: "(secret)" },
    ]);
  });

  test("a trunk in state but recreated is reported as deleted outside Pulumi", () => {
    const report = driftFromEvents([step("refresh", "a", { id: "ST_a" }, null), step("create", "a", null, { inputs: {} })]);
    expect(report.rows).toEqual([{ resource: "a", type: "InboundTrunk", id: "ST_a", field: "(resource)", declared: "declared", live: "missing: deleted outside Pulumi" }]);
  });

  test("an update step without the provider's diff line is drift with fields unknown", () => {
    const report = driftFromEvents([step("update", "a", { id: "ST_a", outputs: { name: "Edited" } }, { inputs: { name: "Main" } })]);
    expect(report.drifted).toBe(true);
    expect(report.rows).toEqual([{ resource: "a", type: "InboundTrunk", id: "ST_a", field: UNKNOWN_FIELDS, declared: "differs", live: "differs" }]);
  });

  test("the Markdown says how to converge", () => {
    const report = driftFromEvents([diag("livekit-sip-pulumi: differs ST_a: name"), step("update", "a", { id: "ST_a", outputs: {} }, { inputs: { name: "x" } })]);
    expect(renderMarkdown(report, "prod")).toContain("`pulumi up --refresh`");
  });

  test("a trunk never created is reported as not created yet", () => {
    expect(driftFromEvents([step("create", "b", null, { inputs: {} })]).rows[0].live).toBe("missing: not created yet");
  });

  test("table and Markdown name stack, resource, type, ID and field", () => {
    const report = driftFromEvents([diag("livekit-sip-pulumi: differs ST_a: krispEnabled"), step("update", "a", { id: "ST_a", outputs: {} }, { inputs: { krispEnabled: true } })]);
    expect(renderTable(report, "prod")).toMatch(/Drift in stack prod: 1 of 1 SIP resource\(s\)[\s\S]*a\s+InboundTrunk\s+ST_a\s+krispEnabled\s+true\s+\(unset\)/);
    expect(renderMarkdown(report, "prod")).toContain("| a | InboundTrunk | ST_a | krispEnabled | true | (unset) |");
  });

  test("dispatch rules and outbound trunks are reported by their own type, ID output and secret fields", () => {
    const events = (type: string) => [
      diag("livekit-sip-pulumi: differs X_1: name, authPassword"),
      { resourcePreEvent: { metadata: { op: "update", urn: `urn:pulumi:prod::proj::${type}::r`, type, old: { outputs: { sipTrunkId: "X_1", sipDispatchRuleId: "X_1", name: "a", authPassword: "plain" } }, new: { inputs: { name: "b", authPassword: "plain2" } } } } },
    ];
    const outbound = driftFromEvents(events(OUTBOUND_TRUNK_TYPE));
    expect(outbound.rows).toEqual([
      { resource: "r", type: "OutboundTrunk", id: "X_1", field: "name", declared: '"b"', live: '"a"' },
      { resource: "r", type: "OutboundTrunk", id: "X_1", field: "authPassword", declared: "(secret)", live: "(secret)" },
    ]);
    // A dispatch rule has no secret field: what the event carries is shown.
    expect(driftFromEvents(events(DISPATCH_RULE_TYPE)).rows.map((r) => [r.type, r.live])).toEqual([["DispatchRule", '"a"'], ["DispatchRule", '"plain"']]);
  });

  test("resources of other types are not counted", () => {
    const other = { resourcePreEvent: { metadata: { op: "update", urn: "urn:pulumi:prod::proj::random:index/randomPassword:RandomPassword::p", type: "random:index/randomPassword:RandomPassword" } } };
    expect(driftFromEvents([other])).toEqual({ drifted: false, resourcesChecked: 0, resourcesDrifted: 0, rows: [] });
  });
});
