import { DEFAULT_LEG } from "../../tools/userProject";
import { deleteAllTrunks } from "./support/livekit";
import { PROJECTS, SCRIPTED, TestStack } from "./support/pulumi";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Upgrading the package causes no diff: state written by an older version (each shape of
 * `__provider` an earlier release stored) previews empty with the current one, and refresh and
 * update keep working through the stored provider.
 */

const stack = new TestStack("upgrade", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
const config = { trunks: { u: { name: "Upgrade", numbers: ["+15105550600"] } } };
/** The config of the last `up`: what an empty preview compares against. */
let applied: Record<string, unknown> = config;

beforeAll(deleteAllTrunks);
afterAll(() => stack.run("destroy", { config: applied }));

// What earlier releases stored as `__provider`, oldest first.
const OLDER_PROVIDERS: [string, string][] = [
  [
    "a stub of one function per method, each requiring the package's provider object",
    "exports.handler = __f0;\nvar __provider = {" +
      ["configure", "check", "diff", "create", "read", "update", "delete"]
        .map((m) => `${m}: function() { return require("livekit-sip-pulumi/provider").inboundTrunkProvider.${m}.apply(null, arguments); }`)
        .join(", ") +
      "};\nfunction __f0() { return __provider; }\n",
  ],
  ["a require of the provider module itself", 'exports.handler = __f0;\nfunction __f0() { return require("livekit-sip-pulumi/provider"); }\n'],
  [
    "a stub of one function per method, each requiring the provider's package export",
    "exports.handler = __f0;\nvar __provider = {" +
      ["configure", "check", "diff", "create", "read", "update", "delete"]
        .map((m) => `${m}: function() { return require("livekit-sip-pulumi/provider").${m}.apply(null, arguments); }`)
        .join(", ") +
      "};\nfunction __f0() { return __provider; }\n",
  ],
];

test("the first up writes state with the current stub", async () => {
  await stack.expect("up", { config });
});

test.each(OLDER_PROVIDERS)("state holding %s previews empty and still refreshes and updates", async (_, older) => {
  const pulumi = async (...args: string[]) => {
    const result = await stack.pulumi(args).result;
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${result.code}: ${result.output}`);
    return result;
  };
  const exported = JSON.parse((await pulumi("stack", "export")).stdout);
  for (const r of exported.deployment.resources) {
    if (r.type.endsWith("InboundTrunk")) {
      r.inputs.__provider = older;
      r.outputs.__provider = older;
    }
  }
  const file = path.join(process.env.LSP_E2E_DIR!, "upgrade-state.json");
  fs.writeFileSync(file, JSON.stringify(exported));
  await pulumi("stack", "import", "--file", file);

  await stack.expect("preview", { config: applied, expectNoChanges: true });
  await stack.expect("refresh", { config: applied, expectNoChanges: true });
  applied = { trunks: { u: { ...config.trunks.u, metadata: `after upgrade from ${older.length} bytes` } } };
  const { output } = await stack.expect("up", { config: applied });
  expect(output).toMatch(/field update: metadata/);
});
