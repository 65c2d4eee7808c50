import fc from "fast-check";
import { INCLUDE_HEADERS, MEDIA_ENCRYPTIONS, TrunkFields } from "../../provider/core/trunk";

/** Random complete trunks drawn from small pools, so that live and desired often overlap. */

const numberPool = ["+15105550100", "+15105550101", "+13105550100", "+17145550100", "+442071838750", "+4930901820"];
const addressPool = ["203.0.113.7", "203.0.113.0/24", "198.51.100.1", "2001:db8::1", "2001:db8::/32"];
const durationPool = ["", "1s", "30s", "1.500s", "3600s"];

const list = (pool: string[], withDuplicates: boolean) =>
  withDuplicates ? fc.array(fc.constantFrom(...pool), { maxLength: 6 }) : fc.uniqueArray(fc.constantFrom(...pool), { maxLength: pool.length });

const stringMap = fc.dictionary(fc.constantFrom("X-A", "X-B", "X-C"), fc.constantFrom("1", "2", "three"), { maxKeys: 3 });

/** A trunk; `withDuplicates` lets list fields repeat items, as a live trunk set by `lk` may. */
export function arbitraryTrunk(withDuplicates = false): fc.Arbitrary<TrunkFields> {
  return fc.record({
    name: fc.constantFrom("", "main", "Main line"),
    metadata: fc.constantFrom("", "{}", "team=voice"),
    numbers: list(numberPool, withDuplicates),
    allowedAddresses: list(addressPool, withDuplicates),
    allowedNumbers: list(numberPool, withDuplicates),
    authUsername: fc.constantFrom("", "user"),
    authPassword: fc.constantFrom("", "pw-1", "pw-2"),
    authRealm: fc.constantFrom("", "example.com"),
    headers: stringMap,
    headersToAttributes: stringMap,
    attributesToHeaders: stringMap,
    includeHeaders: fc.constantFrom(...INCLUDE_HEADERS),
    ringingTimeout: fc.constantFrom(...durationPool),
    maxCallDuration: fc.constantFrom(...durationPool),
    krispEnabled: fc.boolean(),
    mediaEncryption: fc.constantFrom(...MEDIA_ENCRYPTIONS),
    media: fc.record({
      onlyListedCodecs: fc.boolean(),
      codecs: fc.array(fc.record({ name: fc.constantFrom("PCMU", "PCMA", "G722"), rate: fc.constantFrom(0, 8000, 16000) }), { maxLength: 2 }),
      mediaTimeout: fc.constantFrom("", "10s"),
    }),
  });
}
