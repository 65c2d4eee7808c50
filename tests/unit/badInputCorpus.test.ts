import type { ConfigureRequest } from "@pulumi/pulumi/dynamic";
import fc from "fast-check";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { inboundTrunkProvider } from "../../provider/engine/providerFor";
import { UNKNOWN } from "../../provider/core/validate";

/**
 * A generated corpus of bad and odd inputs through the provider's real `check`, configured with
 * credentials: it never throws, every failure names a field that was given (or the field a
 * cross-field rule is about), and no request leaves the process for an input with a problem.
 * The only request check may send is the List that looks up a valid input's `adoptTrunkId`
 * (answered here with no trunks, so that adoption is a problem).
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
const odd = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), weirdValue, { maxKeys: 8 });
/** Valid inputs that adopt: the one case where check may look something up. */
const adopting = fc.record({ numbers: fc.constant(["+15105550100"]), adoptTrunkId: fc.string({ minLength: 1, maxLength: 20 }) });
const inputs = fc.oneof({ arbitrary: odd, weight: 19 }, { arbitrary: adopting, weight: 1 });

let requests = 0;
/** A stand-in LiveKit on a local port that counts requests and answers every List with no trunks. */
const server = http.createServer((request, response) => {
  requests++;
  request.resume();
  request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ items: [] })));
});
beforeAll(async () => {
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as AddressInfo;
  const settings: Record<string, string> = { "livekit:url": `http://127.0.0.1:${port}`, "livekit:apiKey": "key", "livekit:apiSecret": "a-secret-of-32-characters-or-more" };
  await inboundTrunkProvider.configure!({ config: { get: (key: string) => settings[key] } } as unknown as ConfigureRequest);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((closed) => server.close(closed));
});

test("1,500 generated inputs: no crash, every failure names a field, no request sent for a bad input", async () => {
  let failures = 0;
  let adoptionLookups = 0;
  await fc.assert(
    fc.asyncProperty(inputs, async (news) => {
      requests = 0;
      const result = await inboundTrunkProvider.check!({}, news);
      const problems = result.failures ?? [];
      if (problems.some((failure) => failure.property !== "adoptTrunkId")) expect(requests).toBe(0);
      else adoptionLookups += requests;
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
  // The corpus holds valid inputs with an adoptTrunkId too: the exception above is exercised.
  expect(adoptionLookups).toBeGreaterThan(0);
});
