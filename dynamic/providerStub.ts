import type * as dynamic from "@pulumi/pulumi/dynamic";

/** The package exports whose module is a resource's provider (see provider/dynamic/index.ts). */
export type ProviderExport = "livekit-sip-pulumi/provider" | "livekit-sip-pulumi/provider/dispatch-rule" | "livekit-sip-pulumi/provider/outbound-trunk";

/**
 * The provider object Pulumi serializes into each resource's state as `__provider` (twice: in its
 * inputs and its outputs): one small function that `require`s the provider module by its package
 * export and takes its methods.
 *
 * Pulumi's closure serializer turns a module object from node_modules into a `require` of a path
 * it derives from the module's absolute file name, and that derivation breaks in ordinary places
 * (a project under `…/livekit-sip-pulumi-infra/`, a pnpm store): pulumi/pulumi#7119. Functions are
 * serialized as their text, so the `require` here names the export exactly as written, wherever
 * the project lives and whichever package manager installed it. The module resolves from the
 * project folder, where the dynamic-provider host runs, so an upgrade reaches old resources.
 *
 * One method, not seven: each serialized function costs ~230 bytes of state per copy. The
 * dynamic-provider host (every @pulumi/pulumi this package supports) deserializes a provider and
 * calls its `configure` before any other method, on that same object, for every engine call; so
 * `configure` copies the module's methods onto the object, and check/diff/create/… that follow
 * are the module's own.
 *
 * Capture nothing but the export's name: anything else would be copied into state by value.
 */
export function providerStub(exportPath: ProviderExport): dynamic.ResourceProvider {
  const stub = {
    configure: function (this: dynamic.ResourceProvider, req: dynamic.ConfigureRequest): Promise<void> {
      const provider = require(exportPath) as Required<dynamic.ResourceProvider>;
      Object.assign(this, provider);
      return provider.configure(req);
    },
  };
  // Typed as the full provider the host sees once `configure` ran; nothing calls it before.
  return stub as unknown as dynamic.ResourceProvider;
}
