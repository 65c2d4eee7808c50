import fc from "fast-check";
import { inboundTrunkProvider } from "../../provider/provider";
import { UNKNOWN } from "../../provider/validate";

/**
 * A generated corpus of bad and odd inputs through the provider's real `check`: it never throws,
 * every failure names a field that was given (or the field a cross-field rule is about), and no
 * request leaves the process.
 */

const FIELDS = [
  "name", "metadata", "numbers", "allowedAddresses", "allowedNumbers", "authUsername", "authPassword", "authRealm",
  "headers", "headersToAttributes", "attributesToHeaders", "includeHeaders", "ringingTimeout", "maxCallDuration",
  "krispEnabled", "mediaEncryption", "media", "adoptTrunkId",
];

const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.constantFrom("", " ", "+", "+1", "+1 510 555 0100", "0015105550100", "+15105550100\n", "١٢٣", "+44 20 7183 8750", "10.0.0.1/33", "::1/129", "256.1.1.1", "SIP_X_HEADERS", "30s", "-1s", "1e9s", UNKNOWN),
  fc.constantFrom("x".repeat(70_000), `+1${"5".repeat(70_000)}`, "é".repeat(66_000)),
);
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  weirdString,
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(weirdString, { maxLength: 5 }),
  fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.object()), { maxLength: 3 }),
  fc.dictionary(weirdString, weirdString, { maxKeys: 3 }),
  fc.object({ maxDepth: 2 }),
  fc.record({ codecs: fc.array(fc.record({ name: weirdString, rate: fc.oneof(fc.integer(), weirdString) })), mediaTimeout: weirdString, encryption: weirdString }, { requiredKeys: [] }),
);
const inputs = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), weirdValue, { maxKeys: 8 });

let requests = 0;
const realFetch = globalThis.fetch;
beforeAll(() => {
  globalThis.fetch = (async () => {
    requests++;
    throw new Error("check must not send requests");
  }) as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

test("1,500 generated inputs: no crash, every failure names a field, no request sent", async () => {
  let failures = 0;
  await fc.assert(
    fc.asyncProperty(inputs, async (news) => {
      const result = await inboundTrunkProvider.check!({}, news);
      for (const failure of result.failures ?? []) {
        failures++;
        const names = [...Object.keys(news), "numbers", "authUsername", "authPassword", "mediaEncryption"];
        const named = names.some((k) => failure.property === k || failure.property.startsWith(`${k}.`) || failure.property.startsWith(`${k}[`));
        expect({ property: failure.property, named }).toEqual({ property: failure.property, named: true });
        expect(failure.reason.length).toBeGreaterThan(5);
      }
    }),
    { numRuns: 1500 },
  );
  expect(failures).toBeGreaterThan(1000);
  expect(requests).toBe(0);
});
