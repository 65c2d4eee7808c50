import { SIPInboundTrunkInfo, SIPInboundTrunkUpdate } from "@livekit/protocol";
import { TRUNK_FIELD_NAMES, TRUNK_FIELDS } from "../../provider/fields";

/**
 * The field table against LiveKit's own message descriptors (from @livekit/protocol): every
 * field a user can declare appears exactly once, and the table's update path for each field is
 * what `SIPInboundTrunkUpdate` can carry.
 */

/** Fields the server owns: never declared. */
const SERVER_OWNED = ["sipTrunkId", "createdAt", "updatedAt"];

const infoFields = SIPInboundTrunkInfo.fields.list().map((field) => field.localName);
const updateSlots = new Set(SIPInboundTrunkUpdate.fields.list().map((field) => field.localName));

test("every declarable field of SIPInboundTrunkInfo is in the table exactly once, in the proto's order", () => {
  expect(TRUNK_FIELD_NAMES).toEqual(infoFields.filter((name) => !SERVER_OWNED.includes(name)));
  expect(new Set(TRUNK_FIELD_NAMES).size).toBe(TRUNK_FIELD_NAMES.length);
});

test.each(TRUNK_FIELD_NAMES)("%s: the table's update path matches SIPInboundTrunkUpdate", (name) => {
  const path = TRUNK_FIELDS[name].update;
  expect(path === "replace" ? !updateSlots.has(name) : updateSlots.has(name)).toBe(true);
});

test("list fields are updated with ListUpdate, scalars are set", () => {
  const slotType = (name: string) => SIPInboundTrunkUpdate.fields.findJsonName(name);
  for (const name of TRUNK_FIELD_NAMES) {
    const slot = slotType(name);
    if (!slot) continue;
    const isListUpdate = slot.kind === "message" && slot.T.typeName === "livekit.ListUpdate";
    expect([name, isListUpdate]).toEqual([name, TRUNK_FIELDS[name].update === "listUpdate"]);
  }
});
