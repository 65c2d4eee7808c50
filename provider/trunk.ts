/**
 * The trunk as this provider reasons about it: every field of LiveKit's `SIPInboundTrunkInfo`
 * that a user declares, in LiveKit's JSON spelling (camelCase names, enum names, protobuf
 * duration strings), so that a `lk` JSON file maps one-to-one.
 *
 * Two shapes exist on purpose:
 * - {@link TrunkSpec}: sparse, what a user writes and what Pulumi stores (absent = default);
 * - {@link TrunkFields}: complete, every default spelled out, so that comparing two trunks is
 *   comparing values and never "absent vs empty".
 */

import { FieldDescription, INCLUDE_HEADERS, MEDIA_ENCRYPTIONS, TRUNK_FIELD_NAMES, TRUNK_FIELDS, TrunkFieldName } from "./fields";

export { INCLUDE_HEADERS, MEDIA_ENCRYPTIONS, TRUNK_FIELD_NAMES, TrunkFieldName };

/** `SIPHeaderOptions` by name. */
export type IncludeHeaders = (typeof INCLUDE_HEADERS)[number];
/** `SIPMediaEncryption` by name. */
export type MediaEncryption = (typeof MEDIA_ENCRYPTIONS)[number];

/** One audio codec offered on the trunk. */
export interface SipCodec {
  /** Codec name as LiveKit knows it, e.g. `PCMU`, `G722`, `opus`. */
  name: string;
  /** Clock rate in Hz; 0 or absent lets LiveKit pick the codec's default. */
  rate?: number;
}

/** `SIPMediaConfig`. */
export interface MediaConfig {
  /** Use only the listed codecs instead of adding them to LiveKit's defaults. */
  onlyListedCodecs?: boolean;
  /** Codecs, in order of preference. */
  codecs?: SipCodec[];
  /** Media encryption; wins over the deprecated top-level `mediaEncryption`. */
  encryption?: MediaEncryption;
  /** How long without media before a call is dropped, as a duration string such as `"30s"`. */
  mediaTimeout?: string;
}

/** A sparse inbound trunk: what a user declares and what Pulumi keeps as inputs. */
export interface TrunkSpec {
  name?: string;
  metadata?: string;
  numbers?: string[];
  allowedAddresses?: string[];
  allowedNumbers?: string[];
  authUsername?: string;
  authPassword?: string;
  authRealm?: string;
  headers?: Record<string, string>;
  headersToAttributes?: Record<string, string>;
  attributesToHeaders?: Record<string, string>;
  includeHeaders?: IncludeHeaders;
  ringingTimeout?: string;
  maxCallDuration?: string;
  krispEnabled?: boolean;
  mediaEncryption?: MediaEncryption;
  media?: MediaConfig;
}

/** Media settings other than encryption, with every default spelled out. */
export interface MediaFields {
  onlyListedCodecs: boolean;
  codecs: Required<SipCodec>[];
  /** `""` when unset. */
  mediaTimeout: string;
}

/**
 * A complete trunk. Encryption is folded into one field, `mediaEncryption`, holding the
 * effective value (`media.encryption` if set, else the legacy field), because that is what
 * LiveKit acts on and what it reports back after an update.
 */
export interface TrunkFields {
  name: string;
  metadata: string;
  numbers: string[];
  allowedAddresses: string[];
  allowedNumbers: string[];
  authUsername: string;
  authPassword: string;
  authRealm: string;
  headers: Record<string, string>;
  headersToAttributes: Record<string, string>;
  attributesToHeaders: Record<string, string>;
  includeHeaders: IncludeHeaders;
  /** `""` when unset. */
  ringingTimeout: string;
  /** `""` when unset. */
  maxCallDuration: string;
  krispEnabled: boolean;
  mediaEncryption: MediaEncryption;
  media: MediaFields;
}

/** The fields whose update path (in the table) is `P`, as a type. */
type FieldsUpdatedBy<P> = { [F in TrunkFieldName]: (typeof TRUNK_FIELDS)[F]["update"] extends P ? F : never }[TrunkFieldName];

