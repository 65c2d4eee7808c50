import {
  ListUpdate,
  SIPCodec,
  SIPHeaderOptions,
  SIPInboundTrunkInfo,
  SIPInboundTrunkUpdate,
  SIPMediaConfig,
  SIPMediaEncryption,
} from "@livekit/protocol";
import { Duration, PartialMessage } from "@bufbuild/protobuf";
import { FieldDescription, TRUNK_FIELDS } from "./fields";
import { formatDuration, parseDuration } from "./durations";
import { FieldChanges, ListChange, MediaChange } from "./plan";
import { copied, emptyTrunk, LIST_FIELDS, TRUNK_FIELD_NAMES, TrunkFieldName, TrunkFields, UPDATABLE_SCALAR_FIELDS } from "./trunk";

/*
 * Mapping between the provider's plain trunk and LiveKit's protobuf messages. The only module
 * that knows the wire types; everything above it works on {@link TrunkFields}.
 */

function durationToWire(value: string): Duration | undefined {
  const parts = value ? parseDuration(value) : undefined;
  return parts && (parts.seconds > 0n || parts.nanos > 0) ? new Duration(parts) : undefined;
}

function durationFromWire(value: Duration | undefined): string {
  return value && (value.seconds > 0n || value.nanos > 0) ? formatDuration({ seconds: value.seconds, nanos: value.nanos }) : "";
}

/** The enum fields of the table. */
type EnumFieldName = { [F in TrunkFieldName]: (typeof TRUNK_FIELDS)[F]["kind"] extends "enum" ? F : never }[TrunkFieldName];

/** The protobuf enum behind each enum field of the table (a new one fails to compile until added). */
const WIRE_ENUMS: Record<EnumFieldName, Record<string, string | number>> = { includeHeaders: SIPHeaderOptions, mediaEncryption: SIPMediaEncryption };

function mediaToWire(media: MediaChange): SIPMediaConfig {
  return new SIPMediaConfig({
    onlyListedCodecs: media.onlyListedCodecs,
    codecs: media.codecs.map((c) => new SIPCodec({ name: c.name, rate: c.rate })),
    encryption: SIPMediaEncryption[media.encryption],
    mediaTimeout: durationToWire(media.mediaTimeout),
  });
}

function hasMediaSettings(fields: TrunkFields): boolean {
  const { media } = fields;
  return media.onlyListedCodecs || media.codecs.length > 0 || media.mediaTimeout !== "" || fields.mediaEncryption !== "SIP_MEDIA_ENCRYPT_DISABLE";
}

/** One field's value as `SIPInboundTrunkInfo` holds it (same name there), by its kind in the table. */
function valueToWire(name: TrunkFieldName, value: unknown): unknown {
  const field: FieldDescription = TRUNK_FIELDS[name];
  switch (field.kind) {
    case "enum":
      return WIRE_ENUMS[name as EnumFieldName][value as string];
    case "duration":
      return durationToWire(value as string);
    default:
      return copied(value);
  }
}

/** One field's value from `SIPInboundTrunkInfo`, by its kind in the table. */
function valueFromWire(name: TrunkFieldName, value: unknown): unknown {
  const field: FieldDescription = TRUNK_FIELDS[name];
  switch (field.kind) {
    case "enum":
      // An enum number this version does not know reads as the field's default.
      return WIRE_ENUMS[name as EnumFieldName][value as number] ?? field.values[0];
    case "duration":
      return durationFromWire(value as Duration | undefined);
    default:
      return copied(value);
  }
}

/** The full `SIPInboundTrunkInfo` for create and replace (no ID: the request carries it). */
export function trunkToWire(fields: TrunkFields): SIPInboundTrunkInfo {
  const info: Record<string, unknown> = {};
  for (const name of TRUNK_FIELD_NAMES) {
    if (name !== "media") info[name] = valueToWire(name, fields[name]);
  }
  info.media = hasMediaSettings(fields) ? mediaToWire({ ...fields.media, encryption: fields.mediaEncryption }) : undefined;
  return new SIPInboundTrunkInfo(info as PartialMessage<SIPInboundTrunkInfo>);
}

/**
 * The live trunk as complete fields. The effective encryption is `media.encryption` when set,
 * else the legacy field, which is how LiveKit itself resolves the two.
 */
export function trunkFromWire(info: SIPInboundTrunkInfo): TrunkFields {
  const fields: Record<string, unknown> = {};
  for (const name of TRUNK_FIELD_NAMES) {
    if (name !== "media") fields[name] = valueFromWire(name, info[name]);
  }
  const media = info.media;
  fields.mediaEncryption = valueFromWire("mediaEncryption", media?.encryption ?? info.mediaEncryption);
  fields.media = media
    ? { onlyListedCodecs: media.onlyListedCodecs, codecs: media.codecs.map((c) => ({ name: c.name, rate: c.rate })), mediaTimeout: durationFromWire(media.mediaTimeout) }
    : emptyTrunk().media;
  return fields as unknown as TrunkFields;
}

function listChangeToWire(change: ListChange | undefined): ListUpdate | undefined {
  return change ? new ListUpdate({ set: change.set, add: change.add, remove: change.remove, clear: change.clear }) : undefined;
}

/** The `SIPInboundTrunkUpdate` for a planned field update. */
export function changesToWire(changes: FieldChanges): SIPInboundTrunkUpdate {
  const update: Record<string, unknown> = {};
  for (const name of LIST_FIELDS) update[name] = listChangeToWire(changes[name]);
  for (const name of UPDATABLE_SCALAR_FIELDS) update[name] = changes[name];
  if (changes.mediaEncryption !== undefined) update.mediaEncryption = SIPMediaEncryption[changes.mediaEncryption];
  if (changes.media) update.media = mediaToWire(changes.media);
  return new SIPInboundTrunkUpdate(update as PartialMessage<SIPInboundTrunkUpdate>);
}
