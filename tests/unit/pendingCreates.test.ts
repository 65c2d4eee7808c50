import { SIPInboundTrunkInfo } from "@livekit/protocol";
import { INBOUND_TRUNK_TYPE } from "../../provider/core/resourceType";
import { Deployment, recoverPendingCreates } from "../../cli/pendingCreates";

const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" };
const pendingCreate = (name: string, inputs: Record<string, unknown>) => ({
  type: "creating",
  resource: { urn: `urn:pulumi:s::p::${INBOUND_TRUNK_TYPE}::${name}`, type: INBOUND_TRUNK_TYPE, custom: true, inputs },
});

describe("recoverPendingCreates", () => {
  const live = [
    new SIPInboundTrunkInfo({ sipTrunkId: "ST_a", name: "a", numbers: ["+15105550100"], authUsername: "u", authPassword: "pw" }),
    new SIPInboundTrunkInfo({ sipTrunkId: "ST_recorded", name: "b", numbers: ["+15105550101"] }),
  ];

  test("a pending create with one identical live trunk becomes a created resource (secrets kept encrypted)", () => {
    const deployment: Deployment = { resources: [], pending_operations: [pendingCreate("a", { name: "a", numbers: ["+15105550100"], authUsername: "u", authPassword: secret })] };
    const { deployment: next, recoveries } = recoverPendingCreates(deployment, live);
    expect(recoveries).toEqual([{ urn: expect.stringContaining("::a"), recovered: "ST_a" }]);
    expect(next.pending_operations).toEqual([]);
    expect(next.resources?.[0]).toMatchObject({ id: "ST_a", outputs: { sipTrunkId: "ST_a", authPassword: secret } });
  });

  test("a trunk already recorded for another resource is never claimed", () => {
    const deployment: Deployment = {
      resources: [{ urn: "x", type: INBOUND_TRUNK_TYPE, id: "ST_recorded" }],
      pending_operations: [pendingCreate("b", { name: "b", numbers: ["+15105550101"] })],
    };
    const { recoveries, deployment: next } = recoverPendingCreates(deployment, live);
    expect(recoveries[0].unresolved).toMatch(/never landed/);
    expect(next.resources).toHaveLength(1);
  });

  test("other pending operations are left alone", () => {
    const other = { type: "updating", resource: { urn: "u", type: INBOUND_TRUNK_TYPE } };
    expect(recoverPendingCreates({ pending_operations: [other] }, live).deployment.pending_operations).toEqual([other]);
  });
});
