import { DEFAULT_LEG } from "../../tools/userProject";
import { deleteAllTrunks, lkCreate, lkDelete } from "./support/livekit";
import { PROJECTS, TestStack } from "./support/pulumi";

beforeAll(() => deleteAllTrunks());

test("probe", async () => {
  const stack = new TestStack("probe-gone", PROJECTS.declared, DEFAULT_LEG);
  const file = { trunk: { name: "probe-gone", numbers: ["+15105551095"] } };
  const id = await lkCreate(file);
  const options = { config: { trunks: { a: { ...file.trunk, adoptTrunkId: id } } }, env: { LSP_PROBE: "1" } };
  await stack.expect("up", options);
  await lkDelete(id);
  const r1 = await stack.run("refresh", { ...options, skipPreview: true });
  console.log("=== refresh\n" + r1.output);
  const r2 = await stack.run("up", options);
  console.log("=== up\n" + r2.output);
  const { text } = await stack.exportState();
  console.log(text.slice(0, 3000));
});
