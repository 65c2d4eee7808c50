import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_LEG } from "../../tools/userProject";
import { inboundTrunkArgsFromLkJson } from "../../dynamic";
import { LiveKitProxy } from "../../tools/proxy";
import { declaredPart, deleteAllTrunks, listTrunksJson, lkCreate, trunkJson } from "./support/livekit";
import { PROJECTS, SCRIPTED, TestStack } from "./support/pulumi";

/**
 * Bringing existing trunks under management: trunks made by `lk sip inbound create FILE` are
 * adopted by ID with no write when the program matches (the same file read with
 * inboundTrunkArgsFromLkJson) and converged through the planner when not; the program
 * `npx livekit-sip-codegen` writes runs as a user's project and adopts a whole server.
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);

beforeAll(async () => {
  await deleteAllTrunks();
  await proxy.start();
});
afterAll(() => proxy.stop());

describe("adoptTrunkId", () => {
  const stack = new TestStack("adopt", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const file = { trunk: { name: "Adopted", numbers: ["+15105550400"], allowed_numbers: ["+13105550100"], krispEnabled: true } };
  let id = "";

  test("adopting a trunk that matches the program sends one List and no write, and keeps the ID", async () => {
    id = await lkCreate(file);
    const args = { ...inboundTrunkArgsFromLkJson(file), adoptTrunkId: id };
    proxy.reset();
    const { output } = await stack.expect("up", { config: { trunks: { a: args }, "livekit:url": proxy.url } });
    // One List: check reads the trunk (what preview reports) and the write is decided on that read.
    expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1 });
    expect(output).toMatch(new RegExp(`adopted ${id}: no change`));
    const { resources } = await stack.exportState();
    expect(resources.find((r) => r.type.endsWith("InboundTrunk"))?.id).toBe(id);
    await stack.expect("preview", { config: { trunks: { a: args } }, refresh: true, expectNoChanges: true });
  });

  test("pulumi state delete forgets the trunk and sends nothing; re-adopting it by ID with another declaration converges it in place", async () => {
    const urn = (await stack.exportState()).resources.find((r) => r.type.endsWith("InboundTrunk"))!.urn;
    proxy.reset();
    // What the README gives for moving a record to another stack, or out of Pulumi's hands.
    const forgot = await stack.pulumi(["state", "delete", urn, "--yes", "--non-interactive"]).result;
    if (forgot.code !== 0) throw new Error(`pulumi state delete exited ${forgot.code}:\n${forgot.output}`);
    expect(proxy.requests).toEqual([]);
    expect(await trunkJson(id)).toBeDefined();
    const args = { ...inboundTrunkArgsFromLkJson(file), adoptTrunkId: id, name: "Adopted and renamed" };
    proxy.reset();
    const { output } = await stack.expect("up", { config: { trunks: { a: args }, "livekit:url": proxy.url } });
    expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1, UpdateSIPInboundTrunk: 1 });
    expect(output).toMatch(/field update: name/);
    expect((await stack.exportState()).resources.find((r) => r.type.endsWith("InboundTrunk"))?.id).toBe(id);
    expect(declaredPart((await trunkJson(id))!)).toMatchObject({ name: "Adopted and renamed", numbers: ["+15105550400"] });
    await stack.expect("destroy", { config: { trunks: { a: args } } });
  });

  test("adopting an ID that does not exist fails clearly and creates nothing", async () => {
    const result = await stack.run("up", { config: { trunks: { a: { numbers: ["+15105550401"], adoptTrunkId: "ST_doesNotExist" } } } });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/property adoptTrunkId value \{ST_doesNotExist\} has a problem: trunk ST_doesNotExist does not exist/);
    expect(await listTrunksJson()).toEqual([]);
  });
});

describe("livekit-sip-codegen", () => {
  const password = `pw-${Date.now()}-codegen`;

  test("writes a program that runs as a user's project and adopts every trunk, with an empty preview after", async () => {
    await deleteAllTrunks();
    await lkCreate({ trunk: { name: "Main line", numbers: ["+15105550100"], krispEnabled: true } });
    await lkCreate({ trunk: { name: "Allowed callers", numbers: ["+15105550100"], allowedNumbers: ["+13105550100", "+17145550100"] } });
    const withAuth = await lkCreate({ trunk: { name: "Office PBX", authUsername: "office", authPassword: password, allowedAddresses: ["203.0.113.0/24"] } });
    // lk 2.16.3 knows encryption only by its older top-level name; the server fills `media` from it.
    await lkCreate({ trunk: { name: "Secure line", numbers: ["+15105550102"], mediaEncryption: "SIP_MEDIA_ENCRYPT_REQUIRE" } });

    // `npx livekit-sip-codegen > index.ts`, in an installed project, with the documented variables.
    const codegen = await new TestStack("codegen-tool", PROJECTS.declared).packageCommand("livekit-sip-codegen", [], {
      LIVEKIT_URL: process.env.LSP_E2E_URL!,
      LIVEKIT_API_KEY: process.env.LSP_E2E_API_KEY!,
      LIVEKIT_API_SECRET: process.env.LSP_E2E_API_SECRET!,
    });
    expect(codegen.code).toBe(0);
    const program = codegen.stdout;
    expect(program).not.toContain(password);
    expect(program).toContain(withAuth);
    expect(program).toContain('"encryption": "SIP_MEDIA_ENCRYPT_REQUIRE"');
    expect(program).not.toContain("mediaEncryption");
    const source = path.join(process.env.LSP_E2E_DIR!, "generated", "codegen");
    fs.mkdirSync(source, { recursive: true });
    fs.writeFileSync(path.join(source, "index.ts"), program);

    // The language host type-checks it (strict) with the project's ts-node before running it.
    const stack = new TestStack("codegen", source);
    proxy.reset();
    await stack.expect("up", { config: { "livekit:url": proxy.url }, secrets: { officePbxAuthPassword: password } });
    // Four adoptions, no write: one read each at preview and one at up (reads may share List calls).
    expect(Object.keys(proxy.counts())).toEqual(["ListSIPInboundTrunk"]);
    expect(proxy.counts().ListSIPInboundTrunk).toBeLessThanOrEqual(8);
    await stack.expect("preview", { secrets: { officePbxAuthPassword: password }, refresh: true, expectNoChanges: true });
    await stack.expect("destroy", { secrets: { officePbxAuthPassword: password } });
  });
});

describe("inboundTrunkArgsFromLkJson on files that lk itself accepts", () => {
  const files: [string, { trunk: Record<string, unknown> }][] = [
    ["camelCase", { trunk: { name: "Camel", numbers: ["+15105550410"], allowedNumbers: ["+13105550100"], krispEnabled: true, metadata: "m" } }],
    ["snake_case with encryption", { trunk: { name: "Snake", numbers: ["+15105550411"], allowed_addresses: ["203.0.113.7"], media_encryption: "SIP_MEDIA_ENCRYPT_ALLOW" } }],
    ["durations, headers and auth", { trunk: { name: "Many", numbers: ["+15105550412"], ringing_timeout: "25s", maxCallDuration: "600s", headers: { "X-A": "1" }, auth_username: "u", auth_password: "p-lk-json" } }],
  ];

  test.each(files)("%s: the file and the trunk lk created from it read as the same args", async (_what, file) => {
    const id = await lkCreate(file);
    const listed = (await trunkJson(id))!;
    const { adoptTrunkId, ...fromListed } = inboundTrunkArgsFromLkJson(JSON.stringify(listed));
    expect(adoptTrunkId).toBe(id);
    expect(fromListed).toEqual(inboundTrunkArgsFromLkJson(JSON.stringify(file)));
  });
});
