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

import { completeFields, emptyFields, sparseFields } from "./records";
import { INCLUDE_HEADERS, MEDIA_ENCRYPTIONS, TRUNK_FIELD_NAMES, TRUNK_FIELDS, TrunkFieldName } from "./fields";

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
export type TrunkSpec = {
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
};

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
export type TrunkFields = {
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
};

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

/** The trunk with nothing set. */
export function emptyTrunk(): TrunkFields {
  return emptyFields(TRUNK_FIELDS) as TrunkFields;
}

/** Fills in every default of a (validated, canonical) spec. */
export function completeTrunk(spec: TrunkSpec): TrunkFields {
  return completeFields(TRUNK_FIELDS, spec) as TrunkFields;
}

/** The sparse form of a complete trunk: defaults left out, as Pulumi shows and stores it. */
export function sparseTrunk(fields: TrunkFields): TrunkSpec {
  return sparseFields(TRUNK_FIELDS, fields) as TrunkSpec;
}
