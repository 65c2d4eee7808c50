#!/usr/bin/env node
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { SipApi } from "../provider/client";
import { resolveCredentials } from "../provider/credentials";
import { Deployment, recoverPendingCreates } from "./pendingCreates";

/**
 * livekit-sip-recover: after a `pulumi up` was killed mid-run, records the trunks its in-flight
 * creates made, so nothing is created twice.
 *
 *   pulumi cancel --stack prod        # releases the dead run's lock
 *   livekit-sip-recover --stack prod  # matches pending creates to live trunks, updates the state
 *   pulumi refresh --stack prod --clear-pending-creates && pulumi up --stack prod
 *
 * Credentials: LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET. Run it in the project folder.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const stack = args[args.indexOf("--stack") + 1];
  if (!args.includes("--stack") || !stack) throw new Error("usage: livekit-sip-recover --stack NAME");
  const pulumi = (...command: string[]) => promisify(execFile)("pulumi", [...command, "--stack", stack], { maxBuffer: 512 * 1024 * 1024 });

  const exported = JSON.parse((await pulumi("stack", "export")).stdout) as { deployment: Deployment };
  const live = await new SipApi(resolveCredentials(undefined, process.env)).listAllInboundTrunks();
  const { deployment, recoveries } = recoverPendingCreates(exported.deployment, live);
  for (const r of recoveries) console.log(r.recovered ? `recovered ${r.urn} as ${r.recovered}` : `left ${r.urn}: ${r.unresolved}`);
  if (!recoveries.some((r) => r.recovered)) return;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "livekit-sip-recover-"));
  try {
    const file = path.join(dir, "state.json");
    fs.writeFileSync(file, JSON.stringify({ ...exported, deployment }), { mode: 0o600 });
    await pulumi("stack", "import", "--file", file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`livekit-sip-recover: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
