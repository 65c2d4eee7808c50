import { DispatchRule, InboundTrunk } from "livekit-sip-pulumi";

/**
 * The two inbound trunks from LiveKit's SIP quickstart, each on its own number and each with the
 * dispatch rule that answers its calls: the main line (Krisp noise cancellation) gives every
 * caller a room of their own; the second line takes calls from two numbers only, into one room.
 *
 * The quickstart's trunks are alternatives for one number, not one deployment: on the same
 * number, LiveKit refuses every call the two trunks both admit ("Multiple SIP Trunks matched"),
 * and `npx livekit-sip-route --check` says so.
 */
export = () => {
  const main = new InboundTrunk("main", {
    name: "Main line",
    numbers: ["+15105550100"],
    krispEnabled: true,
  });
  const allowed = new InboundTrunk("allowed-callers", {
    name: "Allowed callers",
    numbers: ["+15105550101"],
    allowedNumbers: ["+13105550100", "+17145550100"],
  });
  new DispatchRule("main-per-caller", {
    name: "Main line: a room per caller",
    trunkIds: [main.sipTrunkId],
    rule: { dispatchRuleIndividual: { roomPrefix: "main" } },
  });
  new DispatchRule("allowed-callers-room", {
    name: "Allowed callers: one room",
    trunkIds: [allowed.sipTrunkId],
    rule: { dispatchRuleDirect: { roomName: "allowed-callers" } },
  });
  return { mainTrunkId: main.sipTrunkId, allowedCallersTrunkId: allowed.sipTrunkId };
};
