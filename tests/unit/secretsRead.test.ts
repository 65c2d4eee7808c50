import { comparisonReadsSecrets, secretsToDecrypt } from "../../cli/secretsRead";
import type { StateResource } from "../../cli/stackState";
import { INBOUND_TRUNK_TYPE, OUTBOUND_TRUNK_TYPE } from "../../provider/core/resourceType";
import { SECRET_SIGNATURE, SIGNATURE_KEY } from "../../provider/core/secretValues";

/**
 * Whether the drift check must export a stack's state a second time with `--show-secrets`: only
 * when the comparison reads one of its secrets.
 */

const encrypted = { [SIGNATURE_KEY]: SECRET_SIGNATURE, ciphertext: "v1:abc" };
/** The dynamic resources' provider, which records the stack config (its API secret encrypted). */
const dynamicProvider: StateResource = {
  urn: "urn:pulumi:prod::sip::pulumi:providers:pulumi-nodejs::default",
  type: "pulumi:providers:pulumi-nodejs",
  id: "p1",
  inputs: { "livekit:url": "http://127.0.0.1:7880", "livekit:apiKey": "devkey", "livekit:apiSecret": encrypted },
};
const trunk = (type: string, fields: Record<string, unknown>): StateResource => ({ urn: `urn:pulumi:prod::sip::${type}::t`, type, id: "ST_1", inputs: fields, outputs: fields });
const ciEnv = { LIVEKIT_API_KEY: "ci", LIVEKIT_API_SECRET: "ci-secret" };

test("the recorded API secret is read unless the environment gives one", () => {
  const state = [dynamicProvider, trunk(INBOUND_TRUNK_TYPE, { name: "Main" })];
  expect(comparisonReadsSecrets({})(state)).toBe(true);
  expect(comparisonReadsSecrets({ LIVEKIT_API_SECRET: "" })(state)).toBe(true);
  expect(comparisonReadsSecrets(ciEnv)(state)).toBe(false);
});

test("a secret field of a SIP resource is always read; a secret of another provider's resource never", () => {
  expect(comparisonReadsSecrets(ciEnv)([dynamicProvider, trunk(OUTBOUND_TRUNK_TYPE, { name: "Carrier", authPassword: encrypted })])).toBe(true);
  expect(comparisonReadsSecrets(ciEnv)([dynamicProvider, trunk("random:index/randomPassword:RandomPassword", { result: encrypted })])).toBe(false);
});

test("a recorded URL kept secret is read even when LIVEKIT_URL is set: it says which server the records are on", () => {
  const provider = { ...dynamicProvider, inputs: { "livekit:url": encrypted } };
  expect(comparisonReadsSecrets({ ...ciEnv, LIVEKIT_URL: "http://127.0.0.1:7880" })([provider])).toBe(true);
});

test("without LIVEKIT_API_SECRET every state is decrypted at once (its recorded secret is read); with it, only those that need it", () => {
  expect(secretsToDecrypt({})).toBe("all");
  const decrypt = secretsToDecrypt(ciEnv);
  expect(typeof decrypt).toBe("function");
  if (typeof decrypt === "function") expect(decrypt([dynamicProvider, trunk(INBOUND_TRUNK_TYPE, { name: "Main" })])).toBe(false);
});
