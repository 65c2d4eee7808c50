import * as pulumi from "@pulumi/pulumi";
import type { IncludeHeaders, MediaEncryption, SipCodec } from "../provider/trunk";
import { claimNumbers } from "./numberClaims";
import { inboundTrunkStub } from "./stub";

/**
 * Inputs kept secret in state, diffs, drift reports and logs: the password, and the header
 * values (often a carrier's token; LiveKit redacts them in its own logs too).
 */
const SECRET_FIELDS = ["authPassword", "headers"] as const;

/** Media settings of a trunk (`SIPMediaConfig`). */
export interface InboundTrunkMediaArgs {
  /** Offer only `codecs` instead of adding them to LiveKit's defaults. @default false */
  onlyListedCodecs?: pulumi.Input<boolean>;
  /** Codecs in order of preference, e.g. `[{ name: "PCMU" }, { name: "G722" }]`. */
  codecs?: pulumi.Input<pulumi.Input<SipCodec>[]>;
  /** SRTP: `SIP_MEDIA_ENCRYPT_DISABLE` (default), `SIP_MEDIA_ENCRYPT_ALLOW` or `SIP_MEDIA_ENCRYPT_REQUIRE`. */
  encryption?: pulumi.Input<MediaEncryption>;
  /** Drop a call after this long without media (at most 10 minutes), e.g. `"30s"` or `30`. */
  mediaTimeout?: pulumi.Input<string | number>;
}

/**
 * The arguments of an {@link InboundTrunk}: every field of LiveKit's `SIPInboundTrunkInfo`, named
 * as in LiveKit's JSON. Every field can change after creation; the provider picks a field-level
 * update or a full replace of the same trunk ID, never a new trunk.
 */
export interface InboundTrunkArgs {
  /** Human-readable name shown in LiveKit. */
  name?: pulumi.Input<string>;
  /** Free-form metadata, passed to participants' attributes. */
  metadata?: pulumi.Input<string>;
  /**
   * Phone numbers the trunk answers, in E.164 (`+15105550100`). Empty means any number, which
   * requires `authUsername`/`authPassword` or `allowedAddresses`.
   */
  numbers?: pulumi.Input<pulumi.Input<string>[]>;
  /** IP addresses or CIDR ranges allowed to send calls, e.g. `["203.0.113.0/24"]`. */
  allowedAddresses?: pulumi.Input<pulumi.Input<string>[]>;
  /** Caller numbers allowed to call, in E.164; empty allows every caller. */
  allowedNumbers?: pulumi.Input<pulumi.Input<string>[]>;
  /** SIP digest username; set together with `authPassword`. */
  authUsername?: pulumi.Input<string>;
  /** SIP digest password; always kept secret in state and output. */
  authPassword?: pulumi.Input<string>;
  /** SIP digest realm; LiveKit picks one when unset. */
  authRealm?: pulumi.Input<string>;
  /** SIP headers added to responses LiveKit sends on this trunk; always kept secret, like `authPassword`. */
  headers?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Map of SIP header name → participant attribute name. */
  headersToAttributes?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Map of participant attribute name → SIP header name. */
  attributesToHeaders?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Which headers become attributes: `SIP_NO_HEADERS` (default), `SIP_X_HEADERS`, `SIP_ALL_HEADERS`. */
  includeHeaders?: pulumi.Input<IncludeHeaders>;
  /** How long to ring before giving up, e.g. `"30s"` or `30` (at most 10 minutes). */
  ringingTimeout?: pulumi.Input<string | number>;
  /** Longest allowed call, e.g. `"3600s"` (at most 48 hours). */
  maxCallDuration?: pulumi.Input<string | number>;
  /** Krisp noise cancellation for callers. @default false */
  krispEnabled?: pulumi.Input<boolean>;
  /** @deprecated use `media.encryption`. */
  mediaEncryption?: pulumi.Input<MediaEncryption>;
  /** Codecs, encryption and media timeout. */
  media?: pulumi.Input<InboundTrunkMediaArgs>;
  /**
   * ID of an existing trunk (e.g. made with `lk sip inbound create`) to bring under management
   * instead of creating one; it keeps its ID and is converged to these arguments. Only read on
   * create. `pulumi import` does not work for dynamic resources, so this is how to adopt.
   */
  adoptTrunkId?: pulumi.Input<string>;
}

/**
 * A LiveKit SIP inbound trunk.
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
  /** LiveKit's ID of the trunk, e.g. `ST_abc123`. */
  declare readonly sipTrunkId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string | undefined>;
  declare readonly metadata: pulumi.Output<string | undefined>;
  declare readonly numbers: pulumi.Output<string[] | undefined>;
  declare readonly allowedAddresses: pulumi.Output<string[] | undefined>;
  declare readonly allowedNumbers: pulumi.Output<string[] | undefined>;
  declare readonly authUsername: pulumi.Output<string | undefined>;
  declare readonly authPassword: pulumi.Output<string | undefined>;
  declare readonly authRealm: pulumi.Output<string | undefined>;
  declare readonly headers: pulumi.Output<Record<string, string> | undefined>;
  declare readonly headersToAttributes: pulumi.Output<Record<string, string> | undefined>;
  declare readonly attributesToHeaders: pulumi.Output<Record<string, string> | undefined>;
  declare readonly includeHeaders: pulumi.Output<IncludeHeaders | undefined>;
  declare readonly ringingTimeout: pulumi.Output<string | undefined>;
  declare readonly maxCallDuration: pulumi.Output<string | undefined>;
  declare readonly krispEnabled: pulumi.Output<boolean | undefined>;
  declare readonly mediaEncryption: pulumi.Output<MediaEncryption | undefined>;
  /** Media settings; `encryption` appears here when the program set `media.encryption`. */
  declare readonly media: pulumi.Output<{ onlyListedCodecs?: boolean; codecs?: SipCodec[]; encryption?: MediaEncryption; mediaTimeout?: string } | undefined>;

  constructor(name: string, args: InboundTrunkArgs, opts?: pulumi.CustomResourceOptions) {
    claimNumbers(name, args.numbers, args.allowedNumbers);
    const props: Record<string, unknown> = { ...args, sipTrunkId: undefined };
    // Secret even when the program passes plain values: state, diffs and logs never show them.
    for (const field of SECRET_FIELDS) {
      if (args[field] !== undefined) props[field] = pulumi.secret(args[field]);
    }
    super(inboundTrunkStub, name, props, { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...SECRET_FIELDS] }, "livekit", "InboundTrunk");
  }
}
