import { createHash } from "node:crypto";
import * as ipaddr from "ipaddr.js";

/*
 * What LiveKit does with an inbound call: which trunk answers it, whether that trunk challenges
 * for credentials, which dispatch rule takes it and into which room, or why the call is refused
 * or dropped. A model of livekit-server v1.13.5 with its livekit/protocol `sip` package
 * (`MatchTrunkDetailed`, `MatchDispatchRuleIter`, `DispatchRulePriority`,
 * `EvaluateDispatchRule`, the store's list filters in `ioservice_sip.go`), checked call by call
 * against the server itself (tests/e2e/routingDifferential.test.ts). Pure: records and a call
 * in, the decision and its reasons out, as data the CLI, the policy pack and the tests word alike.
 */

/** An inbound trunk as routing sees it. No password: only whether there is one. */
export interface RoutedTrunk {
  id: string;
  name: string;
  numbers: readonly string[];
  allowedAddresses: readonly string[];
  allowedNumbers: readonly string[];
  authUsername: string;
  hasAuthPassword: boolean;
}

/** Which room a dispatch rule sends calls to (LiveKit's `SIPDispatchRule` oneof, in its JSON). */
export type RuleVariant =
  | { kind: "direct"; roomName: string; pin: string }
  | { kind: "individual"; roomPrefix: string; pin: string; noRandomness: boolean }
  | { kind: "callee"; roomPrefix: string; pin: string; randomize: boolean };

/** A dispatch rule as routing sees it. `variant` undefined: the record holds no rule LiveKit can use. */
export interface RoutedRule {
  id: string;
  name: string;
  trunkIds: readonly string[];
  inboundNumbers: readonly string[];
  numbers: readonly string[];
  variant: RuleVariant | undefined;
  hidePhoneNumber: boolean;
  attributes: Readonly<Record<string, string>>;
}

/** One INVITE's routing facts, as LiveKit's SIP service passes them on. */
export interface InboundCall {
  /** The caller's number (the From user), as the carrier sends it. */
  from: string;
  /** The From host. */
  fromHost?: string;
  /** The called number (the To user), as the carrier sends it. */
  to: string;
  /** The address the INVITE came from; without one, LiveKit ignores every `allowedAddresses`. */
  sourceIp?: string;
  /** The PIN the caller entered: asked a second time, after LiveKit requested one. */
  pin?: string;
  /** The caller has no PIN: only rules without one apply. */
  noPin?: boolean;
  /** LiveKit's call ID (`sip.callID` attribute). */
  callId?: string;
}

/** Why a trunk did not take a call it might have. */
export type TrunkFilter = "caller" | "address";

/** The trunk LiveKit chose, and how. */
export interface TrunkMatch {
  trunk: RoutedTrunk;
  /** `number`: one of its numbers is the called number; `anyNumber`: it has none and so answers every number. */
  by: "number" | "anyNumber";
  /** LiveKit's SIP service answers 407 and checks the digest before going on. */
  challenge: boolean;
}

/** A room name, or a pattern whose end LiveKit draws at random for each call. */
export interface RoomName {
  name: string;
  /** The name is followed by `_` and 12 random characters. */
  randomSuffix: boolean;
}

/** What LiveKit does with the call, and why. */
export type CallDecision =
  | {
      outcome: "refused";
      /**
       * severalTrunks: trunks with the called number all admit the caller;
       * severalAnyNumberTrunks: no numbered trunk, and several any-number trunks admit the caller;
       * ruleConflict: two rules LiveKit keys alike (it refuses to create them, so only declared records show it);
       * invalidRule: a rule with none of the three variants;
       * invalidSourceIp: the source address is not an IP address.
       */
      reason: "severalTrunks" | "severalAnyNumberTrunks" | "ruleConflict" | "invalidRule" | "invalidSourceIp";
      trunks: readonly RoutedTrunk[];
      rules: readonly RoutedRule[];
    }
  | { outcome: "dropped"; trunk: TrunkMatch | undefined; turnedAway: readonly TurnedAway[] }
  | { outcome: "pinRequested"; trunk: TrunkMatch | undefined; turnedAway: readonly TurnedAway[]; rule: RoutedRule; outranked: readonly RoutedRule[] }
  | {
      outcome: "accepted";
      trunk: TrunkMatch | undefined;
      turnedAway: readonly TurnedAway[];
      rule: RoutedRule;
      /** Rules that matched the call too, but that LiveKit ranks below `rule`. */
      outranked: readonly RoutedRule[];
      room: RoomName;
      identity: string;
      participantName: string;
      attributes: Record<string, string>;
    };

