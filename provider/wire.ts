import {
  ListUpdate,
  SIPCodec,
  SIPHeaderOptions,
  SIPInboundTrunkInfo,
  SIPInboundTrunkUpdate,
  SIPMediaConfig,
  SIPMediaEncryption,
} from "@livekit/protocol";
import { Duration } from "@bufbuild/protobuf";
import { formatDuration, parseDuration } from "./durations";
import { FieldChanges, ListChange, MediaChange } from "./plan";
import { emptyTrunk, IncludeHeaders, MediaEncryption, TrunkFields } from "./trunk";

/**
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

function includeHeadersFromWire(value: SIPHeaderOptions): IncludeHeaders {
  return (SIPHeaderOptions[value] as IncludeHeaders | undefined) ?? "SIP_NO_HEADERS";
}

function encryptionFromWire(value: SIPMediaEncryption): MediaEncryption {
  return (SIPMediaEncryption[value] as MediaEncryption | undefined) ?? "SIP_MEDIA_ENCRYPT_DISABLE";
}

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

/** The full `SIPInboundTrunkInfo` for create and replace (no ID: the request carries it). */
export function trunkToWire(fields: TrunkFields): SIPInboundTrunkInfo {
  return new SIPInboundTrunkInfo({
    name: fields.name,
    metadata: fields.metadata,
    numbers: [...fields.numbers],
    allowedAddresses: [...fields.allowedAddresses],
    allowedNumbers: [...fields.allowedNumbers],
    authUsername: fields.authUsername,
    authPassword: fields.authPassword,
    authRealm: fields.authRealm,
    headers: { ...fields.headers },
    headersToAttributes: { ...fields.headersToAttributes },
    attributesToHeaders: { ...fields.attributesToHeaders },
    includeHeaders: SIPHeaderOptions[fields.includeHeaders],
    ringingTimeout: durationToWire(fields.ringingTimeout),
    maxCallDuration: durationToWire(fields.maxCallDuration),
    krispEnabled: fields.krispEnabled,
    mediaEncryption: SIPMediaEncryption[fields.mediaEncryption],
    media: hasMediaSettings(fields) ? mediaToWire({ ...fields.media, encryption: fields.mediaEncryption }) : undefined,
  });
}

/**
 * The live trunk as complete fields. The effective encryption is `media.encryption` when set,
 * else the legacy field, which is how LiveKit itself resolves the two.
 */
export function trunkFromWire(info: SIPInboundTrunkInfo): TrunkFields {
  const empty = emptyTrunk();
  const media = info.media;
  return {
    name: info.name,
    metadata: info.metadata,
    numbers: [...info.numbers],
    allowedAddresses: [...info.allowedAddresses],
    allowedNumbers: [...info.allowedNumbers],
    authUsername: info.authUsername,
    authPassword: info.authPassword,
    authRealm: info.authRealm,
    headers: { ...info.headers },
    headersToAttributes: { ...info.headersToAttributes },
    attributesToHeaders: { ...info.attributesToHeaders },
    includeHeaders: includeHeadersFromWire(info.includeHeaders),
    ringingTimeout: durationFromWire(info.ringingTimeout),
    maxCallDuration: durationFromWire(info.maxCallDuration),
    krispEnabled: info.krispEnabled,
    mediaEncryption: encryptionFromWire(media?.encryption ?? info.mediaEncryption),
    media: media
      ? {
          onlyListedCodecs: media.onlyListedCodecs,
          codecs: media.codecs.map((c) => ({ name: c.name, rate: c.rate })),
          mediaTimeout: durationFromWire(media.mediaTimeout),
        }
      : empty.media,
  };
}

function listChangeToWire(change: ListChange | undefined): ListUpdate | undefined {
  return change ? new ListUpdate({ set: change.set, add: change.add, remove: change.remove, clear: change.clear }) : undefined;
}

/** The `SIPInboundTrunkUpdate` for a planned field update. */
export function changesToWire(changes: FieldChanges): SIPInboundTrunkUpdate {
  return new SIPInboundTrunkUpdate({
    numbers: listChangeToWire(changes.numbers),
    allowedAddresses: listChangeToWire(changes.allowedAddresses),
    allowedNumbers: listChangeToWire(changes.allowedNumbers),
    name: changes.name,
    metadata: changes.metadata,
    authUsername: changes.authUsername,
    authPassword: changes.authPassword,
    authRealm: changes.authRealm,
    mediaEncryption: changes.mediaEncryption === undefined ? undefined : SIPMediaEncryption[changes.mediaEncryption],
    media: changes.media ? mediaToWire(changes.media) : undefined,
  });
}
