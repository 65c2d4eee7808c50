import fc from "fast-check";
import { addressAllowed, InboundCall, normalizedNumber, routeCall, RoutedRule, RoutedTrunk, routingConfig } from "../../provider/core/routing";
import { exploreCalls } from "../../provider/core/routingCalls";
import { routingFindings } from "../../provider/core/routingFindings";
import { routedRuleOf, routedTrunkOf } from "../../provider/core/routingRecords";
import { decisionText, findingText } from "../../provider/core/routingWords";
import { CALL, routingCase, RoutingCase } from "./routingArbitraries";

const trunk = (id: string, fields: Record<string, unknown>): RoutedTrunk => routedTrunkOf(id, { name: id, ...fields });
const rule = (id: string, fields: Record<string, unknown>): RoutedRule => routedRuleOf(id, { name: id, rule: { dispatchRuleIndividual: { roomPrefix: id } }, ...fields });
const call = (from: string, to: string, extra: Partial<InboundCall> = {}): InboundCall => ({ from, to, sourceIp: "192.0.2.1", ...extra });

describe("which trunk answers", () => {
  test("two trunks on one number that both admit a caller refuse the call: the demo's old seed", () => {
    const config = routingConfig(
      [trunk("ST_main", { numbers: ["+15105550100"] }), trunk("ST_allowed", { numbers: ["+15105550100"], allowedNumbers: ["+13105550100"] })],
      [rule("SDR_any", {})],
    );
    const refused = routeCall(config, call("+13105550100", "+15105550100"));
    expect(refused).toMatchObject({ outcome: "refused", reason: "severalTrunks" });
    expect(refused.outcome === "refused" && refused.trunks.map((t) => t.id).sort()).toEqual(["ST_allowed", "ST_main"]);
    // Everyone else lands on the trunk without an allow-list.
    expect(routeCall(config, call("+14155550199", "+15105550100"))).toMatchObject({ outcome: "accepted", trunk: { trunk: { id: "ST_main" } } });
  });

  test("a trunk listing the number beats an any-number trunk", () => {
    const config = routingConfig([trunk("ST_any", { authUsername: "u", authPassword: "p" }), trunk("ST_num", { numbers: ["+15105550100"] })], [rule("SDR", {})]);
    expect(routeCall(config, call("+1", "+15105550100"))).toMatchObject({ trunk: { trunk: { id: "ST_num" }, by: "number", challenge: false } });
    expect(routeCall(config, call("+1", "+15105550199"))).toMatchObject({ trunk: { trunk: { id: "ST_any" }, by: "anyNumber", challenge: true } });
  });

  test("trunk numbers and caller allow-lists compare normalised numbers", () => {
    const config = routingConfig([trunk("ST", { numbers: ["+1 (510) 555-0100"], allowedNumbers: ["13105550100"] })], [rule("SDR", {})]);
    expect(routeCall(config, call("+13105550100", "15105550100"))).toMatchObject({ outcome: "accepted", trunk: { trunk: { id: "ST" } } });
  });

  test("allowedAddresses match the source IP, a CIDR range holding it, or the From host; no source IP skips them", () => {
    expect(addressAllowed("203.0.113.9", "", ["203.0.113.0/24"])).toBe(true);
    expect(addressAllowed("203.0.113.9", "", ["203.0.113.7"])).toBe(false);
    expect(addressAllowed("192.0.2.1", "carrier.example", ["carrier.example"])).toBe(true);
    expect(addressAllowed("2001:db8::5", "", ["2001:db8::/32", "10.0.0.0/8"])).toBe(true);
    expect(addressAllowed("10.1.2.3", "", ["2001:db8::/32"])).toBe(false);
    expect(addressAllowed("", "", ["203.0.113.7"])).toBe(true);
  });
});

