import { DEFAULT_LEG } from "../../tools/userProject";
import { deleteAllTrunks } from "./support/livekit";
import { PROJECTS, SCRIPTED, TestStack } from "./support/pulumi";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Upgrading the package causes no diff: state written by an older version (here, a stub of a
 * different shape stored as `__provider`) previews empty with the current one, and refresh and
 * update keep working through the stored stub.
 */

const stack = new TestStack("upgrade", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
const config = { trunks: { u: { name: "Upgrade", numbers: ["+15105550600"] } } };

beforeAll(deleteAllTrunks);
afterAll(() => stack.run("destroy", { config }));

test("state from an older stub previews empty and still refreshes and updates", async () => {
  await stack.expect("up", { config });
  const pulumi = async (...args: string[]) => {
    const result = await stack.pulumi(args).result;
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${result.code}: ${result.output}`);
    return result;
  };

  // An older release's stub: one function per method, each requiring the package itself.
  const older =
    "exports.handler = __f0;\nvar __provider = {" +
    ["configure", "check", "diff", "create", "read", "update", "delete"]
      .map((m) => `${m}: function() { return require("livekit-sip-pulumi/provider").inboundTrunkProvider.${m}.apply(null, arguments); }`)
      .join(", ") +
    "};\nfunction __f0() { return __provider; }\n";
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

  await stack.expect("preview", { config, expectNoChanges: true });
  await stack.expect("refresh", { config, expectNoChanges: true });
  const { output } = await stack.expect("up", { config: { trunks: { u: { ...config.trunks.u, metadata: "after upgrade" } } } });
  expect(output).toMatch(/field update: metadata/);
});
