import * as fs from "node:fs";
import * as path from "node:path";
import { RELEASE_DIR } from "../../tools/pluginArchive";
import { LiveKitProxy } from "../../tools/proxy";
import { PACKAGE_VERSION } from "../../tools/toolchain";
import { DEFAULT_LEG } from "../../tools/userProject";
import { deleteAll, deleteAllTrunks, recordJson } from "./support/livekit";
import { packageCommandsBin } from "./support/native";
import { expectCountedSameIdReplace, expectLkDriftCaughtAndConverged, LK_MADE_CARRIER_PASSWORD, lkMadeRecords } from "./support/nativeCycle";
import { PROJECTS, TestStack } from "./support/pulumi";

/**
 * The Python example (`examples/python-call-path`) as a Python user runs it: Pulumi's pip
 * toolchain makes the project's virtualenv with `pulumi install` (packages from PyPI, the SDK
 * from the wheel `npm run build` wrote, found by name as pip finds it on PyPI), mypy type-checks
 * the program before each run, the plugin comes from the plugin cache (installed from its
 * archive). Through the real Python language host and an explicit provider: create the three
 * resources (the rule bound to the trunk's ID output), a field update and a same-ID replace
 * (one List and one write each, counted), secrets from `pulumi config set --secret` kept out of
 * state and debug logs, lk-made drift (refreshing preview exit 7, `livekit-sip-drift` exit 2),
 * `pulumi import` whose printed Python, pasted, previews empty, destroy.
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
let stack: TestStack;
const secrets = { carrierPassword: `pw-${Date.now()}-python`, livekitApiSecret: process.env.LSP_E2E_API_SECRET! };
let ids: { trunkId: string; ruleId: string; outboundTrunkId: string };

/** Every run's config: the explicit provider's server (and the default provider's) is the counting proxy. */
const config = (extra: Record<string, unknown> = {}) => ({ livekitUrl: proxy.url, livekitApiKey: process.env.LSP_E2E_API_KEY!, "livekit:url": proxy.url, ...extra });

beforeAll(async () => {
  await deleteAllTrunks();
  for (const kind of ["dispatch", "outbound"] as const) await deleteAll(kind);
  await proxy.start();
  stack = new TestStack("python", PROJECTS.pythonCallPath, DEFAULT_LEG, {}, { packageManager: "none", pathPrefix: [packageCommandsBin()] });
  stack.install();
  // The SDK is not on PyPI here: pip finds it by name and version in the release folder instead.
  const requirements = path.join(stack.projectDir, "requirements.txt");
  fs.writeFileSync(requirements, `--find-links ${RELEASE_DIR}\n${fs.readFileSync(requirements, "utf8")}`);
  const install = await stack.shell("pulumi install");
  if (install.code !== 0) throw new Error(`pulumi install exited ${install.code}:\n${install.output}`);
  expect(install.output).not.toMatch(/warning/i);
}, 600000);
afterAll(() => proxy.stop());

test("pulumi install made the project's virtualenv with the SDK from its wheel, at the package's version", () => {
  const sitePackages = fs.readdirSync(path.join(stack.projectDir, "venv", "lib")).map((python) => path.join(stack.projectDir, "venv", "lib", python, "site-packages"));
  const installed = sitePackages.flatMap((dir) => fs.readdirSync(dir)).filter((name) => name.startsWith("livekit_sip_pulumi-"));
  expect(installed).toEqual([`livekit_sip_pulumi-${PACKAGE_VERSION}.dist-info`]);
});

test("up creates the provider, the trunk, the rule bound to it and the outbound trunk, with no warning; secrets stay secret", async () => {
  const { output } = await stack.expect("up", { config: config(), secrets });
  expect(output).toMatch(/\+ 5 created/);
  expect(output).not.toMatch(/warning/i);
  ids = JSON.parse((await stack.expect("outputs")).stdout);
  expect(await recordJson("inbound", ids.trunkId)).toMatchObject({ name: "Python support line", numbers: ["+15105550800"] });
  expect(await recordJson("dispatch", ids.ruleId)).toMatchObject({ trunkIds: [ids.trunkId], rule: { dispatchRuleIndividual: { roomPrefix: "python-support-" } } });
  expect(await recordJson("outbound", ids.outboundTrunkId)).toMatchObject({ address: "sip.carrier.example.com", authUsername: "python-support" });

  const { text, resources } = await stack.exportState();
  expect(text).not.toContain(secrets.carrierPassword);
  expect(text).not.toContain(secrets.livekitApiSecret);
  expect(JSON.stringify(resources.find((r) => r.type === "livekit:sip:OutboundTrunk")?.outputs?.authPassword)).toContain("ciphertext");
  expect(JSON.stringify(resources.find((r) => r.type === "pulumi:providers:livekit")?.inputs?.apiSecret)).toContain("ciphertext");
});

