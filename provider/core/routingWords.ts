import type { CallDecision, InboundCall, RoomName, RoutedRule, RoutedTrunk, TrunkMatch, TurnedAway } from "./routing";
import type { RoutingFinding } from "./routingFindings";

/*
 * Routing decisions and findings in plain words, the same for the CLI, the policy pack and the
 * tests. Records are named by a caller-supplied labeller (the CLI names Pulumi resources and IDs).
 */

/** How to name records in sentences. */
export interface RecordLabels {
  trunk(trunk: RoutedTrunk): string;
  rule(rule: RoutedRule): string;
}

/** Labels from the records alone: LiveKit's name and ID. */
export const LIVEKIT_LABELS: RecordLabels = {
  trunk: (t) => (t.name ? `trunk "${t.name}" (${t.id})` : `trunk ${t.id}`),
  rule: (r) => (r.name ? `rule "${r.name}" (${r.id})` : `rule ${r.id}`),
};

/** "a", "a and b", "a, b and c". */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** A room's name, quoted, `_…` standing for a random end. */
export function roomName(room: RoomName): string {
  return room.randomSuffix ? `"${room.name}_…"` : `"${room.name}"`;
}

/** A room as people read it, the random end explained. */
export function roomText(room: RoomName): string {
  return room.randomSuffix ? `${roomName(room)} (12 random characters at the end, new for each call)` : roomName(room);
}

function trunkPart(match: TrunkMatch, call: InboundCall, labels: RecordLabels): string {
  const how = match.by === "number" ? `it lists ${call.to}` : "it answers any number";
  const challenge = match.challenge ? `, after a digest challenge for user "${match.trunk.authUsername}"` : "";
  return `${labels.trunk(match.trunk)} answers it (${how})${challenge}`;
}

function turnedAwayPart(turnedAway: readonly TurnedAway[], labels: RecordLabels): string {
  if (turnedAway.length === 0) return "no trunk answers it";
  const why = (t: TurnedAway) => `${labels.trunk(t.trunk)} turns the caller away (${t.by === "caller" ? "not in its allowedNumbers" : "not from its allowedAddresses"})`;
  return `no trunk takes it: ${listed(turnedAway.map(why))}`;
}

/** One short paragraph: what LiveKit does with this call, and which records decide it. */
export function decisionText(decision: CallDecision, call: InboundCall, labels: RecordLabels = LIVEKIT_LABELS): string {
  const subject = `A call from ${call.from} to ${call.to}${call.pin ? ` with PIN ${call.pin}` : ""}`;
  if (decision.outcome === "refused") {
    const trunks = listed(decision.trunks.map(labels.trunk));
    const rules = listed(decision.rules.map(labels.rule));
    switch (decision.reason) {
      case "severalTrunks":
        return `${subject} is refused (LiveKit answers 503, "Multiple SIP Trunks matched"): ${trunks} ${decision.trunks.length === 2 ? "both" : "all"} list ${call.to} and admit this caller, and LiveKit will not choose between them.`;
      case "severalAnyNumberTrunks":
        return `${subject} is refused (LiveKit answers 503, "Multiple default SIP Trunks matched"): no trunk lists ${call.to}, and the any-number trunks ${trunks} ${decision.trunks.length === 2 ? "both" : "all"} admit this caller.`;
      case "ruleConflict":
        return `${subject} is refused (503): ${rules} are keyed alike (trunk, caller, called number, PIN), so LiveKit cannot choose between them.`;
      case "invalidRule":
        return `${subject} is refused (503): ${rules} holds none of dispatchRuleDirect, dispatchRuleIndividual, dispatchRuleCallee.`;
      case "invalidSourceIp":
        return `${subject} is refused: its source address ${call.sourceIp} is not an IP address.`;
    }
  }
  const reached = decision.trunk ? trunkPart(decision.trunk, call, labels) : `${turnedAwayPart(decision.turnedAway, labels)}, so only rules that name no trunk apply`;
  if (decision.outcome === "dropped") {
    const scope = decision.trunk ? `naming ${labels.trunk(decision.trunk.trunk)} or no trunk` : "naming no trunk";
    return `${subject} is dropped without an answer: ${reached}, but no dispatch rule ${scope} takes it.`;
  }
  const over = decision.outranked.length > 0 ? ` (ahead of ${listed(decision.outranked.map(labels.rule))})` : "";
  if (decision.outcome === "pinRequested") {
    return `${subject} is asked for a PIN: ${reached}; ${labels.rule(decision.rule)}${over} takes it and requires a PIN before the caller joins a room.`;
  }
  return (
    `${subject} is accepted: ${reached}; ${labels.rule(decision.rule)}${over} takes it, and the caller joins room ${roomText(decision.room)} ` +
    `as participant "${decision.identity}".`
  );
}

