import * as pulumi from "@pulumi/pulumi";
import { DispatchRule, InboundTrunk, OutboundTrunk } from "livekit-sip-pulumi";

/**
 * Accepting calls takes an inbound trunk and a dispatch rule; calling out takes an outbound
 * trunk. All three, declared: a caller to the support number gets a room of their own, joined by
 * the support agent, and agents call customers back through the carrier.
 *
 *   pulumi config set --secret carrierPassword <the carrier's SIP password>
 */
export = () => {
  const config = new pulumi.Config();

  const supportLine = new InboundTrunk("support-line", {
    name: "Support line",
    numbers: ["+15105550120"],
    krispEnabled: true,
  });

  const perCaller = new DispatchRule("support-per-caller", {
    name: "Support: a room per caller",
    trunkIds: [supportLine.sipTrunkId],
    rule: { dispatchRuleIndividual: { roomPrefix: "support-" } },
    roomConfig: { agents: [{ agentName: "support-agent" }], emptyTimeout: 60 },
    attributes: { queue: "support" },
  });

  const carrier = new OutboundTrunk("carrier", {
    name: "Carrier callbacks",
    address: "sip.carrier.example.com",
    transport: "SIP_TRANSPORT_TLS",
    numbers: ["+15105550120"],
    authUsername: "livekit-support",
    authPassword: config.requireSecret("carrierPassword"),
    media: { encryption: "SIP_MEDIA_ENCRYPT_REQUIRE" },
  });

  return { inboundTrunkId: supportLine.sipTrunkId, dispatchRuleId: perCaller.sipDispatchRuleId, outboundTrunkId: carrier.sipTrunkId };
};
