import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFile } from "node:child_process";
import { parseArgs, promisify } from "node:util";
import { textTable } from "../cli/textTable";
import { SipClient } from "livekit-server-sdk";
import { Credentials } from "../provider/credentials";
import { startLocalStack } from "../tools/localStack";
import { DYNAMIC_PROVIDER_MARKER, watchPeakMemory } from "../tools/peakMemory";
import { LiveKitProxy } from "../tools/proxy";
import { REPO_ROOT, toolPath } from "../tools/toolchain";
import { createUserProject, DEFAULT_LEG, packPackage, ProjectStack } from "../tools/userProject";

/*
 * Benchmarks on the users' path, side by side in one run against a local livekit-server: a
 * generated Pulumi project that installed the packed package, run by the real `pulumi` CLI and
 * language host. API calls per operation (counted by a proxy) next to the minimum possible, wall
 * times against the alternatives users have today (a sequential `lk` loop, `lk` eight at a time,
 * an SDK script), stored-provider and state sizes, and the provider process's peak memory.
 *
 *   npm run bench                 # N = 1, 10, 100
 *   npm run bench -- --n 1,10,100,500
 *
 * Prints a table and writes .bench/results.json. Figures, not pass/fail: nothing here is a test.
 */

interface Figures {
  n: number;
  calls: Record<string, { calls: Record<string, number>; total: number; minimum: number }>;
  seconds: { pulumiUp: number; lkLoop: number; lkParallel: number; parallelSdk: number; driftPreview: number; lkList: number };
  providerBytesPerResource: number;
  stateBytesPerTrunk: number;
  providerPeakMiB: number;
}

const numberFor = (n: number, i: number) => `+1646${String(n).padStart(3, "0")}${String(i).padStart(4, "0")}`;

function trunks(n: number, extra: Record<string, unknown> = {}) {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`b${i}`, { name: `bench-${i}`, numbers: [numberFor(n, i)], ...extra }]));
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e9];
}

/** Runs `pulumi ARGS` in the project, its output kept for when it fails. */
async function quietly(stack: ProjectStack, args: string[]): Promise<void> {
  await stack.checked([...args, "--non-interactive"]);
}

/** Runs `lk ARGS` against the local server, as a user's shell loop would. */
function lk(credentials: Credentials, args: string[]): Promise<unknown> {
  const env = { ...process.env, LIVEKIT_URL: credentials.url, LIVEKIT_API_KEY: credentials.apiKey, LIVEKIT_API_SECRET: credentials.apiSecret };
  return promisify(execFile)(toolPath("lk"), args, { env });
}

async function deleteAll(client: SipClient): Promise<void> {
  await Promise.all((await client.listSipInboundTrunk()).map((t) => client.deleteSipTrunk(t.sipTrunkId)));
}

async function benchN(n: number, home: string, projectDir: string, credentials: Credentials, client: SipClient): Promise<Figures> {
  const proxy = new LiveKitProxy(credentials.url);
  const url = await proxy.start();
  const stack = new ProjectStack(projectDir, `bench-${n}`, path.join(home, "state"), DEFAULT_LEG);
  await stack.select();
  const declare = (declared: object) => stack.setConfig({ "livekit:url": url, "livekit:apiKey": credentials.apiKey, trunks: JSON.stringify(declared) }, { "livekit:apiSecret": credentials.apiSecret });
  const calls: Figures["calls"] = {};
  const count = async (kind: string, minimum: number, declared: object, args: string[]) => {
    await declare(declared);
    proxy.reset();
    await quietly(stack, args);
    const counted = proxy.counts();
    calls[kind] = { calls: counted, total: Object.values(counted).reduce((a, b) => a + b, 0), minimum };
  };
  const up = ["up", "--yes", "--skip-preview", "--parallel", "32"];

  const memory = watchPeakMemory(DYNAMIC_PROVIDER_MARKER);
  const [, upSeconds] = await timed(() => count("create", n, trunks(n), up));
  await count("no-op up", 0, trunks(n), up);
  await count("field update", n + 1, trunks(n, { metadata: "v2" }), up);
  const last = trunks(n, { metadata: "v2", krispEnabled: true });
  await count("replace", n + 1, last, up);
  await count("refresh", 1, last, ["refresh", "--yes", "--skip-preview"]);
  const [, driftSeconds] = await timed(() => quietly(stack, ["preview", "--refresh", "--expect-no-changes"]));

  const stateText = stack.stateFileText();
  const state = JSON.parse(stateText) as { checkpoint: { latest: { resources: { type: string; outputs?: { __provider?: string } }[] } } };
  const trunkResources = state.checkpoint.latest.resources.filter((r) => r.type.endsWith("InboundTrunk"));
  const providerBytes = trunkResources.reduce((sum, r) => sum + (r.outputs?.__provider?.length ?? 0), 0) / trunkResources.length;
  const stateBytesPerTrunk = stateText.length / n;

  await count("destroy", n, last, ["destroy", "--yes", "--parallel", "32"]);
  const providerPeakMiB = memory.stop().peakKiB / 1024;
  await proxy.stop();

  // The alternatives, against the server directly: `lk` one at a time and eight at a time, and
  // an SDK script 32 at a time.
  const lkCreate = (i: number, prefix: string) => lk(credentials, ["sip", "inbound", "create", "--name", `${prefix}-${i}`, "--numbers", numberFor(n, i)]);
  const inParallel = async (width: number, work: (i: number) => Promise<unknown>) => {
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < n; i = next++) await work(i);
    };
    await Promise.all(Array.from({ length: Math.min(width, n) }, worker));
  };
  await deleteAll(client);
  const [, lkLoopSeconds] = await timed(() => inParallel(1, (i) => lkCreate(i, "seq")));
  const [, lkListSeconds] = await timed(() => lk(credentials, ["sip", "inbound", "list", "--json"]));
  await deleteAll(client);
  const [, lkParallelSeconds] = await timed(() => inParallel(8, (i) => lkCreate(i, "lkpar")));
  await deleteAll(client);
  const [, parallelSeconds] = await timed(() => inParallel(32, (i) => client.createSipInboundTrunk(`par-${i}`, [numberFor(n, i)])));
  await deleteAll(client);

  return {
    n,
    calls,
    seconds: { pulumiUp: upSeconds, lkLoop: lkLoopSeconds, lkParallel: lkParallelSeconds, parallelSdk: parallelSeconds, driftPreview: driftSeconds, lkList: lkListSeconds },
    providerBytesPerResource: Math.round(providerBytes),
    stateBytesPerTrunk: Math.round(stateBytesPerTrunk),
    providerPeakMiB: Math.round(providerPeakMiB * 10) / 10,
  };
}

