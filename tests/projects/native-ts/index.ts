import * as pulumi from "@pulumi/pulumi";
import * as livekit from "livekit-sip-pulumi/native";

/**
 * One explicit provider per LiveKit server (stack config `servers`: name → url, apiKey, number;
 * secret `<name>ApiSecret`), each with a trunk and a dispatch rule bound to it.
 */
const config = new pulumi.Config();
const servers = config.requireObject<Record<string, { url: string; apiKey: string; number: string }>>("servers");

export const trunkIds: Record<string, pulumi.Output<string>> = {};
export const ruleIds: Record<string, pulumi.Output<string>> = {};
for (const [name, server] of Object.entries(servers)) {
  const provider = new livekit.Provider(name, { url: server.url, apiKey: server.apiKey, apiSecret: config.requireSecret(`${name}ApiSecret`) });
  const trunk = new livekit.sip.InboundTrunk(`${name}-line`, { name: `${name} line`, numbers: [server.number] }, { provider });
  const rule = new livekit.sip.DispatchRule(
    `${name}-rule`,
    { name: `${name} rule`, trunkIds: [trunk.sipTrunkId], rule: { dispatchRuleIndividual: { roomPrefix: `${name}-` } } },
    { provider },
  );
  trunkIds[name] = trunk.sipTrunkId;
  ruleIds[name] = rule.sipDispatchRuleId;
}
