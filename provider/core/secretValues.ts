/*
 * How Pulumi marks a secret inside JSON-like values: in the provider protocol, engine events and
 * exported state alike, a secret is an object carrying this signature. Spelled here rather than
 * imported from @pulumi/pulumi (`runtime/rpc`'s `specialSigKey`), because loading that module
 * costs a command-line tool about 0.3 s, which is most of what `livekit-sip-drift` may spend.
 */

/** The key that marks an object as one of Pulumi's special values. */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret: `{ [SIGNATURE_KEY]: SECRET_SIGNATURE, value | ciphertext | plaintext }`. */
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

/** A secret as Pulumi serialises it: `value` in the protocol, `ciphertext` or `plaintext` (JSON text) in exported state. */
export interface SecretValue {
  value?: unknown;
  ciphertext?: string;
  plaintext?: string;
}

/** Whether a value is a secret as Pulumi serialises it. */
export function isSecretValue(value: unknown): value is SecretValue {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIGNATURE_KEY] === SECRET_SIGNATURE;
}

/**
 * A value with every secret (at any depth) replaced by what it holds: `value` in the protocol,
 * `plaintext` in state exported with `--show-secrets`. A secret holding neither (`ciphertext`:
 * exported without `--show-secrets`) is left as it is.
 */
export function revealed(value: unknown): unknown {
  if (isSecretValue(value)) {
    if (typeof value.plaintext === "string") return revealed(JSON.parse(value.plaintext));
    return value.value !== undefined ? revealed(value.value) : value;
  }
  if (Array.isArray(value)) return value.map(revealed);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revealed(item)]));
  return value;
}
