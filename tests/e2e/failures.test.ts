import * as net from "node:net";
import { SipClient } from "livekit-server-sdk";
import { restartLivekitServer } from "../../tools/localStack";
import { LiveKitProxy } from "../../tools/proxy";
import { DEFAULT_LEG } from "../../tools/userProject";
import { CREATE, KINDS, namesOnServer, NOUN, recordsOfEachType } from "./support/declared";
import { deleteAll, deleteAllTrunks, listJson, lkCreate, lkDelete, listTrunksJson, trunkJson } from "./support/livekit";
import { PROJECTS, RunOptions, SCRIPTED, TestStack } from "./support/pulumi";

/**
 * What a user sees when things go wrong, on the user path: settings that cannot work fail
 * `pulumi preview` by name before any request; a server restart is ridden out; errors are one
 * paragraph without stack traces or pages of values; refresh keeps the program's spelling; an
 * adopted trunk deleted by hand is created again; adoption says at preview what it will change;
 * two trunks of one program that would clash fail at preview; paging never lists a trunk twice.
 * `lk` (or, for the 500-trunk fillers, LiveKit's SDK) is the independent client.
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
const credentials = { url: process.env.LSP_E2E_URL!, apiKey: process.env.LSP_E2E_API_KEY!, apiSecret: process.env.LSP_E2E_API_SECRET! };

/** A stack frame as Node prints one, or a path into TypeScript sources. */
const STACK_FRAME = /\n\s+at \S+.*[(/]|\.ts:\d+/;

beforeAll(async () => {
  await deleteAllTrunks();
  await proxy.start();
});
afterAll(() => proxy.stop());
beforeEach(() => proxy.reset());

/** Trunks on the server named `<prefix>-…`, sorted. */
async function namesWith(prefix: string): Promise<string[]> {
  return (await listTrunksJson())
    .map((t) => String(t.name))
    .filter((name) => name.startsWith(`${prefix}-`))
    .sort();
}

describe("settings that cannot work fail preview by name, before any request", () => {
  const stack = new TestStack("settings", PROJECTS.declared, DEFAULT_LEG);
  const trunks = { a: { name: "settings-a", numbers: ["+15105551001"] } };

  test("a livekit:url without http(s) or ws(s)", async () => {
    const result = await stack.run("preview", { config: { trunks, "livekit:url": "htp://127.0.0.1:7980" } });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('livekit:url "htp://127.0.0.1:7980" has the scheme "htp"');
    expect(result.output).not.toMatch(/retrying|could not reach/);
    expect(result.output).not.toMatch(STACK_FRAME);
  });

  test("a missing API secret, with the proxy counting requests", async () => {
    const result = await stack.run("preview", { config: { trunks, "livekit:url": proxy.url }, secrets: { "livekit:apiSecret": "" } });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("LiveKit credentials are missing: set livekit:apiSecret");
    expect(proxy.requests).toEqual([]);
  });
});

/** A local port nothing listens on: taken from the system, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("creates of every type refused a connection say they never reached LiveKit", async () => {
  const stack = new TestStack("refused", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const url = `http://127.0.0.1:${await closedPort()}`;
  const { config } = recordsOfEachType("refused", { inbound: 1, outbound: 1, dispatch: 1 }, 70);
  const run = await stack.start("up", { config: { ...config, "livekit:url": url }, env: { LIVEKIT_SIP_RETRY_DEADLINE_MS: "1500" } }, ["--continue-on-error"]);
  const result = await run.result;
  expect(result.code).not.toBe(0);
  for (const kind of KINDS) expect(result.output).toContain(`${CREATE[kind]}: could not reach LiveKit at ${url} (connect ECONNREFUSED`);
  expect(result.output).not.toMatch(/may have reached|adopt it/);
  expect(result.output).not.toMatch(STACK_FRAME);
});

test("a 10 s livekit-server restart during an up of 20 records of all types at default parallelism: all created, none twice, each retry said once", async () => {
  const stack = new TestStack("restart20", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const { config, names } = recordsOfEachType("restart20", { inbound: 7, outbound: 7, dispatch: 6 }, 71);
  const options: RunOptions = { config: { ...config, "livekit:url": proxy.url } };
  await stack.configure(options);
  const up = stack.run("up", options);
  for (let waited = 0; !proxy.arrivals.some((method) => method.startsWith("Create")) && waited < 120_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  await restartLivekitServer(process.env.LSP_E2E_SERVER_DIR!, credentials, 10_000);
  const result = await up;
  if (result.code !== 0) throw new Error(`pulumi up failed across the restart:\n${result.output}`);
  expect(await namesOnServer("restart20")).toEqual(names);

  // What a person reads: each retrying call once, naming its resource and until when; none again
  // in the closing Diagnostics list, which ends the story with one recovery line.
  const [live, summary] = result.output.split("\nDiagnostics:\n");
  const retryLines = live.split("\n").filter((line) => /retrying until|still failing/.test(line));
  expect(retryLines.length).toBeGreaterThan(0);
  for (const line of retryLines) {
    expect(line).toMatch(/livekit-sip-pulumi: (new (trunk|outbound trunk|dispatch rule) \("restart20-[a-z]+-\d+"\)|(trunk|outbound trunk|dispatch rule) S\w+_\w+): \w+ (failed|still failing) .*retrying until \d\d:\d\d:\d\d UTC/);
  }
  expect(new Set(retryLines.map((line) => line.replace(/^.*livekit-sip-pulumi: /, ""))).size).toBe(retryLines.length);
  expect(retryLines.length).toBeLessThanOrEqual(3 * 20);
  expect(summary).not.toMatch(/retrying|trying again/);
  expect(summary.match(/LiveKit answered again: \d+ request\(s\) for \d+ resource\(s\) succeeded on retry/g)).toHaveLength(1);
  await stack.expect("preview", { ...options, refresh: true, expectNoChanges: true });
  await stack.expect("destroy", options);
});

describe("a lost create on a server with 500 records of each type and more is recovered, each record listed once", () => {
  const sdk = new SipClient(credentials.url, credentials.apiKey, credentials.apiSecret);
  /** Records of every type made directly, 32 at a time, so that the server holds `count` more of each. */
  async function fillers(count: number): Promise<void> {
    const make = [
      (n: number) => sdk.createSipInboundTrunk(`filler-${n}`, [`+1415558${String(n).padStart(4, "0")}`]),
      (n: number) => sdk.createSipOutboundTrunk(`filler-${n}`, "sip.filler.example.com", [`+1415559${String(n).padStart(4, "0")}`]),
      // Told apart by PIN, which LiveKit keys rules by.
      (n: number) => sdk.createSipDispatchRule({ type: "individual", roomPrefix: "filler-", pin: String(1000 + n) }, { name: `filler-${n}` }),
    ];
    for (const create of make) {
      for (let i = 0; i < count; i += 32) await Promise.all(Array.from({ length: Math.min(32, count - i) }, (_, j) => create(i + j)));
    }
  }
  afterAll(async () => {
    for (const kind of KINDS) await deleteAll(kind);
  });

  test.each([
    ["ignores paging (exactly one full page)", "ignore", 499, 2],
    ["pages (501 records: two pages)", "honour", 500, 2],
  ] as const)("a server that %s", async (_what, paging, fillerCount, expectedLists) => {
    for (const kind of KINDS) await deleteAll(kind);
    await fillers(fillerCount);
    const stack = new TestStack(`paging-${paging}`, PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
    const { config, names } = recordsOfEachType(`paging-${paging}`, { inbound: 1, outbound: 1, dispatch: 1 }, 72);
    const options: RunOptions = { config: { ...config, "livekit:url": proxy.url } };
    await stack.configure(options);
    proxy.reset();
    proxy.listPaging = paging;
    proxy.inject(...KINDS.map((kind) => ({ kind: "lose-response" as const, method: CREATE[kind], times: 1 })));
    const { output } = await stack.expect("up", options);
    for (const kind of KINDS) expect(output).toMatch(new RegExp(`recovered ${NOUN[kind]} S\\w+_\\w+: created by a request whose answer was lost`));
    expect(proxy.counts()).toEqual({
      CreateSIPInboundTrunk: 1,
      CreateSIPOutboundTrunk: 1,
      CreateSIPDispatchRule: 1,
      ListSIPInboundTrunk: expectedLists,
      ListSIPOutboundTrunk: expectedLists,
      ListSIPDispatchRule: expectedLists,
    });
    expect(await namesOnServer(`paging-${paging}`)).toEqual(names);
    await stack.expect("destroy", options);
  });
});

