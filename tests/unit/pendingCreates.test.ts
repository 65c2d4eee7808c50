import { DISPATCH_RULE_FACTS, INBOUND_TRUNK_FACTS, OUTBOUND_TRUNK_FACTS, ResourceFacts } from "../../provider/core/resourceFacts";
import { emptyFields } from "../../provider/core/records";
import { nativeTypeToken } from "../../provider/core/resourceType";
import { SECRET_SIGNATURE, SIGNATURE_KEY } from "../../provider/core/secretValues";
import { recoverPendingCreates, typesPendingCreate } from "../../cli/pendingCreates";
import type { LiveRecord } from "../../cli/liveRecords";
import type { Deployment } from "../../cli/stackState";

const secret = { [SIGNATURE_KEY]: SECRET_SIGNATURE, ciphertext: "v1:abc" };
const pendingCreate = (type: string, name: string, inputs: Record<string, unknown>) => ({
  type: "creating",
  resource: { urn: `urn:pulumi:s::p::${type}::${name}`, type, custom: true, inputs },
});
const record = (facts: ResourceFacts, id: string, fields: Record<string, unknown>): LiveRecord => ({ id, fields: { ...emptyFields(facts.table), ...fields } });
const inbound = INBOUND_TRUNK_FACTS.typeToken;

describe("recoverPendingCreates", () => {
  const live = new Map([
    [
      INBOUND_TRUNK_FACTS.typeName,
      [
        record(INBOUND_TRUNK_FACTS, "ST_a", { name: "a", numbers: ["+15105550100"], authUsername: "u", authPassword: "pw" }),
        record(INBOUND_TRUNK_FACTS, "ST_recorded", { name: "b", numbers: ["+15105550101"] }),
      ],
    ],
  ]);

  test("a pending create with one identical live trunk becomes a created resource (secrets kept encrypted)", () => {
    const deployment: Deployment = { resources: [], pending_operations: [pendingCreate(inbound, "a", { name: "a", numbers: ["+15105550100"], authUsername: "u", authPassword: secret })] };
    const { deployment: next, recoveries } = recoverPendingCreates(deployment, live);
    expect(recoveries).toEqual([{ urn: expect.stringContaining("::a"), typeName: "InboundTrunk", recovered: "ST_a" }]);
    expect(next.pending_operations).toEqual([]);
    expect(next.resources?.[0]).toMatchObject({ id: "ST_a", outputs: { sipTrunkId: "ST_a", authPassword: secret } });
  });

  test("a live trunk that differs in a readable field is not claimed", () => {
    const deployment: Deployment = { pending_operations: [pendingCreate(inbound, "a", { name: "a", numbers: ["+15105550100"], authUsername: "someone else", authPassword: secret })] };
    expect(recoverPendingCreates(deployment, live).recoveries[0]).toMatchObject({ liveMatches: 0 });
  });

  test("a trunk already recorded for another resource is never claimed", () => {
    const deployment: Deployment = {
      resources: [{ urn: "x", type: inbound, id: "ST_recorded" }],
      pending_operations: [pendingCreate(inbound, "b", { name: "b", numbers: ["+15105550101"] })],
    };
    const { recoveries, deployment: next } = recoverPendingCreates(deployment, live);
    expect(recoveries[0].unresolved).toMatch(/never landed/);
    expect(next.resources).toHaveLength(1);
  });

  test("other pending operations are left alone", () => {
    const other = { type: "updating", resource: { urn: "u", type: inbound } };
    expect(recoverPendingCreates({ pending_operations: [other] }, live).deployment.pending_operations).toEqual([other]);
  });

  test("outbound trunks and dispatch rules, dynamic or native, are matched against records of their own type", () => {
    const rule = { rule: { dispatchRuleIndividual: { roomPrefix: "call-" } }, trunkIds: ["ST_a"], name: "r" };
    const outbound = { name: "o", address: "sip.example.com", numbers: ["+15105550199"] };
    const server = new Map([
      [OUTBOUND_TRUNK_FACTS.typeName, [record(OUTBOUND_TRUNK_FACTS, "ST_out", outbound)]],
      [DISPATCH_RULE_FACTS.typeName, [record(DISPATCH_RULE_FACTS, "SDR_1", rule), record(DISPATCH_RULE_FACTS, "SDR_2", { ...rule, name: "other" })]],
    ]);
    const deployment: Deployment = {
      pending_operations: [
        pendingCreate(OUTBOUND_TRUNK_FACTS.typeToken, "o", outbound),
        pendingCreate(nativeTypeToken(DISPATCH_RULE_FACTS), "r", rule),
        // Same fields as the outbound trunk, other type: no outbound record may be claimed for it.
        pendingCreate(inbound, "i", { name: "o", numbers: ["+15105550199"] }),
      ],
    };
    expect(typesPendingCreate(deployment).map((facts) => facts.typeName).sort()).toEqual(["DispatchRule", "InboundTrunk", "OutboundTrunk"]);
    const { recoveries, deployment: next } = recoverPendingCreates(deployment, server);
    expect(recoveries.map((r) => r.recovered ?? r.unresolved)).toEqual(["ST_out", "SDR_1", "no live trunk matches it (the create never landed)"]);
    expect(next.resources?.map((r) => r.outputs)).toEqual([
      { ...outbound, sipTrunkId: "ST_out" },
      { ...rule, sipDispatchRuleId: "SDR_1" },
    ]);
  });
});
