import {
  ListUpdate,
  RoomConfiguration,
  SIPCodec,
  SIPDispatchRule,
  SIPDispatchRuleInfo,
  SIPDispatchRuleUpdate,
  SIPHeaderOptions,
  SIPInboundTrunkInfo,
  SIPInboundTrunkUpdate,
  SIPMediaConfig,
  SIPMediaEncryption,
  SIPOutboundTrunkInfo,
  SIPOutboundTrunkUpdate,
  SIPTransport,
} from "@livekit/protocol";
import { Duration, JsonValue, Message, MessageType, PartialMessage } from "@bufbuild/protobuf";
import { DISPATCH_RULE_FIELDS } from "./dispatchRuleFields";
import { FieldDescription, FieldTable, fieldNames, MessageName, TRUNK_FIELDS } from "./fields";
import { formatDuration, parseDuration } from "./durations";
import { OUTBOUND_TRUNK_FIELDS } from "./outboundTrunkFields";
import { ListChange, MediaChange } from "./plan";
import { copied, emptyFields, FieldValues } from "./records";
import type { MediaFields, TrunkFields } from "./trunk";

/*
 * Mapping between the provider's plain records and LiveKit's protobuf messages. The only module
 * that knows the wire types; everything above it works on field values described by a table.
 */

/** A resource's messages: what LiveKit stores (`…Info`) and what a field update carries (`…Update`). */
export interface WireShape<I extends Message<I>, U extends Message<U>> {
  table: FieldTable;
  info: MessageType<I>;
  update: MessageType<U>;
}

export const INBOUND_TRUNK_WIRE: WireShape<SIPInboundTrunkInfo, SIPInboundTrunkUpdate> = { table: TRUNK_FIELDS, info: SIPInboundTrunkInfo, update: SIPInboundTrunkUpdate };
export const OUTBOUND_TRUNK_WIRE: WireShape<SIPOutboundTrunkInfo, SIPOutboundTrunkUpdate> = {
  table: OUTBOUND_TRUNK_FIELDS,
  info: SIPOutboundTrunkInfo,
  update: SIPOutboundTrunkUpdate,
};
export const DISPATCH_RULE_WIRE: WireShape<SIPDispatchRuleInfo, SIPDispatchRuleUpdate> = {
  table: DISPATCH_RULE_FIELDS,
  info: SIPDispatchRuleInfo,
  update: SIPDispatchRuleUpdate,
};

function durationToWire(value: string): Duration | undefined {
  const parts = value ? parseDuration(value) : undefined;
  return parts && (parts.seconds > 0n || parts.nanos > 0) ? new Duration(parts) : undefined;
}

function durationFromWire(value: Duration | undefined): string {
  return value && (value.seconds > 0n || value.nanos > 0) ? formatDuration({ seconds: value.seconds, nanos: value.nanos }) : "";
}

/** The enum fields of a table. */
type EnumFieldsOf<T> = { [F in keyof T]: T[F] extends { kind: "enum" } ? F : never }[keyof T];
type EnumFieldName = EnumFieldsOf<typeof TRUNK_FIELDS> | EnumFieldsOf<typeof OUTBOUND_TRUNK_FIELDS> | EnumFieldsOf<typeof DISPATCH_RULE_FIELDS>;

/** The protobuf enum behind each enum field of the tables (a new one fails to compile until added). */
const WIRE_ENUMS: Record<EnumFieldName, Record<string, string | number>> = {
  includeHeaders: SIPHeaderOptions,
  mediaEncryption: SIPMediaEncryption,
  transport: SIPTransport,
};

/** The protobuf message behind each message field. */
const WIRE_MESSAGES: Record<MessageName, MessageType<SIPDispatchRule> | MessageType<RoomConfiguration>> = { SIPDispatchRule, RoomConfiguration };

/**
 * A message field's value in its canonical JSON (LiveKit's camelCase JSON, defaults left out),
 * or a thrown error saying what the message decoder could not read.
 */
export function canonicalMessageJson(message: MessageName, value: unknown): Record<string, unknown> {
  return WIRE_MESSAGES[message].fromJson(value as JsonValue).toJson() as Record<string, unknown>;
}

function mediaToWire(media: MediaChange): SIPMediaConfig {
  return new SIPMediaConfig({
    onlyListedCodecs: media.onlyListedCodecs,
    codecs: media.codecs.map((c) => new SIPCodec({ name: c.name, rate: c.rate })),
    encryption: SIPMediaEncryption[media.encryption],
    mediaTimeout: durationToWire(media.mediaTimeout),
  });
}

