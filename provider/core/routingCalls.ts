import * as ipaddr from "ipaddr.js";
import { addressAllowed, CallDecision, InboundCall, listedTrunks, normalizedNumber, parsedAddress, pinOf, routeCall, RoutedRule, RoutedTrunk, RoutingConfig } from "./routing";

/*
 * The calls worth asking about a configuration: for every number a trunk or rule names (and one
 * number none names), every caller an allow-list or rule filter names (and one none names), every
 * source an address allow-list names (and one none admits), without a PIN and then, where one is
 * asked for, with each PIN any rule holds. Every distinct way LiveKit can treat a call to these records is among them,
 * so the routing table and the checks read their answers instead of reasoning apart from the model.
 */

/** Who a sample call stands for, in the table's words. */
export interface SampleCall {
  call: InboundCall;
  /** The caller as listed, or undefined for "any other caller". */
  caller: string | undefined;
  /** The allowedAddresses entry the call comes from, or undefined for "any other address". */
  source: string | undefined;
  decision: CallDecision;
}

/** The calls to one called number. */
export interface NumberRoutes {
  /** The called number as a record spells it, or undefined for "any other number". */
  called: string | undefined;
  calls: SampleCall[];
}

/** A value not among `taken` (compared as LiveKit normalises numbers), from a fixed sequence. */
function unusedNumber(start: number, taken: ReadonlySet<string>): string {
  for (let n = start; ; n++) {
    const number = `+1${n}`;
    if (!taken.has(normalizedNumber(number))) return number;
  }
}

/** A source address no allowedAddresses entry admits (documentation ranges first). */
export function unlistedAddress(trunks: readonly RoutedTrunk[]): string {
  for (let n = 1; ; n++) {
    const ip = `198.51.${100 + Math.floor(n / 250)}.${n % 250}`;
    if (trunks.every((trunk) => trunk.allowedAddresses.length === 0 || !addressAllowed(ip, "", trunk.allowedAddresses))) return ip;
  }
}

function addUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

/**
 * A number as a record spells it and, when that differs, as E.164 (what carriers send): trunks
 * compare numbers normalised but rules exactly, so the two spellings can route apart.
 */
function addSpellings(list: (string | undefined)[], number: string): void {
  addUnique(list, number);
  addUnique(list, normalizedNumber(number));
}

/** The rules that can take a call through these trunks (or through none). */
function rulesFor(config: RoutingConfig, trunks: readonly RoutedTrunk[]): RoutedRule[] {
  const rules = new Set<RoutedRule>(config.anyTrunkRules);
  for (const trunk of trunks) for (const rule of config.rulesByTrunk.get(trunk.id) ?? []) rules.add(rule);
  return [...rules];
}

/**
 * Every sample call of a configuration with LiveKit's decision, grouped by called number. Numbers
 * are asked as the records spell them and in E.164; a carrier that sends yet another spelling of
 * a listed number is not asked about.
 */
export function exploreCalls(config: RoutingConfig): NumberRoutes[] {
  const calledNumbers: string[] = [];
  for (const listing of [...config.trunks.map((t) => t.numbers), ...config.rules.map((r) => r.numbers)]) for (const number of listing) addSpellings(calledNumbers, number);
  // Every number any record names, so that "any other caller" and "any other number" are none of them.
  const allNumbers = new Set([...config.trunks.flatMap((t) => [...t.numbers, ...t.allowedNumbers]), ...config.rules.flatMap((r) => [...r.numbers, ...r.inboundNumbers])].map(normalizedNumber));
  const otherCaller = unusedNumber(4155550000, allNumbers);
  const otherNumber = unusedNumber(6505550000, new Set([...allNumbers, normalizedNumber(otherCaller)]));
  const otherIp = unlistedAddress(config.trunks);
  // Every PIN some rule holds, asked wherever a PIN is requested: a PIN of a rule that does not
  // serve this number is a call too (LiveKit drops it), and the table shows it.
  const pins: string[] = [];
  for (const rule of config.rules) if (pinOf(rule)) addUnique(pins, pinOf(rule));

  return [...calledNumbers, undefined].map((called) => {
    const trunks = listedTrunks(config, called);
    const rules = rulesFor(config, trunks);
    const callers: (string | undefined)[] = [];
    for (const trunk of trunks) for (const caller of trunk.allowedNumbers) addSpellings(callers, caller);
    for (const rule of rules) for (const caller of rule.inboundNumbers) addSpellings(callers, caller);
    callers.push(undefined);
    const sources = sourcesFor(trunks, otherIp);

    const calls: SampleCall[] = [];
    for (const caller of callers) {
      for (const { label: source, ...from } of sources) {
        const base: InboundCall = { from: caller ?? otherCaller, to: called ?? otherNumber, ...from };
        const decision = routeCall(config, base);
        calls.push({ call: base, caller, source, decision });
        if (decision.outcome !== "pinRequested") continue;
        for (const pin of pins) {
          const withPin = { ...base, pin };
          calls.push({ call: withPin, caller, source, decision: routeCall(config, withPin) });
        }
      }
    }
    return { called, calls };
  });
}

interface Source {
  sourceIp: string;
  fromHost: string;
  /** How the table names it: an address (with the From host), or undefined for "any other address". */
  label: string | undefined;
}

/**
 * Where calls come from, as the trunks' allowedAddresses tell them apart: each listed address,
 * the first and last address of each listed range, and one address none lists; each with each
 * listed From host, and with none.
 */
function sourcesFor(trunks: readonly RoutedTrunk[], otherIp: string): Source[] {
  const entries = trunks.flatMap((t) => t.allowedAddresses);
  if (entries.length === 0) return [{ sourceIp: otherIp, fromHost: "", label: undefined }];
  const ips: string[] = [];
  const hosts: string[] = [];
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    const parsed = parsedAddress(address);
    if (!parsed) addUnique(hosts, entry);
    else if (bits === undefined) addUnique(ips, address);
    else {
      const range = `${address}/${bits}`;
      try {
        const [first, last] = parsed.kind() === "ipv4" ? [ipaddr.IPv4.networkAddressFromCIDR(range), ipaddr.IPv4.broadcastAddressFromCIDR(range)] : [ipaddr.IPv6.networkAddressFromCIDR(range), ipaddr.IPv6.broadcastAddressFromCIDR(range)];
        addUnique(ips, first.toString());
        addUnique(ips, last.toString());
      } catch {
        // A range LiveKit cannot read admits nobody through it: nothing to sample.
      }
    }
  }
  const sources: Source[] = [];
  for (const ip of [...ips, undefined]) {
    for (const host of [...hosts, ""]) {
      const label = ip === undefined && host === "" ? undefined : `${host ? `${host} at ` : ""}${ip ?? "another address"}`;
      sources.push({ sourceIp: ip ?? otherIp, fromHost: host, label });
    }
  }
  return sources;
}
