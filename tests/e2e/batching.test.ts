import { DEFAULT_LEG } from "../../tools/userProject";
import { SipApi } from "../../provider/livekit/client";
import { LiveKitProxy } from "../../tools/proxy";
import { deleteAllTrunks, listJson } from "./support/livekit";
import { PROJECTS, SCRIPTED, TestStack } from "./support/pulumi";

/**
 * Reads on refresh are batched: one listing per operation, whatever the engine's parallelism; so
 * are the reads before the writes of an up that changes many trunks.
 */

const N = 12;
const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
const stack = new TestStack("batching", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
const trunks = Object.fromEntries(Array.from({ length: N }, (_, i) => [`t${i}`, { numbers: [`+1510555${String(1000 + i)}`] }]));
const config = { trunks, "livekit:url": "" };

beforeAll(async () => {
  await deleteAllTrunks();
  config["livekit:url"] = await proxy.start();
  await stack.expect("up", { config });
});
afterAll(async () => {
  await stack.run("destroy", { config });
  await proxy.stop();
});

test(`refreshing ${N} trunks takes one List call`, async () => {
  proxy.reset();
  await stack.expect("refresh", { config, expectNoChanges: true });
  expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1 });
});

test("a refreshing preview of an unchanged stack takes one List call and no write", async () => {
  proxy.reset();
  await stack.expect("preview", { config, refresh: true, expectNoChanges: true });
  expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1 });
});

test(`changing all ${N} trunks (more than the engine's default parallelism) takes one List and ${N} writes`, async () => {
  const renamed = { ...config, trunks: Object.fromEntries(Object.entries(trunks).map(([name, args]) => [name, { ...args, metadata: "batch-2" }])) };
  proxy.reset();
  const { output } = await stack.expect("up", { config: renamed });
  expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1, UpdateSIPInboundTrunk: N });
  // Each trunk's plan line (the engine's output repeats diagnostics in its summary: count IDs).
  const planned = new Set([...output.matchAll(/trunk (ST_\w+): field update: metadata$/gm)].map((m) => m[1]));
  expect(planned.size).toBe(N);
  // lk, the independent client, sees the new metadata on every one of those trunks.
  const live = (await listJson("inbound")).filter((t) => planned.has(String(t.sipTrunkId)));
  expect(live.map((t) => t.metadata)).toEqual(Array(N).fill("batch-2"));
  // One trunk changing alone reads only that trunk (a List filtered by its ID) and sends nothing else.
  proxy.reset();
  await stack.expect("up", { config: { ...renamed, trunks: { ...renamed.trunks, t0: { ...renamed.trunks.t0, metadata: "batch-3" } } } });
  expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1, UpdateSIPInboundTrunk: 1 });
  await stack.expect("up", { config });
});

test("listing a whole server gives every trunk once, from a server that pages and from one that does not", async () => {
  const api = new SipApi({ url: proxy.url, apiKey: process.env.LSP_E2E_API_KEY!, apiSecret: process.env.LSP_E2E_API_SECRET! });
  // livekit-server v1.13.5 ignores the page limit and answers everything in one call.
  proxy.reset();
  const fromServer = await api.listAllInboundTrunks(5);
  expect(new Set(fromServer.map((t) => t.sipTrunkId)).size).toBe(N);
  expect(fromServer).toHaveLength(N);
  expect(proxy.counts().ListSIPInboundTrunk).toBe(1);
  // A server that pages (the proxy cuts the answer into pages of 5): one call per page, one more
  // when the last page is exactly full.
  proxy.reset();
  proxy.listPaging = "honour";
  const paged = await api.listAllInboundTrunks(5);
  expect(paged.map((t) => t.sipTrunkId).sort()).toEqual(fromServer.map((t) => t.sipTrunkId).sort());
  expect(proxy.counts().ListSIPInboundTrunk).toBe(Math.floor(N / 5) + 1);
});
