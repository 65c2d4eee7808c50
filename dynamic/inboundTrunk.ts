import * as pulumi from "@pulumi/pulumi";
import type { IncludeHeaders, MediaEncryption } from "../provider/core/trunk";
import type { SipMedia, SipMediaArgs } from "./media";
import { SECRET_FIELDS } from "../provider/core/fields";
import { INBOUND_TRUNK_NAME, RESOURCE_MODULE } from "../provider/core/resourceType";
import { managedOptions, propertiesWithSecrets } from "./managedResource";
import { claimNumbers } from "./numberClaims";
import { providerStub } from "./providerStub";

/** Media settings of a trunk: {@link SipMediaArgs}. */
export type InboundTrunkMediaArgs = SipMediaArgs;

/**
 * The arguments of an {@link InboundTrunk}: every field of LiveKit's `SIPInboundTrunkInfo`, named
 * as in LiveKit's JSON. Every field can change after creation; the provider picks a field-level
 * update or a full replace of the same trunk ID, never a new trunk. All are checked at
 * `pulumi preview`, before anything is sent.
 */
export interface InboundTrunkArgs {
  /**
   * Human-readable name shown in LiveKit. Changed with a field update.
   * @default ""
   * @example "Main line"
   */
  name?: pulumi.Input<string>;
  /**
   * Free-form metadata, passed to participants' attributes. Changed with a field update.
   * @default ""
   * @example JSON.stringify({ team: "support" })
   */
  metadata?: pulumi.Input<string>;
  /**
   * Phone numbers the trunk answers, in E.164. Empty means any number, which requires
   * `authUsername`/`authPassword` or `allowedAddresses`. Two trunks of one program answering one
   * number fail preview unless `allowedNumbers` tell their callers apart. Changed with a field
   * update (minimal add/remove).
   * @default []
   * @example ["+15105550100"]
   */
  numbers?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * IP addresses or CIDR ranges allowed to send calls. Changed with a field update.
   * @default [] (any address)
   * @example ["203.0.113.0/24"]
   */
  allowedAddresses?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Caller numbers allowed to call, in E.164. Changed with a field update.
   * @default [] (every caller)
   * @example ["+13105550100"]
   */
  allowedNumbers?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * SIP digest username; set together with `authPassword`. Changed with a field update.
   * @default ""
   * @example "pbx"
   */
  authUsername?: pulumi.Input<string>;
  /**
   * SIP digest password; always kept secret in state, diffs, drift reports and output.
   * Changed with a field update.
   * @default ""
   * @example config.requireSecret("pbxPassword")
   */
  authPassword?: pulumi.Input<string>;
  /**
   * SIP digest realm; LiveKit picks one when unset. Changed with a field update.
   * @default ""
   * @example "sip.example.com"
   */
  authRealm?: pulumi.Input<string>;
  /**
   * SIP headers added to responses LiveKit sends on this trunk. The values are always kept
   * secret, like `authPassword` (they often carry a carrier's token). Changed with a replace.
   * @default {}
   * @example { "X-Carrier-Account": "acme-42" }
   */
  headers?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Map of SIP header name to participant attribute name. Changed with a replace.
   * @default {}
   * @example { "X-Customer-Id": "customer.id" }
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
   * How long to ring before giving up, at most 10 minutes: `"30s"` or a number of seconds.
   * Changed with a replace.
   * @default unset (LiveKit's default)
   * @example "30s"
   */
  ringingTimeout?: pulumi.Input<string | number>;
  /**
   * Longest allowed call, at most 48 hours: `"3600s"` or a number of seconds. Changed with a replace.
   * @default unset (no limit set)
   * @example "3600s"
   */
  maxCallDuration?: pulumi.Input<string | number>;
  /**
   * Krisp noise cancellation for callers. Changed with a replace.
   * @default false
   * @example true
   */
  krispEnabled?: pulumi.Input<boolean>;
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
   * @example { encryption: "SIP_MEDIA_ENCRYPT_REQUIRE", codecs: [{ name: "PCMU" }] }
   */
  media?: pulumi.Input<InboundTrunkMediaArgs>;
  /**
   * ID of an existing trunk (e.g. made with `lk sip inbound create`) to bring under management
   * instead of creating one; it keeps its ID and is converged to these arguments. Read only
   * until the trunk is in the state (`pulumi import` does not work for dynamic resources, so this
   * is how to adopt); preview says what adopting will change.
   * @default unset (create a new trunk)
   * @example "ST_B3jhQdmhQzg7"
   */
  adoptTrunkId?: pulumi.Input<string>;
}

/** The media settings as LiveKit holds them: {@link SipMedia}. */
export type InboundTrunkMedia = SipMedia;

/**
 * A LiveKit SIP inbound trunk. Its outputs are the trunk as LiveKit holds it (read back after
 * each write and on refresh), in the program's spelling, with unset fields left out.
 *
 * @example
 * ```ts
 * import { InboundTrunk } from "livekit-sip-pulumi";
 *
 * const main = new InboundTrunk("main", {
 *   name: "Main line",
 *   numbers: ["+15105550100"],
 *   krispEnabled: true,
 * });
 * export const trunkId = main.sipTrunkId;
 * ```
 *
 * Credentials come from stack config `livekit:url`, `livekit:apiKey`, `livekit:apiSecret`
 * (secret), or from `LIVEKIT_URL`, `LIVEKIT_API_KEY`, `LIVEKIT_API_SECRET`.
 */
export class InboundTrunk extends pulumi.dynamic.Resource {
  /**
   * LiveKit's ID of the trunk: what dispatch rules and `lk` refer to.
   * @example "ST_B3jhQdmhQzg7"
   */
  declare readonly sipTrunkId: pulumi.Output<string>;
  /** The live name; see {@link InboundTrunkArgs.name}. */
  declare readonly name: pulumi.Output<string | undefined>;
  /** The live metadata; see {@link InboundTrunkArgs.metadata}. */
  declare readonly metadata: pulumi.Output<string | undefined>;
  /** The live numbers; see {@link InboundTrunkArgs.numbers}. */
  declare readonly numbers: pulumi.Output<string[] | undefined>;
  /** The live allowed addresses; see {@link InboundTrunkArgs.allowedAddresses}. */
  declare readonly allowedAddresses: pulumi.Output<string[] | undefined>;
  /** The live allowed caller numbers; see {@link InboundTrunkArgs.allowedNumbers}. */
  declare readonly allowedNumbers: pulumi.Output<string[] | undefined>;
  /** The live SIP digest username; see {@link InboundTrunkArgs.authUsername}. */
  declare readonly authUsername: pulumi.Output<string | undefined>;
  /** The live SIP digest password, secret; see {@link InboundTrunkArgs.authPassword}. */
  declare readonly authPassword: pulumi.Output<string | undefined>;
  /** The live SIP digest realm; see {@link InboundTrunkArgs.authRealm}. */
  declare readonly authRealm: pulumi.Output<string | undefined>;
  /** The live headers, secret; see {@link InboundTrunkArgs.headers}. */
  declare readonly headers: pulumi.Output<Record<string, string> | undefined>;
  /** The live header-to-attribute map; see {@link InboundTrunkArgs.headersToAttributes}. */
  declare readonly headersToAttributes: pulumi.Output<Record<string, string> | undefined>;
  /** The live attribute-to-header map; see {@link InboundTrunkArgs.attributesToHeaders}. */
  declare readonly attributesToHeaders: pulumi.Output<Record<string, string> | undefined>;
  /** Which headers become attributes, live; see {@link InboundTrunkArgs.includeHeaders}. */
  declare readonly includeHeaders: pulumi.Output<IncludeHeaders | undefined>;
  /** The live ringing timeout, e.g. `"30s"`; see {@link InboundTrunkArgs.ringingTimeout}. */
  declare readonly ringingTimeout: pulumi.Output<string | undefined>;
  /** The live longest call, e.g. `"3600s"`; see {@link InboundTrunkArgs.maxCallDuration}. */
  declare readonly maxCallDuration: pulumi.Output<string | undefined>;
  /** Whether Krisp is on, live; see {@link InboundTrunkArgs.krispEnabled}. */
  declare readonly krispEnabled: pulumi.Output<boolean | undefined>;
  /** The live encryption, when the program used the older top-level name; see {@link InboundTrunkArgs.mediaEncryption}. */
  declare readonly mediaEncryption: pulumi.Output<MediaEncryption | undefined>;
  /** The live media settings, `encryption` included when the program set `media.encryption`; see {@link InboundTrunkArgs.media}. */
  declare readonly media: pulumi.Output<InboundTrunkMedia | undefined>;

  constructor(name: string, args: InboundTrunkArgs, opts?: pulumi.CustomResourceOptions) {
    claimNumbers(name, args.numbers, args.allowedNumbers);
    const props = propertiesWithSecrets(args, SECRET_FIELDS, "sipTrunkId");
    super(providerStub("livekit-sip-pulumi/provider"), name, props, managedOptions(opts, SECRET_FIELDS), RESOURCE_MODULE, INBOUND_TRUNK_NAME);
  }
}
