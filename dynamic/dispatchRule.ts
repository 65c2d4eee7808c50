import * as pulumi from "@pulumi/pulumi";
import type { MediaEncryption } from "../provider/core/trunk";
import { DISPATCH_RULE_SECRET_FIELDS } from "../provider/core/dispatchRuleFields";
import { DISPATCH_RULE_NAME, RESOURCE_MODULE } from "../provider/core/resourceType";
import { managedOptions, propertiesWithSecrets } from "./managedResource";
import type { SipMedia, SipMediaArgs } from "./media";
import { providerStub } from "./providerStub";
import { claimRuleKeys } from "./ruleKeys";

/** Every call goes to one room (`SIPDispatchRuleDirect`). */
export interface DispatchRuleDirect {
  /** The room callers join. */
  roomName: pulumi.Input<string>;
  /** Digits callers must type to get in; empty for none. */
  pin?: pulumi.Input<string>;
}

/** Each caller gets a room of their own (`SIPDispatchRuleIndividual`). */
export interface DispatchRuleIndividual {
  /** Start of each room's name; the caller's number (and a random part) follow. */
  roomPrefix?: pulumi.Input<string>;
  /** Digits callers must type to get in; empty for none. */
  pin?: pulumi.Input<string>;
  /** Leave the random part out of room names, so one caller always gets the same room. */
  noRandomness?: pulumi.Input<boolean>;
}

/** Calls go to a room named after the number called (`SIPDispatchRuleCallee`). */
export interface DispatchRuleCallee {
  /** Start of each room's name; the called number follows. */
  roomPrefix?: pulumi.Input<string>;
  /** Digits callers must type to get in; empty for none. */
  pin?: pulumi.Input<string>;
  /** Add a random part to room names. */
  randomize?: pulumi.Input<boolean>;
}

/** Where calls go (`SIPDispatchRule`): exactly one of the three variants. */
export type DispatchRuleRule =
  | { dispatchRuleDirect: pulumi.Input<DispatchRuleDirect> }
  | { dispatchRuleIndividual: pulumi.Input<DispatchRuleIndividual> }
  | { dispatchRuleCallee: pulumi.Input<DispatchRuleCallee> };

/**
 * The arguments of a {@link DispatchRule}: every field of LiveKit's `SIPDispatchRuleInfo`, named
 * as in LiveKit's JSON. Every field can change after creation; the provider picks a field-level
 * update or a full replace of the same rule ID. All are checked at `pulumi preview`.
 */
export interface DispatchRuleArgs {
  /**
   * Where calls go: exactly one of `dispatchRuleDirect`, `dispatchRuleIndividual`,
   * `dispatchRuleCallee`; a PIN is digits only. Required. Changed with a field update.
   * @default none (required)
   * @example { dispatchRuleIndividual: { roomPrefix: "call-" } }
   */
  rule: pulumi.Input<DispatchRuleRule>;
  /**
   * Inbound trunks the rule applies to. Changed with a field update (minimal add/remove).
   * @default [] (every trunk)
   * @example [mainLine.sipTrunkId]
   */
  trunkIds?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Hide the caller's number from the room's participants. Changed with a replace.
   * @default false
   * @example true
   */
  hidePhoneNumber?: pulumi.Input<boolean>;
  /**
   * Caller numbers the rule applies to, in E.164. Changed with a replace.
   * @default [] (every caller)
   * @example ["+13105550100"]
   */
  inboundNumbers?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Called numbers the rule applies to, in E.164. Changed with a replace.
   * @default [] (every number of its trunks)
   * @example ["+15105550100"]
   */
  numbers?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Human-readable name shown in LiveKit. Changed with a field update.
   * @default ""
   * @example "Support line: a room per caller"
   */
  name?: pulumi.Input<string>;
  /**
   * Free-form metadata, passed to the SIP participant. Changed with a field update.
   * @default ""
   * @example JSON.stringify({ queue: "support" })
   */
  metadata?: pulumi.Input<string>;
  /**
   * Attributes given to the SIP participant. Changed with a field update (only the keys that
   * changed), or a replace when a value is empty (an update cannot say that).
   * @default {}
   * @example { queue: "support" }
   */
  attributes?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Name of a room preset for the rooms calls go to. Changed with a replace.
   * @default ""
   * @example "support-room"
   */
  roomPreset?: pulumi.Input<string>;
  /**
   * LiveKit's `RoomConfiguration` in its JSON spelling (agents, timeouts, ...). Changed with a
   * replace.
   * @default {}
   * @example { agents: [{ agentName: "support-agent" }], emptyTimeout: 60 }
   */
  roomConfig?: pulumi.Input<Record<string, unknown>>;
  /**
   * Codecs, encryption and media timeout. Changed with a field update (the whole media config).
   * @default {}
   * @example { encryption: "SIP_MEDIA_ENCRYPT_ALLOW" }
   */
  media?: pulumi.Input<SipMediaArgs>;
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
   * ID of an existing dispatch rule (e.g. made with `lk sip dispatch create`) to bring under
   * management instead of creating one; it keeps its ID and is converged to these arguments.
   * @default unset (create a new rule)
   * @example "SDR_oMTrnq8bZDEG"
   */
  adoptDispatchRuleId?: pulumi.Input<string>;
}

