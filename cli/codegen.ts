#!/usr/bin/env node
import { SipApi } from "../provider/livekit/client";
import { resolveCredentials } from "../provider/livekit/credentials";
import { sparseFields } from "../provider/core/records";
import { SIP_RESOURCES } from "../provider/livekit/resources";
import { fromWire } from "../provider/core/wire";
import { parseArgs } from "node:util";
import { ExistingRecord, programFor, yamlProgramFor } from "./programText";

/**
 * livekit-sip-codegen: prints a Pulumi TypeScript program declaring every inbound trunk, dispatch
 * rule and outbound trunk on a LiveKit server, each adopted by ID — the way `pulumi import`
 * generates code, for resource types that `pulumi import` cannot handle. Credentials:
 * LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET.
 *
 *   livekit-sip-codegen > index.ts
 *   livekit-sip-codegen --yaml > Pulumi.yaml   # the native package, each record imported by ID
 */
async function main(): Promise<void> {
  const { yaml } = parseArgs({ options: { yaml: { type: "boolean", default: false } } }).values;
  const api = new SipApi(resolveCredentials(undefined, process.env));
  const records: ExistingRecord[] = [];
  // Trunks before rules (SIP_RESOURCES' order), so that a rule can name its trunks' variables.
  for (const resource of SIP_RESOURCES) {
    const live = (await api.listAll(resource.rpcs)).map((info) => ({ resource, id: resource.rpcs.idOf(info), spec: sparseFields(resource.table, fromWire(resource.wire, info)) }));
    records.push(...live.sort((a, b) => a.id.localeCompare(b.id)));
  }
  process.stdout.write(yaml ? yamlProgramFor(records) : programFor(records));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`livekit-sip-codegen: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
