import { SIPInboundTrunkInfo } from "@livekit/protocol";
import fc from "fast-check";
import { changesToWire, INBOUND_TRUNK_WIRE, trunkFromWire, trunkToWire } from "../../provider/core/wire";
import { changedFields } from "../../provider/core/compare";
import { TRUNK_FIELDS } from "../../provider/core/fields";
import { describePlan, planListChange, planTrunkUpdate, TrunkPlan } from "../../provider/core/plan";
import { emptyTrunk, REPLACE_ONLY_FIELDS, TrunkFields } from "../../provider/core/trunk";
import { arbitraryTrunk } from "./arbitraries";
import { applyListChange, applyUpdateMessage, validateListChange } from "./serverModel";

const base: TrunkFields = { ...emptyTrunk(), name: "main", numbers: ["+15105550100"], krispEnabled: true };
const withChange = (change: Partial<TrunkFields>): TrunkFields => ({ ...structuredClone(base), ...change });

/**
 * What the server holds after it receives the plan's one write. Both writes go through the wire
 * mapping: a field the message dropped would be lost.
 */
function applyPlan(live: TrunkFields, plan: TrunkPlan): TrunkFields {
  switch (plan.action) {
    case "noop":
      return live;
    case "update":
      return trunkFromWire(applyUpdateMessage(trunkToWire(live), changesToWire(INBOUND_TRUNK_WIRE, plan.changes)));
    case "replace":
      return trunkFromWire(SIPInboundTrunkInfo.fromBinary(trunkToWire(plan.fields).toBinary()));
  }
}

describe("planTrunkUpdate: no change", () => {
  test("identical trunks need no call", () => {
    expect(planTrunkUpdate(base, structuredClone(base))).toEqual({ action: "noop" });
  });

  test("list order is not a change", () => {
    const live = withChange({ numbers: ["+15105550100", "+15105550101"] });
    const desired = withChange({ numbers: ["+15105550101", "+15105550100"] });
    expect(planTrunkUpdate(live, desired).action).toBe("noop");
  });

  test("map key order is not a change", () => {
    const live = withChange({ headers: { "X-A": "1", "X-B": "2" } });
    const desired = withChange({ headers: { "X-B": "2", "X-A": "1" } });
    expect(planTrunkUpdate(live, desired).action).toBe("noop");
  });
});

describe("planTrunkUpdate: field update for fields SIPInboundTrunkUpdate carries", () => {
  test.each([
    ["name", { name: "renamed" }],
    ["metadata", { metadata: "team=voice" }],
    ["authUsername", { authUsername: "user", authPassword: base.authPassword }],
    ["authPassword", { authPassword: "s3cret" }],
    ["authRealm", { authRealm: "example.com" }],
  ] as const)("%s changes through update", (field, change) => {
    const plan = planTrunkUpdate(base, withChange(change));
    expect(plan.action).toBe("update");
    if (plan.action !== "update") return;
    expect(plan.changed).toEqual([field]);
    expect(plan.changes).toEqual({ [field]: (change as Record<string, string>)[field] });
  });

  test("a number added is a one-item add", () => {
    const plan = planTrunkUpdate(base, withChange({ numbers: ["+15105550100", "+15105550101"] }));
    expect(plan).toEqual({ action: "update", changed: ["numbers"], changes: { numbers: { add: ["+15105550101"] } } });
  });

  test("a number removed is a one-item remove", () => {
    const live = withChange({ numbers: ["+15105550100", "+15105550101"] });
    const plan = planTrunkUpdate(live, base);
    expect(plan).toEqual({ action: "update", changed: ["numbers"], changes: { numbers: { remove: ["+15105550101"] } } });
  });

  test("allowedAddresses and allowedNumbers change through list updates", () => {
    const desired = withChange({ allowedAddresses: ["203.0.113.0/24"], allowedNumbers: ["+13105550100"] });
    const plan = planTrunkUpdate(base, desired);
    expect(plan.action).toBe("update");
    if (plan.action !== "update") return;
    expect(plan.changes.allowedAddresses).toEqual({ add: ["203.0.113.0/24"] });
    expect(plan.changes.allowedNumbers).toEqual({ add: ["+13105550100"] });
  });

  test("media encryption sends both the media config and the legacy field", () => {
    const plan = planTrunkUpdate(base, withChange({ mediaEncryption: "SIP_MEDIA_ENCRYPT_REQUIRE" }));
    expect(plan.action).toBe("update");
    if (plan.action !== "update") return;
    expect(plan.changes.mediaEncryption).toBe("SIP_MEDIA_ENCRYPT_REQUIRE");
    expect(plan.changes.media).toEqual({ onlyListedCodecs: false, codecs: [], mediaTimeout: "", encryption: "SIP_MEDIA_ENCRYPT_REQUIRE" });
  });

  test("codecs change through update, with the encryption spelled out", () => {
    const desired = withChange({ media: { onlyListedCodecs: true, codecs: [{ name: "PCMU", rate: 0 }], mediaTimeout: "" } });
    const plan = planTrunkUpdate(base, desired);
    expect(plan.action).toBe("update");
    if (plan.action !== "update") return;
    expect(plan.changed).toEqual(["media"]);
    expect(plan.changes.media?.encryption).toBe("SIP_MEDIA_ENCRYPT_DISABLE");
  });
});

