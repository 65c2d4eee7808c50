import fc from "fast-check";
import { changedFields } from "../../provider/core/compare";
import { fieldNames } from "../../provider/core/fields";
import { describePlan, planMapDiff, planUpdate } from "../../provider/core/plan";
import { completeFields, sparseFields } from "../../provider/core/records";
import { DISPATCH_RULE, INBOUND_TRUNK, OUTBOUND_TRUNK, SipResource } from "../../provider/livekit/resources";
import { changesToWire, fromWire, toWire } from "../../provider/core/wire";
import { arbitraryChange, arbitraryRecord } from "./recordArbitraries";
import { applyUpdateMessage } from "./serverModel";

/**
 * The shared machinery over each resource's field table: the planner's choice applied through
 * the wire as the server applies it, the wire mapping, and the sparse form.
 */

const resources: [string, SipResource][] = [
  ["inbound trunk", INBOUND_TRUNK],
  ["outbound trunk", OUTBOUND_TRUNK],
  ["dispatch rule", DISPATCH_RULE],
];

describe.each(resources)("%s", (_name, resource) => {
  const { table, wire } = resource;
  const throughBinary = (fields: Record<string, unknown>) => fromWire(wire, wire.info.fromBinary(toWire(wire, fields).toBinary()));

  test("a record survives a trip through the protobuf binary form unchanged", () => {
    fc.assert(fc.property(arbitraryRecord(table), (record) => expect(changedFields(table, throughBinary(record), record)).toEqual([])), { numRuns: 300 });
  });

  test("a record survives sparse → complete", () => {
    fc.assert(fc.property(arbitraryRecord(table), (record) => expect(changedFields(table, completeFields(table, sparseFields(table, record)), record)).toEqual([])), { numRuns: 300 });
  });

  test.each([
    ["records drawn at random", fc.tuple(arbitraryRecord(table, true), arbitraryRecord(table))],
    ["a few fields changed", arbitraryChange(table)],
  ])("the planned write, applied as the server applies it, turns live into desired (%s)", (_how, pairs) => {
    fc.assert(
      fc.property(pairs, ([live, desired]) => {
        const plan = planUpdate(table, live, desired);
        if (plan.action === "noop") return expect(changedFields(table, live, desired)).toEqual([]);
        const after =
          plan.action === "update" ? fromWire(wire, applyUpdateMessage(toWire(wire, live), changesToWire(wire, plan.changes))) : throughBinary(plan.fields);
        expect(changedFields(table, after, desired)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  test("a field update only when every changed field has a slot; a replace names the fields that had none", () => {
    fc.assert(
      fc.property(arbitraryChange(table), ([live, desired]) => {
        const plan = planUpdate(table, live, desired);
        if (plan.action === "update") expect(plan.changed.filter((f) => table[f].update === "replace")).toEqual([]);
        if (plan.action === "replace") {
          // No slot, an attribute map holding an empty value, or a message cleared: what an update cannot say.
          const unsayable = (field: string) =>
            table[field].update === "replace" ||
            (table[field].update === "mapDiff" && Object.values(desired[field] as object).includes("")) ||
            (table[field].kind === "message" && Object.keys(desired[field] as object).length === 0);
          expect(plan.because.filter((field) => !unsayable(field))).toEqual([]);
          expect(describePlan(plan, table)).toMatch(/^replace: /);
        }
      }),
      { numRuns: 500 },
    );
  });

  test("every field of the table is in the wire message", () => {
    for (const name of fieldNames(table)) expect(wire.info.fields.findJsonName(name)).toBeDefined();
  });
});

describe("planMapDiff (dispatch rule attributes)", () => {
  test("sends changed and new keys, and removed keys as empty values", () => {
    expect(planMapDiff({ a: "1", b: "2", c: "3" }, { a: "1", b: "two", d: "4" })).toEqual({ b: "two", d: "4", c: "" });
  });
  test("cannot say that a key holds an empty value, so the planner replaces instead", () => {
    expect(planMapDiff({ a: "1" }, { a: "" })).toBeUndefined();
    const live = completeFields(DISPATCH_RULE.table, { rule: { dispatchRuleDirect: { roomName: "x" } }, attributes: { a: "1" } });
    const plan = planUpdate(DISPATCH_RULE.table, live, { ...live, attributes: { a: "" } });
    expect(plan).toMatchObject({ action: "replace", because: ["attributes"] });
  });
  test("an attribute change alone is a field update carrying only that key", () => {
    const live = completeFields(DISPATCH_RULE.table, { rule: { dispatchRuleDirect: { roomName: "x" } }, attributes: { a: "1", b: "2" } });
    const plan = planUpdate(DISPATCH_RULE.table, live, { ...live, attributes: { a: "1", b: "3" } });
    expect(plan).toEqual({ action: "update", changed: ["attributes"], changes: { attributes: { b: "3" } } });
    expect(describePlan(plan, DISPATCH_RULE.table)).toBe("field update: attributes");
  });
});
