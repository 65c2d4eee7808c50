/**
 * The package's `./provider` export: only what the serialized stub (`sdk/stub.ts`) loads at call
 * time inside the engine's dynamic-provider process, so fixes here reach resources created by
 * older versions. Everything else in provider/ is internal.
 */
export { inboundTrunkProvider } from "./provider";
