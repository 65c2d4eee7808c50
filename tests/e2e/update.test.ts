import type { InboundTrunkArgs } from "../../dynamic";
import { DEFAULT_LEG } from "../../tools/userProject";
import { LiveKitProxy } from "../../tools/proxy";
import { declaredPart, deleteAllTrunks, trunkJson } from "./support/livekit";
import { PROJECTS, SCRIPTED, TestStack } from "./support/pulumi";

/**
 * The update planner end to end: one change per `pulumi up`, each applied with at most one List
 * and one write on the same trunk ID, the chosen path named in the log, and nothing left to do.
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
const stack = new TestStack("update", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
const password = `pw-${Date.now()}-update`;
let trunkId = "";
let declared: InboundTrunkArgs = { name: "Update test", numbers: ["+15105550200"] };

async function up(args: InboundTrunkArgs) {
  declared = args;
  proxy.reset();
  return stack.expect("up", {
    config: { trunks: { t: args }, "livekit:url": proxy.url },
    secrets: { passwords: JSON.stringify({ t: password }) },
  });
}

async function previewIsEmpty() {
  proxy.reset();
  await stack.expect("preview", {
    expectNoChanges: true,
    config: { trunks: { t: declared }, "livekit:url": proxy.url },
    secrets: { passwords: JSON.stringify({ t: password }) },
  });
  return proxy.counts();
}

/** The declared trunk as LiveKit's JSON would show it (the password comes from config). */
function expectedJson(args: InboundTrunkArgs): Record<string, unknown> {
  const json: Record<string, unknown> = { ...args };
  if (args.authUsername) json.authPassword = password;
  if (typeof args.ringingTimeout === "number") json.ringingTimeout = `${args.ringingTimeout}s`;
  return json;
}

beforeAll(async () => {
  await deleteAllTrunks();
  await proxy.start();
  await up(declared);
  trunkId = String((await stack.exportState()).resources.find((r) => r.type.endsWith("InboundTrunk"))?.id);
});

afterAll(async () => {
  await stack.run("destroy", { config: { trunks: { t: declared } } });
  await proxy.stop();
});

const steps: [string, InboundTrunkArgs, RegExp][] = [
  ["a number added", { name: "Update test", numbers: ["+15105550200", "+15105550201"] }, /field update: numbers \+1$/m],
  ["a number removed", { name: "Update test", numbers: ["+15105550201"] }, /field update: numbers −1$/m],
  ["name and metadata", { name: "Renamed", metadata: "team=voice", numbers: ["+15105550201"] }, /field update: name, metadata$/m],
  [
    "auth credentials",
    { name: "Renamed", metadata: "team=voice", numbers: ["+15105550201"], authUsername: "pbx" },
    /field update: authUsername, authPassword$/m,
  ],
  ["krispEnabled", { name: "Renamed", numbers: ["+15105550201"], authUsername: "pbx", metadata: "team=voice", krispEnabled: true }, /replace: krispEnabled changed$/m],
  [
    "headers",
    { name: "Renamed", numbers: ["+15105550201"], authUsername: "pbx", metadata: "team=voice", krispEnabled: true, headers: { "X-Team": "voice" } },
    /replace: headers changed$/m,
  ],
  [
    "ringingTimeout",
    { name: "Renamed", numbers: ["+15105550201"], authUsername: "pbx", metadata: "team=voice", krispEnabled: true, headers: { "X-Team": "voice" }, ringingTimeout: 30 },
    /replace: ringingTimeout changed$/m,
  ],
];

describe.each(steps)("changing %s", (_what, args, logLine) => {
  test("one up applies it in place with one List and one write, and the log names the path", async () => {
    const { output } = await up(args);
    expect(output).toMatch(logLine);
    expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1, UpdateSIPInboundTrunk: 1 });
    const live = await trunkJson(trunkId);
    expect(live).toBeDefined();
    expect(declaredPart(live!)).toEqual(expectedJson(args));
  });

  test("a following preview finds nothing to change and sends no request", async () => {
    expect(await previewIsEmpty()).toEqual({});
  });
});

describe("when nothing changed", () => {
  test("up sends no write at all", async () => {
    const { output } = await up(declared);
    expect(output).toMatch(/2 unchanged/);
    expect(proxy.counts()).toEqual({});
  });
});

describe("invalid input", () => {
  test("fails at preview naming the field, and sends nothing", async () => {
    proxy.reset();
    const bad = { ...declared, numbers: ["+1 510 555 0201"], allowedAddresses: ["10.0.0.300"] };
    const result = await stack.run("preview", { config: { trunks: { t: bad }, "livekit:url": proxy.url }, secrets: { passwords: JSON.stringify({ t: password }) } });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/numbers\[0\].*not in E\.164 form; write it as "\+15105550201"/);
    expect(result.output).toMatch(/allowedAddresses\[0\].*not an IP address or CIDR range/);
    // Nothing sent is the claim; a preview cannot change the trunk, so that is not checked again.
    expect(proxy.requests).toEqual([]);
  });
});

describe("a secret of the wrong type", () => {
  test("fails at preview naming authPassword by its kind, never printing it, and sends nothing", async () => {
    proxy.reset();
    const wrong = 98765000 + Math.floor(Math.random() * 1000);
    const result = await stack.run("preview", { config: { trunks: { t: declared }, "livekit:url": proxy.url }, secrets: { passwords: JSON.stringify({ t: wrong }) } });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/authPassword.*must be a string, got a number \(not shown: authPassword is secret\)/);
    expect(result.output).not.toContain(String(wrong));
    expect(proxy.requests).toEqual([]);
  });
});

describe("a server too old for in-place updates", () => {
  test("fails saying so, after one List and the refused Update", async () => {
    proxy.reset();
    // Servers that predate UpdateSIPInboundTrunk answer Twirp's bad_route, as this proxy fakes.
    proxy.inject({ kind: "status", status: 404, twirpCode: "bad_route", method: "UpdateSIPInboundTrunk", times: 1 });
    const renamed = { ...declared, name: "Renamed on an old server" };
    const result = await stack.run("up", { config: { trunks: { t: renamed }, "livekit:url": proxy.url }, secrets: { passwords: JSON.stringify({ t: password }) } });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/too old for in-place updates \(it does not know UpdateSIPInboundTrunk\)/);
    // The proxy answered the Update itself (the server never saw it): the calls are the claim.
    expect(proxy.requests.map((r) => r.method)).toEqual(["ListSIPInboundTrunk", "UpdateSIPInboundTrunk"]);
  });
});
