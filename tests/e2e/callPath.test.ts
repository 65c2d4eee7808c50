import { dispatchRuleArgsFromLkJson, outboundTrunkArgsFromLkJson } from "../../dynamic";
import type { DispatchRuleArgs, InboundTrunkArgs, OutboundTrunkArgs } from "../../dynamic";
import { DEFAULT_LEG } from "../../tools/userProject";
import { LiveKitProxy } from "../../tools/proxy";
import { deleteAll, lk, lkCreateOf, recordJson } from "./support/livekit";
import { PROJECTS, SCRIPTED, TestStack } from "./support/pulumi";

/**
 * The whole inbound call path as code: inbound trunks, a dispatch rule sending each caller to a
 * room of their own, and an outbound trunk, on the user path. Every field of the dispatch rule
 * and of the outbound trunk is changed by one `up` each, and each change is applied with one
 * List and one write on the same ID, by the path the field table names; `lk` checks the result.
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
const stack = new TestStack("call-path", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
let password = `pw-${Date.now()}-outbound`;

const trunks: Record<string, InboundTrunkArgs> = {
  main: { name: "Main line", numbers: ["+15105550300"] },
  second: { name: "Second line", numbers: ["+15105550301"] },
};
type RuleConfig = DispatchRuleArgs & { trunks?: string[] };
let rule: RuleConfig = { name: "Per caller", trunks: ["main"], rule: { dispatchRuleIndividual: { roomPrefix: "call-" } }, attributes: { queue: "support" } };
let outbound: OutboundTrunkArgs = { name: "Carrier", address: "sip.carrier.example.com", numbers: ["+15105550310"], authUsername: "livekit" };
const ids: Record<string, string> = {};

function config(overrides: { rule?: RuleConfig; outbound?: OutboundTrunkArgs } = {}) {
  return {
    config: { trunks, dispatchRules: { perCaller: overrides.rule ?? rule }, outboundTrunks: { carrier: overrides.outbound ?? outbound }, "livekit:url": proxy.url },
    secrets: { passwords: JSON.stringify({ carrier: password }) },
  };
}

async function up(changes: { rule?: RuleConfig; outbound?: OutboundTrunkArgs }) {
  rule = changes.rule ?? rule;
  outbound = changes.outbound ?? outbound;
  proxy.reset();
  return stack.expect("up", config());
}

beforeAll(async () => {
  for (const kind of ["dispatch", "outbound", "inbound"] as const) await deleteAll(kind);
  await proxy.start();
  const { stdout } = await up({});
  const outputs = JSON.parse((await stack.expect("outputs")).stdout) as { ids: Record<string, string> };
  Object.assign(ids, outputs.ids);
  expect(stdout).toBeDefined();
});

afterAll(async () => {
  await stack.run("destroy", config());
  await proxy.stop();
});

describe("create", () => {
  test("lk lists the dispatch rule on the main trunk and the outbound trunk as declared", async () => {
    expect(await recordJson("dispatch", ids.perCaller)).toEqual({
      sipDispatchRuleId: ids.perCaller,
      name: "Per caller",
      trunkIds: [ids.main],
      rule: { dispatchRuleIndividual: { roomPrefix: "call-" } },
      attributes: { queue: "support" },
    });
    expect(await recordJson("outbound", ids.carrier)).toEqual({
      sipTrunkId: ids.carrier,
      name: "Carrier",
      address: "sip.carrier.example.com",
      numbers: ["+15105550310"],
      authUsername: "livekit",
      authPassword: password,
    });
  });
});

/** One change, on top of the previous ones: the plan the log must name, and the fields lk must then show. */
type Step<A> = [string, Partial<A>, string, Record<string, unknown>];