function callsText(calls: readonly InboundCall[]): string {
  return calls.map((c) => `${c.from} → ${c.to}${c.pin ? ` (PIN ${c.pin})` : ""}`).join(", ");
}

/** A finding in one or two sentences, with what to change. */
export function findingText(finding: RoutingFinding, labels: RecordLabels = LIVEKIT_LABELS): string {
  const trunks = listed(finding.trunks.map(labels.trunk));
  const rules = finding.rules.map(labels.rule);
  const examples = finding.calls.length > 0 ? ` (for example ${callsText(finding.calls)})` : "";
  const entry = finding.entry;
  switch (finding.kind) {
    case "severalTrunks":
      return `Calls are refused${examples}: ${trunks} list the same number and admit the same callers, so LiveKit answers 503 "Multiple SIP Trunks matched". Give each number to one trunk, or give every trunk on the number its own allowedNumbers.`;
    case "severalAnyNumberTrunks":
      return `Calls are refused${examples}: the any-number trunks ${trunks} admit the same callers, so LiveKit answers 503 "Multiple default SIP Trunks matched". Keep one any-number trunk, or tell them apart with allowedNumbers or allowedAddresses.`;
    case "ruleConflict":
      return `Calls are refused${examples}: ${listed(rules)} are keyed alike (trunk, caller, called number, PIN), which LiveKit does not allow. Give them different trunkIds, inboundNumbers, numbers or PINs.`;
    case "invalidRule":
      return `Calls are refused${examples}: ${listed(rules)} holds none of dispatchRuleDirect, dispatchRuleIndividual, dispatchRuleCallee.`;
    case "noRule":
      return `Calls are dropped without an answer${examples}: ${trunks} answers them, but no dispatch rule takes them. Add a rule with trunkIds naming it, or widen a rule's numbers or inboundNumbers.`;
    case "filterNeverMatches":
      return entry?.field === "numbers"
        ? `${rules[0]} never matches calls to ${entry.value}: none of its trunks (${trunks}) answers that number. Remove the entry, or add the number to a trunk.`
        : `${rules[0]} never matches calls from ${entry?.value}: none of its trunks (${trunks}) admits that caller (their allowedNumbers). Remove the entry, or allow the caller on a trunk.`;
    case "filterSpelling":
      return `${rules[0]} matches calls ${entry?.field === "numbers" ? "to" : "from"} ${entry?.value} only when the carrier spells the number exactly so: LiveKit compares a rule's ${entry?.field} exactly, while ${trunks} lists it as ${entry?.spelledAs}. Spell it as the trunk does.`;
    case "allowListBypassed":
      return `Callers that ${trunks} turn${finding.trunks.length > 1 ? "" : "s"} away still reach ${rules[0]}, which names no trunk${examples}. Give the rule trunkIds, or drop the allow-list if it is not meant to keep them out.`;
    case "ruleShadowed":
      return `${rules[0]} never takes a call: ${listed(rules.slice(1))} match${finding.rules.length > 2 ? "" : "es"} the same calls and LiveKit ranks ${finding.rules.length > 2 ? "them" : "it"} first${examples}. Remove it, or narrow the other rule.`;
  }
}
