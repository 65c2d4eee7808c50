import * as pulumi from "@pulumi/pulumi";
import { DispatchRule, DispatchRuleArgs, InboundTrunk, InboundTrunkArgs, OutboundTrunk, OutboundTrunkArgs } from "livekit-sip-pulumi";

/**
 * A program whose resources come from stack config, so end-to-end tests change what is declared
 * between runs without writing a program per step:
 * - `trunks`: resource name → InboundTrunk args;
 * - `outboundTrunks`: resource name → OutboundTrunk args;
 * - `dispatchRules`: resource name → DispatchRule args, plus `trunks`: names of `trunks` entries
 *   whose IDs become the rule's trunkIds (after any literal trunkIds);
 * - `passwords` (secret): resource name → password, for resources with an authUsername;
 * - `secretHeaders` (secret): resource name → headers map, for inbound and outbound trunks;
 * - `secretAttributes` (secret): resource name → attributes map, for dispatch rules;
 * - `options`: resource name → resource options (protect, retainOnDelete, ignoreChanges, ...);
 * - `otherProvider`: also declare a resource of another provider, whose reads (refresh) fail
 *   unless OTHER_PROVIDER_TOKEN is set, as a DNS or secrets provider's do without credentials;
 * - `exportIds` (default true): export every resource's ID as the `ids` output.
 */
/** Another provider's resource: creating it needs nothing, reading it back needs its credentials. */
const otherProvider: pulumi.dynamic.ResourceProvider = {
  async create() {
    return { id: "other-1", outs: {} };
  },
  async read(id: string, props: unknown) {
    if (!process.env.OTHER_PROVIDER_TOKEN) throw new Error("the other provider has no credentials: OTHER_PROVIDER_TOKEN is not set");
    return { id, props };
  },
};

class OtherProviderResource extends pulumi.dynamic.Resource {
  constructor(name: string) {
    super(otherProvider, name, {});
  }
}

export = () => {
  const config = new pulumi.Config();
  const trunks = config.getObject<Record<string, InboundTrunkArgs>>("trunks") ?? {};
  const outboundTrunks = config.getObject<Record<string, OutboundTrunkArgs>>("outboundTrunks") ?? {};
  const dispatchRules = config.getObject<Record<string, DispatchRuleArgs & { trunks?: string[] }>>("dispatchRules") ?? {};
  const passwords = config.getSecretObject<Record<string, string>>("passwords");
  const secretHeaders = config.getSecretObject<Record<string, Record<string, string>>>("secretHeaders");
  const secretAttributes = config.getSecretObject<Record<string, Record<string, string>>>("secretAttributes");
  const options = config.getObject<Record<string, pulumi.CustomResourceOptions>>("options") ?? {};
  const withPassword = <A extends { authUsername?: pulumi.Input<string> }>(name: string, args: A): A =>
    passwords && args.authUsername ? { ...args, authPassword: passwords.apply((all) => all[name]) } : args;

  const ids: Record<string, pulumi.Output<string>> = {};
  const withSecretMap = <A extends object>(secretMaps: typeof secretHeaders, key: string, name: string, args: A): A =>
    secretMaps ? { ...args, [key]: secretMaps.apply((all) => all[name]) } : args;
  for (const [name, args] of Object.entries(trunks)) {
    ids[name] = new InboundTrunk(name, withSecretMap(secretHeaders, "headers", name, withPassword(name, args)), options[name]).sipTrunkId;
  }
  for (const [name, args] of Object.entries(outboundTrunks)) {
    ids[name] = new OutboundTrunk(name, withSecretMap(secretHeaders, "headers", name, withPassword(name, args)), options[name]).sipTrunkId;
  }
  for (const [name, { trunks: trunkNames, ...args }] of Object.entries(dispatchRules)) {
    // A list of the trunks' own outputs, as programs write `trunkIds: [line.sipTrunkId]`.
    const trunkIds = trunkNames ? [...((args.trunkIds as string[] | undefined) ?? []), ...trunkNames.map((t) => ids[t])] : args.trunkIds;
    ids[name] = new DispatchRule(name, withSecretMap(secretAttributes, "attributes", name, { ...args, trunkIds }), options[name]).sipDispatchRuleId;
  }
  if (config.getBoolean("otherProvider")) new OtherProviderResource("other");
  // Which Node.js ran the program, so that each test leg can check it ran on its own.
  return { ...(config.getBoolean("exportIds") === false ? {} : { ids }), nodeVersion: process.versions.node };
};
