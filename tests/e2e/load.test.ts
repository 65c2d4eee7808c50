import { DEFAULT_LEG } from "../../tools/userProject";
import { DYNAMIC_PROVIDER_MARKER, watchPeakMemory } from "../../tools/peakMemory";
import { deleteAllTrunks, listTrunksJson } from "./support/livekit";
import { PROJECTS, SCRIPTED, TestStack } from "./support/pulumi";

/**
 * Load: N trunks in one program with `--parallel 32`, a change to all of them, then destroy. No
 * conflict, duplicate or loss; the provider process stays bounded in memory. CI runs N = 40;
 * the full N = 200: `LSP_LOAD_N=200 npm test -- --selectProjects e2e --testPathPattern load`.
 */

const N = Number(process.env.LSP_LOAD_N ?? 40);
/** Generous bound: a Node process with the provider loaded idles near 100 MiB. */
const MEMORY_BOUND_MIB = 400;
const stack = new TestStack("load", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
const declare = (metadata: string) =>
  Object.fromEntries(Array.from({ length: N }, (_, i) => [`l${i}`, { name: `load-${i}`, metadata, numbers: [`+1212555${String(i).padStart(4, "0")}`] }]));

beforeAll(deleteAllTrunks);

async function measured(operation: "up" | "destroy", trunks: object) {
  const watch = watchPeakMemory(DYNAMIC_PROVIDER_MARKER);
  const result = await stack.expect(operation, { config: { trunks }, parallel: 32 });
  const { peakKiB } = watch.stop();
  console.log(`load N=${N} ${operation}: provider peak RSS ${(peakKiB / 1024).toFixed(1)} MiB`);
  expect(peakKiB).toBeGreaterThan(0);
  expect(peakKiB / 1024).toBeLessThan(MEMORY_BOUND_MIB);
  return result;
}

test(`creates ${N} trunks, changes all of them, destroys them: no conflict, duplicate or loss`, async () => {
  await measured("up", declare("v1"));
  let live = await listTrunksJson();
  expect(live).toHaveLength(N);
  expect(new Set(live.map((t) => t.name)).size).toBe(N);

  await measured("up", declare("v2"));
  live = await listTrunksJson();
  expect(live).toHaveLength(N);
  expect(live.every((t) => t.metadata === "v2")).toBe(true);
  await stack.expect("preview", { config: { trunks: declare("v2") }, refresh: true, expectNoChanges: true });

  await measured("destroy", declare("v2"));
  expect(await listTrunksJson()).toEqual([]);
});

/**
 * What follows the live progress of a run's changes (after its preview, if it showed one):
 * Pulumi's closing summary (Diagnostics, Outputs, Resources, Duration, advice).
 */
function closingLines(output: string): string[] {
  const applied = output.split(/^(?:Updating|Refreshing|Destroying) \(/m).pop()!;
  const lines = applied.trimEnd().split("\n");
  const start = lines.findIndex((line) => /^(Diagnostics|Outputs|Resources):$/.test(line));
  return start < 0 ? [] : lines.slice(start);
}

test("at N = 500, up, refresh and destroy say each record once while they run and close with at most 50 lines", async () => {
  const lines = new TestStack("lines", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const trunks = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`n${i}`, { name: `lines-${i}`, numbers: [`+1213555${String(i).padStart(4, "0")}`] }]));
  // The program's own outputs are its choice, not ours: it exports no map of 500 IDs here.
  const options = { config: { trunks, exportIds: false }, parallel: 32 };
  const said = (output: string, what: RegExp) => output.split("\n").filter((line) => what.test(line)).length;

  const up = await lines.expect("up", options);
  expect(said(up.output, /livekit-sip-pulumi: created trunk ST_/)).toBe(500);
  const refresh = await lines.expect("refresh", options);
  const destroy = await lines.expect("destroy", options);
  expect(said(destroy.output, /livekit-sip-pulumi: deleted trunk ST_/)).toBe(500);
  const closing = { up: closingLines(up.output), refresh: closingLines(refresh.output), destroy: closingLines(destroy.output) };
  const all = { up: up.output, refresh: refresh.output, destroy: destroy.output };
  for (const [operation, summary] of Object.entries(closing)) {
    console.log(`N=500 ${operation}: ${summary.length} closing lines of ${all[operation as keyof typeof all].split("\n").length}`);
    expect({ operation, closingLines: summary.length <= 50, summary: summary.length > 0 }).toEqual({ operation, closingLines: true, summary: true });
  }
  expect(await listTrunksJson()).toEqual([]);
});
