import { FieldTable, MEDIA_ENCRYPTION_FIELD, MEDIA_FIELD, secretFields } from "./fields";

/*
 * The dispatch rule's table: every field of `SIPDispatchRuleInfo` a user declares, with how
 * `SIPDispatchRuleUpdate` carries it (on the pinned livekit-server v1.13.5: trunkIds as a
 * ListUpdate, the rule whole, name, metadata, attributes as a map of changes, media; the rest
 * only through replace).
 */

export const DISPATCH_RULE_FIELDS = {
  rule: {
    kind: "message",
    message: "SIPDispatchRule",
    exactlyOneOf: ["dispatchRuleDirect", "dispatchRuleIndividual", "dispatchRuleCallee"],
    update: "set",
    doc: "Where calls go: exactly one of dispatchRuleDirect, dispatchRuleIndividual, dispatchRuleCallee.",
  },
  trunkIds: { kind: "list", item: "id", update: "listUpdate", doc: "Inbound trunks the rule applies to; empty means every trunk." },
  hidePhoneNumber: { kind: "boolean", update: "replace", doc: "Hide the caller's number from the room's participants." },
  inboundNumbers: { kind: "list", item: "phoneNumber", update: "replace", doc: "Caller numbers the rule applies to, in E.164; empty means every caller." },
  numbers: { kind: "list", item: "phoneNumber", update: "replace", doc: "Called numbers the rule applies to, in E.164; empty means every number." },
  name: { kind: "string", update: "set", doc: "Human-readable name shown in LiveKit." },
  metadata: { kind: "string", update: "set", doc: "Free-form metadata, passed to the SIP participant." },
  attributes: { kind: "map", check: "none", update: "mapDiff", doc: "Attributes given to the SIP participant." },
  roomPreset: { kind: "string", update: "replace", doc: "Name of a room preset for the rooms calls go to." },
  roomConfig: { kind: "message", message: "RoomConfiguration", update: "replace", doc: "Room configuration (agents, timeouts, ...) for the rooms calls go to." },
  media: MEDIA_FIELD,
  krispEnabled: { kind: "boolean", update: "replace", doc: "Krisp noise cancellation for callers." },
  mediaEncryption: MEDIA_ENCRYPTION_FIELD,
} as const satisfies FieldTable;

export const DISPATCH_RULE_SECRET_FIELDS = secretFields(DISPATCH_RULE_FIELDS);
