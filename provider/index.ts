/**
 * What runs inside the Pulumi engine's dynamic-provider process. Loaded at call time by the
 * serialized stub (see `sdk/stub.ts`), so fixes here reach resources created by older versions.
 */
export { inboundTrunkProvider } from "./provider";
export type { TrunkOutputs } from "./provider";
export { SipApi, SipApiError } from "./client";
export type { Credentials } from "./credentials";
export { resolveCredentials } from "./credentials";
export * from "./trunk";
export { planTrunkUpdate, planListChange, describePlan } from "./plan";
export type { TrunkPlan, FieldChanges, ListChange, MediaChange } from "./plan";
export { checkTrunkInputs, UNKNOWN } from "./validate";
export type { InputProblem } from "./validate";
export { trunkFromWire, trunkToWire, changesToWire } from "./wire";
