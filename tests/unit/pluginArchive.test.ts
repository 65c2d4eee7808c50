import * as vm from "node:vm";
import { MINIMUM_NODE_MAJOR, nodeVersionCheck } from "../../tools/pluginArchive";

/** Runs the plugin archive's start script as a Node.js of the given version would. */
function start(nodeVersion: string): { loaded: string[]; stderr: string; exitCode?: number } {
  const outcome: { loaded: string[]; stderr: string; exitCode?: number } = { loaded: [], stderr: "" };
  const exited = new Error("exited");
  const process = {
    versions: { node: nodeVersion },
    version: `v${nodeVersion}`,
    execPath: "/opt/node/bin/node",
    stderr: { write: (text: string) => (outcome.stderr += text) },
    exit: (code: number) => {
      outcome.exitCode = code;
      throw exited;
    },
  };
  try {
    vm.runInNewContext(nodeVersionCheck(), { process, require: (module: string) => outcome.loaded.push(module) });
  } catch (error) {
    if (error !== exited) throw error;
  }
  return outcome;
}

test("the plugin's start script loads the bundle on the oldest Node.js it supports and on newer ones", () => {
  for (const version of [`${MINIMUM_NODE_MAJOR}.0.0`, "24.21.0"]) expect(start(version)).toEqual({ loaded: ["./provider.js"], stderr: "" });
});

test("an older Node.js gets a sentence naming the version needed and the one found, and exit 1", () => {
  expect(start("18.20.4")).toEqual({
    loaded: [],
    stderr: `pulumi-resource-livekit: needs Node.js ${MINIMUM_NODE_MAJOR} or later; the node on PATH is v18.20.4 (/opt/node/bin/node)\n`,
    exitCode: 1,
  });
});

test("the start script is ES5 that any Node.js parses: no const, let, arrows or template literals", () => {
  expect(nodeVersionCheck().replace(/^\/\/.*$/gm, "")).not.toMatch(/\bconst\b|\blet\b|=>|`/);
});
