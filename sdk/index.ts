/**
 * Declare LiveKit SIP inbound trunks in Pulumi programs: {@link InboundTrunk} carries every
 * field of LiveKit's `SIPInboundTrunkInfo`, checked at preview, applied with the fewest API
 * calls, and read back on refresh so drift shows.
 *
 * @packageDocumentation
 */
export { InboundTrunk } from "./inboundTrunk";
export type { InboundTrunkArgs, InboundTrunkMedia, InboundTrunkMediaArgs } from "./inboundTrunk";
export type { IncludeHeaders, MediaEncryption, SipCodec } from "../provider/trunk";
export { inboundTrunkArgsFromLkJson } from "./lkJson";
export { INBOUND_TRUNK_TYPE } from "../provider/resourceType";