test("refresh keeps the program's spelling: media.encryption stays media.encryption", async () => {
  const stack = new TestStack("spelling", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const trunk = { name: "spelling-a", numbers: ["+15105551004"], krispEnabled: false, media: { encryption: "SIP_MEDIA_ENCRYPT_ALLOW" } };
  await stack.expect("up", { config: { trunks: { a: trunk } } });
  await stack.expect("refresh");
  const stored = (await stack.exportState()).resources.find((r) => r.type.endsWith("InboundTrunk"))!;
  expect(stored.inputs).toMatchObject({ media: { encryption: "SIP_MEDIA_ENCRYPT_ALLOW" }, krispEnabled: false });
  expect(stored.inputs?.mediaEncryption).toBeUndefined();
  // The engine names the inputs that differ from the stored ones: only the name may appear.
  const { output } = await stack.expect("preview", { config: { trunks: { a: { ...trunk, name: "spelling-renamed" } } } });
  expect(output).toMatch(/InboundTrunk a update \[diff: ~name\]/);
  await stack.expect("destroy");
});

describe("an adopted trunk", () => {
  const stack = new TestStack("adopted-gone", PROJECTS.declared, DEFAULT_LEG);

  test("deleted with lk is created again by pulumi up --refresh, and the program needs no edit", async () => {
    const file = { trunk: { name: "adopted-gone", numbers: ["+15105551005"] } };
    const id = await lkCreate(file);
    const options: RunOptions = { config: { trunks: { a: { ...file.trunk, adoptTrunkId: id } } } };
    await stack.expect("up", options);
    await lkDelete(id);
    const { output } = await stack.expect("up", { ...options, refresh: true });
    expect(output).toMatch(new RegExp(`created trunk (ST_\\w+) \\("adopted-gone"\\), replacing adopted trunk ${id} that was deleted outside Pulumi`));
    const live = (await listTrunksJson()).filter((t) => t.name === "adopted-gone");
    expect(live).toHaveLength(1);
    expect(live[0].sipTrunkId).not.toBe(id);
    expect(live[0].numbers).toEqual(["+15105551005"]);
    await stack.expect("preview", { ...options, refresh: true, expectNoChanges: true });
    await stack.expect("destroy", options);
    expect(await trunkJson(live[0].sipTrunkId)).toBeUndefined();
  });

  test("that does not exist fails preview by name, with no gRPC noise", async () => {
    const result = await stack.run("preview", { config: { trunks: { a: { numbers: ["+15105551006"], adoptTrunkId: "ST_doesNotExist" } } } });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("property adoptTrunkId value {ST_doesNotExist} has a problem: trunk ST_doesNotExist does not exist on the LiveKit server");
    expect(result.output).not.toMatch(/Channel has been shut down|UNAVAILABLE/);
    expect(result.output).not.toMatch(STACK_FRAME);
  });

  test("preview says which live fields the adoption will change, and sends no write", async () => {
    const file = { trunk: { name: "adopt-preview", numbers: ["+15105551007"], authUsername: "pbx", authPassword: "live-password-1" } };
    const id = await lkCreate(file);
    const declared = { name: "adopt-preview", numbers: ["+15105551007"], authUsername: "pbx", adoptTrunkId: id };
    const options: RunOptions = { config: { trunks: { a: declared }, "livekit:url": proxy.url }, secrets: { passwords: JSON.stringify({ a: "declared-password-2" }) } };
    await stack.configure(options);
    proxy.reset();
    const { output } = await stack.expect("preview", options);
    expect(output).toContain(`warning: adopting ${id} will change its live authPassword (field update: authPassword)`);
    expect(output).not.toMatch(/live-password-1|declared-password-2/);
    expect(Object.keys(proxy.counts())).toEqual(["ListSIPInboundTrunk"]);
    expect((await trunkJson(id))?.authPassword).toBe("live-password-1");
    await lkDelete(id);
  });
});

test("destroy of every type after the credentials moved into stack config says why it cannot see them, and how to proceed", async () => {
  const stack = new TestStack("moved-credentials", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const { config } = recordsOfEachType("moved", { inbound: 1, outbound: 1, dispatch: 1 }, 73);
  // The last up found the API secret in the environment only, so the engine records none.
  await stack.expect("up", { config, secrets: { "livekit:apiSecret": "" }, env: { LIVEKIT_API_SECRET: credentials.apiSecret } });
  await stack.configure({ config }); // now the stack config has the secret
  const failed = await stack.run("destroy");
  expect(failed.code).not.toBe(0);
  expect(failed.output).toContain("LiveKit credentials are missing: set livekit:apiSecret");
  expect(failed.output).toContain("recorded at the stack's last pulumi up");
  expect(failed.output).toContain("pulumi destroy --run-program");
  expect(failed.output).not.toMatch(STACK_FRAME);
  const run = await stack.start("destroy", {}, ["--run-program"]);
  const { code, output } = await run.result;
  if (code !== 0) throw new Error(`pulumi destroy --run-program failed:\n${output}`);
  expect(await namesOnServer("moved")).toEqual({ inbound: [], outbound: [], dispatch: [] });
});

test("a wrong API secret fails every type's call, and the credentials are explained once", async () => {
  const stack = new TestStack("wrong-key", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const { config } = recordsOfEachType("wrongkey", { inbound: 1, outbound: 1, dispatch: 1 }, 74);
  const run = await stack.start("up", { config, secrets: { "livekit:apiSecret": "not-the-secret-of-this-key-at-all-000" } }, ["--continue-on-error"]);
  const { code, output } = await run.result;
  expect(code).not.toBe(0);
  // Pulumi shows a resource's error in its row as it fails and again in the closing list; the
  // explanation belongs to one resource, the others say the fact briefly.
  const explained = output.split("\n").filter((line) => line.includes("check livekit:apiKey / livekit:apiSecret"));
  expect(explained.length).toBeGreaterThan(0);
  expect(explained.length).toBeLessThanOrEqual(3);
  expect(output.match(/rejected the credentials \(as in the first error of this run/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  expect(await namesOnServer("wrongkey")).toEqual({ inbound: [], outbound: [], dispatch: [] });
  expect(output).not.toMatch(STACK_FRAME);
});

test("errors are one paragraph: no stack trace, long values shortened", async () => {
  const stack = new TestStack("paragraph", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const longName = `long-${"x".repeat(10_000)}`;
  const options: RunOptions = { config: { trunks: { a: { name: longName, numbers: ["+15105551009"] } }, "livekit:url": proxy.url } };
  const created = await stack.expect("up", options);
  expect(created.output).not.toContain("x".repeat(200));
  expect(created.output).toContain("(10005 characters)");
  proxy.inject({ kind: "status", status: 400, twirpCode: "invalid_argument", times: 1000 });
  const refresh = await stack.run("refresh", options);
  expect(refresh.code).not.toBe(0);
  expect(refresh.output).toContain("ListSIPInboundTrunk: LiveKit refused the request (injected by the test proxy)");
  expect(refresh.output).not.toMatch(STACK_FRAME);
  const destroy = await stack.run("destroy", options);
  expect(destroy.code).not.toBe(0);
  expect(destroy.output).toContain("DeleteSIPTrunk: LiveKit refused the request");
  expect(destroy.output).not.toMatch(STACK_FRAME);
  proxy.reset();
  await stack.expect("destroy", options);
});

describe("two trunks of one program answering one number", () => {
  const stack = new TestStack("shared-number", PROJECTS.declared, DEFAULT_LEG);

  test("fail preview naming both resources, before any request", async () => {
    const trunks = { first: { numbers: ["+15105551010"] }, second: { numbers: ["+1 510 555 1010"] } };
    const result = await stack.run("preview", { config: { trunks, "livekit:url": proxy.url } });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('InboundTrunk "second" and InboundTrunk "first" both answer +15105551010');
    expect(result.output).not.toMatch(STACK_FRAME);
    expect(proxy.requests).toEqual([]);
  });

  test("fail preview when their allowedNumbers share a caller", async () => {
    const trunks = {
      first: { name: "shared-first", numbers: ["+15105551012"], allowedNumbers: ["+13105550001", "+13105550003"] },
      second: { name: "shared-second", numbers: ["+15105551012"], allowedNumbers: ["+13105550003"] },
    };
    const result = await stack.run("preview", { config: { trunks, "livekit:url": proxy.url } });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('InboundTrunk "second" and InboundTrunk "first" both answer +15105551012');
    expect(proxy.requests).toEqual([]);
  });

  test("pass when allowedNumbers tell their callers apart (disjoint, or on one side only), and LiveKit agrees", async () => {
    const trunks = {
      first: { name: "shared-first", numbers: ["+15105551011"], allowedNumbers: ["+13105550001"] },
      second: { name: "shared-second", numbers: ["+15105551011"], allowedNumbers: ["+13105550002"] },
      third: { name: "shared-third", numbers: ["+15105551011"] },
    };
    await stack.expect("up", { config: { trunks, "livekit:url": process.env.LSP_E2E_URL } });
    expect(await namesWith("shared")).toEqual(["shared-first", "shared-second", "shared-third"]);
    await stack.expect("destroy");
  });
});

describe("two dispatch rules of one program that LiveKit keys alike", () => {
  const stack = new TestStack("shared-rule-key", PROJECTS.declared, DEFAULT_LEG);
  const trunks = { line: { name: "rule-key line", numbers: ["+15105551020"] } };
  const individual = (pin?: string) => ({ dispatchRuleIndividual: { roomPrefix: "key-", ...(pin ? { pin } : {}) } });

  test("fail preview naming both resources, before any request, when bound to the same trunk resource", async () => {
    const dispatchRules = { support: { trunks: ["line"], rule: individual() }, copy: { trunks: ["line"], rule: { dispatchRuleDirect: { roomName: "copy" } } } };
    proxy.reset();
    const result = await stack.run("preview", { config: { trunks, dispatchRules, "livekit:url": proxy.url } });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('DispatchRule "copy" and DispatchRule "support" both take calls on the same trunk resource, from any caller, to any number, with no PIN');
    expect(result.output).not.toMatch(STACK_FRAME);
    expect(proxy.requests).toEqual([]);
  });

  test("pass when a PIN, a caller number or the trunk tells them apart, and LiveKit agrees", async () => {
    await deleteAll("dispatch");
    const dispatchRules = {
      support: { name: "key-support", trunks: ["line"], rule: individual() },
      pinned: { name: "key-pinned", trunks: ["line"], rule: individual("4321") },
      vip: { name: "key-vip", trunks: ["line"], inboundNumbers: ["+13105550009"], rule: individual() },
      fallback: { name: "key-fallback", rule: individual() },
    };
    await stack.expect("up", { config: { trunks, dispatchRules, "livekit:url": process.env.LSP_E2E_URL } });
    expect((await listJson("dispatch")).map((r) => String(r.name)).filter((name) => name.startsWith("key-")).sort()).toEqual(["key-fallback", "key-pinned", "key-support", "key-vip"]);
    await stack.expect("destroy");
  });
});
