import * as pulumi from "@pulumi/pulumi";
import type { IncludeHeaders, MediaEncryption } from "../provider/core/trunk";
import type { Transport } from "../provider/core/outboundTrunkFields";
import { OUTBOUND_SECRET_FIELDS } from "../provider/core/outboundTrunkFields";
import { OUTBOUND_TRUNK_NAME, RESOURCE_MODULE } from "../provider/core/resourceType";
import { managedOptions, propertiesWithSecrets } from "./managedResource";
import type { SipMedia, SipMediaArgs } from "./media";
import { providerStub } from "./providerStub";

/**
 * The arguments of an {@link OutboundTrunk}: every field of LiveKit's `SIPOutboundTrunkInfo`,
 * named as in LiveKit's JSON. Every field can change after creation; the provider picks a
 * field-level update or a full replace of the same trunk ID. All are checked at `pulumi preview`.
 */
export interface OutboundTrunkArgs {
  /**
   * Human-readable name shown in LiveKit. Changed with a field update.
   * @default ""
   * @example "Carrier A"
   */
  name?: pulumi.Input<string>;
  /**
   * Free-form metadata. Changed with a field update.
   * @default ""
   * @example JSON.stringify({ team: "sales" })
   */
  metadata?: pulumi.Input<string>;
  /**
   * Hostname or IP of the SIP provider, with an optional port; not a SIP URI. Required. Changed
   * with a field update.
   * @default none (required)
   * @example "sip.carrier.example.com"
   */
  address: pulumi.Input<string>;
  /**
   * ISO 3166-1 alpha-2 country the calls go to, used by LiveKit Cloud for region pinning.
   * Changed with a field update.
   * @default ""
   * @example "US"
   */
  destinationCountry?: pulumi.Input<string>;
  /**
   * SIP transport: `SIP_TRANSPORT_AUTO`, `SIP_TRANSPORT_UDP`, `SIP_TRANSPORT_TCP` or
   * `SIP_TRANSPORT_TLS`. Changed with a field update.
   * @default "SIP_TRANSPORT_AUTO"
   * @example "SIP_TRANSPORT_TLS"
   */
  transport?: pulumi.Input<Transport>;
  /**
   * Numbers calls may come from, in E.164; at least one. Changed with a field update (minimal
   * add/remove).
   * @default none (required)
   * @example ["+15105550100"]
   */
  numbers: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * SIP digest username the provider expects; set together with `authPassword`. Changed with a
   * field update.
   * @default ""
   * @example "livekit"
   */
  authUsername?: pulumi.Input<string>;
  /**
   * SIP digest password; always kept secret in state, diffs, drift reports and output. Changed
   * with a field update.
   * @default ""
   * @example config.requireSecret("carrierPassword")
   */
  authPassword?: pulumi.Input<string>;
  /**
   * SIP headers added to requests LiveKit sends on this trunk; values always kept secret.
   * Changed with a replace.
   * @default {}
   * @example { "X-Carrier-Account": "acme-42" }
   */
  headers?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Map of SIP header name to participant attribute name. Changed with a replace.
   * @default {}
   * @example { "X-Call-Id": "call.id" }
   */
  headersToAttributes?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Map of participant attribute name to SIP header name. Changed with a replace.
   * @default {}
   * @example { "agent.name": "X-Agent" }
   */
  attributesToHeaders?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Which headers become attributes: `SIP_NO_HEADERS`, `SIP_X_HEADERS` or `SIP_ALL_HEADERS`.
   * Changed with a replace.
   * @default "SIP_NO_HEADERS"
   * @example "SIP_X_HEADERS"
   */
  includeHeaders?: pulumi.Input<IncludeHeaders>;
  /**
   * Media encryption under its older top-level name.
   * @deprecated use `media.encryption`.
   * @default "SIP_MEDIA_ENCRYPT_DISABLE"
   * @example "SIP_MEDIA_ENCRYPT_ALLOW"
   */
  mediaEncryption?: pulumi.Input<MediaEncryption>;
  /**
   * Codecs, encryption and media timeout. Changed with a field update (the whole media config).
   * @default {}
   * @example { encryption: "SIP_MEDIA_ENCRYPT_REQUIRE" }
   */
  media?: pulumi.Input<SipMediaArgs>;
  /**
   * Host used in the From header of outgoing calls; LiveKit's SIP domain when unset. Changed
   * with a field update.
   * @default ""
   * @example "sip.example.com"
   */
  fromHost?: pulumi.Input<string>;
  /**
   * ID of an existing outbound trunk (e.g. made with `lk sip outbound create`) to bring under
   * management instead of creating one; it keeps its ID and is converged to these arguments.
   * @default unset (create a new trunk)
   * @example "ST_Xc8LhGvT9kq2"
   */
  adoptTrunkId?: pulumi.Input<string>;
}

