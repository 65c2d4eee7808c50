import { migrationPlan } from "../../cli/migration";

/** Which state entries livekit-sip-migrate forgets and which records it imports in their place. */

const stack = { urn: "urn:pulumi:prod::p::pulumi:pulumi:Stack::p-prod", type: "pulumi:pulumi:Stack" };
const dynamic = (type: string, name: string, id?: string, parent = stack.urn) => ({ urn: `urn:pulumi:prod::p::pulumi-nodejs:dynamic/livekit:${type}::${name}`, type: `pulumi-nodejs:dynamic/livekit:${type}`, id, parent });

test("each dynamic SIP resource becomes the native one of the same name and ID, rules forgotten first", () => {
  const plan = migrationPlan([stack, dynamic("InboundTrunk", "line", "ST_1"), dynamic("DispatchRule", "rule", "SDR_1"), dynamic("OutboundTrunk", "carrier", "ST_2")], "1.2.3");
  expect(plan.forget).toEqual([dynamic("DispatchRule", "rule").urn, dynamic("InboundTrunk", "line").urn, dynamic("OutboundTrunk", "carrier").urn]);
  expect(plan.imports).toEqual([
    { type: "livekit:sip:DispatchRule", name: "rule", id: "SDR_1", version: "1.2.3" },
    { type: "livekit:sip:InboundTrunk", name: "line", id: "ST_1", version: "1.2.3" },
    { type: "livekit:sip:OutboundTrunk", name: "carrier", id: "ST_2", version: "1.2.3" },
  ]);
  expect(plan.refused).toEqual([]);
});

test("other resources stay; pending creates and children of components are left, with why", () => {
  const plan = migrationPlan([
    stack,
    { urn: "urn:pulumi:prod::p::random:index/randomPassword:RandomPassword::pw", type: "random:index/randomPassword:RandomPassword", id: "x", parent: stack.urn },
    dynamic("InboundTrunk", "pending"),
    dynamic("InboundTrunk", "child", "ST_3", "urn:pulumi:prod::p::my:Component::c"),
  ], "1.2.3");
  expect(plan.imports).toEqual([]);
  expect(plan.forget).toEqual([]);
  expect(plan.refused.map((r) => r.reason)).toEqual([expect.stringMatching(/pending create/), expect.stringMatching(/child of urn:pulumi:prod::p::my:Component::c/)]);
});