function table(results: Figures[]): string {
  const sizes = results.map((r) => `N=${r.n}`);
  const ratio = (seconds: number, r: Figures) => `${seconds.toFixed(2)} (${(seconds / r.seconds.pulumiUp).toFixed(2)}x)`;
  return [
    "API calls per operation (counted / minimum possible)",
    ...textTable([["operation", ...sizes], ...Object.keys(results[0].calls).map((kind) => [kind, ...results.map((r) => `${r.calls[kind].total} / ${r.calls[kind].minimum}`)])]),
    "",
    "Wall time, seconds (ratio to pulumi up)",
    ...textTable([
      ["", ...sizes],
      ["pulumi up", ...results.map((r) => r.seconds.pulumiUp.toFixed(2))],
      ["lk loop", ...results.map((r) => ratio(r.seconds.lkLoop, r))],
      ["lk, 8 at once", ...results.map((r) => ratio(r.seconds.lkParallel, r))],
      ["parallel SDK", ...results.map((r) => ratio(r.seconds.parallelSdk, r))],
      ["drift preview", ...results.map((r) => r.seconds.driftPreview.toFixed(2))],
      ["lk list", ...results.map((r) => r.seconds.lkList.toFixed(3))],
    ]),
    "",
    "Sizes and memory",
    ...textTable([
      ["", ...sizes],
      ["__provider B", ...results.map((r) => r.providerBytesPerResource)],
      ["state B/trunk", ...results.map((r) => r.stateBytesPerTrunk)],
      ["provider MiB", ...results.map((r) => r.providerPeakMiB)],
    ]),
  ].join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { n: { type: "string", default: "1,10,100" } } });
  const sizes = values.n.split(",").map(Number);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "livekit-sip-bench-"));
  const local = await startLocalStack({ stateDir: path.join(home, "server"), httpPort: 7990, redisPort: 6392 });
  try {
    const client = new SipClient(local.credentials.url, local.credentials.apiKey, local.credentials.apiSecret);
    const projectDir = createUserProject({
      dir: path.join(home, "bench-project"),
      name: "bench-project",
      from: path.join(REPO_ROOT, "tests", "projects", "declared"),
      tarball: packPackage(path.join(home, "pack")),
      leg: DEFAULT_LEG,
    });
    const results: Figures[] = [];
    for (const n of sizes) {
      console.error(`bench: N=${n} ...`);
      results.push(await benchN(n, home, projectDir, local.credentials, client));
    }
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    console.log(`livekit-sip-pulumi benchmarks — ${new Date().toISOString()} — ${machine}\n`);
    console.log(table(results));
    fs.mkdirSync(path.join(REPO_ROOT, ".bench"), { recursive: true });
    fs.writeFileSync(path.join(REPO_ROOT, ".bench", "results.json"), JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2) + "\n");
    console.log(`\nJSON: ${path.join(REPO_ROOT, ".bench", "results.json")}`);
  } finally {
    await local.stop();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}
