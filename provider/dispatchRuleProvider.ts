import { providerFor } from "./provider";
import { DISPATCH_RULE } from "./resources";

/*
 * The package's `./provider/dispatch-rule` export: this module's exports object is the provider
 * of every `DispatchRule`, so Pulumi stores each resource's `__provider` as a `require` of it
 * (see index.ts for why).
 */
export = providerFor(DISPATCH_RULE);