describe("which rule takes the call", () => {
  test("any rule naming the trunk beats every rule naming none, whatever their priorities", () => {
    const config = routingConfig(
      [trunk("ST", { numbers: ["+15105550100"] })],
      [rule("SDR_bound", { trunkIds: ["ST"] }), rule("SDR_pinned", { inboundNumbers: ["+1310"], numbers: ["+15105550100"], rule: { dispatchRuleDirect: { roomName: "x", pin: "1" } } })],
    );
    const decision = routeCall(config, call("+1310", "+15105550100"));
    expect(decision).toMatchObject({ outcome: "accepted", rule: { id: "SDR_bound" } });
    expect(decision.outcome === "accepted" && decision.outranked.map((r) => r.id)).toEqual(["SDR_pinned"]);
  });

  test("rule numbers compare exactly, unnormalised", () => {
    const config = routingConfig([trunk("ST", { numbers: ["+15105550100"] })], [rule("SDR", { trunkIds: ["ST"], numbers: ["15105550100"] })]);
    expect(routeCall(config, call("+1", "+15105550100"))).toMatchObject({ outcome: "dropped", trunk: { trunk: { id: "ST" } } });
    expect(routeCall(config, call("+1", "15105550100"))).toMatchObject({ outcome: "accepted" });
  });

  test("a PIN rule asks for the PIN, takes the right one, and drops a wrong one", () => {
    const config = routingConfig([trunk("ST", { numbers: ["+15105550100"] })], [rule("SDR", { rule: { dispatchRuleDirect: { roomName: "board", pin: "1234" } } })]);
    expect(routeCall(config, call("+1", "+15105550100"))).toMatchObject({ outcome: "pinRequested" });
    expect(routeCall(config, call("+1", "+15105550100", { pin: "1234" }))).toMatchObject({ outcome: "accepted", room: { name: "board", randomSuffix: false } });
    expect(routeCall(config, call("+1", "+15105550100", { pin: "9999" }))).toMatchObject({ outcome: "dropped" });
  });

  test("a PIN only another line's rule holds is asked too: entered where that rule does not serve, the call is dropped", () => {
    // Found by the sample-call property (seed -847645071): the table had no row for it.
    const config = routingConfig(
      [trunk("ST", { numbers: ["+15105550102"] })],
      [rule("SDR_lobby", { rule: { dispatchRuleDirect: { roomName: "lobby", pin: "5678" } } }), rule("SDR_line", { trunkIds: ["ST"], rule: { dispatchRuleIndividual: { roomPrefix: "", pin: "1234" } } })],
    );
    const elsewhere = call("+13105550100", "+15105550100", { pin: "1234" });
    expect(routeCall(config, elsewhere)).toMatchObject({ outcome: "dropped" });
    const asked = exploreCalls(config).flatMap((group) => group.calls.filter((sample) => sample.call.pin === "1234" && sample.decision.outcome === "dropped"));
    expect(asked.length).toBeGreaterThan(0);
  });

  test("a caller no trunk admits still reaches a rule naming no trunk", () => {
    const config = routingConfig([trunk("ST", { numbers: ["+15105550100"], allowedNumbers: ["+1310"] })], [rule("SDR", {})]);
    const decision = routeCall(config, call("+1999", "+15105550100"));
    expect(decision).toMatchObject({ outcome: "accepted", trunk: undefined, turnedAway: [{ trunk: { id: "ST" }, by: "caller" }] });
  });

  test("individual rooms hide the caller's number when asked, and say so in the identity", () => {
    const config = routingConfig([], [rule("SDR", { hidePhoneNumber: true, rule: { dispatchRuleIndividual: { roomPrefix: "call", noRandomness: true } } })]);
    const decision = routeCall(config, call("+13105550100", "+1"));
    expect(decision).toMatchObject({ outcome: "accepted", room: { name: "call_0100", randomSuffix: false }, participantName: "Phone 0100" });
    expect(decision.outcome === "accepted" && decision.identity).toMatch(/^sip_[0-9a-f]{16}$/);
    expect(decision.outcome === "accepted" && decision.attributes["sip.phoneNumber"]).toBeUndefined();
  });
});

