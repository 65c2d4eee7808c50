import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../tools/toolchain";
import { ProjectStack } from "../../tools/userProject";
import { declaredPart, deleteAllTrunks, listTrunksJson } from "./support/livekit";

/**
 * The repository's own `Pulumi.yaml` is the seed's project: after the README's set-up,
 * `pulumi up` at the root declares the two seed trunks (its `main` is examples/seed-trunks, so
 * the package's own entry point never runs as a program). Here against the test server, whose
 * settings the stack's config gives over the project's local-server defaults.
 */

const stack = new ProjectStack(REPO_ROOT, "e2e-root", path.join(process.env.LSP_E2E_DIR!, "state"));
// Where `pulumi config set` writes this stack's settings: removed afterwards, the clone stays clean.
const stackFile = path.join(REPO_ROOT, "Pulumi.e2e-root.yaml");
const env = () => stack.env({}, Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("LIVEKIT_"))));

beforeAll(deleteAllTrunks);
afterAll(() => fs.rmSync(stackFile, { force: true }));

test("pulumi up at the repository root creates the seed trunks; preview is then empty; destroy removes them", async () => {
  await stack.select();
  await stack.setConfig({ "livekit:url": process.env.LSP_E2E_URL!, "livekit:apiKey": process.env.LSP_E2E_API_KEY! }, { "livekit:apiSecret": process.env.LSP_E2E_API_SECRET! });
  const run = async (...args: string[]) => {
    const result = await stack.pulumi([...args, "--non-interactive", "--color", "never"], env()).result;
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} at the root exited ${result.code}:\n${result.output}`);
    return result;
  };

  expect((await run("up", "--yes")).output).toMatch(/\+ 5 created/);
  expect((await listTrunksJson()).map(declaredPart)).toEqual(
    expect.arrayContaining([
      { name: "Main line", numbers: ["+15105550100"], krispEnabled: true },
      { name: "Allowed callers", numbers: ["+15105550101"], allowedNumbers: ["+13105550100", "+17145550100"] },
    ]),
  );
  await run("preview", "--expect-no-changes");
  await run("destroy", "--yes");
  expect(await listTrunksJson()).toEqual([]);
});
