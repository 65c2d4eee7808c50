import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs, promisify } from "node:util";
import { SipClient } from "livekit-server-sdk";
import { Credentials } from "../provider/livekit/credentials";
import { startLocalStack } from "../tools/localStack";
import { RELEASE_DIR } from "../tools/pluginArchive";
import { DYNAMIC_PROVIDER_MARKER, NATIVE_PLUGIN_MARKER, watchPeakMemory } from "../tools/peakMemory";
import { LiveKitProxy } from "../tools/proxy";
import { PACKAGE_VERSION, pulumiEnv, REPO_ROOT, toolPath } from "../tools/toolchain";
import { createUserProject, DEFAULT_LEG, installPluginArchive, packPackage, ProjectStack, UserProjectSpec } from "../tools/userProject";
import { deleteAllInboundTrunks, lkPass, PassSeconds, sdkPass, timed } from "./alternatives";
import { BackendDriftFigures, benchBackendDrift, benchDrift, DriftFigures } from "./drift";
import { benchRoute, RouteFigures } from "./route";
import { BenchResults, FixedCost, median, report, SizeFigures, Variant, VARIANTS } from "./figures";
import { EMPTY_PROGRAM, TRIVIAL_PROGRAM } from "./floorProjects";

/*
 * Benchmarks on the users' path, side by side in one run against a local livekit-server: Pulumi
 * projects that installed the packed package, run by the real `pulumi` CLI and language host.
 * - API calls per operation (counted by a proxy) against the fewest possible;
 * - wall time of create / update / delete of N trunks, repeated with the order alternated, for
 *   `pulumi up` with default settings and with the fast settings the README documents (for the
 *   dynamic resources in TypeScript and the native package in a YAML program), the same
 *   program with a trivial dynamic provider (the engine's floor), a sequential `lk` loop, `lk`
 *   eight at a time, and an SDK script; ratios, and each trunk's marginal cost;
 * - the fixed cost of a command split into its parts; the drift check; the routing check; state
 *   and memory.
 *
 *   npm run bench                               # N = 1, 10, 100; the drift check at 1, 10, 100, 500; routing at 500; 3 repeats
 *   npm run bench -- --n 1,10,100,500 --repeats 2
 *   npm run bench -- --only drift               # the drift check alone (--drift-n to choose its sizes)
 *   npm run bench -- --only route               # the routing check alone (--route-n to choose its sizes)
 *
 * Prints tables and writes .bench/results.json. Figures, not pass/fail: nothing here is a test.
 */

const DEFAULT_UP = ["up", "--yes"];
const FAST_UP = ["up", "--yes", "--skip-preview", "--parallel", "32"];
const FAST_ENV = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
const SETTINGS = {
  defaults: "pulumi up --yes (preview first, --parallel 8 = 4 × CPUs, type-checked TypeScript)",
  fast: `pulumi up --yes --skip-preview --parallel 32 with PULUMI_NODEJS_TRANSPILE_ONLY=true`,
};

const numberFor = (n: number, i: number) => `+1646${String(n).padStart(3, "0")}${String(i).padStart(4, "0")}`;

/** Trunks as a program declares them: resource name → InboundTrunk fields. */
type Declared = Record<string, Record<string, unknown>>;

function trunks(n: number, extra: (i: number) => Record<string, unknown> = () => ({})): Declared {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`b${i}`, { name: `bench-${i}`, numbers: [numberFor(n, i)], ...extra(i) }]));
}
const renamed = (i: number) => ({ name: `bench-${i}-v2` });

interface Projects {
  ours: string;
  trivial: string;
  empty: string;
  /** The native YAML project's folder (the plugin is in the plugin cache, from its archive). */
  nativeYaml: string;
  /** The native Python project's folder, its virtualenv made by `pulumi install`. */
  nativePython: string;
}

/** A Python program of the native package declaring the stack config `trunks` (name → InboundTrunk fields). */
const PYTHON_PROGRAM = `import json
import pulumi
import livekit_sip_pulumi as livekit

for name, fields in json.loads(pulumi.Config().require("trunks")).items():
    livekit.sip.InboundTrunk(name, name=fields["name"], numbers=fields["numbers"], krisp_enabled=fields.get("krispEnabled"))
`;

