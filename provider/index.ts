import type * as dynamic from "@pulumi/pulumi/dynamic";
import { lazyProvider } from "./lazyProvider";

/*
 * The package's `./provider` export, which is itself the provider of every `InboundTrunk`. The
 * SDK hands Pulumi this module's exports object; Pulumi's closure serializer stores a module from
 * node_modules as a `require` of its export path, so every resource's `__provider` is a few
 * lines that load `livekit-sip-pulumi/provider` from the installed package. That keeps state
 * small and free of credentials, and lets an upgrade fix read and delete for resources created
 * before it. The implementation (`provider.ts`) loads on the engine's first call, not when a
 * program constructs resources. Everything else in provider/ is internal.
 */

const provider = lazyProvider(() => (require("./provider") as typeof import("./provider")).inboundTrunkProvider);

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
