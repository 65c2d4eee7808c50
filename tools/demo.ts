import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startLocalStack } from "./localStack";
import { REPO_ROOT, toolPath } from "./toolchain";
import { createUserProject, DEFAULT_LEG, packPackage, ProjectStack } from "./userProject";

/**
 * The demo, the users' way: the seed example copied into a project folder, `npm install` of the
 * packed package, then `pulumi up` with the real CLI against a local LiveKit and a local file
 * backend, the trunks as `lk sip inbound list` shows them, what happens to each call
 * (`livekit-sip-route --table`, and `--check` finding nothing), and an empty `pulumi preview`.
 * `--keep` leaves the server running for further play.
 */
async function main(argv: string[]): Promise<void> {
  const keep = parseArgs({ args: argv, options: { keep: { type: "boolean", default: false } } }).values.keep;
  const home = path.join(os.tmpdir(), "livekit-sip-pulumi-demo");
  fs.rmSync(home, { recursive: true, force: true });
  console.log("Starting Redis and livekit-server on 127.0.0.1:7880 ...");
  const local = await startLocalStack({ stateDir: path.join(home, "server") });
  try {
    const projectDir = path.join(home, "seed-trunks");
    console.log(`\n$ npm install livekit-sip-pulumi   (examples/seed-trunks copied to ${projectDir})`);
    createUserProject({ dir: projectDir, name: "seed-trunks", from: path.join(REPO_ROOT, "examples", "seed-trunks"), tarball: packPackage(path.join(home, "pack")), leg: DEFAULT_LEG });
    const stack = new ProjectStack(projectDir, "demo", path.join(home, "state"));
    await stack.select();
    await stack.setConfig({ "livekit:url": local.credentials.url, "livekit:apiKey": local.credentials.apiKey }, { "livekit:apiSecret": local.credentials.apiSecret });

    console.log("\n$ pulumi up --yes\n");
    const up = await stack.pulumi(["up", "--yes", "--non-interactive"], stack.env(), true).result;
    if (up.code !== 0) throw new Error(`pulumi up exited ${up.code}`);

    console.log("\n$ lk sip inbound list\n");
    const lkEnv = { ...process.env, LIVEKIT_URL: local.credentials.url, LIVEKIT_API_KEY: local.credentials.apiKey, LIVEKIT_API_SECRET: local.credentials.apiSecret };
    execFileSync(toolPath("lk"), ["sip", "inbound", "list"], { env: lkEnv, stdio: "inherit" });

    // What happens to each call, from the state just written, as a user runs it in the project.
    for (const mode of ["--table", "--check"]) {
      console.log(`\n$ npx livekit-sip-route ${mode}\n`);
      execFileSync(path.join(projectDir, "node_modules", ".bin", "livekit-sip-route"), ["--stack", "demo", mode], { cwd: projectDir, env: stack.env(), stdio: "inherit" });
    }

    console.log("\n$ pulumi preview --expect-no-changes\n");
    const preview = await stack.pulumi(["preview", "--expect-no-changes", "--non-interactive"], stack.env(), true).result;
    if (preview.code !== 0) throw new Error(`pulumi preview found changes (exit ${preview.code})`);
    console.log(`\nThe project is ${projectDir}: run pulumi there with PULUMI_BACKEND_URL=file://${path.join(home, "state")} and the passphrase in tools/toolchain.ts.`);
  } finally {
    if (keep) {
      console.log(`\nServer left running. LIVEKIT_URL=${local.credentials.url} LIVEKIT_API_KEY=devkey LIVEKIT_API_SECRET=secret`);
      console.log(`Stop it with: node dist/tools/localStack.js stop ${path.join(home, "server")}`);
    } else {
      await local.stop();
      console.log("\nLocal server stopped (run with --keep to leave it running).");
    }
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