/** The Python project as a user has it: pip's virtualenv from requirements.txt, the SDK from its wheel. */
function pythonProject(dir: string, home: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: bench-native-python\nruntime:\n  name: python\n  options:\n    toolchain: pip\n    virtualenv: venv\n");
  fs.writeFileSync(path.join(dir, "requirements.txt"), `--find-links ${RELEASE_DIR}\npulumi==3.272.0\nlivekit_sip_pulumi==${PACKAGE_VERSION}\n`);
  fs.writeFileSync(path.join(dir, "__main__.py"), PYTHON_PROGRAM);
  execFileSync(toolPath("pulumi"), ["install"], { cwd: dir, env: { ...process.env, ...pulumiEnv(path.join(home, "state")) }, stdio: ["ignore", "ignore", "inherit"] });
  return dir;
}

/** A stack whose runs go to `url` and whose `trunks` config is set before each run. */
function benchStack(projectDir: string, name: string, home: string, credentials: Credentials, url: string) {
  const stack = new ProjectStack(projectDir, name, path.join(home, "state"), DEFAULT_LEG);
  const declare = (declared: Declared, dispatchRules: Declared = {}) =>
    stack.setConfig(
      { "livekit:url": url, "livekit:apiKey": credentials.apiKey, trunks: JSON.stringify(declared), dispatchRules: JSON.stringify(dispatchRules) },
      { "livekit:apiSecret": credentials.apiSecret },
    );
  return { stack, declare };
}

/** A Pulumi YAML program of the native package declaring `declared` (name → InboundTrunk fields). */
function yamlProgram(declared: Declared): string {
  // YAML has no loops: the program is the list itself (JSON is YAML's flow style).
  const resources = Object.entries(declared).map(([name, fields]) => `  ${name}:\n    type: livekit:sip:InboundTrunk\n    properties: ${JSON.stringify(fields)}\n`);
  return `name: bench-native-yaml\nruntime: yaml\nresources:\n${resources.join("")}`;
}

/** Like benchStack, for the native YAML project: declaring writes the program. */
function yamlBenchStack(projectDir: string, name: string, home: string, credentials: Credentials) {
  const { stack } = benchStack(projectDir, name, home, credentials, credentials.url);
  const declare = async (declared: Declared) => {
    fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), yamlProgram(declared));
    await stack.setConfig({ "livekit:url": credentials.url, "livekit:apiKey": credentials.apiKey }, { "livekit:apiSecret": credentials.apiSecret });
  };
  return { stack, declare };
}

/** A create / update / destroy pass of N resources through `pulumi`, each step timed. */
async function pulumiPass(
  bench: Pick<ReturnType<typeof benchStack>, "stack" | "declare">,
  n: number,
  up: string[],
  env: Record<string, string>,
  afterCreate: () => void = () => undefined,
): Promise<PassSeconds> {
  const run = (args: string[]) => timed(() => bench.stack.checked([...args, "--non-interactive"], bench.stack.env(env)));
  await bench.declare(trunks(n));
  const create = await run(up);
  afterCreate();
  await bench.declare(trunks(n, renamed));
  const update = await run(up);
  const destroy = await run(up.includes("--skip-preview") ? ["destroy", "--yes", "--skip-preview", "--parallel", "32"] : ["destroy", "--yes"]);
  return { create, update, destroy };
}

/** API calls of each operation at the user's default parallelism, and the size of `__provider`. */
async function countCalls(n: number, home: string, projects: Projects, credentials: Credentials) {
  const proxy = new LiveKitProxy(credentials.url);
  const bench = benchStack(projects.ours, `calls-${n}`, home, credentials, await proxy.start());
  await bench.stack.select();
  const calls: SizeFigures["calls"] = {};
  const count = async (kind: string, minimum: number, declared: Declared, args: string[]) => {
    await bench.declare(declared);
    proxy.reset();
    await bench.stack.checked([...args, "--non-interactive"]);
    const counted = proxy.counts();
    calls[kind] = { calls: counted, total: Object.values(counted).reduce((a, b) => a + b, 0), minimum };
  };
  const up = ["up", "--yes", "--skip-preview"];
  await count("create", n, trunks(n), up);
  await count("no-op up", 0, trunks(n), up);
  await count("field update", n + 1, trunks(n, renamed), up);
  const last = trunks(n, (i) => ({ ...renamed(i), krispEnabled: true }));
  await count("replace", n + 1, last, up);
  await count("refresh", 1, last, ["refresh", "--yes", "--skip-preview"]);

  const stateText = bench.stack.stateFileText();
  const state = JSON.parse(stateText) as { checkpoint: { latest: { resources: { type: string; outputs?: { __provider?: string } }[] } } };
  const trunkResources = state.checkpoint.latest.resources.filter((r) => r.type.endsWith("InboundTrunk"));
  const providerBytes = trunkResources.reduce((sum, r) => sum + (r.outputs?.__provider?.length ?? 0), 0) / trunkResources.length;

  await count("destroy", n, last, ["destroy", "--yes", "--skip-preview"]);
  await proxy.stop();
  return { calls, providerBytesPerResource: Math.round(providerBytes) };
}

