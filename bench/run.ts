import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SipClient } from "livekit-server-sdk";
import { startLocalStack } from "../tools/localStack";
import { DYNAMIC_PROVIDER_MARKER, watchPeakMemory } from "../tools/peakMemory";
import { LiveKitProxy } from "../tools/proxy";
import { runStack, StackRun } from "../tools/stack";
import { REPO_ROOT } from "../tools/toolchain";

/**
 * Benchmarks, side by side in one run against a local livekit-server: API calls per operation
 * (counted by a proxy) next to the minimum possible, wall times against the alternatives users
 * have today, stored-provider and state sizes, and the provider process's peak memory.
 *
 *   npm run bench                 # N = 1, 10, 100
 *   npm run bench -- --n 1,10,100,500
 *
 * Prints a table and writes .bench/results.json. Figures, not pass/fail: nothing here is a test.
 *
 * `lk` is not available from this machine's Go module proxy, so the "sequential lk loop" is the
 * same loop of single CreateSIPInboundTrunk calls made through livekit-server-sdk in one process:
 * it leaves out the ~tens of milliseconds each `lk` process start would add, which favours it.
 */

interface Figures {
  n: number;
  calls: Record<string, { calls: Record<string, number>; total: number; minimum: number }>;
  seconds: { pulumiUp: number; sequentialLoop: number; parallelSdk: number; driftPreview: number; sdkList: number };
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

async function quietly(run: StackRun): Promise<void> {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const code = await runStack(run);
    if (code !== 0) throw new Error(`pulumi ${run.operation} exited ${code}`);
  } finally {
    process.stdout.write = write;
  }
}

async function deleteAll(client: SipClient): Promise<void> {
  await Promise.all((await client.listSipInboundTrunk()).map((t) => client.deleteSipTrunk(t.sipTrunkId)));
}

async function benchN(n: number, home: string, target: string, client: SipClient): Promise<Figures> {
  const proxy = new LiveKitProxy(target);
  const url = await proxy.start();
  const base = (declared: object): StackRun => ({
    operation: "up",
    programFile: path.join(REPO_ROOT, "dist/tests/programs/declared.js"),
    stackName: `bench-${n}`,
    stateDir: path.join(home, "state"),
    workDir: path.join(home, "work", `bench-${n}`),
    config: { "livekit:url": url, "livekit:apiKey": "devkey", trunks: JSON.stringify(declared) },
    secrets: { "livekit:apiSecret": "secret" },
    expectNoChanges: false,
    refresh: false,
    diff: false,
    debug: false,
    parallel: 32,
  });
  const calls: Figures["calls"] = {};
  const count = async (kind: string, minimum: number, run: StackRun) => {
    proxy.reset();
    await quietly(run);
    const counted = proxy.counts();
    calls[kind] = { calls: counted, total: Object.values(counted).reduce((a, b) => a + b, 0), minimum };
  };

  const memory = watchPeakMemory(DYNAMIC_PROVIDER_MARKER);
  const [, upSeconds] = await timed(() => count("create", n, base(trunks(n))));
  await count("no-op up", 0, base(trunks(n)));
  await count("field update", n + 1, base(trunks(n, { metadata: "v2" })));
  await count("replace", n + 1, base(trunks(n, { metadata: "v2", krispEnabled: true })));
  await count("refresh", 1, { ...base(trunks(n, { metadata: "v2", krispEnabled: true })), operation: "refresh" });
  const [, driftSeconds] = await timed(() => quietly({ ...base(trunks(n, { metadata: "v2", krispEnabled: true })), operation: "preview", refresh: true, expectNoChanges: true }));

  const stateFile = path.join(home, "state", ".pulumi", "stacks", "livekit-sip", `bench-${n}.json`);
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { checkpoint: { latest: { resources: { type: string; outputs?: { __provider?: string } }[] } } };
  const trunkResources = state.checkpoint.latest.resources.filter((r) => r.type.endsWith("InboundTrunk"));
  const providerBytes = trunkResources.reduce((sum, r) => sum + (r.outputs?.__provider?.length ?? 0), 0) / trunkResources.length;
  const stateBytesPerTrunk = fs.statSync(stateFile).size / n;

  await count("destroy", n, { ...base(trunks(n, { metadata: "v2", krispEnabled: true })), operation: "destroy" });
  const providerPeakMiB = memory.stop().peakKiB / 1024;
  await proxy.stop();

  // The alternatives, against the server directly.
  await deleteAll(client);
  const [, sequentialSeconds] = await timed(async () => {
    for (let i = 0; i < n; i++) await client.createSipInboundTrunk(`seq-${i}`, [numberFor(n, i)]);
  });
  const [, listSeconds] = await timed(() => client.listSipInboundTrunk());
  await deleteAll(client);
  const [, parallelSeconds] = await timed(async () => {
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < n; i = next++) await client.createSipInboundTrunk(`par-${i}`, [numberFor(n, i)]);
    };
    await Promise.all(Array.from({ length: Math.min(32, n) }, worker));
  });
  await deleteAll(client);

  return {
    n,
    calls,
    seconds: { pulumiUp: upSeconds, sequentialLoop: sequentialSeconds, parallelSdk: parallelSeconds, driftPreview: driftSeconds, sdkList: listSeconds },
    providerBytesPerResource: Math.round(providerBytes),
    stateBytesPerTrunk: Math.round(stateBytesPerTrunk),
    providerPeakMiB: Math.round(providerPeakMiB * 10) / 10,
  };
}

