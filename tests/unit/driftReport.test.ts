import { driftFromEvents, EngineEventLike, renderMarkdown, renderTable, UNKNOWN_FIELDS } from "../../cli/driftReport";
import { INBOUND_TRUNK_TYPE } from "../../provider/resourceType";

const urn = (name: string) => `urn:pulumi:prod::proj::${INBOUND_TRUNK_TYPE}::${name}`;
const step = (op: string, name: string, old: object | null, next: object | null): EngineEventLike => ({
  resourcePreEvent: { metadata: { op, urn: urn(name), type: INBOUND_TRUNK_TYPE, old: old as never, new: next as never } },
});
const diag = (message: string): EngineEventLike => ({ diagnosticEvent: { message } });

describe("driftFromEvents", () => {
  test("no differing steps means no drift", () => {
    const report = driftFromEvents([step("refresh", "a", { id: "ST_a" }, { id: "ST_a" }), step("same", "a", { id: "ST_a" }, {})]);
    expect(report).toEqual({ drifted: false, trunksChecked: 1, trunksDrifted: 0, rows: [] });
  });

  test("fields come from the provider's diff line, values from the step, secrets masked", () => {
    const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "[secret]" };
    const report = driftFromEvents([
      diag("livekit-sip-pulumi: differs ST_a: name, authPassword\n"),
      step("update", "a", { id: "ST_a", outputs: { name: "Edited", authPassword: secret } }, { inputs: { name: "Main", authPassword: secret } }),
    ]);
    expect(report.rows).toEqual([
      { resource: "a", sipTrunkId: "ST_a", field: "name", declared: '"Main"', live: '"Edited"' },
      { resource: "a", sipTrunkId: "ST_a", field: "authPassword", declared: "(secret)", live: "(secret)" },
    ]);
  });

  test("a trunk in state but recreated is reported as deleted outside Pulumi", () => {
    const report = driftFromEvents([step("refresh", "a", { id: "ST_a" }, null), step("create", "a", null, { inputs: {} })]);
    expect(report.rows).toEqual([{ resource: "a", sipTrunkId: "ST_a", field: "(trunk)", declared: "declared", live: "missing: deleted outside Pulumi" }]);
  });

  test("an update step without the provider's diff line is drift with fields unknown", () => {
    const report = driftFromEvents([step("update", "a", { id: "ST_a", outputs: { name: "Edited" } }, { inputs: { name: "Main" } })]);
    expect(report.drifted).toBe(true);
    expect(report.rows).toEqual([{ resource: "a", sipTrunkId: "ST_a", field: UNKNOWN_FIELDS, declared: "differs", live: "differs" }]);
  });

  test("the Markdown says how to converge", () => {
    const report = driftFromEvents([diag("livekit-sip-pulumi: differs ST_a: name"), step("update", "a", { id: "ST_a", outputs: {} }, { inputs: { name: "x" } })]);
    expect(renderMarkdown(report, "prod")).toContain("`pulumi up --refresh`");
  });

  test("a trunk never created is reported as not created yet", () => {
    expect(driftFromEvents([step("create", "b", null, { inputs: {} })]).rows[0].live).toBe("missing: not created yet");
  });

  test("table and Markdown name stack, trunk and field", () => {
    const report = driftFromEvents([diag("livekit-sip-pulumi: differs ST_a: krispEnabled"), step("update", "a", { id: "ST_a", outputs: {} }, { inputs: { krispEnabled: true } })]);
    expect(renderTable(report, "prod")).toMatch(/Drift in stack prod: 1 of 1 trunk\(s\)[\s\S]*a\s+ST_a\s+krispEnabled\s+true\s+\(unset\)/);
    expect(renderMarkdown(report, "prod")).toContain("| a | ST_a | krispEnabled | true | (unset) |");
  });
});