function fieldsUpdatedBy<P extends string>(path: P): FieldsUpdatedBy<P>[] {
  return TRUNK_FIELD_NAMES.filter((name) => TRUNK_FIELDS[name].update === path) as FieldsUpdatedBy<P>[];
}

/** The list fields that `UpdateSIPInboundTrunk{update}` changes through `ListUpdate`s. */
export const LIST_FIELDS = fieldsUpdatedBy("listUpdate");
/** The scalar fields that `UpdateSIPInboundTrunk{update}` can set. */
export const UPDATABLE_SCALAR_FIELDS = fieldsUpdatedBy("set");
/** Fields that only `UpdateSIPInboundTrunk{replace}` can change: `SIPInboundTrunkUpdate` has no slot for them. */
export const REPLACE_ONLY_FIELDS = fieldsUpdatedBy("replace");

/** A field's value when unset, by its kind in the table. */
function unsetValue(field: FieldDescription): unknown {
  switch (field.kind) {
    case "string":
    case "duration":
      return "";
    case "boolean":
      return false;
    case "list":
      return [];
    case "map":
      return {};
    case "enum":
      return field.values[0];
    case "media":
      return { onlyListedCodecs: false, codecs: [], mediaTimeout: "" };
  }
}

/** Whether a complete field's value is its unset value (the sparse form leaves it out). */
function isUnset(field: FieldDescription, value: unknown): boolean {
  switch (field.kind) {
    case "list":
      return (value as unknown[]).length === 0;
    case "map":
      return Object.keys(value as object).length === 0;
    case "media": {
      const media = value as MediaFields;
      return !media.onlyListedCodecs && media.codecs.length === 0 && media.mediaTimeout === "";
    }
    default:
      return value === unsetValue(field);
  }
}

/** A copy of a value, so that trunks (and messages) never share lists or maps. */
export function copied<T>(value: T): T {
  if (Array.isArray(value)) return [...value] as T;
  return value !== null && typeof value === "object" ? ({ ...value } as T) : value;
}

/** The trunk with nothing set. */
export function emptyTrunk(): TrunkFields {
  const trunk: Record<string, unknown> = {};
  for (const name of TRUNK_FIELD_NAMES) trunk[name] = unsetValue(TRUNK_FIELDS[name]);
  return trunk as unknown as TrunkFields;
}

/** Fills in every default of a (validated, canonical) spec. */
export function completeTrunk(spec: TrunkSpec): TrunkFields {
  const trunk = emptyTrunk() as unknown as Record<string, unknown>;
  for (const name of TRUNK_FIELD_NAMES) {
    if (name !== "media" && spec[name] !== undefined) trunk[name] = copied(spec[name]);
  }
  const media = spec.media ?? {};
  // One effective encryption: media.encryption wins over the deprecated top-level field.
  if (media.encryption !== undefined) trunk.mediaEncryption = media.encryption;
  trunk.media = {
    onlyListedCodecs: media.onlyListedCodecs ?? false,
    codecs: (media.codecs ?? []).map((c) => ({ name: c.name, rate: c.rate ?? 0 })),
    mediaTimeout: media.mediaTimeout ?? "",
  };
  return trunk as unknown as TrunkFields;
}

/** The sparse form of a complete trunk: defaults left out, as Pulumi shows and stores it. */
export function sparseTrunk(fields: TrunkFields): TrunkSpec {
  const spec: Record<string, unknown> = {};
  for (const name of TRUNK_FIELD_NAMES) {
    if (name !== "media" && !isUnset(TRUNK_FIELDS[name], fields[name])) spec[name] = copied(fields[name]);
  }
  const media: MediaConfig = {};
  if (fields.media.onlyListedCodecs) media.onlyListedCodecs = true;
  if (fields.media.codecs.length > 0) {
    media.codecs = fields.media.codecs.map((c) => (c.rate ? { name: c.name, rate: c.rate } : { name: c.name }));
  }
  if (fields.media.mediaTimeout) media.mediaTimeout = fields.media.mediaTimeout;
  if (Object.keys(media).length > 0) spec.media = media;
  return spec as TrunkSpec;
}
