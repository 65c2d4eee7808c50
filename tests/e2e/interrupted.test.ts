import { DEFAULT_LEG } from "../../tools/userProject";
import { LiveKitProxy } from "../../tools/proxy";
import { deleteAllTrunks, listTrunksJson } from "./support/livekit";
import { PROJECTS, SCRIPTED, TestStack } from "./support/pulumi";

/**
 * `pulumi up` killed with SIGKILL while creates are in flight, then the documented way back:
 * `pulumi cancel`, `livekit-sip-recover`, `pulumi refresh --clear-pending-creates`, `pulumi up`.
 * No trunk is created twice and none is lost.
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
beforeAll(async () => {
  await deleteAllTrunks();
  await proxy.start();
});
afterAll(() => proxy.stop());

test("a killed up is recovered without duplicates or losses", async () => {
  const stack = new TestStack("killed", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const declared = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`k${i}`, { name: `killed-${i}`, numbers: [`+1415556${1000 + i}`] }]));
  const options = { config: { trunks: declared, "livekit:url": proxy.url } };
  // Slow creates: two land on the server while the run is killed before it records them.
  proxy.reset();
  proxy.inject({ kind: "delay", delayMs: 1500, method: "CreateSIPInboundTrunk", times: 4 });
  const run = await stack.start("up", { ...options, parallel: 2 });
  // Kill once two creates are in flight (the CLI, language host and program take a while to start).
  const inFlight = () => proxy.arrivals.filter((method) => method === "CreateSIPInboundTrunk").length;
  for (let waited = 0; inFlight() < 2 && waited < 120_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(inFlight()).toBeGreaterThanOrEqual(2);
  run.kill("SIGKILL");
  expect((await run.result).code).not.toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 1500)); // in-flight creates finish on the server
  const orphans = (await listTrunksJson()).length;
  expect(orphans).toBeGreaterThan(0);

  await stack.expect("cancel");
  const recover = await stack.packageCommand("livekit-sip-recover", ["--stack", stack.name], {
    LIVEKIT_URL: process.env.LSP_E2E_URL!,
    LIVEKIT_API_KEY: process.env.LSP_E2E_API_KEY!,
    LIVEKIT_API_SECRET: process.env.LSP_E2E_API_SECRET!,
  });
  expect(recover.code).toBe(0);
  const stdout = recover.stdout;
  expect(stdout.match(/^recovered /gm)?.length).toBe(orphans);

  await stack.expect("refresh", { ...options, clearPendingCreates: true });
  await stack.expect("up", options);
  const names = (await listTrunksJson()).map((t) => String(t.name)).sort();
  expect(names).toEqual(["killed-0", "killed-1", "killed-2", "killed-3"]);
  await stack.expect("preview", { ...options, refresh: true, expectNoChanges: true });
  await stack.expect("destroy", options);
  expect(await listTrunksJson()).toEqual([]);
});
