import type * as dynamic from "@pulumi/pulumi/dynamic";
import { lazyProvider } from "./lazyProvider";

/*
 * The package's `./provider` export: the provider of every `InboundTrunk` in a dynamic-resource
 * program. Each resource's `__provider` in state is the SDK's stub (`dynamic/providerStub.ts`),
 * which requires this export by name when the engine calls it; state from earlier releases
 * requires this module itself, or its `inboundTrunkProvider`. So the stored code stays small and
 * free of credentials, and an upgrade fixes read and delete for resources created before it.
 * The implementation (`../engine/providerFor.ts`) loads on the engine's first call, not when a
 * program constructs resources. Everything else in provider/ is internal.
 */

const provider = lazyProvider(() => (require("../engine/providerFor") as typeof import("../engine/providerFor")).inboundTrunkProvider);

/** The provider as one object: state written by earlier versions loads it by this name. */
export const inboundTrunkProvider = provider;

/** The provider's methods, as the dynamic-provider host calls them on this module. */
export const configure = provider.configure;
export const check = provider.check;
export const diff = provider.diff;
export const create = provider.create;
export const read = provider.read;
export const update = provider.update;
const deleteTrunk: dynamic.ResourceProvider["delete"] = provider.delete;
export { deleteTrunk as delete };