/** A trunk that answers the called number but turned this caller away. */
export interface TurnedAway {
  trunk: RoutedTrunk;
  by: TrunkFilter;
}

/** Trunks and rules prepared for many calls: trunks by number, rules by trunk, each in LiveKit's list order (by ID). */
export interface RoutingConfig {
  trunks: readonly RoutedTrunk[];
  rules: readonly RoutedRule[];
  trunksByNumber: ReadonlyMap<string, readonly RoutedTrunk[]>;
  anyNumberTrunks: readonly RoutedTrunk[];
  rulesByTrunk: ReadonlyMap<string, readonly RoutedRule[]>;
  anyTrunkRules: readonly RoutedRule[];
  /** Per listing (a trunk's ID, "" for no trunk): the first two rules LiveKit keys alike, computed once. */
  conflicts: Map<string, RoutedRule[] | undefined>;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Appends `value` under `key` once: records are indexed one at a time, so a repeat (two spellings of one number) is the last item. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== value) list.push(value);
  } else map.set(key, [value]);
}

/** Indexes records for routing. IDs order them as LiveKit's store lists them. */
export function routingConfig(trunks: readonly RoutedTrunk[], rules: readonly RoutedRule[]): RoutingConfig {
  const sortedTrunks = [...trunks].sort(byId);
  const sortedRules = [...rules].sort(byId);
  const trunksByNumber = new Map<string, RoutedTrunk[]>();
  for (const trunk of sortedTrunks) for (const number of trunk.numbers) pushTo(trunksByNumber, normalizedNumber(number), trunk);
  const rulesByTrunk = new Map<string, RoutedRule[]>();
  for (const rule of sortedRules) for (const id of rule.trunkIds) pushTo(rulesByTrunk, id, rule);
  return {
    trunks: sortedTrunks,
    rules: sortedRules,
    trunksByNumber,
    anyNumberTrunks: sortedTrunks.filter((t) => t.numbers.length === 0),
    rulesByTrunk,
    anyTrunkRules: sortedRules.filter((r) => r.trunkIds.length === 0),
    conflicts: new Map(),
  };
}

/**
 * A number as LiveKit compares trunk numbers and caller allow-lists (`livekit.NormalizeNumber`):
 * spaces, dashes and parentheses dropped and a `+` in front, for anything made only of those
 * and digits; anything else unchanged. Dispatch rules compare numbers exactly, unnormalised.
 */
export function normalizedNumber(number: string): string {
  if (number === "" || !/^\+?[\d\- ()]+$/.test(number)) return number;
  const digits = number.replace(/[ \-()]/g, "");
  return digits.startsWith("+") ? digits : `+${digits}`;
}

function numberAllowed(number: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const normalized = normalizedNumber(number);
  return allowed.some((entry) => entry === number || normalizedNumber(entry) === normalized);
}