/**
 * A LiveKit SIP outbound trunk: how LiveKit places calls through your SIP provider. Its outputs
 * are the trunk as LiveKit holds it, in the program's spelling, with unset fields left out.
 *
 * @example
 * ```ts
 * import { OutboundTrunk } from "livekit-sip-pulumi";
 *
 * const carrier = new OutboundTrunk("carrier", {
 *   address: "sip.carrier.example.com",
 *   numbers: ["+15105550100"],
 *   authUsername: "livekit",
 *   authPassword: config.requireSecret("carrierPassword"),
 * });
 * export const outboundTrunkId = carrier.sipTrunkId;
 * ```
 */
export class OutboundTrunk extends pulumi.dynamic.Resource {
  /**
   * LiveKit's ID of the trunk: what `CreateSIPParticipant` and `lk sip participant create` use.
   * @example "ST_Xc8LhGvT9kq2"
   */
  declare readonly sipTrunkId: pulumi.Output<string>;
  /** The live name; see {@link OutboundTrunkArgs.name}. */
  declare readonly name: pulumi.Output<string | undefined>;
  /** The live metadata; see {@link OutboundTrunkArgs.metadata}. */
  declare readonly metadata: pulumi.Output<string | undefined>;
  /** The live address; see {@link OutboundTrunkArgs.address}. */
  declare readonly address: pulumi.Output<string>;
  /** The live destination country; see {@link OutboundTrunkArgs.destinationCountry}. */
  declare readonly destinationCountry: pulumi.Output<string | undefined>;
  /** The live transport; see {@link OutboundTrunkArgs.transport}. */
  declare readonly transport: pulumi.Output<Transport | undefined>;
  /** The live numbers; see {@link OutboundTrunkArgs.numbers}. */
  declare readonly numbers: pulumi.Output<string[]>;
  /** The live SIP digest username; see {@link OutboundTrunkArgs.authUsername}. */
  declare readonly authUsername: pulumi.Output<string | undefined>;
  /** The live SIP digest password, secret; see {@link OutboundTrunkArgs.authPassword}. */
  declare readonly authPassword: pulumi.Output<string | undefined>;
  /** The live headers, secret; see {@link OutboundTrunkArgs.headers}. */
  declare readonly headers: pulumi.Output<Record<string, string> | undefined>;
  /** The live header-to-attribute map; see {@link OutboundTrunkArgs.headersToAttributes}. */
  declare readonly headersToAttributes: pulumi.Output<Record<string, string> | undefined>;
  /** The live attribute-to-header map; see {@link OutboundTrunkArgs.attributesToHeaders}. */
  declare readonly attributesToHeaders: pulumi.Output<Record<string, string> | undefined>;
  /** Which headers become attributes, live; see {@link OutboundTrunkArgs.includeHeaders}. */
  declare readonly includeHeaders: pulumi.Output<IncludeHeaders | undefined>;
  /** The live encryption, when the program used the older top-level name; see {@link OutboundTrunkArgs.mediaEncryption}. */
  declare readonly mediaEncryption: pulumi.Output<MediaEncryption | undefined>;
  /** The live media settings; see {@link OutboundTrunkArgs.media}. */
  declare readonly media: pulumi.Output<SipMedia | undefined>;
  /** The live From host; see {@link OutboundTrunkArgs.fromHost}. */
  declare readonly fromHost: pulumi.Output<string | undefined>;

  constructor(name: string, args: OutboundTrunkArgs, opts?: pulumi.CustomResourceOptions) {
    const props = propertiesWithSecrets(args, OUTBOUND_SECRET_FIELDS, "sipTrunkId");
    super(providerStub("livekit-sip-pulumi/provider/outbound-trunk"), name, props, managedOptions(opts, OUTBOUND_SECRET_FIELDS), RESOURCE_MODULE, OUTBOUND_TRUNK_NAME);
  }
}
