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
