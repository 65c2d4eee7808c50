import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DispatchRule, InboundTrunk } from "livekit-sip-pulumi";

/**
 * A trunk that authenticates its SIP peer with a generated password. The password is a secret
 * from end to end: state, `pulumi preview --diff` and the provider's log never show it.
 *
 * To rotate it, change the keeper: `pulumi config set passwordRotation 2026-12 && pulumi up`.
 * The trunk then gets a field update of `authPassword` alone; its ID and numbers stay.
 *
 * Needs the `random` resource plugin (a normal Pulumi install downloads it on first use).
 */
export = () => {
  const config = new pulumi.Config();
  const password = new random.RandomPassword("pbx-password", {
    length: 32,
    special: false,
    keepers: { rotation: config.get("passwordRotation") ?? "initial" },
  });
  const pbx = new InboundTrunk("office-pbx", {
    name: "Office PBX",
    numbers: ["+15105550110"],
    authUsername: "office-pbx",
    authPassword: password.result,
  });
  // Calls the PBX sends go to one room, where the office's agent answers them.
  new DispatchRule("office-room", {
    name: "Office PBX: reception",
    trunkIds: [pbx.sipTrunkId],
    rule: { dispatchRuleDirect: { roomName: "reception" } },
  });
  return { trunkId: pbx.sipTrunkId, authUsername: pbx.authUsername, authPassword: pbx.authPassword };
};
