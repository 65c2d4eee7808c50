import * as fs from "node:fs";
import { DEFAULT_LEG } from "../../tools/userProject";
import { deleteAll, lkReplaceOf } from "./support/livekit";
import { PROJECTS, SCRIPTED, TestStack } from "./support/pulumi";

test("experiment: what the CLI prints", async () => {
  for (const kind of ["dispatch", "outbound", "inbound"] as const) await deleteAll(kind);
  const stack = new TestStack("experiment", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const config = { trunks: { a: { name: "exp-a", numbers: ["+15105559001"] }, b: { name: "exp-b", numbers: ["+15105559002"] } }, dispatchRules: { r: { name: "exp-r", trunks: ["a"], rule: { dispatchRuleIndividual: { roomPrefix: "x-" } } } } };
  const wrong = { "livekit:apiSecret": "wrong-secret-wrong-secret-wrong-secret-00" };
  const badUp = await stack.run("up", { config, secrets: wrong });
  fs.writeFileSync("/tmp/exp-badup.out", badUp.output);
  await stack.expect("up", { config });
  const ids = JSON.parse((await stack.expect("outputs")).stdout).ids;
  const badRefresh = await stack.run("refresh", { config, secrets: wrong });
  fs.writeFileSync("/tmp/exp-badrefresh.out", badRefresh.output);
  await stack.configure({ config });
  await lkReplaceOf("dispatch", ids.r, (r) => (r.name = "edited"));
  const preview = await stack.run("preview", { config, refresh: true, expectNoChanges: true });
  fs.writeFileSync("/tmp/exp-preview.out", preview.output);
  const upRefresh = await stack.run("up", { config, refresh: true });
  fs.writeFileSync("/tmp/exp-uprefresh.out", upRefresh.output);
  await stack.expect("destroy", { config });
});
