import type { TrunkFields } from "./trunk";

/**
 * The one description of an inbound trunk's fields. Everything that must agree about a field
 * reads it from here: validation (`validate.ts`), defaults and the sparse form (`trunk.ts`),
 * comparison (`compare.ts`), the planner's update-or-replace choice (`plan.ts`), the wire mapping
 * (`wire.ts`), the lk-JSON reader, codegen, the drift report and which inputs are secret. Adding a
 * field to the trunk is one entry here (the compiler then asks for its type in `TrunkFields`).
 */

/** Which SIP headers LiveKit maps to participant attributes (`SIPHeaderOptions`). */
export const INCLUDE_HEADERS = ["SIP_NO_HEADERS", "SIP_X_HEADERS", "SIP_ALL_HEADERS"] as const;

/** Whether the trunk's media is encrypted (SRTP) (`SIPMediaEncryption`). */
export const MEDIA_ENCRYPTIONS = ["SIP_MEDIA_ENCRYPT_DISABLE", "SIP_MEDIA_ENCRYPT_ALLOW", "SIP_MEDIA_ENCRYPT_REQUIRE"] as const;

/** How a list's items are checked. */
export type ListItem = "phoneNumber" | "address";
/** Which parts of a string map are SIP header names (checked as such); `value` also checks header values. */
export type MapCheck = "headerNameAndValue" | "headerNameKeys" | "headerNameValues";

/** A field's value shape, with what validating it needs. */
export type FieldKind =
  | { kind: "string" }
  | { kind: "boolean" }
  | { kind: "list"; item: ListItem }
  | { kind: "map"; check: MapCheck }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "duration"; maxSeconds: number }
  | { kind: "media" };

/**
 * How a change to the field reaches LiveKit: a slot of `SIPInboundTrunkUpdate` (a value set, a
 * `ListUpdate`, or the whole media config), or only `UpdateSIPInboundTrunk{replace}`.
 */
export type UpdatePath = "set" | "listUpdate" | "media" | "replace";

/** One field of the trunk. */
export type FieldDescription = FieldKind & {
  update: UpdatePath;
  /** Kept secret in state, diffs, drift reports and messages. */
  secret?: true;
  /** What the field means, for people (the SDK's TSDoc says the same). */
  doc: string;
};

/** Every field of `SIPInboundTrunkInfo` a user declares, in the order LiveKit's proto declares them. */
export const TRUNK_FIELDS = {
  name: { kind: "string", update: "set", doc: "Human-readable name shown in LiveKit." },
  metadata: { kind: "string", update: "set", doc: "Free-form metadata, passed to participants' attributes." },
  numbers: {
    kind: "list",
    item: "phoneNumber",
    update: "listUpdate",
    doc: "Phone numbers the trunk answers, in E.164; empty means any number, which needs auth or allowedAddresses.",
  },
  allowedAddresses: { kind: "list", item: "address", update: "listUpdate", doc: "IP addresses or CIDR ranges allowed to send calls." },
  allowedNumbers: { kind: "list", item: "phoneNumber", update: "listUpdate", doc: "Caller numbers allowed to call, in E.164; empty allows every caller." },
  authUsername: { kind: "string", update: "set", doc: "SIP digest username; set together with authPassword." },
  authPassword: { kind: "string", update: "set", secret: true, doc: "SIP digest password; always kept secret." },
  authRealm: { kind: "string", update: "set", doc: "SIP digest realm; LiveKit picks one when unset." },
  headers: {
    kind: "map",
    check: "headerNameAndValue",
    update: "replace",
    // Values often carry a carrier's token; LiveKit redacts them in its own logs too.
    secret: true,
    doc: "SIP headers added to responses LiveKit sends on this trunk; always kept secret.",
  },
  headersToAttributes: { kind: "map", check: "headerNameKeys", update: "replace", doc: "Map of SIP header name to participant attribute name." },
  attributesToHeaders: { kind: "map", check: "headerNameValues", update: "replace", doc: "Map of participant attribute name to SIP header name." },
  includeHeaders: { kind: "enum", values: INCLUDE_HEADERS, update: "replace", doc: "Which headers become attributes." },
  ringingTimeout: { kind: "duration", maxSeconds: 10 * 60, update: "replace", doc: "How long to ring before giving up." },
  maxCallDuration: { kind: "duration", maxSeconds: 48 * 60 * 60, update: "replace", doc: "Longest allowed call." },
  krispEnabled: { kind: "boolean", update: "replace", doc: "Krisp noise cancellation for callers." },
  mediaEncryption: {
    kind: "enum",
    values: MEDIA_ENCRYPTIONS,
    update: "media",
    doc: "Deprecated spelling of media.encryption; LiveKit derives it from the media config.",
  },
  media: { kind: "media", update: "media", doc: "Codecs, encryption and media timeout." },
} as const satisfies { [F in keyof TrunkFields]: FieldDescription };

/** A field of a trunk. */
export type TrunkFieldName = keyof typeof TRUNK_FIELDS;

/** Every field name, in proto order. */
export const TRUNK_FIELD_NAMES = Object.keys(TRUNK_FIELDS) as TrunkFieldName[];

/** The description of one field. */
export function describeField(field: TrunkFieldName): FieldDescription {
  return TRUNK_FIELDS[field];
}

/** The names of the fields whose description matches. */
function fieldsWhere(test: (field: FieldDescription) => boolean): TrunkFieldName[] {
  return TRUNK_FIELD_NAMES.filter((name) => test(TRUNK_FIELDS[name]));
}

/** Fields kept secret: their values appear in no message, diff, drift report or log. */
export const SECRET_FIELDS = fieldsWhere((f) => f.secret === true);

/** The longest media timeout (`media.mediaTimeout`) accepted: LiveKit enforces the same bound. */
export const MEDIA_TIMEOUT_MAX_SECONDS = 10 * 60;
