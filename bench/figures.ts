import { textTable } from "../cli/textTable";
import type { PassSeconds } from "./alternatives";
import type { BackendDriftFigures, DriftFigures } from "./drift";
import type { RouteFigures } from "./route";

/** What one benchmark run measured, as kept in .bench/results.json. */

/** API calls of one operation, counted by the proxy, and the fewest it could take. */
export interface CallCount {
  calls: Record<string, number>;
  total: number;
  minimum: number;
}

/** The ways of doing the same create / update / delete pass over N trunks. */
export const VARIANTS = {
  oursDefault: "pulumi up (defaults)",
  oursFast: "pulumi up (fast settings)",
  nativeYamlDefault: "native, YAML program, pulumi up (defaults)",
  nativeYamlFast: "native, YAML program (fast settings)",
  nativePythonDefault: "native, Python program, pulumi up (defaults)",
  trivialFast: "trivial provider (fast settings)",
  lkLoop: "lk loop",
  lkParallel: "lk, 8 at once",
  sdk: "server SDK, 32 at once",
} as const;
export type Variant = keyof typeof VARIANTS;

export interface SizeFigures {
  n: number;
  calls: Record<string, CallCount>;
  /** Every repeat's pass, per variant (repeats alternate the order of the variants). */
  passes: Record<Variant, PassSeconds[]>;
  providerBytesPerResource: number;
  /** Peak RSS of the provider process: our dynamic provider, the trivial one, our native plugin. */
  peakMiB: { ours: number; trivial: number; native: number };
  /** State bytes per trunk right after the fast pass's create: our dynamic stack, the trivial one, the native YAML stack. */
  stateBytesPerTrunk: { ours: number; trivial: number; native: number };
}

/** The fixed cost of a command, split by what it starts (medians of repeats, seconds). */
export interface FixedCost {
  /** `pulumi version`: the CLI binary alone. */
  cli: number;
  /** `pulumi stack output`: the CLI with the state backend. */
  cliWithBackend: number;
  /** `pulumi up` of a program that declares nothing (language host, ts-node, program). */
  emptyUp: number;
  /** The same with transpile-only TypeScript (PULUMI_NODEJS_TRANSPILE_ONLY=true). */
  emptyUpTranspileOnly: number;
  /** `pulumi preview` of the empty program. */
  emptyPreview: number;
  /** A no-op `pulumi up` of one trivial dynamic resource: adds the dynamic-provider plugin. */
  oneResourceUp: number;
  /** `pulumi preview` of one trivial dynamic resource. */
  oneResourcePreview: number;
}