/** An address as Go's `netip.ParseAddr` reads it (dotted-quad IPv4 without leading zeros, or IPv6), else undefined. */
export function parsedAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (/^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/.test(text)) return ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text) : undefined;
  if (text.includes(":") && !text.includes("%") && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

/** An allowedAddresses entry LiveKit ignores: a URL or anything with these characters. */
function ignoredAddressEntry(entry: string): boolean {
  return /[()+*;, \t\n\r]/.test(entry) || entry.includes("://");
}

function entryMatches(ip: ipaddr.IPv4 | ipaddr.IPv6, entry: string): boolean {
  const slash = entry.indexOf("/");
  if (slash < 0) {
    const expected = parsedAddress(entry);
    return expected !== undefined && expected.kind() === ip.kind() && expected.toNormalizedString() === ip.toNormalizedString();
  }
  const base = parsedAddress(entry.slice(0, slash));
  const bitsText = entry.slice(slash + 1);
  if (!base || !/^(0|[1-9]\d*)$/.test(bitsText)) return false;
  const bits = Number(bitsText);
  if (bits > (base.kind() === "ipv4" ? 32 : 128) || base.kind() !== ip.kind()) return false;
  return (ip as ipaddr.IPv4).match(base as ipaddr.IPv4, bits);
}

/**
 * Whether a trunk's `allowedAddresses` admit the call (protocol `matchAddrMasks`): an entry equal
 * to the From host, the source IP, or a CIDR range holding it. With no source IP, or no entry
 * LiveKit can read, every call is admitted.
 */
export function addressAllowed(sourceIp: string, fromHost: string, allowed: readonly string[]): boolean {
  const ip = parsedAddress(sourceIp);
  if (!ip) return true;
  const entries = allowed.filter((entry) => !ignoredAddressEntry(entry));
  if (entries.length === 0) return true;
  return entries.some((entry) => entry === fromHost || entryMatches(ip, entry));
}

function answersNumber(trunk: RoutedTrunk, called: string): boolean {
  const normalized = normalizedNumber(called);
  return trunk.numbers.some((number) => number === called || normalizedNumber(number) === normalized);
}

type TrunkOutcome =
  | { refused: "severalTrunks" | "severalAnyNumberTrunks"; trunks: RoutedTrunk[] }
  | { match: TrunkMatch | undefined; turnedAway: TurnedAway[] };

/** The trunks the store lists for a called number (undefined: one no trunk lists): those answering it, then those answering any number. */
export function listedTrunks(config: RoutingConfig, called: string | undefined): RoutedTrunk[] {
  return [...(called === undefined ? [] : (config.trunksByNumber.get(normalizedNumber(called)) ?? [])), ...config.anyNumberTrunks];
}

/** Which trunk answers (protocol `MatchTrunkDetailed` over the trunks the store lists for the called number). */
function chooseTrunk(config: RoutingConfig, call: InboundCall): TrunkOutcome {
  const listed = listedTrunks(config, call.to);
  const numbered: RoutedTrunk[] = [];
  const anyNumber: RoutedTrunk[] = [];
  const turnedAway: TurnedAway[] = [];
  for (const trunk of listed) {
    if (!numberAllowed(call.from, trunk.allowedNumbers)) turnedAway.push({ trunk, by: "caller" });
    else if (!addressAllowed(call.sourceIp ?? "", call.fromHost ?? "", trunk.allowedAddresses)) turnedAway.push({ trunk, by: "address" });
    else if (trunk.numbers.length === 0) anyNumber.push(trunk);
    else if (answersNumber(trunk, call.to)) numbered.push(trunk);
  }
  if (numbered.length > 1) return { refused: "severalTrunks", trunks: numbered };
  if (numbered.length === 1) return { match: matchOf(numbered[0], "number"), turnedAway };
  if (anyNumber.length > 1) return { refused: "severalAnyNumberTrunks", trunks: anyNumber };
  return { match: anyNumber.length === 1 ? matchOf(anyNumber[0], "anyNumber") : undefined, turnedAway };
}

function matchOf(trunk: RoutedTrunk, by: TrunkMatch["by"]): TrunkMatch {
  // The SIP service challenges only when both are set (livekit/sip `GetAuthCredentials`).
  return { trunk, by, challenge: trunk.authUsername !== "" && trunk.hasAuthPassword };
}

/** A rule's PIN, "" for none. */
export function pinOf(rule: RoutedRule): string {
  return rule.variant?.pin ?? "";
}

/** The room name or prefix LiveKit breaks priority ties with. */
function roomKeyOf(rule: RoutedRule): string {
  if (!rule.variant) return "";
  return rule.variant.kind === "direct" ? rule.variant.roomName : rule.variant.roomPrefix;
}

/**
 * LiveKit's order among rules that both match (protocol `DispatchRulePriority`): lower first.
 * PIN rules before open ones (direct, individual, callee), and 1000 added for each of
 * `inboundNumbers` and `numbers` that is empty.
 */
export function rulePriority(rule: RoutedRule): number {
  if (!rule.variant) return Number.MAX_SAFE_INTEGER;
  const base = { direct: 0, individual: 1, callee: 2 }[rule.variant.kind] + (rule.variant.pin ? 0 : 100);
  return base + (rule.inboundNumbers.length === 0 ? 1000 : 0) + (rule.numbers.length === 0 ? 1000 : 0);
}

function outranks(a: RoutedRule, b: RoutedRule): boolean {
  const pa = rulePriority(a);
  const pb = rulePriority(b);
  return pa !== pb ? pa < pb : roomKeyOf(a) < roomKeyOf(b);
}

/** The keys LiveKit refuses two rules to share (protocol `DispatchRuleValidator`): trunk, caller, called number, PIN. */
export function ruleKeysOf(rule: RoutedRule): string[] {
  const orAny = (list: readonly string[]) => (list.length === 0 ? [""] : list);
  const keys: string[] = [];
  for (const trunk of orAny(rule.trunkIds))
    for (const caller of orAny(rule.inboundNumbers))
      for (const called of orAny(rule.numbers)) keys.push(JSON.stringify([pinOf(rule), trunk, normalizedNumber(caller), normalizedNumber(called)]));
  return keys;
}

/** The first pair of listed rules LiveKit keys alike, if any. */
function conflictAmong(rules: readonly RoutedRule[]): RoutedRule[] | undefined {
  const owner = new Map<string, RoutedRule>();
  for (const rule of rules) {
    for (const key of ruleKeysOf(rule)) {
      const other = owner.get(key);
      if (other && other !== rule) return [other, rule];
      owner.set(key, rule);
    }
  }
  return undefined;
}

/** The rules the store lists for a trunk (those naming it, and those naming none), in ID order. */
function listedRules(config: RoutingConfig, trunk: RoutedTrunk | undefined): readonly RoutedRule[] {
  if (!trunk) return config.rules;
  const named = config.rulesByTrunk.get(trunk.id) ?? [];
  if (named.length === 0) return config.anyTrunkRules;
  return [...named, ...config.anyTrunkRules].sort(byId);
}

type RuleOutcome = { refused: "ruleConflict" | "invalidRule"; rules: RoutedRule[] } | { rule: RoutedRule | undefined; outranked: RoutedRule[] };

/** Which rule takes the call (protocol `MatchDispatchRuleIter`). */
function chooseRule(config: RoutingConfig, trunk: RoutedTrunk | undefined, call: InboundCall): RuleOutcome {
  const listed = listedRules(config, trunk);
  const invalid = listed.find((rule) => !rule.variant);
  if (invalid) return { refused: "invalidRule", rules: [invalid] };
  const listing = trunk?.id ?? "";
  if (!config.conflicts.has(listing)) config.conflicts.set(listing, conflictAmong(listed));
  const conflict = config.conflicts.get(listing);
  if (conflict) return { refused: "ruleConflict", rules: conflict };
  const sentPin = call.pin ?? "";
  let bound: RoutedRule | undefined;
  let anyTrunk: RoutedRule | undefined;
  const matching: RoutedRule[] = [];
  for (const rule of listed) {
    if (rule.inboundNumbers.length > 0 && !rule.inboundNumbers.includes(call.from)) continue;
    if (rule.numbers.length > 0 && !rule.numbers.includes(call.to)) continue;
    const pin = pinOf(rule);
    if (call.noPin) {
      if (pin !== "") continue;
    } else if (sentPin !== "" && pin !== sentPin) continue;
    if (rule.trunkIds.length === 0) {
      matching.push(rule);
      if (!anyTrunk || outranks(rule, anyTrunk)) anyTrunk = rule;
    } else if (trunk && rule.trunkIds.includes(trunk.id)) {
      matching.push(rule);
      if (!bound || outranks(rule, bound)) bound = rule;
    }
  }
  // Any rule naming the trunk beats every rule naming none, whatever their priorities.
  const rule = bound ?? anyTrunk;
  return { rule, outranked: matching.filter((other) => other !== rule) };
}

/** What the caller is called in the room (protocol `EvaluateDispatchRule`). */
function participantOf(rule: RoutedRule, call: InboundCall): { shownNumber: string; identity: string; participantName: string } {
  if (!rule.hidePhoneNumber) return { shownNumber: call.from, identity: `sip_${call.from}`, participantName: `Phone ${call.from}` };
  const hash = createHash("sha256").update(call.from).digest().subarray(0, 8).toString("hex");
  const shown = call.from.slice(call.from.length - (call.from.length <= 4 ? 1 : 4));
  return { shownNumber: shown, identity: `sip_${hash}`, participantName: `Phone ${shown}` };
}

/** The room a rule sends the call to. */
export function roomOf(variant: RuleVariant, shownCaller: string, called: string): RoomName {
  switch (variant.kind) {
    case "direct":
      return { name: variant.roomName, randomSuffix: false };
    case "individual":
      return { name: variant.roomPrefix ? `${variant.roomPrefix}_${shownCaller}` : shownCaller, randomSuffix: !variant.noRandomness };
    case "callee":
      return { name: variant.roomPrefix ? `${variant.roomPrefix}_${called}` : called, randomSuffix: variant.randomize };
  }
}

/** What LiveKit does with one call, given the records it holds. */
export function routeCall(config: RoutingConfig, call: InboundCall): CallDecision {
  if (call.sourceIp && !parsedAddress(call.sourceIp)) return { outcome: "refused", reason: "invalidSourceIp", trunks: [], rules: [] };
  const trunkOutcome = chooseTrunk(config, call);
  if ("refused" in trunkOutcome) return { outcome: "refused", reason: trunkOutcome.refused, trunks: trunkOutcome.trunks, rules: [] };
  const { match, turnedAway } = trunkOutcome;
  const ruleOutcome = chooseRule(config, match?.trunk, call);
  if ("refused" in ruleOutcome) return { outcome: "refused", reason: ruleOutcome.refused, trunks: match ? [match.trunk] : [], rules: ruleOutcome.rules };
  const { rule, outranked } = ruleOutcome;
  if (!rule || !rule.variant) return { outcome: "dropped", trunk: match, turnedAway };
  if (rule.variant.pin !== "" && !call.pin) return { outcome: "pinRequested", trunk: match, turnedAway, rule, outranked };
  const { shownNumber, identity, participantName } = participantOf(rule, call);
  const attributes: Record<string, string> = { ...rule.attributes, "sip.callID": call.callId ?? "", "sip.trunkID": match?.trunk.id ?? "" };
  if (!rule.hidePhoneNumber) {
    attributes["sip.phoneNumber"] = call.from;
    attributes["sip.hostname"] = call.fromHost ?? "";
    attributes["sip.trunkPhoneNumber"] = call.to;
  }
  attributes["sip.ruleID"] = rule.id;
  return { outcome: "accepted", trunk: match, turnedAway, rule, outranked, room: roomOf(rule.variant, shownNumber, call.to), identity, participantName, attributes };
}
