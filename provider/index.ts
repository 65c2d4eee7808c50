import type * as dynamic from "@pulumi/pulumi/dynamic";
import { inboundTrunkProvider } from "./provider";

/*
 * The package's `./provider` export, which is itself the provider Pulumi runs. The SDK hands
 * Pulumi this module's exports object; Pulumi's closure serializer stores a module from
 * node_modules as a `require` of its export path, so every resource's `__provider` is a few
 * lines that load `livekit-sip-pulumi/provider` from the installed package. That keeps state
 * small and free of credentials, and lets an upgrade fix read and delete for resources created
 * before it. `inboundTrunkProvider` stays exported for state written by earlier versions, whose
 * stored stub loads it by that name. Everything else in provider/ is internal.
 */

export { inboundTrunkProvider };

/** The provider's methods, as the dynamic-provider host calls them on this module. */
export const configure = inboundTrunkProvider.configure;
export const check = inboundTrunkProvider.check;
export const diff = inboundTrunkProvider.diff;
export const create = inboundTrunkProvider.create;
export const read = inboundTrunkProvider.read;
export const update = inboundTrunkProvider.update;
const deleteTrunk: dynamic.ResourceProvider["delete"] = inboundTrunkProvider.delete;
export { deleteTrunk as delete };
