"use strict";
const pulumi = require("@pulumi/pulumi");
const livekit = require("livekit-sip-pulumi/native");

const config = new pulumi.Config();

const line = new livekit.sip.InboundTrunk("line", {
  name: config.get("lineName") ?? "Node line",
  numbers: ["+15105550900"],
  // Krisp cannot change in place: the provider replaces the trunk under the same ID.
  krispEnabled: config.getBoolean("krisp") ?? false,
});
const rule = new livekit.sip.DispatchRule("rule", {
  name: "Node rule",
  trunkIds: [line.sipTrunkId],
  rule: { dispatchRuleIndividual: { roomPrefix: "node-" } },
});
const carrier = new livekit.sip.OutboundTrunk("carrier", {
  name: "Node carrier",
  address: "sip.carrier.example.com",
  numbers: ["+15105550901"],
  authUsername: "node-user",
  authPassword: config.requireSecret("carrierPassword"),
});

module.exports = { trunkId: line.sipTrunkId, ruleId: rule.sipDispatchRuleId, outboundTrunkId: carrier.sipTrunkId };
