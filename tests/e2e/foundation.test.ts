import { declaredPart, deleteAllTrunks, listTrunksJson } from "./support/livekit";
import { PROJECTS, StateResource, TestStack } from "./support/pulumi";

/**
 * The foundation, end to end on the users' path: the seed example, installed from the packed
 * package into its own project folder, goes up with the real `pulumi` CLI and language host
 * against the real server, is read back with `lk`, stays unchanged on a second preview, keeps
 * secrets out of state, and goes away on destroy.
 */

const trunkResources = (resources: StateResource[]) => resources.filter((r) => r.type === "pulumi-nodejs:dynamic/livekit:InboundTrunk");

beforeAll(deleteAllTrunks);

describe("the seed example", () => {
  const stack = new TestStack("seed", PROJECTS.seed);

  test("pulumi up creates both trunks with exactly the declared fields", async () => {
    const { output } = await stack.expect("up");
    expect(output).toMatch(/^Previewing update \(seed\)/m);
    expect(output).toMatch(/\+ 5 created/);
    const trunks = (await listTrunksJson()).map(declaredPart);
    expect(trunks).toHaveLength(2);
    expect(trunks).toEqual(
      expect.arrayContaining([
        { name: "Main line", numbers: ["+15105550100"], krispEnabled: true },
        { name: "Allowed callers", numbers: ["+15105550101"], allowedNumbers: ["+13105550100", "+17145550100"] },
      ]),
    );
  });

  test("a second preview finds nothing to change", async () => {
    await stack.expect("preview", { expectNoChanges: true });
  });

  test("the language host compiles the program with the project's own ts-node and TypeScript", async () => {
    const { output } = await stack.expect("preview", { expectNoChanges: true, debug: true });
    const ownModules = stack.projectDir + "/node_modules/";
    expect(output).toContain(`Found ts-node version: 10.9.2 at ${ownModules}ts-node/`);
    expect(output).toContain(`Found typescript version 5.9.3 at ${ownModules}typescript/`);
    expect(output).not.toMatch(/vendored (ts-node|typescript)/);
  });

  test("a refreshing preview finds nothing to change", async () => {
    await stack.expect("preview", { expectNoChanges: true, refresh: true });
  });

  test("the stored provider requires the installed package's export by name, under 2.5 kB, without credentials", async () => {
    const { resources } = await stack.exportState();
    const sizes = trunkResources(resources).map((r) => String(r.outputs?.__provider).length);
    console.log(`__provider bytes per resource: ${sizes.join(", ")}`);
    expect(sizes).toHaveLength(2);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(800);
    for (const r of trunkResources(resources)) {
      expect(String(r.outputs?.__provider)).toContain('exportPath: "livekit-sip-pulumi/provider"');
      expect(String(r.outputs?.__provider)).not.toContain("/dist/");
    }
    expect(stack.stateFileText()).not.toContain(process.env.LSP_E2E_API_SECRET!);
  });

  test("pulumi destroy leaves no trunk", async () => {
    await stack.expect("destroy");
    expect(await listTrunksJson()).toEqual([]);
  });
});

describe("a trunk with SIP credentials", () => {
  const stack = new TestStack("auth", PROJECTS.declared);
  const password = `pw-${Date.now()}-plaintext-marker`;
  const config = { trunks: { office: { name: "Office PBX", authUsername: "office", allowedAddresses: ["203.0.113.0/24"] } } };

  test("is created with its password, which appears nowhere in state or output", async () => {
    const up = await stack.expect("up", { config, secrets: { passwords: JSON.stringify({ office: password }) } });
    const [trunk] = await listTrunksJson();
    expect(declaredPart(trunk)).toEqual({ name: "Office PBX", authUsername: "office", authPassword: password, allowedAddresses: ["203.0.113.0/24"] });
    const preview = await stack.expect("preview", { config, diff: true, expectNoChanges: true, refresh: true });
    const state = await stack.exportState();
    for (const text of [up.output, preview.output, state.text, stack.stateFileText()]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(process.env.LSP_E2E_API_SECRET!);
    }
  });

  test("is deleted on destroy", async () => {
    await stack.expect("destroy", { config });
    expect(await listTrunksJson()).toEqual([]);
  });
});

describe("credentials", () => {
  test("a wrong API secret fails saying which settings to check, and prints no token", async () => {
    const stack = new TestStack("wrong-secret", PROJECTS.seed);
    const result = await stack.run("up", { secrets: { "livekit:apiSecret": "not-the-server-secret-but-long-enough" } });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("LiveKit rejected the credentials: check livekit:apiKey / livekit:apiSecret and that the key has the SIP admin grant");
    expect(result.output).not.toMatch(/eyJ[\w-]*\./);
    expect(await listTrunksJson()).toEqual([]);
  });

  test("a missing API secret fails the update with both ways to set it", async () => {
    const stack = new TestStack("no-secret", PROJECTS.seed);
    const result = await stack.run("up", { secrets: { "livekit:apiSecret": "" } });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/livekit:apiSecret .*or LIVEKIT_API_SECRET/);
    expect(await listTrunksJson()).toEqual([]);
  });
});
