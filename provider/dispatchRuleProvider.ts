import { lazyProvider } from "./lazyProvider";

/*
 * The package's `./provider/dispatch-rule` export: this module's exports object is the provider
 * of every `DispatchRule`, so Pulumi stores each resource's `__provider` as a `require` of it
 * (see index.ts for why). The implementation loads on the engine's first call.
 */
export = lazyProvider(() => {
  const { providerFor } = require("./provider") as typeof import("./provider");
  const { DISPATCH_RULE } = require("./resources") as typeof import("./resources");
  return providerFor(DISPATCH_RULE);
});
