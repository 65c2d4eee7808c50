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

/** Which SIP headers LiveKit maps to participant attributes. */
export const INCLUDE_HEADERS = ["SIP_NO_HEADERS", "SIP_X_HEADERS", "SIP_ALL_HEADERS"] as const;
/** `SIPHeaderOptions` by name. */
export type IncludeHeaders = (typeof INCLUDE_HEADERS)[number];

/** Whether the trunk's media is encrypted (SRTP). */
export const MEDIA_ENCRYPTIONS = [
  "SIP_MEDIA_ENCRYPT_DISABLE",
  "SIP_MEDIA_ENCRYPT_ALLOW",
  "SIP_MEDIA_ENCRYPT_REQUIRE",
] as const;
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

/** The list fields that `UpdateSIPInboundTrunk{update}` changes through `ListUpdate`s. */
export const LIST_FIELDS = ["numbers", "allowedAddresses", "allowedNumbers"] as const satisfies readonly (keyof TrunkFields)[];
/** The credential fields; `UpdateSIPInboundTrunk{update}` can set them. */
const AUTH_FIELDS = ["authUsername", "authPassword", "authRealm"] as const satisfies readonly (keyof TrunkFields)[];
/** The scalar fields that `UpdateSIPInboundTrunk{update}` can set. */
export const UPDATABLE_SCALAR_FIELDS = ["name", "metadata", ...AUTH_FIELDS] as const;
/**
 * Fields that only `UpdateSIPInboundTrunk{replace}` can change: `SIPInboundTrunkUpdate` has no
 * slot for them.
 */
export const REPLACE_ONLY_FIELDS = [
  "headers",
  "headersToAttributes",
  "attributesToHeaders",
  "includeHeaders",
  "ringingTimeout",
  "maxCallDuration",
  "krispEnabled",
] as const satisfies readonly (keyof TrunkFields)[];

/** Every field name of a trunk, in the order LiveKit's proto declares them. */
export const TRUNK_FIELD_NAMES = [
  "name",
  "metadata",
  ...LIST_FIELDS,
  ...AUTH_FIELDS,
  ...REPLACE_ONLY_FIELDS,
  "mediaEncryption",
  "media",
] as const satisfies readonly (keyof TrunkFields)[];
/** A field of a trunk. */
export type TrunkFieldName = (typeof TRUNK_FIELD_NAMES)[number];

/** The trunk with nothing set. */
export function emptyTrunk(): TrunkFields {
  return {
    name: "",
    metadata: "",
    numbers: [],
    allowedAddresses: [],
    allowedNumbers: [],
    authUsername: "",
    authPassword: "",
    authRealm: "",
    headers: {},
    headersToAttributes: {},
    attributesToHeaders: {},
    includeHeaders: "SIP_NO_HEADERS",
    ringingTimeout: "",
    maxCallDuration: "",
    krispEnabled: false,
    mediaEncryption: "SIP_MEDIA_ENCRYPT_DISABLE",
    media: { onlyListedCodecs: false, codecs: [], mediaTimeout: "" },
  };
}

/** Fills in every default of a (validated, canonical) spec. */
export function completeTrunk(spec: TrunkSpec): TrunkFields {
  const empty = emptyTrunk();
  const media = spec.media ?? {};
  return {
    name: spec.name ?? empty.name,
    metadata: spec.metadata ?? empty.metadata,
    numbers: [...(spec.numbers ?? [])],
    allowedAddresses: [...(spec.allowedAddresses ?? [])],
    allowedNumbers: [...(spec.allowedNumbers ?? [])],
    authUsername: spec.authUsername ?? empty.authUsername,
    authPassword: spec.authPassword ?? empty.authPassword,
    authRealm: spec.authRealm ?? empty.authRealm,
    headers: { ...(spec.headers ?? {}) },
    headersToAttributes: { ...(spec.headersToAttributes ?? {}) },
    attributesToHeaders: { ...(spec.attributesToHeaders ?? {}) },
    includeHeaders: spec.includeHeaders ?? empty.includeHeaders,
    ringingTimeout: spec.ringingTimeout ?? empty.ringingTimeout,
    maxCallDuration: spec.maxCallDuration ?? empty.maxCallDuration,
    krispEnabled: spec.krispEnabled ?? empty.krispEnabled,
    mediaEncryption: media.encryption ?? spec.mediaEncryption ?? empty.mediaEncryption,
    media: {
      onlyListedCodecs: media.onlyListedCodecs ?? false,
      codecs: (media.codecs ?? []).map((c) => ({ name: c.name, rate: c.rate ?? 0 })),
      mediaTimeout: media.mediaTimeout ?? "",
    },
  };
}

/** The sparse form of a complete trunk: defaults left out, as Pulumi shows and stores it. */
export function sparseTrunk(fields: TrunkFields): TrunkSpec {
  const spec: TrunkSpec = {};
  const empty = emptyTrunk();
  for (const key of ["name", "metadata", "authUsername", "authPassword", "authRealm", "ringingTimeout", "maxCallDuration"] as const) {
    if (fields[key] !== empty[key]) spec[key] = fields[key];
  }
  for (const key of LIST_FIELDS) {
    if (fields[key].length > 0) spec[key] = [...fields[key]];
  }
  for (const key of ["headers", "headersToAttributes", "attributesToHeaders"] as const) {
    if (Object.keys(fields[key]).length > 0) spec[key] = { ...fields[key] };
  }
  if (fields.includeHeaders !== empty.includeHeaders) spec.includeHeaders = fields.includeHeaders;
  if (fields.krispEnabled) spec.krispEnabled = true;
  if (fields.mediaEncryption !== empty.mediaEncryption) spec.mediaEncryption = fields.mediaEncryption;
  const media: MediaConfig = {};
  if (fields.media.onlyListedCodecs) media.onlyListedCodecs = true;
  if (fields.media.codecs.length > 0) {
    media.codecs = fields.media.codecs.map((c) => (c.rate ? { name: c.name, rate: c.rate } : { name: c.name }));
  }
  if (fields.media.mediaTimeout) media.mediaTimeout = fields.media.mediaTimeout;
  if (Object.keys(media).length > 0) spec.media = media;
  return spec;
}