const ruleSteps: Step<RuleConfig>[] = [
  ["name and metadata", { name: "Per caller (support)", metadata: "team=support" }, "field update: name, metadata", { name: "Per caller (support)", metadata: "team=support" }],
  ["the rule itself", { rule: { dispatchRuleIndividual: { roomPrefix: "caller-", pin: "1234" } } }, "field update: rule", { rule: { dispatchRuleIndividual: { roomPrefix: "caller-", pin: "1234" } } }],
  ["its trunks (one added)", { trunks: ["main", "second"] }, "field update: trunkIds +1", {}],
  ["attributes (one changed, one added, one removed)", { attributes: { tier: "gold", region: "us" } }, "field update: attributes", { attributes: { tier: "gold", region: "us" } }],
  ["media encryption", { media: { encryption: "SIP_MEDIA_ENCRYPT_ALLOW" } }, "field update: mediaEncryption", { mediaEncryption: "SIP_MEDIA_ENCRYPT_ALLOW" }],
  ["called numbers", { numbers: ["+15105550300"] }, "replace: numbers changed", { numbers: ["+15105550300"] }],
  ["caller numbers", { inboundNumbers: ["+13105550100"] }, "replace: inboundNumbers changed", { inboundNumbers: ["+13105550100"] }],
  ["hidePhoneNumber", { hidePhoneNumber: true }, "replace: hidePhoneNumber changed", { hidePhoneNumber: true }],
  ["roomPreset", { roomPreset: "support-room" }, "replace: roomPreset changed", { roomPreset: "support-room" }],
  ["roomConfig", { roomConfig: { agents: [{ agentName: "support-agent" }], emptyTimeout: 60 } }, "replace: roomConfig changed", { roomConfig: { agents: [{ agentName: "support-agent" }], emptyTimeout: 60 } }],
  ["krispEnabled", { krispEnabled: true }, "replace: krispEnabled changed", { krispEnabled: true }],
  ["an attribute to an empty value", { attributes: { queue: "" } }, "replace: attributes changed", { attributes: { queue: "" } }],
];

const outboundSteps: Step<OutboundTrunkArgs>[] = [
  ["name and metadata", { name: "Carrier B", metadata: "region=us" }, "field update: name, metadata", { name: "Carrier B", metadata: "region=us" }],
  ["address, transport and country", { address: "sip2.carrier.example.com:5061", transport: "SIP_TRANSPORT_TLS", destinationCountry: "US" }, "field update: address, destinationCountry, transport", { address: "sip2.carrier.example.com:5061", transport: "SIP_TRANSPORT_TLS", destinationCountry: "US" }],
  ["numbers (one added)", { numbers: ["+15105550310", "+15105550311"] }, "field update: numbers +1", { numbers: ["+15105550310", "+15105550311"] }],
  ["auth username", { authUsername: "livekit-2" }, "field update: authUsername", { authUsername: "livekit-2", authPassword: password }],
  ["fromHost", { fromHost: "sip.example.com" }, "field update: fromHost", { fromHost: "sip.example.com" }],
  ["media", { media: { encryption: "SIP_MEDIA_ENCRYPT_REQUIRE" } }, "field update: mediaEncryption", { mediaEncryption: "SIP_MEDIA_ENCRYPT_REQUIRE" }],
  ["headers to attributes", { headersToAttributes: { "X-Call-Id": "call.id" } }, "replace: headersToAttributes changed", { headersToAttributes: { "X-Call-Id": "call.id" } }],
  ["includeHeaders", { includeHeaders: "SIP_X_HEADERS" }, "replace: includeHeaders changed", { includeHeaders: "SIP_X_HEADERS" }],
  ["attributes to headers", { attributesToHeaders: { "agent.name": "X-Agent" } }, "replace: attributesToHeaders changed", { attributesToHeaders: { "agent.name": "X-Agent" } }],
  ["headers (secret)", { headers: { "X-Carrier-Account": "acme-42" } }, "replace: headers changed", { headers: { "X-Carrier-Account": "acme-42" } }],
];

/** The line the provider logs for a write to one record, e.g. `dispatch rule SDR_x: field update: rule`. */
const planLine = (noun: string, id: string, plan: string) => new RegExp(`${noun} ${id}: ${plan.replace(/[+()]/g, (c) => `\\${c}`)}$`, "m");

