#!/usr/bin/env node
import { SipApi } from "../provider/client";
import { resolveCredentials } from "../provider/credentials";
import { sparseTrunk } from "../provider/trunk";
import { trunkFromWire } from "../provider/wire";
import { programForTrunks } from "./programText";

/**
 * livekit-sip-codegen: prints a Pulumi TypeScript program declaring every inbound trunk on a
 * LiveKit server, each adopted by ID — the way `pulumi import` generates code, for a resource
 * type that `pulumi import` cannot handle. Credentials: LIVEKIT_URL, LIVEKIT_API_KEY,
 * LIVEKIT_API_SECRET.
 *
 *   livekit-sip-codegen > index.ts
 */
async function main(): Promise<void> {
  const api = new SipApi(resolveCredentials(undefined, process.env));
  const trunks = (await api.listAllInboundTrunks()).sort((a, b) => a.sipTrunkId.localeCompare(b.sipTrunkId));
  process.stdout.write(programForTrunks(trunks.map((t) => ({ sipTrunkId: t.sipTrunkId, spec: sparseTrunk(trunkFromWire(t)) }))));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`livekit-sip-codegen: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
