/*
 * Property values as the engine sends them to a native provider, and back: plain JSON-like
 * values in which a secret is an object carrying Pulumi's secret signature. The provider's core
 * works on plain values, so secrets are unwrapped on the way in (remembering which top-level
 * properties were secret) and wrapped on the way out: every secret field of the table, and every
 * property the engine sent as a secret. Unknown values (previews) are the same sentinel string
 * the dynamic host uses, which the core already understands.
 */

import { isSecretValue, revealed, SECRET_SIGNATURE, SIGNATURE_KEY } from "../core/secretValues";

/** A property map: property name → value. */
export type PropertyMap = Record<string, unknown>;

/** Whether a value is or holds a secret. */
function holdsSecret(value: unknown): boolean {
  if (isSecretValue(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(holdsSecret);
  return false;
}

/** A property map as plain values, and the names of the properties that were (or held) secrets. */
export function unwrapSecrets(properties: PropertyMap): { plain: PropertyMap; secretNames: Set<string> } {
  const secretNames = new Set(Object.keys(properties).filter((name) => holdsSecret(properties[name])));
  return { plain: revealed(properties) as PropertyMap, secretNames };
}

/** `value` marked secret for the engine. */
export function asSecret(value: unknown): unknown {
  return isSecretValue(value) ? value : { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** A property map with the named properties (those present) marked secret. */
export function wrapSecrets(properties: PropertyMap, secretNames: Iterable<string>): PropertyMap {
  const wrapped = { ...properties };
  for (const name of secretNames) if (wrapped[name] !== undefined) wrapped[name] = asSecret(wrapped[name]);
  return wrapped;
}
