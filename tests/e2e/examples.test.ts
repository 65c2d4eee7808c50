import * as path from "node:path";
import { REPO_ROOT } from "../../tools/toolchain";
import { LiveKitProxy } from "../../tools/proxy";
import { declaredPart, deleteAllTrunks, listTrunksJson } from "./support/livekit";
import { TestStack } from "./support/pulumi";
import { carrierTrunkArgs } from "../../examples/any-number/carrier";

/** The any-number example: many fields at once, created in a single call and read back whole. */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
const stack = new TestStack("any-number", path.join(REPO_ROOT, "dist/examples/any-number/index.js"));

beforeAll(async () => {
  await deleteAllTrunks();
  await proxy.start();
});
afterAll(() => proxy.stop());

test("creates the trunk with every declared field in one CreateSIPInboundTrunk call", async () => {
  await stack.expect("up", { config: { "livekit:url": proxy.url } });
  expect(proxy.counts()).toEqual({ CreateSIPInboundTrunk: 1 });
  const trunks = await listTrunksJson();
  // The server reports the encryption in both the deprecated field and `media`.
  expect(trunks.map(declaredPart)).toEqual([
    { ...carrierTrunkArgs, mediaEncryption: carrierTrunkArgs.media.encryption },
  ]);
});

test("a refreshing preview afterwards is empty", async () => {
  await stack.expect("preview", { refresh: true, expectNoChanges: true });
});

test("destroy removes it", async () => {
  await stack.expect("destroy");
  expect(await listTrunksJson()).toEqual([]);
});
