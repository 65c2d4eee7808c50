import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import * as ts from "typescript";
import { SIPInboundTrunkInfo } from "@livekit/protocol";
import { inboundTrunkArgsFromLkJson } from "../../sdk";
import { LiveKitProxy } from "../../tools/proxy";
import { REPO_ROOT } from "../../tools/toolchain";
import { declaredPart, deleteAllTrunks, sipClient, trunkJson } from "./support/livekit";
import { PROGRAMS, TestStack } from "./support/pulumi";

/**
 * Bringing existing trunks under management: adoption by ID sends no write when the program
 * matches and converges through the planner when not; the generated program compiles and adopts
 * a whole server with an empty preview afterwards.
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);

/** Creates a trunk the way `lk sip inbound create file.json` does, from the seed's JSON form. */
async function createWithLk(json: object): Promise<string> {
  const trunk = SIPInboundTrunkInfo.fromJson((json as { trunk: object }).trunk as never);
  const created = await sipClient().createSipInboundTrunk(trunk.name, trunk.numbers, {
    metadata: trunk.metadata,
    allowedAddresses: trunk.allowedAddresses,
    allowedNumbers: trunk.allowedNumbers,
    authUsername: trunk.authUsername,
    authPassword: trunk.authPassword,
    krispEnabled: trunk.krispEnabled,
    media: trunk.media,
  });
  return created.sipTrunkId;
}

beforeAll(async () => {
  await deleteAllTrunks();
  await proxy.start();
});
afterAll(() => proxy.stop());

describe("adoptTrunkId", () => {
  const stack = new TestStack("adopt", PROGRAMS.declared);
  const file = { trunk: { name: "Adopted", numbers: ["+15105550400"], allowed_numbers: ["+13105550100"], krispEnabled: true } };
  let id = "";

  test("adopting a trunk that matches the program sends one List and no write, and keeps the ID", async () => {
    id = await createWithLk(file);
    const args = { ...inboundTrunkArgsFromLkJson(file), adoptTrunkId: id };
    proxy.reset();
    const { output } = await stack.expect("up", { config: { trunks: { a: args }, "livekit:url": proxy.url } });
    expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1 });
    expect(output).toMatch(new RegExp(`adopted ${id}: no change`));
    const { resources } = await stack.exportState();
    expect(resources.find((r) => r.type.endsWith("InboundTrunk"))?.id).toBe(id);
    await stack.expect("preview", { config: { trunks: { a: args } }, refresh: true, expectNoChanges: true });
  });

  test("destroying then adopting with a different declaration converges the trunk in place", async () => {
    // Forget the trunk without deleting it (as a team moving it to another stack would).
    const { output: exported } = await stack.expect("export");
    expect(exported).toContain(id);
    await stack.expect("destroy", { config: { trunks: {} } });
    expect(await trunkJson(id)).toBeUndefined();
    const again = await createWithLk(file);
    const args = { ...inboundTrunkArgsFromLkJson(file), adoptTrunkId: again, name: "Adopted and renamed" };
    proxy.reset();
    const { output } = await stack.expect("up", { config: { trunks: { a: args }, "livekit:url": proxy.url } });
    expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1, UpdateSIPInboundTrunk: 1 });
    expect(output).toMatch(/field update: name/);
    expect(declaredPart((await trunkJson(again))!)).toMatchObject({ name: "Adopted and renamed", numbers: ["+15105550400"] });
    await stack.expect("destroy", { config: { trunks: { a: args } } });
  });

  test("adopting an ID that does not exist fails clearly and creates nothing", async () => {
    const result = await stack.run("up", { config: { trunks: { a: { numbers: ["+15105550401"], adoptTrunkId: "ST_doesNotExist" } } } });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/adoptTrunkId: trunk ST_doesNotExist does not exist/);
    expect(await sipClient().listSipInboundTrunk()).toEqual([]);
  });
});

describe("livekit-sip-codegen", () => {
  const dir = path.join(REPO_ROOT, ".tmp-codegen");
  const password = `pw-${Date.now()}-codegen`;

  test("generates a program that compiles and adopts every trunk with an empty preview after", async () => {
    await deleteAllTrunks();
    await createWithLk({ trunk: { name: "Main line", numbers: ["+15105550100"], krispEnabled: true } });
    await createWithLk({ trunk: { name: "Allowed callers", numbers: ["+15105550100"], allowedNumbers: ["+13105550100", "+17145550100"] } });
    const withAuth = await createWithLk({ trunk: { name: "Office PBX", authUsername: "office", authPassword: password, allowedAddresses: ["203.0.113.0/24"] } });
    await createWithLk({
      trunk: { name: "Secure line", numbers: ["+15105550102"], media: { encryption: "SIP_MEDIA_ENCRYPT_REQUIRE", codecs: [{ name: "PCMU" }] } },
    });

    const { stdout } = await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, "dist/cli/codegen.js")], {
      env: { ...process.env, LIVEKIT_URL: process.env.LSP_E2E_URL, LIVEKIT_API_KEY: process.env.LSP_E2E_API_KEY, LIVEKIT_API_SECRET: process.env.LSP_E2E_API_SECRET },
    });
    expect(stdout).not.toContain(password);
    expect(stdout).toContain(withAuth);
    expect(stdout).toContain('"encryption": "SIP_MEDIA_ENCRYPT_REQUIRE"');
    expect(stdout).not.toContain("mediaEncryption");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "index.ts"), stdout);

    // Type-check against the package's own types, as a user's project would.
    const program = ts.createProgram([path.join(dir, "index.ts")], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      target: ts.ScriptTarget.ES2022,
      skipLibCheck: true,
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toEqual([]);
    fs.writeFileSync(path.join(dir, "index.js"), ts.transpileModule(stdout, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText);

    const stack = new TestStack("codegen", path.join(dir, "index.js"));
    proxy.reset();
    await stack.expect("up", { config: { "livekit:url": proxy.url }, secrets: { officePbxAuthPassword: password } });
    // Four adoptions, no write; their reads may share List calls.
    expect(Object.keys(proxy.counts())).toEqual(["ListSIPInboundTrunk"]);
    expect(proxy.counts().ListSIPInboundTrunk).toBeLessThanOrEqual(4);
    await stack.expect("preview", { secrets: { officePbxAuthPassword: password }, refresh: true, expectNoChanges: true });
    await stack.expect("destroy", { secrets: { officePbxAuthPassword: password } });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
