#!/usr/bin/env node
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs, promisify } from "node:util";
import type { SIPInboundTrunkInfo } from "@livekit/protocol";
import { requestTimeoutFromEnv, SipApi } from "../provider/livekit/client";
import { resolveCredentials } from "../provider/livekit/credentials";
import { retryPolicyFromEnv } from "../provider/livekit/retry";
import { Deployment, Recovery, recoverPendingCreates } from "./pendingCreates";

/*
 * livekit-sip-recover: after a `pulumi up` was killed mid-run, records the trunks its in-flight
 * creates made, so nothing is created twice.
 *
 *   pulumi cancel --stack prod        # releases the dead run's lock
 *   livekit-sip-recover --stack prod  # matches pending creates to live trunks, updates the state
 *   pulumi refresh --stack prod --clear-pending-creates && pulumi up --stack prod
 *
 * A `kill -9` of `pulumi` leaves its plugin processes running, and their creates in flight keep
 * landing for as long as the provider may retry one (the retry deadline plus one request
 * timeout). So while a pending create has no trunk yet and that time has not passed since the
 * run's last state write, this waits for it instead of declaring it lost.
 *
 * Credentials: LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET. Run it in the project folder.
 */

const POLL_MS = 2000;
/** Clock skew and process scheduling between the run's last state write and its last request. */
const LANDING_MARGIN_MS = 5000;

/** Until when a create of the interrupted run may still reach the server. */
function landingDeadline(deployment: Deployment): number {
  const lastWrite = Date.parse(deployment.manifest?.time ?? "");
  const mayRetryFor = retryPolicyFromEnv(process.env).deadlineMs + requestTimeoutFromEnv(process.env) + LANDING_MARGIN_MS;
  return (Number.isFinite(lastWrite) ? lastWrite : Date.now()) + mayRetryFor;
}

const notLandedYet = (recoveries: Recovery[]) => recoveries.filter((r) => r.liveMatches === 0);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stack: { type: "string" } } });
  if (!values.stack) throw new Error("usage: livekit-sip-recover --stack NAME");
  const stack = values.stack;
  const pulumi = (...command: string[]) => promisify(execFile)("pulumi", [...command, "--stack", stack], { maxBuffer: 512 * 1024 * 1024 });

  const exported = JSON.parse((await pulumi("stack", "export")).stdout) as { deployment: Deployment };
  const api = new SipApi(resolveCredentials(undefined, process.env));
  const deadline = landingDeadline(exported.deployment);
  let live: SIPInboundTrunkInfo[] = await api.listAllInboundTrunks();
  let result = recoverPendingCreates(exported.deployment, live);
  if (notLandedYet(result.recoveries).length > 0 && Date.now() < deadline) {
    console.log(`waiting until ${new Date(deadline).toISOString()} for creates of the interrupted run that may still land: ${notLandedYet(result.recoveries).length} pending`);
    while (notLandedYet(result.recoveries).length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      live = await api.listAllInboundTrunks();
      result = recoverPendingCreates(exported.deployment, live);
    }
  }
  const { deployment, recoveries } = result;
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