// One up changes one field of the rule and one of the outbound trunk: two records, each with
// its own List and write, each log line naming exactly its field.
const steps = ruleSteps.map((ruleStep, i) => [ruleStep[0], ruleStep, outboundSteps[i]] as const);

describe.each(steps)("changing the dispatch rule's %s (and an outbound trunk field)", (_what, [, ruleArgs, rulePlan, ruleLive], outboundStep) => {
  const outboundWhat = outboundStep ? `, and the outbound trunk's ${outboundStep[0]},` : "";
  test(`one up applies it${outboundWhat} to the same IDs with one List and one write each, by the path the table names`, async () => {
    const { output } = await up({ rule: { ...rule, ...ruleArgs }, outbound: outboundStep ? { ...outbound, ...outboundStep[1] } : outbound });
    expect(output).toMatch(planLine("dispatch rule", ids.perCaller, rulePlan));
    const liveRule = await recordJson("dispatch", ids.perCaller);
    expect(liveRule).toMatchObject(ruleLive);
    expect([...((liveRule?.trunkIds as string[]) ?? [])].sort()).toEqual(rule.trunks!.map((t) => ids[t]).sort());
    const counts = { ListSIPDispatchRule: 1, UpdateSIPDispatchRule: 1 };
    if (outboundStep) {
      expect(output).toMatch(planLine("outbound trunk", ids.carrier, outboundStep[2]));
      expect(await recordJson("outbound", ids.carrier)).toMatchObject(outboundStep[3]);
      Object.assign(counts, { ListSIPOutboundTrunk: 1, UpdateSIPOutboundTrunk: 1 });
    }
    expect(proxy.counts()).toEqual(counts);
  });
});

describe("outbound trunk: changing the password", () => {
  test("one up sends it with a field update of authPassword alone, and never prints it", async () => {
    password = `pw-${Date.now()}-rotated`;
    const { output } = await up({});
    expect(output).toMatch(/field update: authPassword$/m);
    expect(output).not.toContain(password);
    expect(proxy.counts()).toEqual({ ListSIPOutboundTrunk: 1, UpdateSIPOutboundTrunk: 1 });
    expect(await recordJson("outbound", ids.carrier)).toMatchObject({ authPassword: password });
  });
});

describe("state", () => {
  test("each resource's __provider requires its own provider export by name, under 2.5 kB", async () => {
    const { resources } = await stack.exportState();
    const providers = Object.fromEntries(resources.filter((r) => r.type.includes("livekit:")).map((r) => [r.type.split(":").pop(), String(r.outputs?.__provider)]));
    expect(providers.DispatchRule).toContain('exportPath: "livekit-sip-pulumi/provider/dispatch-rule"');
    expect(providers.OutboundTrunk).toContain('exportPath: "livekit-sip-pulumi/provider/outbound-trunk"');
    for (const text of Object.values<string>(providers)) {
      expect(text.length).toBeLessThanOrEqual(2500);
      expect(text).not.toContain("/dist/");
    }
    // Outbound headers and the password are secrets in state, like the inbound trunk's.
    const carrier = resources.find((r) => r.type.endsWith(":OutboundTrunk"));
    expect(JSON.stringify(carrier?.outputs?.headers)).toContain("ciphertext");
    expect(JSON.stringify(carrier?.outputs?.authPassword)).toContain("ciphertext");
  });
});

describe("when nothing changed", () => {
  test("up sends nothing, and preview finds nothing to change", async () => {
    const { output } = await up({});
    expect(output).toMatch(/5 unchanged/);
    expect(proxy.counts()).toEqual({});
    await stack.expect("preview", { ...config(), expectNoChanges: true });
    expect(proxy.counts()).toEqual({});
  });
});

