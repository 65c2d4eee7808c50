#!/usr/bin/env node
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { migrationPlan } from "./migration";
import { exportStack, pulumiCommand } from "./stackState";

/*
 * livekit-sip-migrate: moves a stack's dynamic InboundTrunk, DispatchRule and OutboundTrunk
 * resources to the native package's (livekit:sip:…), keeping every record: it forgets the
 * dynamic resources (`pulumi state delete`) and imports the same IDs under the same names
 * (`pulumi import --file`, which reads and never writes). Change the program to the native
 * resources first (same names, same fields); afterwards `pulumi preview` shows no changes.
 *
 *   livekit-sip-migrate --stack prod   # in the project folder; the plugin on PATH
 */

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stack: { type: "string" } } });
  if (!values.stack) throw new Error("usage: livekit-sip-migrate --stack NAME");
  const pulumi = pulumiCommand(values.stack);

  const exported = await exportStack(pulumi);
  // The program's native SDK is this package's, so it asks for this version of the plugin.
  const { version } = require("../../package.json") as { version: string };
  const plan = migrationPlan(exported.deployment.resources ?? [], version);
  for (const { urn, reason } of plan.refused) console.log(`left ${urn}: ${reason}`);
  if (plan.imports.length === 0) {
    console.log("nothing to move: the stack has no dynamic LiveKit SIP resources with IDs");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "livekit-sip-migrate-"));
  try {
    const file = path.join(dir, "import.json");
    fs.writeFileSync(file, JSON.stringify({ resources: plan.imports }, null, 2));
    await pulumi("state", "delete", ...plan.forget, "--yes");
    console.log(`forgot ${plan.forget.length} dynamic resources (nothing sent to LiveKit)`);
    await pulumi("import", "--file", file, "--yes", "--skip-preview", "--protect=false", "--generate-code=false");
    for (const entry of plan.imports) console.log(`imported ${entry.type} ${entry.name} (${entry.id})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const { stderr } = error as { stderr?: string };
    console.error(`livekit-sip-migrate: ${stderr?.trim() || (error instanceof Error ? error.message : String(error))}`);
    process.exit(1);
  });
}
