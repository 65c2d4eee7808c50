import { DispatchRule, InboundTrunk } from "livekit-sip-pulumi";
import { carrierTrunkArgs } from "./carrier";

/**
 * The any-number trunk of `carrier.ts`, declared, and the rule that answers its calls: a room per
 * called number, so every number the carrier routes here has its own room.
 */
export = () => {
  const carrier = new InboundTrunk("carrier", carrierTrunkArgs);
  const perNumber = new DispatchRule("carrier-per-number", {
    name: "Carrier: a room per called number",
    trunkIds: [carrier.sipTrunkId],
    rule: { dispatchRuleCallee: { roomPrefix: "line" } },
  });
  return { carrierTrunkId: carrier.sipTrunkId, dispatchRuleId: perNumber.sipDispatchRuleId };
};
