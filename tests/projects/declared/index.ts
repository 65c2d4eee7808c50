import * as pulumi from "@pulumi/pulumi";
import { InboundTrunk, InboundTrunkArgs } from "livekit-sip-pulumi";

/**
 * A program whose trunks come from stack config `trunks` (a JSON object of resource name →
 * InboundTrunk args), so end-to-end tests change the declared trunks between runs without
 * writing a program per step. Secrets go in `passwords` (resource name → password, secret) and
 * `secretHeaders` (resource name → headers map, secret); resource options (protect,
 * retainOnDelete, ignoreChanges, aliases, ...) in `options` (resource name → options).
 */
export = () => {
  const config = new pulumi.Config();
  const trunks = config.requireObject<Record<string, InboundTrunkArgs>>("trunks");
  const passwords = config.getSecretObject<Record<string, string>>("passwords");
  const secretHeaders = config.getSecretObject<Record<string, Record<string, string>>>("secretHeaders");
  const options = config.getObject<Record<string, pulumi.CustomResourceOptions>>("options") ?? {};
  const ids: Record<string, pulumi.Output<string>> = {};
  for (const [name, args] of Object.entries(trunks)) {
    const authPassword = passwords?.apply((all) => all[name]);
    const withPassword = passwords && args.authUsername ? { ...args, authPassword } : args;
    const headers = secretHeaders?.apply((all) => all[name]);
    ids[name] = new InboundTrunk(name, secretHeaders ? { ...withPassword, headers } : withPassword, options[name]).sipTrunkId;
  }
  // Which Node.js ran the program, so that each test leg can check it ran on its own.
  return { ids, nodeVersion: process.versions.node };
};