function table(results: Figures[]): string {
  const lines: string[] = [];
  const row = (cells: (string | number)[]) => lines.push(cells.map((c, i) => String(c).padEnd(i === 0 ? 14 : 12)).join(" ").trimEnd());
  lines.push("API calls per operation (counted / minimum possible)");
  row(["operation", ...results.map((r) => `N=${r.n}`)]);
  for (const kind of Object.keys(results[0].calls)) row([kind, ...results.map((r) => `${r.calls[kind].total} / ${r.calls[kind].minimum}`)]);
  lines.push("", "Wall time, seconds (ratio to pulumi up)");
  row(["", ...results.map((r) => `N=${r.n}`)]);
  row(["pulumi up", ...results.map((r) => r.seconds.pulumiUp.toFixed(2))]);
  row(["sequential", ...results.map((r) => `${r.seconds.sequentialLoop.toFixed(2)} (${(r.seconds.sequentialLoop / r.seconds.pulumiUp).toFixed(2)}x)`)]);
  row(["parallel SDK", ...results.map((r) => `${r.seconds.parallelSdk.toFixed(2)} (${(r.seconds.parallelSdk / r.seconds.pulumiUp).toFixed(2)}x)`)]);
  row(["drift preview", ...results.map((r) => r.seconds.driftPreview.toFixed(2))]);
  row(["SDK list", ...results.map((r) => r.seconds.sdkList.toFixed(3))]);
  lines.push("", "Sizes and memory");
  row(["__provider B", ...results.map((r) => r.providerBytesPerResource)]);
  row(["state B/trunk", ...results.map((r) => r.stateBytesPerTrunk)]);
  row(["provider MiB", ...results.map((r) => r.providerPeakMiB)]);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const at = process.argv.indexOf("--n");
  const sizes = (at > 0 ? process.argv[at + 1] : "1,10,100").split(",").map(Number);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "livekit-sip-bench-"));
  const local = await startLocalStack({ stateDir: path.join(home, "server"), httpPort: 7990, redisPort: 6392 });
  try {
    const client = new SipClient(local.credentials.url, local.credentials.apiKey, local.credentials.apiSecret);
    const results: Figures[] = [];
    for (const n of sizes) {
      console.error(`bench: N=${n} ...`);
      results.push(await benchN(n, home, local.credentials.url, client));
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