async function benchSize(n: number, repeats: number, home: string, projects: Projects, credentials: Credentials, client: SipClient): Promise<SizeFigures> {
  const counted = await countCalls(n, home, projects, credentials);
  const oursDefault = benchStack(projects.ours, `default-${n}`, home, credentials, credentials.url);
  const oursFast = benchStack(projects.ours, `fast-${n}`, home, credentials, credentials.url);
  const trivialFast = benchStack(projects.trivial, `trivial-${n}`, home, credentials, credentials.url);
  const nativeDefault = yamlBenchStack(projects.nativeYaml, `native-default-${n}`, home, credentials);
  const nativeFast = yamlBenchStack(projects.nativeYaml, `native-fast-${n}`, home, credentials);
  const pythonDefault = benchStack(projects.nativePython, `python-default-${n}`, home, credentials, credentials.url);
  for (const b of [oursDefault, oursFast, trivialFast, nativeDefault, nativeFast, pythonDefault]) await b.stack.select();

  const peakKiB = { ours: 0, trivial: 0, native: 0 };
  const stateBytesPerTrunk = { ours: 0, trivial: 0, native: 0 };
  const measureState = (which: keyof typeof stateBytesPerTrunk, bench: { stack: ProjectStack }) => () => {
    stateBytesPerTrunk[which] = Math.round(bench.stack.stateFileText().length / n);
  };
  const withPeak = async (which: keyof typeof peakKiB, pass: () => Promise<PassSeconds>) => {
    const memory = watchPeakMemory(which === "native" ? NATIVE_PLUGIN_MARKER : DYNAMIC_PROVIDER_MARKER);
    try {
      return await pass();
    } finally {
      peakKiB[which] = Math.max(peakKiB[which], memory.stop().peakKiB);
    }
  };
  const run: Record<Variant, () => Promise<PassSeconds>> = {
    oursDefault: () => pulumiPass(oursDefault, n, DEFAULT_UP, {}),
    oursFast: () => withPeak("ours", () => pulumiPass(oursFast, n, FAST_UP, FAST_ENV, measureState("ours", oursFast))),
    nativeYamlDefault: () => pulumiPass(nativeDefault, n, DEFAULT_UP, {}),
    nativeYamlFast: () =>
      withPeak("native", () => pulumiPass(nativeFast, n, FAST_UP, {}, measureState("native", nativeFast))),
    nativePythonDefault: () => pulumiPass(pythonDefault, n, DEFAULT_UP, {}),
    trivialFast: () => withPeak("trivial", () => pulumiPass(trivialFast, n, FAST_UP, FAST_ENV, measureState("trivial", trivialFast))),
    lkLoop: () => lkPass(credentials, n, 1, (i) => numberFor(n, i)),
    lkParallel: () => lkPass(credentials, n, 8, (i) => numberFor(n, i)),
    sdk: () => sdkPass(client, n, (i) => numberFor(n, i)),
  };
  const passes = Object.fromEntries(Object.keys(VARIANTS).map((v) => [v, [] as PassSeconds[]])) as Record<Variant, PassSeconds[]>;
  for (let repeat = 0; repeat < repeats; repeat++) {
    const order = Object.keys(VARIANTS) as Variant[];
    if (repeat % 2 === 1) order.reverse();
    for (const variant of order) {
      await deleteAllInboundTrunks(client);
      console.error(`bench: N=${n}, repeat ${repeat + 1}/${repeats}: ${VARIANTS[variant]}`);
      passes[variant].push(await run[variant]());
    }
  }
  await deleteAllInboundTrunks(client);
  return {
    n,
    calls: counted.calls,
    passes,
    providerBytesPerResource: counted.providerBytesPerResource,
    stateBytesPerTrunk,
    peakMiB: { ours: Math.round(peakKiB.ours / 102.4) / 10, trivial: Math.round(peakKiB.trivial / 102.4) / 10, native: Math.round(peakKiB.native / 102.4) / 10 },
  };
}

