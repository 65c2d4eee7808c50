import * as random from "@pulumi/random";
import { InboundTrunk } from "livekit-sip-pulumi";

/**
 * A trunk that authenticates its SIP peer with a generated password. The password is a secret
 * from end to end: state, `pulumi preview --diff` and the provider's log never show it.
 *
 * Needs the `random` resource plugin (`pulumi plugin install resource random`).
 */
export = () => {
  const password = new random.RandomPassword("pbx-password", { length: 32, special: false });
  const pbx = new InboundTrunk("office-pbx", {
    name: "Office PBX",
    numbers: ["+15105550110"],
    authUsername: "office-pbx",
    authPassword: password.result,
  });
  return { trunkId: pbx.sipTrunkId, authUsername: pbx.authUsername, authPassword: pbx.authPassword };
};
