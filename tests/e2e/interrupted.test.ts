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

test("livekit-sip-recover run while the killed run's creates are still landing waits for them", async () => {
  const stack = new TestStack("late", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const declared = Object.fromEntries(Array.from({ length: 2 }, (_, i) => [`l${i}`, { name: `late-${i}`, numbers: [`+1415556${2000 + i}`] }]));
  // Short retry budget for the run and for recover (both read the same settings, as users set them).
  const budget = { LIVEKIT_SIP_RETRY_DEADLINE_MS: "3000", LIVEKIT_SIP_REQUEST_TIMEOUT_MS: "12000" };
  const options = { config: { trunks: declared, "livekit:url": proxy.url }, env: budget };
  await stack.configure(options);
  proxy.reset();
  // Each create reaches the server 6 s after it is sent: well after the kill and after recover starts.
  proxy.inject({ kind: "delay", delayMs: 6000, method: "CreateSIPInboundTrunk", times: 2 });
  const run = await stack.start("up", options);
  const arrived = () => proxy.arrivals.filter((method) => method === "CreateSIPInboundTrunk").length;
  for (let waited = 0; arrived() < 2 && waited < 120_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  run.kill("SIGKILL");
  await run.result;
  await stack.expect("cancel");
  expect(await listTrunksJson()).toEqual([]); // nothing has landed yet
  const recover = await stack.packageCommand("livekit-sip-recover", ["--stack", stack.name], {
    ...budget,
    LIVEKIT_URL: process.env.LSP_E2E_URL!,
    LIVEKIT_API_KEY: process.env.LSP_E2E_API_KEY!,
    LIVEKIT_API_SECRET: process.env.LSP_E2E_API_SECRET!,
  });
  expect(recover.code).toBe(0);
  expect(recover.stdout).toMatch(/waiting until .* for creates of the interrupted run that may still land: 2 pending/);
  expect(recover.stdout.match(/^recovered /gm)?.length).toBe(2);

  await stack.expect("refresh", { ...options, clearPendingCreates: true });
  await stack.expect("up", options);
  expect((await listTrunksJson()).map((t) => String(t.name)).sort()).toEqual(["late-0", "late-1"]);
  await stack.expect("preview", { ...options, refresh: true, expectNoChanges: true });
  await stack.expect("destroy", options);
});
