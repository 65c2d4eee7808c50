import fc from "fast-check";
import type { InboundCall } from "../../provider/core/routing";

/*
 * Configurations and calls drawn from small pools that overlap on purpose: numbers spelled
 * several ways that LiveKit normalises alike, any-number trunks, caller and address allow-lists
 * (addresses, CIDR ranges, host names, IPv6), rules with and without trunks, caller and called
 * filters, PINs, and calls that hit and miss each of them.
 */

/** Called numbers: three spellings of one number, and two others. */
export const CALLED_POOL = ["+15105550100", "15105550100", "+1 (510) 555-0100", "+15105550101", "+15105550102"];
/** Caller numbers: two spellings of one, and two others. */
export const CALLER_POOL = ["+13105550100", "13105550100", "+17145550100", "+14155550199"];
const ADDRESS_POOL = ["203.0.113.7", "203.0.113.0/24", "198.51.100.0/25", "carrier.example", "2001:db8::1", "2001:db8::/32"];
const ROOM_POOL = ["", "lobby", "support"];
const PIN_POOL = ["", "", "1234", "5678"];

/** An inbound trunk as the field tables describe it (sparse). */
export type DeclaredTrunk = Record<string, unknown>;
/** A dispatch rule, its trunks given by their index in the configuration's trunk list. */
export interface DeclaredRule {
  trunkIndexes: number[];
  fields: Record<string, unknown>;
}

/** A configuration and the calls to ask about it. */
export interface RoutingCase {
  trunks: DeclaredTrunk[];
  rules: DeclaredRule[];
  calls: InboundCall[];
}

const subset = (pool: readonly string[], maxLength: number) => fc.uniqueArray(fc.constantFrom(...pool), { maxLength });

const trunk: fc.Arbitrary<DeclaredTrunk> = fc
  .record({
    numbers: subset(CALLED_POOL, 2),
    allowedNumbers: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: subset(CALLER_POOL, 2) }),
    allowedAddresses: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: subset(ADDRESS_POOL, 2) }),
    auth: fc.boolean(),
    name: fc.constantFrom("a", "b", "c"),
  })
  .map(({ auth, ...fields }) => ({ ...fields, ...(auth ? { authUsername: "user", authPassword: "pass-word" } : {}) }));

const variant = fc.oneof(
  fc.record({ dispatchRuleDirect: fc.record({ roomName: fc.constantFrom("lobby", "support"), pin: fc.constantFrom(...PIN_POOL) }) }),
  fc.record({ dispatchRuleIndividual: fc.record({ roomPrefix: fc.constantFrom(...ROOM_POOL), pin: fc.constantFrom(...PIN_POOL), noRandomness: fc.boolean() }) }),
  fc.record({ dispatchRuleCallee: fc.record({ roomPrefix: fc.constantFrom(...ROOM_POOL), pin: fc.constantFrom(...PIN_POOL), randomize: fc.boolean() }) }),
);

function rule(trunkCount: number): fc.Arbitrary<DeclaredRule> {
  return fc.record({
    trunkIndexes: trunkCount === 0 ? fc.constant([]) : fc.uniqueArray(fc.nat(trunkCount - 1), { maxLength: 2 }),
    fields: fc.record({
      rule: variant,
      inboundNumbers: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: subset(CALLER_POOL, 2) }),
      numbers: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: subset(CALLED_POOL, 2) }),
      hidePhoneNumber: fc.boolean(),
      attributes: fc.constantFrom({}, { team: "voice" }),
      name: fc.constantFrom("r1", "r2"),
    }),
  });
}

/** A call: the first question (no PIN), a PIN entered, or "no PIN" (only open rules apply). */
export const CALL: fc.Arbitrary<InboundCall> = fc
  .record({
    from: fc.constantFrom(...CALLER_POOL, "+19995550000"),
    to: fc.constantFrom(...CALLED_POOL, "+16505550000"),
    sourceIp: fc.constantFrom("203.0.113.7", "203.0.113.9", "198.51.100.5", "192.0.2.1", "2001:db8::1", "2001:db9::1", ""),
    fromHost: fc.constantFrom("carrier.example", "other.example"),
    pin: fc.constantFrom("", "", "1234", "5678", "noPin"),
  })
  .map(({ pin, ...call }) => ({ ...call, ...(pin === "noPin" ? { noPin: true } : pin ? { pin } : {}) }));

/** A configuration of up to four trunks and four rules, and `callsPerCase` calls to ask about it. */
export function routingCase(callsPerCase: number): fc.Arbitrary<RoutingCase> {
  return fc.integer({ min: 0, max: 4 }).chain((trunkCount) =>
    fc.record({
      trunks: fc.array(trunk, { minLength: trunkCount, maxLength: trunkCount }),
      rules: fc.array(rule(trunkCount), { maxLength: 4 }),
      calls: fc.array(CALL, { minLength: callsPerCase, maxLength: callsPerCase }),
    }),
  );
}