test("a field update previews as ~name and costs one List and one field update of the same ID; debug logs hold no secret", async () => {
  const next = config({ lineName: "Python line, renamed" });
  const preview = await stack.expect("preview", { config: next, secrets, diff: true });
  expect(preview.output).toMatch(/~ name\s*: "Python support line" => "Python line, renamed"/);
  expect(preview.output).toMatch(/trunk ST_\w+ will take a field update \(name\)$/m);
  proxy.reset();
  const { output } = await stack.expect("up", { config: next, secrets, skipPreview: true, debug: true });
  expect(output).toMatch(/field update: name/);
  expect(output).toMatch(/Provider\[0x[0-9a-f]+\]\.Update/);
  expect(output).not.toContain(secrets.carrierPassword);
  expect(output).not.toContain(secrets.livekitApiSecret);
  expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1, UpdateSIPInboundTrunk: 1 });
  expect((await recordJson("inbound", ids.trunkId))?.name).toBe("Python line, renamed");
});

test("a replace-only field is a same-ID replace: one List and one write, the rule untouched, the IDs kept", async () => {
  const next = config({ lineName: "Python line, renamed", krisp: true });
  const preview = await stack.expect("preview", { config: next, secrets });
  expect(preview.output).toMatch(/trunk ST_\w+ will take a replace of the same ID: krispEnabled cannot change in place$/m);
  expect(preview.output).not.toMatch(/DispatchRule\s+rule\s+update/);
  await expectCountedSameIdReplace(stack, proxy, { config: next, secrets }, ids, { name: "Python line, renamed", krispEnabled: true });
});

test("lk-made drift fails preview --refresh --expect-no-changes (exit 7) naming the field; livekit-sip-drift exits 2; up --refresh converges", async () => {
  await expectLkDriftCaughtAndConverged(stack, { config: config({ lineName: "Python line, renamed", krisp: true }), secrets }, ids.trunkId, "Python line, renamed");
});

test("pulumi import of lk-made records sends no write; the Python it prints, pasted into the program, type-checks and previews empty", async () => {
  const applied = config({ lineName: "Python line, renamed", krisp: true });
  const made = await lkMadeRecords("+15105550877", "+15105550878");
  proxy.reset();
  await stack.configure({ config: applied, secrets });
  let printed = "";
  for (const [type, name, id] of [["InboundTrunk", "imported", made.InboundTrunk], ["OutboundTrunk", "imported_carrier", made.OutboundTrunk], ["DispatchRule", "imported_rule", made.DispatchRule]]) {
    const codeFile = path.join(process.env.LSP_E2E_DIR!, `python-${name}.py`);
    const result = await stack.pulumi(["import", `livekit:sip:${type}`, name, id, "--yes", "--non-interactive", "--out", codeFile]).result;
    if (result.code !== 0) throw new Error(`pulumi import exited ${result.code}:\n${result.output}`);
    expect(result.output).toMatch(/= 1 imported/);
    const code = fs.readFileSync(codeFile, "utf8");
    expect(code).toContain(`livekit.sip.${type}("${name}"`);
    expect(result.output + code).not.toContain(LK_MADE_CARRIER_PASSWORD); // the carrier's password is never printed
    printed += `\n${code}`;
  }
  expect(Object.keys(proxy.counts()).filter((method) => !method.startsWith("List"))).toEqual([]);

  // Pasted as printed at the end of the program (its imports repeat the program's, as Python allows).
  const program = path.join(stack.projectDir, "__main__.py");
  const original = fs.readFileSync(program, "utf8");
  fs.writeFileSync(program, original + printed);
  await stack.expect("preview", { config: applied, secrets, expectNoChanges: true });
  // Unprotected (an option only: nothing is sent), so that destroy takes them too.
  fs.writeFileSync(program, original + printed.replace(/protect=True/g, "protect=False"));
  proxy.reset();
  await stack.expect("up", { config: applied, secrets });
  expect(Object.keys(proxy.counts()).filter((method) => !method.startsWith("List"))).toEqual([]);
});

test("mypy checks the program before it runs: a wrongly typed argument fails preview naming it, and nothing is sent", async () => {
  const program = path.join(stack.projectDir, "__main__.py");
  const valid = fs.readFileSync(program, "utf8");
  fs.writeFileSync(program, valid.replace('krisp_enabled=config.get_bool("krisp") or False,', 'krisp_enabled="yes",'));
  proxy.reset();
  const { code, output } = await stack.run("preview", { config: config({ lineName: "Python line, renamed", krisp: true }), secrets });
  fs.writeFileSync(program, valid);
  expect(code).not.toBe(0);
  // mypy names the call, and the signature it offers shows the type krisp_enabled takes.
  expect(output).toMatch(/__main__\.py:\d+: error: No overload variant of "InboundTrunk" matches argument types "str", "str", "list\[str\]", "str"/);
  expect(output).toMatch(/krisp_enabled: bool \| Awaitable/);
  expect(output).toMatch(/error: mypy failed/);
  expect(proxy.counts()).toEqual({});
});

test("destroy deletes every record", async () => {
  const { resources } = await stack.exportState();
  const imported = (name: string) => resources.find((r) => r.urn.endsWith(`::${name}`))!.id!;
  await stack.expect("destroy", { config: config({ lineName: "Python line, renamed", krisp: true }), secrets });
  const records = [["inbound", ids.trunkId], ["dispatch", ids.ruleId], ["outbound", ids.outboundTrunkId], ["inbound", imported("imported")], ["outbound", imported("imported_carrier")], ["dispatch", imported("imported_rule")]] as const;
  for (const [kind, id] of records) {
    expect(await recordJson(kind, id)).toBeUndefined();
  }
});