describe("the model's properties", () => {
  test("normalising a number twice changes nothing", () => {
    fc.assert(fc.property(fc.string(), (s) => normalizedNumber(normalizedNumber(s)) === normalizedNumber(s)));
  });

  /** A generated case's records with IDs, and their routing configuration. */
  const withIds = (c: RoutingCase) => {
    const trunks = c.trunks.map((fields, i) => routedTrunkOf(`ST_${i}`, fields));
    const rules = c.rules.map((r, i) => routedRuleOf(`SDR_${i}`, { ...r.fields, trunkIds: r.trunkIndexes.map((n) => `ST_${n}`) }));
    return { trunks, rules, config: routingConfig(trunks, rules) };
  };

  test("the decision depends on the records, not the order they are given in", () => {
    fc.assert(
      fc.property(routingCase(5), fc.infiniteStream(fc.nat()), (c, stream) => {
        const { trunks, rules, config: a } = withIds(c);
        const shuffled = <T>(list: T[]) => list.map((x) => [stream.next().value, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
        const b = routingConfig(shuffled(trunks), shuffled(rules));
        for (const c2 of c.calls) expect(JSON.stringify(routeCall(b, c2))).toBe(JSON.stringify(routeCall(a, c2)));
      }),
      { numRuns: 200 },
    );
  });

  test("every call's outcome is one a sample call shows, so the table and the checks miss no kind of call", () => {
    fc.assert(
      fc.property(routingCase(0), CALL, (c, someCall) => {
        const { trunks, rules, config } = withIds(c);
        // The calls LiveKit's SIP service asks about: always with the INVITE's source address; the
        // first question, then a PIN a rule holds once one was asked for.
        if (!someCall.sourceIp) return;
        // Numbers as records spell them or in E.164, or numbers no record names (exploreCalls' scope).
        const listed = [...trunks.flatMap((t) => [...t.numbers, ...t.allowedNumbers]), ...rules.flatMap((r) => [...r.numbers, ...r.inboundNumbers])];
        const sampled = (n: string) => listed.includes(n) || n === normalizedNumber(n) || !listed.some((l) => normalizedNumber(l) === normalizedNumber(n));
        if (!sampled(someCall.from) || !sampled(someCall.to)) return;
        const { pin, noPin: _noPin, ...first } = someCall;
        const asked = routeCall(config, first).outcome === "pinRequested" && pin && rules.some((r) => r.variant?.pin === pin) ? { ...first, pin } : first;
        const decision = routeCall(config, asked);
        if (decision.outcome === "refused" && decision.reason === "invalidSourceIp") return;
        const summary = (d: typeof decision) => JSON.stringify([d.outcome, d.outcome === "refused" ? d.trunks.map((t) => t.id).sort() : d.trunk?.trunk.id, "rule" in d ? d.rule.id : undefined]);
        const samples = exploreCalls(config).flatMap((group) => group.calls.map((s) => summary(s.decision)));
        expect(samples).toContain(summary(decision));
      }),
      { numRuns: 300 },
    );
  });

  test("each mandatory finding's sample calls are refused or dropped by the model", () => {
    fc.assert(
      fc.property(routingCase(0), (c) => {
        const { config } = withIds(c);
        for (const finding of routingFindings(config, exploreCalls(config))) {
          expect(findingText(finding)).not.toMatch(/undefined/);
          if (finding.level !== "mandatory") continue;
          for (const sample of finding.calls) expect(["refused", "dropped"]).toContain(routeCall(config, sample).outcome);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("the words for a decision never hold a password", () => {
    fc.assert(
      fc.property(routingCase(3), (c) => {
        const { config } = withIds(c);
        for (const someCall of c.calls) expect(decisionText(routeCall(config, someCall), someCall)).not.toContain("pass-word");
      }),
    );
  });
});

describe("what --check finds", () => {
  const findingsOf = (trunks: RoutedTrunk[], rules: RoutedRule[]) => {
    const config = routingConfig(trunks, rules);
    return routingFindings(config, exploreCalls(config));
  };
  const kinds = (trunks: RoutedTrunk[], rules: RoutedRule[]) => findingsOf(trunks, rules).map((f) => [f.kind, f.level]);

  test("a configuration that answers every call it means to has no finding", () => {
    expect(kinds([trunk("ST", { numbers: ["+15105550100"] })], [rule("SDR", { trunkIds: ["ST"] })])).toEqual([]);
  });

  test("two any-number trunks that admit the same callers are refused calls", () => {
    const trunks = [trunk("ST_a", { authUsername: "a", authPassword: "p" }), trunk("ST_b", { allowedAddresses: ["203.0.113.0/24"] })];
    expect(kinds(trunks, [rule("SDR", {})])).toContainEqual(["severalAnyNumberTrunks", "mandatory"]);
  });

  test("a trunk with no rule drops its calls unanswered", () => {
    const [finding] = findingsOf([trunk("ST", { numbers: ["+15105550100"] })], []);
    expect(finding).toMatchObject({ kind: "noRule", level: "mandatory", trunks: [{ id: "ST" }] });
    expect(findingText(finding)).toMatch(/^Calls are dropped without an answer \(for example \+\d+ → \+15105550100\): trunk "ST" \(ST\) answers them/);
  });

  test("a rule's numbers entry none of its trunks answers never matches; one spelled otherwise matches only that spelling", () => {
    const trunks = [trunk("ST", { numbers: ["+15105550100"] })];
    const found = findingsOf(trunks, [rule("SDR_ok", { trunkIds: ["ST"] }), rule("SDR_x", { trunkIds: ["ST"], numbers: ["+15105550199", "15105550100"] })]);
    expect(found.map((f) => [f.kind, f.entry?.value])).toEqual(
      expect.arrayContaining([
        ["filterNeverMatches", "+15105550199"],
        ["filterSpelling", "15105550100"],
      ]),
    );
  });

  test("a rule that always loses its calls to another is shadowed", () => {
    const found = findingsOf([trunk("ST", { numbers: ["+15105550100"] })], [rule("SDR_bound", { trunkIds: ["ST"] }), rule("SDR_any", { numbers: ["+15105550100"] })]);
    expect(found.map((f) => [f.kind, f.rules.map((r) => r.id)])).toEqual([["ruleShadowed", ["SDR_any", "SDR_bound"]]]);
  });

  test("a rule naming no trunk that admits callers an allow-list turns away is advice, not a failure", () => {
    const found = findingsOf([trunk("ST", { numbers: ["+15105550100"], allowedNumbers: ["+1310"] })], [rule("SDR", {})]);
    expect(found.map((f) => [f.kind, f.level])).toEqual([["allowListBypassed", "advisory"]]);
  });
});