describe("planTrunkUpdate: replace for fields only replace can change", () => {
  const changes: Record<(typeof REPLACE_ONLY_FIELDS)[number], Partial<TrunkFields>> = {
    headers: { headers: { "X-A": "1" } },
    headersToAttributes: { headersToAttributes: { "X-A": "a" } },
    attributesToHeaders: { attributesToHeaders: { a: "X-A" } },
    includeHeaders: { includeHeaders: "SIP_X_HEADERS" },
    ringingTimeout: { ringingTimeout: "30s" },
    maxCallDuration: { maxCallDuration: "3600s" },
    krispEnabled: { krispEnabled: false },
  };
  test.each(REPLACE_ONLY_FIELDS.map((f) => [f]))("%s forces a replace carrying the whole desired trunk", (field) => {
    const desired = withChange(changes[field]);
    const plan = planTrunkUpdate(base, desired);
    expect(plan).toEqual({ action: "replace", changed: [field], because: [field], fields: desired });
  });

  test("a replace also carries the updatable changes made with it", () => {
    const desired = withChange({ krispEnabled: false, name: "renamed" });
    const plan = planTrunkUpdate(base, desired);
    expect(plan.action).toBe("replace");
    expect(describePlan(plan, TRUNK_FIELDS)).toBe("replace: krispEnabled changed (also name)");
  });
});

describe("planListChange", () => {
  test("same items need no change", () => {
    expect(planListChange(["a", "b"], ["b", "a"])).toBeUndefined();
  });
  test("emptying a list is clear, never an empty set", () => {
    expect(planListChange(["a", "b"], [])).toEqual({ clear: true });
  });
  test("set is used when it is shorter than add plus remove", () => {
    expect(planListChange(["a", "b", "c"], ["d"])).toEqual({ set: ["d"] });
  });
  test("add/remove is kept when it is no longer than set", () => {
    expect(planListChange(["a", "b"], ["a", "c"])).toEqual({ add: ["c"], remove: ["b"] });
  });
  test("duplicates in the live list are fixed with set", () => {
    expect(planListChange(["a", "a", "b"], ["a", "b"])).toEqual({ set: ["a", "b"] });
  });
});

describe("describePlan", () => {
  test("names the path and the list sizes, never values", () => {
    const live = withChange({ numbers: ["+15105550100", "+15105550101"] });
    const desired = withChange({ numbers: ["+15105550100", "+15105550102"], name: "renamed", authPassword: "hunter2" });
    const text = describePlan(planTrunkUpdate(live, desired), TRUNK_FIELDS);
    expect(text).toBe("field update: name, numbers +1 −1, authPassword");
    expect(text).not.toContain("hunter2");
  });
  test("says when nothing is sent", () => {
    expect(describePlan({ action: "noop" }, TRUNK_FIELDS)).toMatch(/no change/);
  });
});

describe("planTrunkUpdate properties (server semantics applied to the plan)", () => {
  test("applying the plan to live yields desired", () => {
    fc.assert(
      fc.property(arbitraryTrunk(true), arbitraryTrunk(false), (live, desired) => {
        const plan = planTrunkUpdate(live, desired);
        expect(changedFields(TRUNK_FIELDS, applyPlan(live, plan), desired)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  test("every list update is one the server accepts", () => {
    fc.assert(
      fc.property(arbitraryTrunk(true), arbitraryTrunk(false), (live, desired) => {
        const plan = planTrunkUpdate(live, desired);
        if (plan.action !== "update") return;
        for (const change of [plan.changes.numbers, plan.changes.allowedAddresses, plan.changes.allowedNumbers]) {
          if (change) expect(() => validateListChange(change)).not.toThrow();
        }
      }),
      { numRuns: 1000 },
    );
  });

  test("noop exactly when nothing differs; replace exactly when a replace-only field differs", () => {
    fc.assert(
      fc.property(arbitraryTrunk(false), arbitraryTrunk(false), (live, desired) => {
        const changed = changedFields(TRUNK_FIELDS, live, desired);
        const plan = planTrunkUpdate(live, desired);
        const needsReplace = changed.some((f) => (REPLACE_ONLY_FIELDS as readonly string[]).includes(f));
        expect(plan.action).toBe(changed.length === 0 ? "noop" : needsReplace ? "replace" : "update");
      }),
      { numRuns: 1000 },
    );
  });

  test("a list update is never longer than setting the whole list", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e")), fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e")), (live, desired) => {
        const change = planListChange(live, desired);
        if (!change || change.clear) return;
        const size = (change.set?.length ?? 0) + (change.add?.length ?? 0) + (change.remove?.length ?? 0);
        expect(size).toBeLessThanOrEqual(desired.length);
        expect([...applyListChange(live, change)].sort()).toEqual([...desired].sort());
      }),
    );
  });
});
