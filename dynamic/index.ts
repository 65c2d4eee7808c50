/**
 * Declare LiveKit SIP in Pulumi programs: {@link InboundTrunk}, {@link DispatchRule} and
 * {@link OutboundTrunk} carry every field of LiveKit's `SIPInboundTrunkInfo`,
 * `SIPDispatchRuleInfo` and `SIPOutboundTrunkInfo`, checked at preview, applied with the fewest
 * API calls, and read back on refresh so drift shows.
 *
 * @packageDocumentation
 */
export { InboundTrunk } from "./inboundTrunk";
export type { InboundTrunkArgs, InboundTrunkMedia, InboundTrunkMediaArgs } from "./inboundTrunk";
export type { IncludeHeaders, MediaEncryption, SipCodec } from "../provider/core/trunk";
export { dispatchRuleArgsFromLkJson, inboundTrunkArgsFromLkJson, outboundTrunkArgsFromLkJson } from "./lkJson";
export { OutboundTrunk } from "./outboundTrunk";
export type { OutboundTrunkArgs } from "./outboundTrunk";
export { DispatchRule } from "./dispatchRule";
export type { DispatchRuleArgs, DispatchRuleRule, DispatchRuleDirect, DispatchRuleIndividual, DispatchRuleCallee } from "./dispatchRule";
export type { SipMedia, SipMediaArgs } from "./media";
export type { Transport } from "../provider/core/outboundTrunkFields";
export { DISPATCH_RULE_TYPE, INBOUND_TRUNK_TYPE, OUTBOUND_TRUNK_TYPE } from "../provider/core/resourceType";
