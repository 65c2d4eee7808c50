#!/usr/bin/env node
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { requestTimeoutFromEnv, SipApi } from "../provider/livekit/client";
import { resolveCredentials } from "../provider/livekit/credentials";
import { retryPolicyFromEnv } from "../provider/livekit/retry";
import { about, retryHooks, RetryNotices } from "../provider/engine/retryNotices";
import { LiveRecord, liveRecords } from "./liveRecords";
import { Recovery, recoverPendingCreates, typesPendingCreate } from "./pendingCreates";
import { Deployment, exportStack, pulumiCommand } from "./stackState";

/*
 * livekit-sip-recover: after a `pulumi up` was killed mid-run, records the inbound trunks,
 * outbound trunks and dispatch rules its in-flight creates made, so nothing is created twice.
 *
 *   pulumi cancel --stack prod --yes  # releases the dead run's lock
 *   livekit-sip-recover --stack prod   # matches pending creates to live records, updates the state
 *   pulumi refresh --stack prod --clear-pending-creates --yes && pulumi up --stack prod --yes
 *
 * After a `kill -9` of `pulumi`, creates already sent may land later (a provider process ends
 * within seconds of its engine, but a request in flight is not recalled), at the latest when the
 * provider's retries would have ended (the retry deadline plus one request timeout). So while a
 * pending create has no record yet and that time has not passed since the run's last state
 * write, this waits for it instead of declaring it lost.
 *
 * Works for stacks of the dynamic resources and of the native package's. Credentials:
 * LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET. Run it in the project folder.
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
  const pulumi = pulumiCommand(values.stack);

  const exported = await exportStack(pulumi);
  // While LiveKit does not answer, say so (and until when it is tried) rather than print nothing.
  const api = new SipApi(resolveCredentials(undefined, process.env), retryHooks(new RetryNotices((message) => console.error(`livekit-sip-recover: ${message}`))));
  const types = typesPendingCreate(exported.deployment);
  const listServer = () =>
    about("listing the server", async () => new Map<string, LiveRecord[]>(await Promise.all(types.map(async (facts) => [facts.typeName, await liveRecords(api, facts)] as const))));
  const deadline = landingDeadline(exported.deployment);
  let result = recoverPendingCreates(exported.deployment, await listServer());
  if (notLandedYet(result.recoveries).length > 0 && Date.now() < deadline) {
    console.log(`waiting until ${new Date(deadline).toISOString()} for creates of the interrupted run that may still land: ${notLandedYet(result.recoveries).length} pending`);
    while (notLandedYet(result.recoveries).length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      result = recoverPendingCreates(exported.deployment, await listServer());
    }
  }
  const { deployment, recoveries } = result;
  for (const r of recoveries) console.log(r.recovered ? `recovered ${r.typeName} ${r.urn} as ${r.recovered}` : `left ${r.typeName} ${r.urn}: ${r.unresolved}`);
  if (!recoveries.some((r) => r.recovered)) return;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "livekit-sip-recover-"));
  try {
    const file = path.join(dir, "state.json");
    // Secrets stay encrypted: the export was made without --show-secrets.
    fs.writeFileSync(file, JSON.stringify({ ...exported, deployment }), { mode: 0o600 });
    await pulumi("stack", "import", "--file", file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Pulumi's file backend writes a checkpoint's `.attrs` file after the checkpoint itself, and not
 * atomically: a kill in between leaves it empty, and every command then fails to load the stack.
 */
const CUT_ATTRS_HINT =
  "a kill during a state write can leave the file backend's .pulumi/stacks/<project>/<stack>.json.attrs empty; delete that empty file (the state beside it is whole) and run this again";

if (require.main === module) {
  main().catch((error: unknown) => {
    const { stderr } = error as { stderr?: string };
    const said = stderr?.trim() || (error instanceof Error ? error.message : String(error));
    console.error(`livekit-sip-recover: ${said}${/failed to load checkpoint: EOF/.test(said) ? `\n${CUT_ATTRS_HINT}` : ""}`);
    process.exit(1);
  });
}
