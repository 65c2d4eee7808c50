import { specialSigKey } from "@pulumi/pulumi/runtime/rpc";

/**
 * Values as Pulumi writes them into exported state and engine events.
 */

/** Whether a value is a secret as Pulumi serialises it (an object tagged with its signature key). */
export function isSecretValue(value: unknown): boolean {
  return value !== null && typeof value === "object" && specialSigKey in value;
}