/** The fixed cost of a command, part by part (see FixedCost), medians of `repeats` runs. */
async function measureFixedCost(home: string, projects: Projects, credentials: Credentials, repeats: number): Promise<FixedCost> {
  const empty = benchStack(projects.empty, "empty", home, credentials, credentials.url);
  const one = benchStack(projects.trivial, "one", home, credentials, credentials.url);
  for (const b of [empty, one]) await b.stack.select();
  await one.declare(trunks(1));
  await one.stack.checked([...FAST_UP, "--non-interactive"]);
  const samples: Record<keyof FixedCost, number[]> = { cli: [], cliWithBackend: [], emptyUp: [], emptyUpTranspileOnly: [], emptyPreview: [], oneResourceUp: [], oneResourcePreview: [] };
  const pulumi = (b: typeof empty, args: string[], env: Record<string, string> = {}) => timed(() => b.stack.checked([...args, "--non-interactive"], b.stack.env(env)));
  const up = ["up", "--yes", "--skip-preview"];
  for (let i = 0; i < repeats; i++) {
    samples.cli.push(await timed(() => promisify(execFile)(toolPath("pulumi"), ["version"], { env: empty.stack.env() })));
    samples.cliWithBackend.push(await pulumi(empty, ["stack", "output", "--json"]));
    samples.emptyUp.push(await pulumi(empty, up));
    samples.emptyUpTranspileOnly.push(await pulumi(empty, up, FAST_ENV));
    samples.emptyPreview.push(await pulumi(empty, ["preview"]));
    samples.oneResourceUp.push(await pulumi(one, up));
    samples.oneResourcePreview.push(await pulumi(one, ["preview"]));
  }
  await one.stack.checked(["destroy", "--yes", "--skip-preview", "--non-interactive"]);
  return Object.fromEntries(Object.entries(samples).map(([part, values]) => [part, median(values)])) as unknown as FixedCost;
}

/** The drift check on a dynamic-resource stack of N trunks, brought up with the fast settings (see drift.ts). */
async function driftAt(n: number, repeats: number, home: string, projects: Projects, credentials: Credentials): Promise<DriftFigures> {
  const bench = benchStack(projects.ours, `drift-${n}`, home, credentials, credentials.url);
  await bench.stack.select();
  await bench.declare(trunks(n));
  await bench.stack.checked([...FAST_UP, "--non-interactive"], bench.stack.env(FAST_ENV));
  console.error(`bench: drift check, N=${n}`);
  const figures = await benchDrift(n, { stack: bench.stack, projectDir: projects.ours, drift: path.join(projects.ours, "node_modules", ".bin", "livekit-sip-drift") }, credentials, repeats);
  await bench.stack.checked(["destroy", "--yes", "--skip-preview", "--parallel", "32", "--non-interactive"]);
  return figures;
}

/** The routing check on a stack of N trunks, each with a rule bound to it (see route.ts). */
async function routeAt(n: number, repeats: number, home: string, projects: Projects, credentials: Credentials): Promise<RouteFigures> {
  const bench = benchStack(projects.ours, `route-${n}`, home, credentials, credentials.url);
  await bench.stack.select();
  const declared = trunks(n);
  const rules = Object.fromEntries(Object.keys(declared).map((name, i) => [`r${i}`, { name: `bench-rule-${i}`, trunks: [name], rule: { dispatchRuleIndividual: { roomPrefix: `bench-${i}` } } }]));
  await bench.declare(declared, rules);
  await bench.stack.checked([...FAST_UP, "--non-interactive"], bench.stack.env(FAST_ENV));
  console.error(`bench: routing check, N=${n} trunks + ${n} rules`);
  const figures = await benchRoute(n, { stack: bench.stack, projectDir: projects.ours, route: path.join(projects.ours, "node_modules", ".bin", "livekit-sip-route") }, credentials, repeats);
  await bench.stack.checked(["destroy", "--yes", "--skip-preview", "--parallel", "32", "--non-interactive"]);
  return figures;
}

/**
 * S stacks of N trunks each on a backend of their own (as a team's projects share one), each up
 * with the fast settings; the whole-backend drift check against them; then every stack destroyed.
 */