function hasMediaSettings(fields: FieldValues): boolean {
  const media = fields.media as MediaFields;
  return media.onlyListedCodecs || media.codecs.length > 0 || media.mediaTimeout !== "" || fields.mediaEncryption !== "SIP_MEDIA_ENCRYPT_DISABLE";
}

/** One field's value as the `…Info` message holds it (same name there), by its kind in the table. */
function valueToWire(name: string, field: FieldDescription, value: unknown): unknown {
  switch (field.kind) {
    case "enum":
      return WIRE_ENUMS[name as EnumFieldName][value as string];
    case "duration":
      return durationToWire(value as string);
    case "message":
      return Object.keys(value as object).length > 0 ? WIRE_MESSAGES[field.message].fromJson(value as JsonValue) : undefined;
    default:
      return copied(value);
  }
}

/** One field's value from the `…Info` message, by its kind in the table. */
function valueFromWire(name: string, field: FieldDescription, value: unknown): unknown {
  switch (field.kind) {
    case "enum":
      // An enum number this version does not know reads as the field's default.
      return WIRE_ENUMS[name as EnumFieldName][value as number] ?? field.values[0];
    case "duration":
      return durationFromWire(value as Duration | undefined);
    case "message":
      return value ? ((value as Message).toJson() as Record<string, unknown>) : {};
    default:
      return copied(value);
  }
}

/** The full `…Info` message for create and replace (no ID: the request carries it). */
export function toWire<I extends Message<I>>(shape: WireShape<I, Message>, fields: FieldValues): I {
  const info: Record<string, unknown> = {};
  for (const name of fieldNames(shape.table)) {
    const field = shape.table[name];
    if (field.kind === "media") {
      info.media = hasMediaSettings(fields) ? mediaToWire({ ...(fields.media as MediaFields), encryption: fields.mediaEncryption as MediaChange["encryption"] }) : undefined;
    } else info[name] = valueToWire(name, field, fields[name]);
  }
  return new shape.info(info as PartialMessage<I>);
}

/**
 * The live record as complete fields. The effective encryption is `media.encryption` when set,
 * else the legacy field, which is how LiveKit itself resolves the two.
 */
export function fromWire<I extends Message<I>>(shape: WireShape<I, Message>, info: I): FieldValues {
  const wire = info as unknown as Record<string, unknown>;
  const fields: FieldValues = {};
  for (const name of fieldNames(shape.table)) {
    const field = shape.table[name];
    if (field.kind !== "media") fields[name] = valueFromWire(name, field, wire[name]);
  }
  if (shape.table.media?.kind === "media") {
    const media = wire.media as SIPMediaConfig | undefined;
    fields.mediaEncryption = valueFromWire("mediaEncryption", shape.table.mediaEncryption, media?.encryption ?? wire.mediaEncryption);
    fields.media = media
      ? { onlyListedCodecs: media.onlyListedCodecs, codecs: media.codecs.map((c) => ({ name: c.name, rate: c.rate })), mediaTimeout: durationFromWire(media.mediaTimeout) }
      : emptyFields(shape.table).media;
  }
  return fields;
}

function listChangeToWire(change: ListChange): ListUpdate {
  return new ListUpdate({ set: change.set, add: change.add, remove: change.remove, clear: change.clear });
}

/** The `…Update` message for a planned field update (`changes` keyed by field, as the planner makes them). */
export function changesToWire<U extends Message<U>>(shape: WireShape<Message, U>, changes: object): U {
  const update: Record<string, unknown> = {};
  for (const [name, change] of Object.entries(changes)) {
    const field = shape.table[name];
    if (change === undefined) continue;
    if (field.kind === "media") update.media = mediaToWire(change as MediaChange);
    else if (field.update === "listUpdate") update[name] = listChangeToWire(change as ListChange);
    else update[name] = valueToWire(name, field, change);
  }
  return new shape.update(update as PartialMessage<U>);
}

/** The full `SIPInboundTrunkInfo` of a trunk. */
export function trunkToWire(fields: TrunkFields): SIPInboundTrunkInfo {
  return toWire(INBOUND_TRUNK_WIRE, fields);
}

/** The live inbound trunk as complete fields. */
export function trunkFromWire(info: SIPInboundTrunkInfo): TrunkFields {
  return fromWire(INBOUND_TRUNK_WIRE, info) as TrunkFields;
}
