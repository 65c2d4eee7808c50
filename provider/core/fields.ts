import type { TrunkFields } from "./trunk";

/*
 * How a resource's fields are described, and the inbound trunk's table. Each resource (inbound
 * trunk, outbound trunk, dispatch rule) is one such table; everything that must agree about a
 * field reads it from there: validation (`validate.ts`), defaults and the sparse form
 * (`records.ts`), comparison (`compare.ts`), the planner's update-or-replace choice (`plan.ts`),
 * the wire mapping (`wire.ts`), the lk-JSON reader, codegen, the drift report and which inputs
 * are secret. Adding a field is one entry in its table.
 */

/** Which SIP headers LiveKit maps to participant attributes (`SIPHeaderOptions`). */
export const INCLUDE_HEADERS = ["SIP_NO_HEADERS", "SIP_X_HEADERS", "SIP_ALL_HEADERS"] as const;

/** Whether the trunk's media is encrypted (SRTP) (`SIPMediaEncryption`). */
export const MEDIA_ENCRYPTIONS = ["SIP_MEDIA_ENCRYPT_DISABLE", "SIP_MEDIA_ENCRYPT_ALLOW", "SIP_MEDIA_ENCRYPT_REQUIRE"] as const;

/** Which transport an outbound trunk uses (`SIPTransport`). */
export const TRANSPORTS = ["SIP_TRANSPORT_AUTO", "SIP_TRANSPORT_UDP", "SIP_TRANSPORT_TCP", "SIP_TRANSPORT_TLS"] as const;

/** How a list's items are checked: phone numbers in E.164, IP addresses or ranges, or IDs of other resources. */
export type ListItem = "phoneNumber" | "address" | "id";
/**
 * What a string map's entries are checked as: which side is a SIP header name (`value` also
 * checks header values), or `none` for free-form attributes.
 */
export type MapCheck = "headerNameAndValue" | "headerNameKeys" | "headerNameValues" | "none";
/** The protobuf messages a field of kind `message` holds, in LiveKit's JSON (`wire.ts` maps each to its class). */
export type MessageName = "SIPDispatchRule" | "RoomConfiguration";

/** A field's value shape, with what validating it needs. */
export type FieldKind =
  | { kind: "string" }
  | { kind: "boolean" }
  | { kind: "list"; item: ListItem }
  | { kind: "map"; check: MapCheck }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "duration"; maxSeconds: number }
  | { kind: "host" }
  | { kind: "media" }
  /** A protobuf message in LiveKit's JSON; `exactlyOneOf` names the variants of a oneof it must hold one of. */
  | { kind: "message"; message: MessageName; exactlyOneOf?: readonly string[] };

/**
 * How a change to the field reaches LiveKit: a slot of the resource's `…Update` message (a value
 * set, a `ListUpdate`, a map of changed keys where an empty value deletes one, or the whole media
 * config), or only the `replace` action.
 */
export type UpdatePath = "set" | "listUpdate" | "mapDiff" | "media" | "replace";

/** One field of a resource. */
export type FieldDescription = FieldKind & {
  update: UpdatePath;
  /** Kept secret in state, diffs, drift reports and messages. */
  secret?: true;
  /** What the field means, for people (the SDK's TSDoc says the same). */
  doc: string;
};

/** A resource's fields by name, in the order LiveKit's proto declares them. */
export type FieldTable = Readonly<Record<string, FieldDescription>>;

/*
 * Fields several resources share, described once. Their update paths are the same wherever
 * they appear (the field-table test checks each table against its own Update message).
 */

/** The header fields of both trunk types: values secret, names checked as SIP header names. */
export const HEADER_FIELDS = {
  headers: {
    kind: "map",
    check: "headerNameAndValue",
    update: "replace",
    // Values often carry a carrier's token; LiveKit redacts them in its own logs too.
    secret: true,
    doc: "SIP headers LiveKit adds to the SIP messages it sends on this trunk; always kept secret.",
  },
  headersToAttributes: { kind: "map", check: "headerNameKeys", update: "replace", doc: "Map of SIP header name to participant attribute name." },
  attributesToHeaders: { kind: "map", check: "headerNameValues", update: "replace", doc: "Map of participant attribute name to SIP header name." },
  includeHeaders: { kind: "enum", values: INCLUDE_HEADERS, update: "replace", doc: "Which headers become attributes." },
} as const satisfies FieldTable;

/** The deprecated top-level encryption, which LiveKit derives from `media`. */
export const MEDIA_ENCRYPTION_FIELD = {
  kind: "enum",
  values: MEDIA_ENCRYPTIONS,
  update: "media",
  doc: "Deprecated spelling of media.encryption; LiveKit derives it from the media config.",
} as const satisfies FieldDescription;

/** Codecs, encryption and media timeout (`SIPMediaConfig`), replaced whole by an update. */
export const MEDIA_FIELD = { kind: "media", update: "media", doc: "Codecs, encryption and media timeout." } as const satisfies FieldDescription;

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
  ...HEADER_FIELDS,
  ringingTimeout: { kind: "duration", maxSeconds: 10 * 60, update: "replace", doc: "How long to ring before giving up." },
  maxCallDuration: { kind: "duration", maxSeconds: 48 * 60 * 60, update: "replace", doc: "Longest allowed call." },
  krispEnabled: { kind: "boolean", update: "replace", doc: "Krisp noise cancellation for callers." },
  mediaEncryption: MEDIA_ENCRYPTION_FIELD,
  media: MEDIA_FIELD,
} as const satisfies { [F in keyof TrunkFields]: FieldDescription };

/** A field of a trunk. */
export type TrunkFieldName = keyof typeof TRUNK_FIELDS;

/** A table's field names, in proto order. */
export function fieldNames<T extends FieldTable>(table: T): (keyof T & string)[] {
  return Object.keys(table) as (keyof T & string)[];
}

/** Every field name, in proto order. */
export const TRUNK_FIELD_NAMES = fieldNames(TRUNK_FIELDS);

/** A table's fields kept secret: their values appear in no message, diff, drift report or log. */
export function secretFields<T extends FieldTable>(table: T): (keyof T & string)[] {
  return fieldNames(table).filter((name) => table[name].secret === true);
}

/**
 * The stack config key a program reads a secret field of one resource from, as the package's
 * codegen writes it and an import's advice names it: the program's name for it, then the field.
 */
export function secretConfigKey(name: string, field: string): string {
  return `${name}${field[0].toUpperCase()}${field.slice(1)}`;
}

/** The inbound trunk's secret fields. */
export const SECRET_FIELDS = secretFields(TRUNK_FIELDS);

/** The longest media timeout (`media.mediaTimeout`) accepted: LiveKit enforces the same bound. */
export const MEDIA_TIMEOUT_MAX_SECONDS = 10 * 60;
