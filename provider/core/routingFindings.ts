import { InboundCall, normalizedNumber, RoutedRule, RoutedTrunk, RoutingConfig } from "./routing";
import { NumberRoutes } from "./routingCalls";

/*
 * What is wrong with how a configuration routes calls, each finding with the records it is about
 * and sample calls that show it. Refused and unanswered calls are mandatory to fix; the rest are
 * advice. Derived from the model's answers to the sample calls (routingCalls.ts) and, for rule
 * filters, from the records alone.
 */

/** The kinds of finding, each worded in routingWords.ts. */
export type FindingKind =
  /** Several numbered trunks admit the same calls: LiveKit refuses them. */
  | "severalTrunks"
  /** Several any-number trunks admit the same calls to a number no trunk lists: refused. */
  | "severalAnyNumberTrunks"
  /** Two rules keyed alike, or a rule with no variant: every call listed with them is refused. */
  | "ruleConflict"
  | "invalidRule"
  /** A trunk answers calls no rule takes: LiveKit drops them without an answer. */
  | "noRule"
  /** A rule's `numbers` or `inboundNumbers` entry that no call through its trunks can carry. */
  | "filterNeverMatches"
  /** A rule filter that matches only when the carrier spells the number exactly as the rule does. */
  | "filterSpelling"
  /** Callers a trunk's allow-lists turn away still reach a rule that names no trunk. */
  | "allowListBypassed"
  /** A rule that matches calls but always loses them to another. */
  | "ruleShadowed";

export type FindingLevel = "mandatory" | "advisory";

/** One finding: what, about which records, and up to three calls that show it. */
export interface RoutingFinding {
  kind: FindingKind;
  level: FindingLevel;
  trunks: RoutedTrunk[];
  rules: RoutedRule[];
  /** The rule filter entry concerned (filterNeverMatches, filterSpelling). */
  entry?: { field: "numbers" | "inboundNumbers"; value: string; spelledAs?: string };
  calls: InboundCall[];
}

const LEVEL: Record<FindingKind, FindingLevel> = {
  severalTrunks: "mandatory",
  severalAnyNumberTrunks: "mandatory",
  ruleConflict: "mandatory",
  invalidRule: "mandatory",
  noRule: "mandatory",
  filterNeverMatches: "advisory",
  filterSpelling: "advisory",
  allowListBypassed: "advisory",
  ruleShadowed: "advisory",
};

const MAX_CALLS = 3;

/** Collects findings, one per kind and set of records, with a few of the calls that show each. */
class Findings {
  private readonly byKey = new Map<string, RoutingFinding>();

  add(kind: FindingKind, trunks: readonly RoutedTrunk[], rules: readonly RoutedRule[], call?: InboundCall, entry?: RoutingFinding["entry"]): void {
    const key = JSON.stringify([kind, trunks.map((t) => t.id).sort(), rules.map((r) => r.id), entry ?? null]);
    let finding = this.byKey.get(key);
    if (!finding) {
      finding = { kind, level: LEVEL[kind], trunks: [...trunks], rules: [...rules], ...(entry ? { entry } : {}), calls: [] };
      this.byKey.set(key, finding);
    }
    const sameCall = (c: InboundCall) => c.from === call?.from && c.to === call?.to;
    if (call && finding.calls.length < MAX_CALLS && !finding.calls.some(sameCall)) finding.calls.push(call);
  }

  list(): RoutingFinding[] {
    const order = (f: RoutingFinding) => (f.level === "mandatory" ? 0 : 1);
    return [...this.byKey.values()].sort((a, b) => order(a) - order(b));
  }
}

/** Findings the sample calls' decisions show. */
function fromDecisions(routes: readonly NumberRoutes[], findings: Findings): void {
  const chosen = new Set<RoutedRule>();
  const lostTo = new Map<RoutedRule, { winners: Set<RoutedRule>; call: InboundCall }>();
  for (const { calls } of routes) {
    for (const { call, decision } of calls) {
      switch (decision.outcome) {
        case "refused":
          if (decision.reason !== "invalidSourceIp") findings.add(decision.reason, decision.trunks, decision.rules, call);
          break;
        case "dropped":
          // A call no trunk takes is dropped on purpose (the allow-lists); one a trunk answers is a gap.
          if (decision.trunk) findings.add("noRule", [decision.trunk.trunk], [], call);
          break;
        case "pinRequested":
        case "accepted":
          chosen.add(decision.rule);
          if (!decision.trunk && decision.turnedAway.length > 0) {
            findings.add("allowListBypassed", decision.turnedAway.map((t) => t.trunk), [decision.rule], call);
          }
          for (const loser of decision.outranked) {
            const entry = lostTo.get(loser) ?? { winners: new Set<RoutedRule>(), call };
            entry.winners.add(decision.rule);
            lostTo.set(loser, entry);
          }
          break;
      }
    }
  }
  for (const [loser, { winners, call }] of lostTo) {
    if (!chosen.has(loser)) findings.add("ruleShadowed", [], [loser, ...winners], call);
  }
}

/** Findings about each rule's filters against the trunks it names (when all are known). */
function fromRuleFilters(config: RoutingConfig, findings: Findings): void {
  const trunksById = new Map(config.trunks.map((t) => [t.id, t]));
  for (const rule of config.rules) {
    if (rule.trunkIds.length === 0) continue;
    const trunks = rule.trunkIds.map((id) => trunksById.get(id));
    if (trunks.some((t) => t === undefined)) continue;
    const named = trunks as RoutedTrunk[];
    for (const number of rule.numbers) {
      if (named.some((t) => t.numbers.length === 0 || t.numbers.includes(number))) continue;
      const spelled = named.flatMap((t) => t.numbers).find((n) => normalizedNumber(n) === normalizedNumber(number));
      const kind = spelled === undefined ? "filterNeverMatches" : "filterSpelling";
      findings.add(kind, named, [rule], undefined, { field: "numbers", value: number, ...(spelled === undefined ? {} : { spelledAs: spelled }) });
    }
    for (const caller of rule.inboundNumbers) {
      if (named.some((t) => t.allowedNumbers.length === 0 || t.allowedNumbers.includes(caller))) continue;
      const spelled = named.flatMap((t) => t.allowedNumbers).find((n) => normalizedNumber(n) === normalizedNumber(caller));
      const kind = spelled === undefined ? "filterNeverMatches" : "filterSpelling";
      findings.add(kind, named, [rule], undefined, { field: "inboundNumbers", value: caller, ...(spelled === undefined ? {} : { spelledAs: spelled }) });
    }
  }
}

/** Every finding of a configuration, mandatory ones first. */
export function routingFindings(config: RoutingConfig, routes: readonly NumberRoutes[]): RoutingFinding[] {
  const findings = new Findings();
  fromDecisions(routes, findings);
  fromRuleFilters(config, findings);
  return findings.list();
}
