/**
 * livekit-sip-pulumi: declare LiveKit SIP inbound trunks in Pulumi programs.
 */
export { InboundTrunk } from "./inboundTrunk";
export type { InboundTrunkArgs, InboundTrunkMediaArgs } from "./inboundTrunk";
export type { IncludeHeaders, MediaEncryption, SipCodec } from "../provider/trunk";
export { inboundTrunkArgsFromLkJson } from "./lkJson";
