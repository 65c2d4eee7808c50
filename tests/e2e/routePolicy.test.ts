import * as path from "node:path";
import { DEFAULT_LEG } from "../../tools/userProject";
import { deleteAll, deleteAllTrunks, listJson } from "./support/livekit";
import { packageCommandsBin } from "./support/native";
import { PROJECTS, TestStack } from "./support/pulumi";

/**
 * The routing checks before anything is deployed: the policy pack the package ships
 * (`dist/policy`), run by `pulumi preview --policy-pack …` as the README says, on a TypeScript
 * program of the dynamic resources and on a YAML program of the native package. Calls refused or
 * dropped unanswered fail the preview, naming the resources, and nothing reaches LiveKit; the
 * fixed programs preview and go up with the pack, and `livekit-sip-route --check` agrees on the
 * native stack.
 */

beforeAll(async () => {
  await deleteAllTrunks();
  await deleteAll("dispatch");
});

describe("a TypeScript program of the dynamic resources", () => {
  const stack = new TestStack("policy", PROJECTS.declared);
  const pack = () => ["--policy-pack", path.join(stack.projectDir, "node_modules", "livekit-sip-pulumi", "dist", "policy")];
  const trunks = {
    main: { name: "Main line", numbers: ["+15105550500"] },
    allowed: { name: "Allowed callers", numbers: ["+15105550500"], allowedNumbers: ["+13105550500"] },
  };
  const rules = { mainRule: { name: "Main rule", trunks: ["main"], rule: { dispatchRuleIndividual: { roomPrefix: "main" } } } };

  test("two trunks on one number fail the preview as a mandatory violation naming both, and nothing is created", async () => {
    const preview = await (await stack.start("preview", { config: { trunks, dispatchRules: rules } }, pack())).result;
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain("livekit-sip-calls-answered");
    expect(preview.output).toMatch(/mandatory/);
    expect(preview.output).toMatch(/Calls are refused \(for example \+13105550500 → \+15105550500\): InboundTrunk "main" and InboundTrunk "allowed"|Calls are refused \(for example \+13105550500 → \+15105550500\): InboundTrunk "allowed" and InboundTrunk "main"/);
    expect(await listJson("inbound")).toEqual([]);
  });

  test("a trunk no rule serves fails the preview; with its own number and rule the program previews and goes up", async () => {
    const fixedTrunks = { ...trunks, allowed: { ...trunks.allowed, numbers: ["+15105550501"] } };
    const noRule = await (await stack.start("preview", { config: { trunks: fixedTrunks, dispatchRules: rules } }, pack())).result;
    expect(noRule.code).not.toBe(0);
    expect(noRule.output).toMatch(/Calls are dropped without an answer \(for example \+\d+ → \+15105550501\): InboundTrunk "allowed"/);

    const fixedRules = { ...rules, allowedRule: { name: "Allowed rule", trunks: ["allowed"], rule: { dispatchRuleDirect: { roomName: "allowed" } } } };
    const preview = await (await stack.start("preview", { config: { trunks: fixedTrunks, dispatchRules: fixedRules } }, pack())).result;
    expect(preview.code).toBe(0);
    expect(preview.output).not.toMatch(/mandatory|advisory/);
    const up = await (await stack.start("up", { config: { trunks: fixedTrunks, dispatchRules: fixedRules } }, pack())).result;
    expect(up.code).toBe(0);
    expect((await listJson("inbound")).map((t) => t.name).sort()).toEqual(["Allowed callers", "Main line"]);
    // Once applied, the IDs are known: the pack checks the recorded records as well.
    expect((await (await stack.start("preview", { config: { trunks: fixedTrunks, dispatchRules: fixedRules } }, pack())).result).code).toBe(0);
    await stack.expect("destroy", { config: { trunks: fixedTrunks, dispatchRules: fixedRules } });
  });
});

describe("a YAML program of the native package", () => {
  let stack: TestStack;
  let bin: string;
  const pack = () => ["--policy-pack", path.join(bin, "..", "lib", "node_modules", "livekit-sip-pulumi", "dist", "policy")];

  beforeAll(() => {
    bin = packageCommandsBin();
    stack = new TestStack("policy", PROJECTS.routeYaml, DEFAULT_LEG, {}, { packageManager: "none", pathPrefix: [bin] });
  });

  test("both trunks on one number fail the preview naming them; nothing is created", async () => {
    const preview = await (await stack.start("preview", { config: { allowedLine: "0" } }, pack())).result;
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain("livekit-sip-calls-answered");
    expect(preview.output).toMatch(/Calls are refused \(for example \+13105550800 → \+15105550800\): InboundTrunk "(main|allowed)" and InboundTrunk "(main|allowed)"/);
    expect(await listJson("inbound")).toEqual([]);
  });

  test("on two numbers the program previews and goes up with the pack; livekit-sip-route --check and --table agree", async () => {
    const config = { allowedLine: "1" };
    expect((await (await stack.start("preview", { config }, pack())).result).code).toBe(0);
    expect((await (await stack.start("up", { config }, pack())).result).code).toBe(0);
    const check = await stack.shell(`livekit-sip-route --stack ${stack.name} --check`);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("No routing problems");
    const table = await stack.shell(`livekit-sip-route --stack ${stack.name} --table`);
    expect(table.stdout).toMatch(/\+15105550801 +\+13105550800 .*InboundTrunk "allowed".*DispatchRule "allowedRule".*room "yaml-allowed"/);
    await stack.expect("destroy", { config });
  });
});
