import * as fs from "node:fs";
import * as path from "node:path";
import { LiveKitProxy } from "../../tools/proxy";
import { REPO_ROOT } from "../../tools/toolchain";
import { DEFAULT_LEG } from "../../tools/userProject";
import { deleteAll, deleteAllTrunks, recordJson } from "./support/livekit";
import { packageCommandsBin } from "./support/native";
import { expectCountedSameIdReplace, expectLkDriftCaughtAndConverged, LK_MADE_CARRIER_PASSWORD, lkMadeRecords } from "./support/nativeCycle";
import { TestStack } from "./support/pulumi";

/**
 * The native package from Node.js programs, as `npm install livekit-sip-pulumi` and the plugin
 * archive give it: the same program in TypeScript (`import * as livekit from
 * "livekit-sip-pulumi/native"`) and in plain JavaScript (`require`), each through the real Node.js
 * language host: create the three resources (the rule bound to the trunk's `sipTrunkId`), a
 * field update and a same-ID replace (one List and one write each, counted), the carrier's secret
 * kept out of state, lk-made drift (exit 7, `livekit-sip-drift` exit 2, `up --refresh`), and
 * destroy. In TypeScript also `pulumi import` of lk-made records: the code it prints imports the
 * SDK from the package users installed and, pasted, previews empty. (`pulumi import` prints
 * TypeScript for every Node.js program, so a JavaScript program has no code to paste.)
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
beforeAll(async () => {
  await proxy.start();
});
afterAll(() => proxy.stop());

describe.each([
  ["TypeScript", "native-node-ts", "index.ts"],
  ["JavaScript", "native-node-js", "index.js"],
])("a %s program", (language, folder, programFile) => {
  const secrets = { carrierPassword: `pw-${Date.now()}-${folder}` };
  const config = (extra: Record<string, unknown> = {}) => ({ "livekit:url": proxy.url, ...extra });
  // A function: the proxy's address is known once it started (beforeAll), not when tests are collected.
  const applied = () => config({ lineName: "Node line, renamed", krisp: true });
  let stack: TestStack;
  let ids: { trunkId: string; ruleId: string; outboundTrunkId: string };

  beforeAll(async () => {
    await deleteAllTrunks();
    for (const kind of ["dispatch", "outbound"] as const) await deleteAll(kind);
    stack = new TestStack(`node-${language.toLowerCase()}`, path.join(REPO_ROOT, "tests", "projects", folder), DEFAULT_LEG, {}, { pathPrefix: [packageCommandsBin()] });
  });

  test("up creates the trunk, the rule bound to it and the outbound trunk; the carrier's password stays secret", async () => {
    const { output } = await stack.expect("up", { config: config(), secrets });
    expect(output).toMatch(/\+ 4 created/);
    ids = JSON.parse((await stack.expect("outputs")).stdout);
    expect(await recordJson("inbound", ids.trunkId)).toMatchObject({ name: "Node line", numbers: ["+15105550900"] });
    expect(await recordJson("dispatch", ids.ruleId)).toMatchObject({ trunkIds: [ids.trunkId], rule: { dispatchRuleIndividual: { roomPrefix: "node-" } } });
    expect(await recordJson("outbound", ids.outboundTrunkId)).toMatchObject({ address: "sip.carrier.example.com", authUsername: "node-user" });
    const { text } = await stack.exportState();
    expect(text).not.toContain(secrets.carrierPassword);
    expect(text).not.toContain("__provider");
  });

  test("a field update, then a same-ID replace: one List and one write each, the IDs kept", async () => {
    proxy.reset();
    const renamed = await stack.expect("up", { config: config({ lineName: "Node line, renamed" }), secrets, skipPreview: true });
    expect(renamed.output).toMatch(/field update: name/);
    expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1, UpdateSIPInboundTrunk: 1 });
    await expectCountedSameIdReplace(stack, proxy, { config: applied(), secrets }, ids, { name: "Node line, renamed", krispEnabled: true });
  });

  test("lk-made drift fails a refreshing preview (exit 7) naming the field; livekit-sip-drift exits 2; up --refresh converges", async () => {
    await expectLkDriftCaughtAndConverged(stack, { config: applied(), secrets }, ids.trunkId, "Node line, renamed");
  });

  if (language === "TypeScript") {
    test("pulumi import of lk-made records sends no write; the printed code imports the installed SDK and, pasted, previews empty", async () => {
      const made = await lkMadeRecords("+15105550977", "+15105550978");
      proxy.reset();
      await stack.configure({ config: applied(), secrets });
      const program = path.join(stack.projectDir, programFile);
      const original = fs.readFileSync(program, "utf8");
      const importLines = new Set(original.split("\n").filter((line) => line.startsWith("import ")));
      let printed = "";
      for (const [type, name] of [["InboundTrunk", "imported"], ["OutboundTrunk", "importedCarrier"], ["DispatchRule", "importedRule"]] as const) {
        const codeFile = path.join(process.env.LSP_E2E_DIR!, `node-${name}.ts`);
        const result = await stack.pulumi(["import", `livekit:sip:${type}`, name, made[type], "--yes", "--non-interactive", "--out", codeFile]).result;
        if (result.code !== 0) throw new Error(`pulumi import exited ${result.code}:\n${result.output}`);
        const code = fs.readFileSync(codeFile, "utf8");
        expect(result.output + code).not.toContain(LK_MADE_CARRIER_PASSWORD); // the carrier's password is never printed
        // Its imports are the program's own: pasted below them, they are left out.
        for (const line of code.split("\n").filter((text) => text.startsWith("import "))) expect(importLines).toContain(line);
        printed += code.split("\n").filter((line) => !line.startsWith("import ")).join("\n");
      }
      expect(Object.keys(proxy.counts()).filter((method) => !method.startsWith("List"))).toEqual([]);
      fs.writeFileSync(program, original + printed);
      await stack.expect("preview", { config: applied(), secrets, expectNoChanges: true });
      fs.writeFileSync(program, original + printed.replace(/protect: true/g, "protect: false"));
      await stack.expect("up", { config: applied(), secrets });
    });
  }

  test("destroy deletes every record", async () => {
    const { resources } = await stack.exportState();
    const recorded = resources.filter((r) => r.type.startsWith("livekit:sip:")).map((r) => [r.type, r.id!] as const);
    expect(recorded.length).toBe(language === "TypeScript" ? 6 : 3);
    await stack.expect("destroy", { config: applied(), secrets });
    const kind = { "livekit:sip:InboundTrunk": "inbound", "livekit:sip:OutboundTrunk": "outbound", "livekit:sip:DispatchRule": "dispatch" } as const;
    for (const [type, id] of recorded) expect(await recordJson(kind[type as keyof typeof kind], id)).toBeUndefined();
  });
});
