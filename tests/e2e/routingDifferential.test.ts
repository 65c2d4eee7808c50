import fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import { SipApi } from "../../provider/livekit/client";
import { DISPATCH_RULE_RPCS, INBOUND_TRUNK_RPCS } from "../../provider/livekit/rpcs";
import { DISPATCH_RULE_WIRE, INBOUND_TRUNK_WIRE, toWire } from "../../provider/core/wire";
import { DISPATCH_RULE_FACTS, INBOUND_TRUNK_FACTS } from "../../provider/core/resourceFacts";
import { completeFields } from "../../provider/core/records";
import { TRUNK_FIELDS } from "../../provider/core/fields";
import { DISPATCH_RULE_FIELDS } from "../../provider/core/dispatchRuleFields";
import { CallDecision, InboundCall, routeCall, routingConfig } from "../../provider/core/routing";
import { routedRuleOf, routedTrunkOf } from "../../provider/core/routingRecords";
import { liveRecords } from "../../cli/liveRecords";
import { LocalStack, startLocalStack } from "../../tools/localStack";
import { routingCase, RoutingCase } from "../unit/routingArbitraries";
import { ProbeAnswer, probeCallId, SipProbe } from "./support/sipProbe";

/*
 * The routing model against LiveKit itself: generated configurations are written to a
 * livekit-server of their own with the package's LiveKit client (rejected records are left out,
 * as LiveKit leaves them out), and every generated call is asked of the server the way LiveKit's
 * SIP service asks it (tools/sipprobe) and of the model over the records the server lists. Every
 * answer must agree: outcome, trunk, challenge, rule, room (a random suffix as a pattern),
 * identity, participant name and attributes. The seed is printed so a failure replays:
 * LSP_ROUTING_SEED=<seed> npm test -- --selectProjects e2e --testPathPattern routingDifferential
 */

const CONFIGURATIONS = Number(process.env.LSP_ROUTING_CONFIGURATIONS ?? 100);
const CALLS_PER_CONFIGURATION = 20;
const SEED = Number(process.env.LSP_ROUTING_SEED ?? Date.now() % 2 ** 31);
const HTTP_PORT = 7990;
const REDIS_PORT = 6393;

/** What both sides must agree on, in one comparable shape. */
type Verdict = Record<string, unknown>;

/** The 12 characters LiveKit appends to a random room name (protocol `guid.New`, shortuuid's alphabet). */
const RANDOM_SUFFIX = /_[23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz]{12}$/;

function liveKitVerdict(answer: ProbeAnswer): Verdict {
  if (answer.refused !== undefined) {
    const reason = /Multiple default SIP Trunks/.test(answer.refused) ? "severalAnyNumberTrunks" : /Multiple SIP Trunks/.test(answer.refused) ? "severalTrunks" : answer.refused;
    return { outcome: "refused", reason };
  }
  const trunk = { trunkId: answer.trunkId ?? "", challenge: answer.challenge ?? false };
  if (answer.dispatchError !== undefined) return { outcome: "refused", reason: /same trunk, inbound number/.test(answer.dispatchError) ? "ruleConflict" : answer.dispatchError, ...trunk };
  switch (answer.result) {
    case "DROP":
      return { outcome: "dropped", ...trunk };
    case "REQUEST_PIN":
      return { outcome: "pinRequested", ...trunk, ruleId: answer.ruleId };
    case "ACCEPT": {
      const room = answer.room ?? "";
      const randomSuffix = RANDOM_SUFFIX.test(room);
      return {
        outcome: "accepted",
        ...trunk,
        ruleId: answer.ruleId,
        room: { name: randomSuffix ? room.replace(RANDOM_SUFFIX, "") : room, randomSuffix },
        identity: answer.identity,
        participantName: answer.name,
        attributes: answer.attributes ?? {},
      };
    }
    default:
      return { outcome: `unexpected result ${answer.result}` };
  }
}

function modelVerdict(decision: CallDecision): Verdict {
  if (decision.outcome === "refused") {
    const trunk = decision.reason === "ruleConflict" || decision.reason === "invalidRule" ? { trunkId: decision.trunks[0]?.id ?? "", challenge: false } : {};
    return { outcome: "refused", reason: decision.reason, ...trunk };
  }
  const trunk = { trunkId: decision.trunk?.trunk.id ?? "", challenge: decision.trunk?.challenge ?? false };
  if (decision.outcome === "dropped") return { outcome: "dropped", ...trunk };
  if (decision.outcome === "pinRequested") return { outcome: "pinRequested", ...trunk, ruleId: decision.rule.id };
  return { outcome: "accepted", ...trunk, ruleId: decision.rule.id, room: decision.room, identity: decision.identity, participantName: decision.participantName, attributes: decision.attributes };
}

