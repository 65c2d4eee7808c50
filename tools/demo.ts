import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SipApi } from "../provider/client";
import { sparseTrunk } from "../provider/trunk";
import { trunkFromWire } from "../provider/wire";
import { startLocalStack } from "./localStack";
import { REPO_ROOT } from "./toolchain";
import { runStack } from "./stack";

/**
 * The demo: a local LiveKit, a local file state backend, `pulumi up` of the seed example, then
 * the trunks as LiveKit holds them. `--keep` leaves the server running for further play.
 */
async function main(): Promise<void> {
  const keep = process.argv.includes("--keep");
  const home = path.join(os.tmpdir(), "livekit-sip-pulumi-demo");
  fs.rmSync(home, { recursive: true, force: true });
  console.log("Starting Redis and livekit-server on 127.0.0.1:7880 ...");
  const local = await startLocalStack({ stateDir: path.join(home, "server") });
  try {
    const common = {
      programFile: path.join(REPO_ROOT, "dist/examples/seed-trunks/index.js"),
      stackName: "demo",
      stateDir: path.join(home, "state"),
      workDir: path.join(home, "work"),
      config: { "livekit:url": local.credentials.url, "livekit:apiKey": local.credentials.apiKey },
      secrets: { "livekit:apiSecret": local.credentials.apiSecret },
      expectNoChanges: false,
      refresh: false,
      diff: false,
      debug: false,
    };
    console.log("\n$ pulumi up   (examples/seed-trunks, local file backend)\n");
    const code = await runStack({ ...common, operation: "up" });
    if (code !== 0) throw new Error(`pulumi up exited ${code}`);

    console.log("\nInbound trunks now on the server:\n");
    for (const trunk of await new SipApi(local.credentials).listAllInboundTrunks()) {
      console.log(`${trunk.sipTrunkId}  ${JSON.stringify(sparseTrunk(trunkFromWire(trunk)))}`);
    }

    console.log("\n$ pulumi preview --expect-no-changes\n");
    const preview = await runStack({ ...common, operation: "preview", expectNoChanges: true });
    if (preview !== 0) throw new Error(`pulumi preview found changes (exit ${preview})`);
  } finally {
    if (keep) {
      console.log(`\nServer left running. LIVEKIT_URL=${local.credentials.url} LIVEKIT_API_KEY=devkey LIVEKIT_API_SECRET=secret`);
      console.log(`State: ${path.join(home, "state")}. Stop it with: node dist/tools/localStack.js stop ${path.join(home, "server")}`);
    } else {
      await local.stop();
      console.log("\nLocal server stopped (run with --keep to leave it running).");
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
