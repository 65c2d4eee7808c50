import { InboundTrunk } from "livekit-sip-pulumi";
import { carrierTrunkArgs } from "./carrier";

/** The any-number trunk of `carrier.ts`, declared. */
export = () => {
  const carrier = new InboundTrunk("carrier", carrierTrunkArgs);
  return { carrierTrunkId: carrier.sipTrunkId };
};
