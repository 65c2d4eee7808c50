import { FieldTable, HEADER_FIELDS, MEDIA_ENCRYPTION_FIELD, MEDIA_FIELD, secretFields, TRANSPORTS } from "./fields";

/*
 * The outbound trunk's table: every field of `SIPOutboundTrunkInfo` a user declares, with how
 * `SIPOutboundTrunkUpdate` carries it (on the pinned livekit-server v1.13.5: address, transport,
 * destination country, numbers, auth, name, metadata, fromHost and media; the header maps and
 * includeHeaders only through replace).
 */

export const OUTBOUND_TRUNK_FIELDS = {
  name: { kind: "string", update: "set", doc: "Human-readable name shown in LiveKit." },
  metadata: { kind: "string", update: "set", doc: "Free-form metadata." },
  address: { kind: "host", update: "set", doc: "Hostname or IP of the SIP provider, with an optional port; not a SIP URI." },
  destinationCountry: { kind: "string", update: "set", doc: "ISO 3166-1 alpha-2 country the calls go to, for region pinning." },
  transport: { kind: "enum", values: TRANSPORTS, update: "set", doc: "SIP transport; AUTO lets LiveKit pick." },
  numbers: { kind: "list", item: "phoneNumber", update: "listUpdate", doc: "Caller numbers the trunk may call from, in E.164; at least one." },
  authUsername: { kind: "string", update: "set", doc: "SIP digest username the provider expects." },
  authPassword: { kind: "string", update: "set", secret: true, doc: "SIP digest password; always kept secret." },
  ...HEADER_FIELDS,
  mediaEncryption: MEDIA_ENCRYPTION_FIELD,
  media: MEDIA_FIELD,
  fromHost: { kind: "host", update: "set", doc: "Host used in the From header of outgoing calls; LiveKit's SIP domain when unset." },
} as const satisfies FieldTable;

export const OUTBOUND_SECRET_FIELDS = secretFields(OUTBOUND_TRUNK_FIELDS);

/** `SIPTransport` by name. */
export type Transport = (typeof TRANSPORTS)[number];
