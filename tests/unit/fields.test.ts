import { SIPDispatchRuleInfo, SIPDispatchRuleUpdate, SIPInboundTrunkInfo, SIPInboundTrunkUpdate, SIPOutboundTrunkInfo, SIPOutboundTrunkUpdate } from "@livekit/protocol";
import type { MessageType } from "@bufbuild/protobuf";
import { DISPATCH_RULE_FIELDS } from "../../provider/core/dispatchRuleFields";
import { FieldTable, fieldNames, TRUNK_FIELDS } from "../../provider/core/fields";
import { OUTBOUND_TRUNK_FIELDS } from "../../provider/core/outboundTrunkFields";

/**
 * Each resource's field table against LiveKit's own message descriptors (from @livekit/protocol):
 * every field a user can declare appears exactly once, in the proto's order, and the table's
 * update path for each field is what the resource's `…Update` message can carry.
 */

/** Fields the server owns: never declared. */
const SERVER_OWNED = ["sipTrunkId", "sipDispatchRuleId", "createdAt", "updatedAt"];

const tables: [string, FieldTable, MessageType, MessageType][] = [
  ["inbound trunk", TRUNK_FIELDS, SIPInboundTrunkInfo, SIPInboundTrunkUpdate],
  ["outbound trunk", OUTBOUND_TRUNK_FIELDS, SIPOutboundTrunkInfo, SIPOutboundTrunkUpdate],
  ["dispatch rule", DISPATCH_RULE_FIELDS, SIPDispatchRuleInfo, SIPDispatchRuleUpdate],
];

describe.each(tables)("%s", (_resource, table, info, update) => {
  const infoFields = info.fields.list().map((field) => field.localName);

  test("every declarable field of the Info message is in the table exactly once, in the proto's order", () => {
    expect(fieldNames(table)).toEqual(infoFields.filter((name) => !SERVER_OWNED.includes(name)));
  });

  test.each(fieldNames(table))("%s: the table's update path is the slot the Update message has for it", (name) => {
    const slot = update.fields.findJsonName(name);
    const path = table[name].update;
    if (path === "replace") expect(slot).toBeUndefined();
    else if (path === "listUpdate") expect(slot?.kind === "message" && slot.T.typeName).toBe("livekit.ListUpdate");
    else if (path === "mapDiff") expect(slot?.kind).toBe("map");
    else expect(slot).toBeDefined();
  });

  test("a field the Update message carries as a ListUpdate is never planned as a plain set", () => {
    for (const name of fieldNames(table)) {
      const slot = update.fields.findJsonName(name);
      if (slot?.kind === "message" && slot.T.typeName === "livekit.ListUpdate") expect([name, table[name].update]).toEqual([name, "listUpdate"]);
    }
  });
});