describe("drift made with lk", () => {
  test("preview --refresh shows both edits, and up --refresh puts both back with one write each", async () => {
    await lk("sip", "dispatch", "update", "--id", ids.perCaller, "--name", "Renamed by hand");
    await lk("sip", "outbound", "update", "--id", ids.carrier, "--address", "evil.example.com");
    const preview = await stack.run("preview", { ...config(), refresh: true, expectNoChanges: true });
    expect(preview.code).not.toBe(0);
    expect(preview.output).toMatch(new RegExp(`differs ${ids.perCaller}: name$`, "m"));
    expect(preview.output).toMatch(new RegExp(`differs ${ids.carrier}: address$`, "m"));
    // The preview says which write each change will cost, as up's log then does.
    expect(preview.output).toMatch(new RegExp(`dispatch rule ${ids.perCaller} will take a field update \\(name\\)$`, "m"));
    proxy.reset();
    const { output } = await stack.expect("up", { ...config(), refresh: true });
    expect(output).toMatch(/field update: name$/m);
    expect(output).toMatch(/field update: address$/m);
    expect(proxy.counts()).toMatchObject({ UpdateSIPDispatchRule: 1, UpdateSIPOutboundTrunk: 1 });
    expect(await recordJson("dispatch", ids.perCaller)).toMatchObject({ name: rule.name });
    expect(await recordJson("outbound", ids.carrier)).toMatchObject({ address: outbound.address });
  });

  test("a dispatch rule deleted with lk is created again by up --refresh", async () => {
    await lk("sip", "dispatch", "delete", ids.perCaller);
    const { output } = await stack.expect("up", { ...config(), refresh: true });
    expect(output).toMatch(/created dispatch rule SDR_/);
    const outputs = JSON.parse((await stack.expect("outputs")).stdout) as { ids: Record<string, string> };
    expect(outputs.ids.perCaller).not.toBe(ids.perCaller);
    ids.perCaller = outputs.ids.perCaller;
    expect(await recordJson("dispatch", ids.perCaller)).toMatchObject({ name: rule.name });
  });
});

describe("bad input", () => {
  // Each preview holds several problems at once: check reports every problem of a resource.
  test.each<[string, { rule?: Partial<RuleConfig>; outbound?: Partial<OutboundTrunkArgs> }, RegExp[]]>([
    [
      "a PIN with letters and a caller number not in E.164",
      { rule: { rule: { dispatchRuleDirect: { roomName: "lobby", pin: "12ab" } }, inboundNumbers: ["510-555-0100"] } },
      [/rule\.dispatchRuleDirect\.pin.*must be digits only/, /inboundNumbers\[0\]/],
    ],
    [
      "a rule with two variants",
      { rule: { rule: { dispatchRuleDirect: { roomName: "a" }, dispatchRuleCallee: { roomPrefix: "b" } } as never } },
      [/rule.*must have exactly one of dispatchRuleDirect, dispatchRuleIndividual, dispatchRuleCallee; got (dispatchRuleDirect and dispatchRuleCallee|dispatchRuleCallee and dispatchRuleDirect)/],
    ],
    ["a misspelt rule setting", { rule: { rule: { dispatchRuleIndividual: { roomPrefx: "x" } } as never } }, [/rule.*not a valid SIPDispatchRule.*roomPrefx/]],
    [
      "an outbound trunk with a SIP URI for address, no numbers and a lower-case country",
      { outbound: { address: "sip:pbx@carrier.example.com", numbers: [], destinationCountry: "us" } },
      [/address.*not a hostname or IP with an optional port/, /numbers.*must list at least one number/, /destinationCountry.*not an ISO 3166-1 alpha-2 country code/],
    ],
  ])("%s: preview fails naming each field, and sends nothing", async (_what, changes, messages) => {
    proxy.reset();
    const result = await stack.run("preview", config({ rule: { ...rule, ...changes.rule }, outbound: { ...outbound, ...changes.outbound } }));
    expect(result.code).not.toBe(0);
    for (const message of messages) expect(result.output).toMatch(message);
    expect(proxy.requests).toEqual([]);
  });
});

