import fc from "fast-check";
import { FieldDescription, FieldTable, fieldNames } from "../../provider/core/fields";
import type { FieldValues } from "../../provider/core/records";
import { canonicalMessageJson } from "../../provider/core/wire";

/** Random complete records of any field table, drawn from small pools so that live and desired often overlap. */

const pools = {
  phoneNumber: ["+15105550100", "+15105550101", "+13105550100", "+442071838750"],
  address: ["203.0.113.7", "203.0.113.0/24", "2001:db8::/32"],
  id: ["ST_a", "ST_b", "ST_c"],
};

const messages = {
  SIPDispatchRule: [{}, { dispatchRuleDirect: { roomName: "lobby", pin: "1234" } }, { dispatchRuleIndividual: { roomPrefix: "call-" } }, { dispatchRuleIndividual: {} }, { dispatchRuleCallee: { roomPrefix: "n-", randomize: true } }],
  RoomConfiguration: [{}, { emptyTimeout: 60 }, { agents: [{ agentName: "support" }] }, { agents: [{ agentName: "a" }, { agentName: "b" }], maxParticipants: 3 }],
};

function arbitraryValue(field: FieldDescription, withDuplicates: boolean): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case "string":
      return fc.constantFrom("", "main", "Main line");
    case "host":
      return fc.constantFrom("", "sip.example.com", "203.0.113.7:5060");
    case "boolean":
      return fc.boolean();
    case "list": {
      const pool = pools[field.item];
      return withDuplicates ? fc.array(fc.constantFrom(...pool), { maxLength: 5 }) : fc.uniqueArray(fc.constantFrom(...pool), { maxLength: pool.length });
    }
    case "map":
      return fc.dictionary(fc.constantFrom("X-A", "X-B", "X-C"), fc.constantFrom("", "1", "two"), { maxKeys: 3 });
    case "enum":
      return fc.constantFrom(...field.values);
    case "duration":
      return fc.constantFrom("", "1s", "30s", "1.500s");
    case "media":
      return fc.record({
        onlyListedCodecs: fc.boolean(),
        codecs: fc.array(fc.record({ name: fc.constantFrom("PCMU", "G722"), rate: fc.constantFrom(0, 8000) }), { maxLength: 2 }),
        mediaTimeout: fc.constantFrom("", "10s"),
      });
    case "message":
      return fc.constantFrom(...messages[field.message].map((json) => canonicalMessageJson(field.message, json)));
  }
}

/** A complete record of `table`; `withDuplicates` lets list fields repeat items, as a live record set by `lk` may. */
export function arbitraryRecord(table: FieldTable, withDuplicates = false): fc.Arbitrary<FieldValues> {
  return fc.record(Object.fromEntries(fieldNames(table).map((name) => [name, arbitraryValue(table[name], withDuplicates)]))) as fc.Arbitrary<FieldValues>;
}

/**
 * A live record and a desired one that differs from it in a few fields (taken from another
 * record): with every field drawn at random, some replace-only field almost always differs, and
 * field updates would never be exercised.
 */
export function arbitraryChange(table: FieldTable): fc.Arbitrary<[FieldValues, FieldValues]> {
  return fc
    .tuple(arbitraryRecord(table, true), arbitraryRecord(table), fc.subarray(fieldNames(table), { maxLength: 3 }))
    .map(([live, other, fields]) => [live, { ...live, ...Object.fromEntries(fields.map((f) => [f, other[f]])) }]);
}