/** JSON with object keys sorted, so verdicts compare by value. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => a.localeCompare(b))) : v));
}

async function clearServer(api: SipApi): Promise<void> {
  for (const rpcs of [DISPATCH_RULE_RPCS, INBOUND_TRUNK_RPCS] as const) {
    const records = await api.listAll(rpcs as typeof INBOUND_TRUNK_RPCS);
    await Promise.all(records.map((record) => api.delete(rpcs as typeof INBOUND_TRUNK_RPCS, (rpcs as typeof INBOUND_TRUNK_RPCS).idOf(record))));
  }
}

/** Writes a case's records as a user's tool would; LiveKit refuses some (conflicts, missing auth): those are left out. */
async function writeCase(api: SipApi, routingCaseValue: RoutingCase): Promise<{ created: number; refused: number }> {
  const trunkIds: (string | undefined)[] = [];
  let refused = 0;
  for (const trunk of routingCaseValue.trunks) {
    try {
      trunkIds.push((await api.create(INBOUND_TRUNK_RPCS, toWire(INBOUND_TRUNK_WIRE, completeFields(TRUNK_FIELDS, trunk)))).sipTrunkId);
    } catch {
      trunkIds.push(undefined);
      refused++;
    }
  }
  for (const rule of routingCaseValue.rules) {
    const ids = rule.trunkIndexes.map((i) => trunkIds[i]).filter((id): id is string => id !== undefined);
    // A rule meant for trunks LiveKit refused is left out too, rather than widened to every trunk.
    if (ids.length < rule.trunkIndexes.length) continue;
    try {
      await api.create(DISPATCH_RULE_RPCS, toWire(DISPATCH_RULE_WIRE, completeFields(DISPATCH_RULE_FIELDS, { ...rule.fields, trunkIds: ids })));
    } catch {
      refused++;
    }
  }
  return { created: routingCaseValue.trunks.length + routingCaseValue.rules.length - refused, refused };
}

describe("the routing model agrees with livekit-server on every generated call", () => {
  let local: LocalStack;
  let probe: SipProbe;
  let api: SipApi;

  beforeAll(async () => {
    // In the run's folder, which the run removes at its end.
    const stateDir = fs.mkdtempSync(path.join(process.env.LSP_E2E_DIR!, "routing-server-"));
    local = await startLocalStack({ stateDir, httpPort: HTTP_PORT, redisPort: REDIS_PORT });
    api = new SipApi(local.credentials);
    probe = new SipProbe(`127.0.0.1:${REDIS_PORT}`);
  });

  afterAll(async () => {
    probe?.close();
    await local?.stop();
  });

  test(`${CONFIGURATIONS} configurations × ${CALLS_PER_CONFIGURATION} calls, seed ${SEED}`, async () => {
    const cases = fc.sample(routingCase(CALLS_PER_CONFIGURATION), { seed: SEED, numRuns: CONFIGURATIONS });
    const disagreements: string[] = [];
    const outcomes = new Map<string, number>();
    let calls = 0;
    let recordsCreated = 0;
    let recordsRefused = 0;
    const started = Date.now();
    for (const [index, routingCaseValue] of cases.entries()) {
      await clearServer(api);
      const written = await writeCase(api, routingCaseValue);
      recordsCreated += written.created;
      recordsRefused += written.refused;
      // The model routes with what the server lists, read with the package's own reader.
      const trunks = (await liveRecords(api, INBOUND_TRUNK_FACTS)).map((r) => routedTrunkOf(r.id, r.fields));
      const rules = (await liveRecords(api, DISPATCH_RULE_FACTS)).map((r) => routedRuleOf(r.id, r.fields));
      const config = routingConfig(trunks, rules);
      const firstCall = probe.asked;
      const answers = await probe.ask(routingCaseValue.calls);
      routingCaseValue.calls.forEach((call: InboundCall, n) => {
        const theirs = liveKitVerdict(answers[n]);
        const ours = modelVerdict(routeCall(config, { ...call, callId: probeCallId(firstCall + n) }));
        calls++;
        outcomes.set(String(theirs.outcome), (outcomes.get(String(theirs.outcome)) ?? 0) + 1);
        if (canonical(theirs) !== canonical(ours) && disagreements.length < 5) {
          disagreements.push(`configuration ${index} (seed ${SEED}), call ${JSON.stringify(call)}\n  records: ${JSON.stringify({ trunks, rules })}\n  LiveKit: ${canonical(theirs)}\n  model:   ${canonical(ours)}`);
        } else if (canonical(theirs) !== canonical(ours)) disagreements.push("…");
      });
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `routing differential: seed ${SEED}, ${cases.length} configurations (${recordsCreated} records written, ${recordsRefused} refused by LiveKit), ` +
        `${calls} calls compared in ${seconds} s, ${disagreements.length} disagreements; LiveKit's outcomes: ${[...outcomes].map(([o, n]) => `${o} ${n}`).join(", ")}`,
    );
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(2000);
    // Every outcome occurs, or the generator has drifted away from what it is meant to cover.
    for (const outcome of ["accepted", "pinRequested", "dropped", "refused"]) expect(outcomes.get(outcome) ?? 0).toBeGreaterThan(0);
  });
});