export interface BenchResults {
  machine: string;
  date: string;
  versions: Record<string, string>;
  settings: { defaults: string; fast: string; repeats: number };
  /** Absent when only the drift or routing check ran (`--only …`). */
  fixedCost?: FixedCost;
  sizes: SizeFigures[];
  /** The drift check, at its own sizes (N = 1, 10, 100, 500 by default). */
  drift: DriftFigures[];
  /** The routing check, at its own sizes (N = 500 trunks and 500 rules by default). */
  route: RouteFigures[];
  /** The whole-backend drift check (`--only backend`: 20 stacks of 25 trunks by default). */
  backendDrift?: BackendDriftFigures;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

type Operation = keyof PassSeconds;
const OPERATIONS: Operation[] = ["create", "update", "destroy"];

const medianOf = (size: SizeFigures, variant: Variant, operation: Operation) => median(size.passes[variant].map((p) => p[operation]));
const minimumOf = (size: SizeFigures, variant: Variant, operation: Operation) => Math.min(...size.passes[variant].map((p) => p[operation]));

/** Milliseconds each further trunk adds, between the smallest and the largest N measured. */
export function marginalMs(sizes: SizeFigures[], variant: Variant, operation: Operation): number | undefined {
  const [first, last] = [sizes[0], sizes[sizes.length - 1]];
  if (!first || !last || last.n === first.n) return undefined;
  return ((medianOf(last, variant, operation) - medianOf(first, variant, operation)) / (last.n - first.n)) * 1000;
}

const seconds = (s: number) => s.toFixed(2);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/** The printed report: each table says what it compares. */
export function report(results: BenchResults): string {
  const lines = results.fixedCost && results.sizes.length > 0 ? passReport(results, results.fixedCost) : [];
  if (results.drift.length > 0) lines.push("", ...driftReport(results.drift));
  if (results.route.length > 0) lines.push("", ...routeReport(results.route));
  if (results.backendDrift) lines.push("", ...backendDriftReport(results.backendDrift));
  return lines.join("\n");
}

/** The drift check's table: each mode beside lk's listing, measured on the same stack in one run. */
function driftReport(drift: DriftFigures[]): string[] {
  const header = ["", ...drift.map((d) => `N=${d.n}`)];
  const row = (label: string, cell: (d: DriftFigures) => string | number) => [label, ...drift.map((d) => String(cell(d)))];
  return [
    "Drift check, seconds (medians; ratio to lk sip inbound list --json)",
    ...textTable([
      header,
      row("livekit-sip-drift (from the state)", (d) => `${seconds(d.seconds.drift)} (${ratio(d.seconds.drift, d.seconds.lkList)})`),
      row("livekit-sip-drift --preview", (d) => `${seconds(d.seconds.preview)} (${ratio(d.seconds.preview, d.seconds.lkList)})`),
      row("pulumi stack export --show-secrets", (d) => seconds(d.seconds.stackExport)),
      row("lk sip inbound list --json", (d) => d.seconds.lkList.toFixed(3)),
      row("livekit-sip-drift peak RSS, MiB", (d) => d.driftPeakMiB),
    ]),
  ];
}

/** The routing check's table: each mode beside lk's listing, measured on the same stack in one run. */
function routeReport(route: RouteFigures[]): string[] {
  const header = ["", ...route.map((r) => `N=${r.n} trunks + ${r.n} rules`)];
  const row = (label: string, cell: (r: RouteFigures) => string | number) => [label, ...route.map((r) => String(cell(r)))];
  const withRatio = (s: number, r: RouteFigures) => `${seconds(s)} (${ratio(s, r.seconds.lkList)})`;
  return [
    "Routing check, seconds (medians; ratio to lk sip inbound list --json)",
    ...textTable([
      header,
      row("livekit-sip-route --check (from the state)", (r) => withRatio(r.seconds.check, r)),
      row("livekit-sip-route --check --live", (r) => withRatio(r.seconds.checkLive, r)),
      row("livekit-sip-route --table", (r) => withRatio(r.seconds.table, r)),
      row("pulumi stack export", (r) => seconds(r.seconds.stackExport)),
      row("lk sip inbound list --json", (r) => r.seconds.lkList.toFixed(3)),
      row("livekit-sip-route --check peak RSS, MiB", (r) => r.checkPeakMiB),
    ]),
  ];
}

/** The tables of the create / update / delete passes, calls, fixed cost, sizes and memory. */
function passReport(results: BenchResults, f: FixedCost): string[] {
  const { sizes } = results;
  const header = ["", ...sizes.map((s) => `N=${s.n}`)];
  const perSize = (label: string, cell: (s: SizeFigures) => string | number) => [label, ...sizes.map((s) => String(cell(s)))];
  const lines: string[] = [
    `Settings: defaults = ${results.settings.defaults}; fast = ${results.settings.fast}; ${results.settings.repeats} repeats, order alternated`,
    "",
    "API calls per operation, pulumi up at default parallelism (counted / fewest possible)",
    ...textTable([header, ...Object.keys(sizes[0].calls).map((kind) => perSize(kind, (s) => `${s.calls[kind].total} / ${s.calls[kind].minimum}`))]),
  ];
  for (const operation of OPERATIONS) {
    lines.push("", `Wall time of ${operation} of N trunks, seconds: median (min) and median ratio to the lk loop`);
    lines.push(
      ...textTable([
        header,
        ...(Object.keys(VARIANTS) as Variant[]).map((variant) =>
          perSize(VARIANTS[variant], (s) => `${seconds(medianOf(s, variant, operation))} (${seconds(minimumOf(s, variant, operation))}) ${ratio(medianOf(s, variant, operation), medianOf(s, "lkLoop", operation))}`),
        ),
      ]),
    );
  }
  lines.push("", "Ours against the trivial dynamic provider (fast settings, medians): wall-time ratio");
  lines.push(...textTable([header, ...OPERATIONS.map((op) => perSize(op, (s) => ratio(medianOf(s, "oursFast", op), medianOf(s, "trivialFast", op))))]));
  const marginal = (variant: Variant, op: Operation) => {
    const ms = marginalMs(sizes, variant, op);
    return ms === undefined ? "-" : ms.toFixed(1);
  };
  lines.push("", `Marginal cost per trunk, ms (N=${sizes[0].n} → N=${sizes[sizes.length - 1].n}, medians)`);
  lines.push(...textTable([["", ...OPERATIONS], ...(Object.keys(VARIANTS) as Variant[]).map((v) => [VARIANTS[v], ...OPERATIONS.map((op) => marginal(v, op))])]));
  lines.push("", "Fixed cost of one command, seconds (medians)");
  lines.push(
    ...textTable([
      ["part", "seconds", "measured as"],
      ["CLI start", seconds(f.cli), "pulumi version"],
      ["state backend", seconds(f.cliWithBackend - f.cli), "pulumi stack output − pulumi version"],
      ["language host, ts-node, program", seconds(f.emptyUp - f.cliWithBackend), "up of an empty program − stack output"],
      ["  of which type checking", seconds(f.emptyUp - f.emptyUpTranspileOnly), "the same, minus with PULUMI_NODEJS_TRANSPILE_ONLY=true"],
      ["dynamic-provider plugin, up", seconds(f.oneResourceUp - f.emptyUp), "no-op up of 1 trivial resource − empty up"],
      ["dynamic-provider plugin, preview", seconds(f.oneResourcePreview - f.emptyPreview), "preview of 1 trivial resource − empty preview"],
    ]),
  );
  lines.push("", "Sizes and memory");
  lines.push(
    ...textTable([
      header,
      perSize("__provider, bytes per resource", (s) => s.providerBytesPerResource),
      perSize("state after create, bytes per trunk (ours)", (s) => s.stateBytesPerTrunk.ours),
      perSize("state after create, bytes per trunk (trivial)", (s) => s.stateBytesPerTrunk.trivial),
      perSize("provider peak RSS, MiB (ours)", (s) => s.peakMiB.ours),
      perSize("provider peak RSS, MiB (trivial)", (s) => s.peakMiB.trivial),
      perSize("native: state after create, bytes per trunk", (s) => s.stateBytesPerTrunk.native),
      perSize("native: plugin peak RSS, MiB", (s) => s.peakMiB.native),
    ]),
  );
  return lines;
}

/** The whole-backend drift check beside one `lk` listing per stack. */
function backendDriftReport(figures: BackendDriftFigures): string[] {
  const { stacks, trunksPerStack, seconds: s } = figures;
  return [
    `Drift across a whole backend: ${stacks} stacks of ${trunksPerStack} trunks each (medians, s)`,
    ...textTable([
      ["livekit-sip-drift --all, key in LIVEKIT_* (as the CI example)", `${seconds(s.driftAll)} (${ratio(s.driftAll, s.lkLists)})`],
      ["livekit-sip-drift --all, each stack's recorded key (decrypted)", `${seconds(s.driftAllRecorded)} (${ratio(s.driftAllRecorded, s.lkLists)})`],
      [`${stacks} × lk sip inbound list --json, one after another`, seconds(s.lkLists)],
    ]),
  ];
}