async function backendDriftAt(stackCount: number, n: number, repeats: number, home: string, projects: Projects, credentials: Credentials): Promise<BackendDriftFigures> {
  const stateDir = path.join(home, `backend-${stackCount}x${n}`);
  const stacks: ProjectStack[] = [];
  for (let s = 0; s < stackCount; s++) {
    const stack = new ProjectStack(projects.ours, `team-${s}`, stateDir, DEFAULT_LEG);
    await stack.select();
    const declared = Object.fromEntries(Array.from({ length: n }, (_, i) => [`b${i}`, { name: `team-${s}-${i}`, numbers: [`+1747${String(s).padStart(3, "0")}${String(i).padStart(4, "0")}`] }]));
    await stack.setConfig({ "livekit:url": credentials.url, "livekit:apiKey": credentials.apiKey, trunks: JSON.stringify(declared), dispatchRules: "{}" }, { "livekit:apiSecret": credentials.apiSecret });
    await stack.checked([...FAST_UP, "--non-interactive"], stack.env(FAST_ENV));
    stacks.push(stack);
  }
  console.error(`bench: drift across a backend of ${stackCount} stacks × ${n} trunks`);
  const figures = await benchBackendDrift(stacks, n, path.join(projects.ours, "node_modules", ".bin", "livekit-sip-drift"), credentials, repeats);
  for (const stack of stacks) await stack.checked(["destroy", "--yes", "--skip-preview", "--parallel", "32", "--non-interactive"]);
  return figures;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "1,10,100" },
      "drift-n": { type: "string", default: "1,10,100,500" },
      "route-n": { type: "string", default: "500" },
      repeats: { type: "string", default: "3" },
      only: { type: "string" },
      backend: { type: "string", default: "20x25" },
    },
  });
  if (values.only !== undefined && !["drift", "route", "backend"].includes(values.only)) throw new Error(`--only takes "drift", "route" or "backend", not ${JSON.stringify(values.only)}`);
  const checksOnly = values.only !== undefined;
  const sizes = values.only ? [] : values.n.split(",").map(Number);
  const driftSizes = values.only === undefined || values.only === "drift" ? values["drift-n"].split(",").map(Number) : [];
  const routeSizes = values.only === undefined || values.only === "route" ? values["route-n"].split(",").map(Number) : [];
  const [backendStacks, backendTrunks] = values.backend.split("x").map(Number);
  const measureBackend = (values.only === undefined || values.only === "backend") && backendStacks > 0; // --backend 0x0 leaves it out
  const repeats = Number(values.repeats);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "livekit-sip-bench-"));
  const local = await startLocalStack({ stateDir: path.join(home, "server"), httpPort: 7990, redisPort: 6392 });
  try {
    const client = new SipClient(local.credentials.url, local.credentials.apiKey, local.credentials.apiSecret);
    const tarball = packPackage(path.join(home, "pack"));
    const project = (name: string, spec: Pick<UserProjectSpec, "from" | "files" | "packageManager">) =>
      createUserProject({ dir: path.join(home, name), name, tarball, leg: DEFAULT_LEG, ...spec });
    const projects: Projects = {
      ours: project("bench-project", { from: path.join(REPO_ROOT, "tests", "projects", "declared") }),
      trivial: project("trivial-project", { files: { "index.ts": TRIVIAL_PROGRAM } }),
      empty: project("empty-project", { files: { "index.ts": EMPTY_PROGRAM } }),
      nativeYaml: project("native-yaml-project", { files: { "Pulumi.yaml": yamlProgram({}) }, packageManager: "none" }),
      // Only the passes run Python: the checks alone do not make its virtualenv.
      nativePython: checksOnly ? "" : pythonProject(path.join(home, "native-python-project"), home),
    };
    installPluginArchive(pulumiEnv(path.join(home, "state")));
    if (!checksOnly) console.error("bench: fixed cost ...");
    const fixedCost = checksOnly ? undefined : await measureFixedCost(home, projects, local.credentials, repeats);
    const measured: SizeFigures[] = [];
    for (const n of sizes) measured.push(await benchSize(n, repeats, home, projects, local.credentials, client));
    const drift: DriftFigures[] = [];
    for (const n of driftSizes) drift.push(await driftAt(n, repeats, home, projects, local.credentials));
    const route: RouteFigures[] = [];
    for (const n of routeSizes) route.push(await routeAt(n, repeats, home, projects, local.credentials));
    const backendDrift = measureBackend ? await backendDriftAt(backendStacks, backendTrunks, repeats, home, projects, local.credentials) : undefined;
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const pulumiVersion = (await promisify(execFile)(toolPath("pulumi"), ["version"])).stdout.trim();
    const lkVersion = (await promisify(execFile)(toolPath("lk"), ["--version"])).stdout.trim();
    const results: BenchResults = {
      machine,
      date: new Date().toISOString(),
      versions: { pulumi: pulumiVersion, "@pulumi/pulumi": DEFAULT_LEG.pulumiSdk, lk: lkVersion, node: process.version },
      settings: { ...SETTINGS, repeats },
      fixedCost,
      sizes: measured,
      drift,
      route,
      backendDrift,
    };
    console.log(`livekit-sip-pulumi benchmarks — ${results.date} — ${machine}; pulumi ${pulumiVersion}, ${lkVersion}\n`);
    console.log(report(results));
    fs.mkdirSync(path.join(REPO_ROOT, ".bench"), { recursive: true });
    fs.writeFileSync(path.join(REPO_ROOT, ".bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
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
