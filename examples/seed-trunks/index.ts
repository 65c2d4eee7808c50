import { InboundTrunk } from "livekit-sip-pulumi";

/**
 * The two inbound trunks from LiveKit's SIP quickstart: one with Krisp noise cancellation, one
 * that only accepts calls from two caller numbers.
 */
export = () => {
  const main = new InboundTrunk("main", {
    name: "Main line",
    numbers: ["+15105550100"],
    krispEnabled: true,
  });
  const allowed = new InboundTrunk("allowed-callers", {
    name: "Allowed callers",
    numbers: ["+15105550100"],
    allowedNumbers: ["+13105550100", "+17145550100"],
  });
  return { mainTrunkId: main.sipTrunkId, allowedCallersTrunkId: allowed.sipTrunkId };
};