/**
 * A LiveKit SIP dispatch rule: which room an inbound call joins. LiveKit needs one (with an
 * inbound trunk) to accept calls. Its outputs are the rule as LiveKit holds it, in the program's
 * spelling, with unset fields left out.
 *
 * @example
 * ```ts
 * import { DispatchRule, InboundTrunk } from "livekit-sip-pulumi";
 *
 * const main = new InboundTrunk("main", { numbers: ["+15105550100"] });
 * const perCaller = new DispatchRule("per-caller", {
 *   trunkIds: [main.sipTrunkId],
 *   rule: { dispatchRuleIndividual: { roomPrefix: "call-" } },
 * });
 * export const dispatchRuleId = perCaller.sipDispatchRuleId;
 * ```
 */
export class DispatchRule extends pulumi.dynamic.Resource {
  /**
   * LiveKit's ID of the rule.
   * @example "SDR_oMTrnq8bZDEG"
   */
  declare readonly sipDispatchRuleId: pulumi.Output<string>;
  /** The live rule; see {@link DispatchRuleArgs.rule}. */
  declare readonly rule: pulumi.Output<Record<string, unknown>>;
  /** The live trunk IDs; see {@link DispatchRuleArgs.trunkIds}. */
  declare readonly trunkIds: pulumi.Output<string[] | undefined>;
  /** Whether the caller's number is hidden, live; see {@link DispatchRuleArgs.hidePhoneNumber}. */
  declare readonly hidePhoneNumber: pulumi.Output<boolean | undefined>;
  /** The live caller numbers; see {@link DispatchRuleArgs.inboundNumbers}. */
  declare readonly inboundNumbers: pulumi.Output<string[] | undefined>;
  /** The live called numbers; see {@link DispatchRuleArgs.numbers}. */
  declare readonly numbers: pulumi.Output<string[] | undefined>;
  /** The live name; see {@link DispatchRuleArgs.name}. */
  declare readonly name: pulumi.Output<string | undefined>;
  /** The live metadata; see {@link DispatchRuleArgs.metadata}. */
  declare readonly metadata: pulumi.Output<string | undefined>;
  /** The live attributes; see {@link DispatchRuleArgs.attributes}. */
  declare readonly attributes: pulumi.Output<Record<string, string> | undefined>;
  /** The live room preset; see {@link DispatchRuleArgs.roomPreset}. */
  declare readonly roomPreset: pulumi.Output<string | undefined>;
  /** The live room configuration, in LiveKit's JSON; see {@link DispatchRuleArgs.roomConfig}. */
  declare readonly roomConfig: pulumi.Output<Record<string, unknown> | undefined>;
  /** The live media settings; see {@link DispatchRuleArgs.media}. */
  declare readonly media: pulumi.Output<SipMedia | undefined>;
  /** Whether Krisp is on, live; see {@link DispatchRuleArgs.krispEnabled}. */
  declare readonly krispEnabled: pulumi.Output<boolean | undefined>;
  /** The live encryption, when the program used the older top-level name; see {@link DispatchRuleArgs.mediaEncryption}. */
  declare readonly mediaEncryption: pulumi.Output<MediaEncryption | undefined>;

  constructor(name: string, args: DispatchRuleArgs, opts?: pulumi.CustomResourceOptions) {
    claimRuleKeys(name, args);
    const props = propertiesWithSecrets(args, DISPATCH_RULE_SECRET_FIELDS, "sipDispatchRuleId");
    super(providerStub("livekit-sip-pulumi/provider/dispatch-rule"), name, props, managedOptions(opts, DISPATCH_RULE_SECRET_FIELDS), RESOURCE_MODULE, DISPATCH_RULE_NAME);
  }
}