describe("LiveKit's own rules", () => {
  // Same called and caller numbers and PIN as the rule is now (the steps above changed it): with its trunks, LiveKit's key.
  const clashing = () => ({ name: "Clash", numbers: rule.numbers, inboundNumbers: rule.inboundNumbers, rule: { dispatchRuleDirect: { roomName: "lobby", pin: "1234" } } });

  test("a second rule bound to the same trunk resource with the same numbers and PIN fails preview naming both, and sends nothing", async () => {
    proxy.reset();
    const result = await stack.run("preview", { ...config(), config: { ...config().config, dispatchRules: { perCaller: rule, clash: { ...clashing(), trunks: rule.trunks } } } });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('DispatchRule "clash" and DispatchRule "perCaller" both take calls on the same trunk resource');
    expect(proxy.requests).toEqual([]);
  });

  test("a clash the program cannot see (the trunk's ID typed as text) is refused by LiveKit, naming the rule it clashes with", async () => {
    const result = await stack.run("up", { ...config(), config: { ...config().config, dispatchRules: { perCaller: rule, clash: { ...clashing(), trunkIds: [ids.main] } } } });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(new RegExp(`another dispatch rule already covers the same trunk, numbers and PIN .*${ids.perCaller}`));
  });
});

describe("adoption", () => {
  test("an outbound trunk made with lk is adopted by ID: the file lk took and lk's listing read as the same args", async () => {
    const file = { trunk: { name: "Backup carrier", address: "backup.example.com", numbers: ["+15105550320"], transport: "SIP_TRANSPORT_TCP" } };
    const adopted = await lkCreateOf("outbound", file);
    const listed = (await recordJson("outbound", adopted))!;
    const { adoptTrunkId, ...fromListed } = outboundTrunkArgsFromLkJson(listed);
    expect(adoptTrunkId).toBe(adopted);
    expect(fromListed).toEqual(outboundTrunkArgsFromLkJson(file));
    proxy.reset();
    const backup = { ...fromListed, adoptTrunkId: adopted, name: "Backup carrier (managed)" };
    const { output } = await stack.expect("up", { ...config(), config: { ...config().config, outboundTrunks: { carrier: outbound, backup } } });
    expect(output).toMatch(new RegExp(`adopted ${adopted}: field update: name$`, "m"));
    expect(proxy.counts()).toEqual({ ListSIPOutboundTrunk: 1, UpdateSIPOutboundTrunk: 1 });
    expect(await recordJson("outbound", adopted)).toMatchObject({ name: "Backup carrier (managed)", transport: "SIP_TRANSPORT_TCP" });
    await stack.expect("up", config());
    expect(await recordJson("outbound", adopted)).toBeUndefined();
  });

  test("a rule made with lk is adopted by ID with one List, converged, and kept", async () => {
    const file = { dispatch_rule: { name: "Made by hand", rule: { dispatch_rule_direct: { room_name: "lobby" } }, trunk_ids: [ids.second], numbers: ["+15105550301"] } };
    const adopted = await lkCreateOf("dispatch", file);
    const { adoptDispatchRuleId, ...fromListed } = dispatchRuleArgsFromLkJson((await recordJson("dispatch", adopted))!);
    expect(adoptDispatchRuleId).toBe(adopted);
    expect(fromListed).toEqual(dispatchRuleArgsFromLkJson(file));
    const declared = { ...fromListed, trunkIds: [], name: "Lobby", trunks: ["second"], adoptDispatchRuleId: adopted };
    proxy.reset();
    const { output } = await stack.expect("up", { ...config(), config: { ...config().config, dispatchRules: { perCaller: rule, lobby: declared } } });
    expect(output).toMatch(new RegExp(`adopted ${adopted}: field update: name$`, "m"));
    expect(proxy.counts()).toEqual({ ListSIPDispatchRule: 1, UpdateSIPDispatchRule: 1 });
    expect(await recordJson("dispatch", adopted)).toMatchObject({ name: "Lobby" });
    // Back to the program without it: destroying the resource deletes the adopted rule.
    await stack.expect("up", config());
    expect(await recordJson("dispatch", adopted)).toBeUndefined();
  });
});

describe("destroy", () => {
  test("deletes the rule and both kinds of trunk", async () => {
    await stack.expect("destroy", config());
    for (const kind of ["dispatch", "outbound", "inbound"] as const) {
      expect(await lk("sip", kind, "list", "--json")).not.toMatch(/ST_|SDR_/);
    }
  });
});
