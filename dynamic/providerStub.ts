import type * as dynamic from "@pulumi/pulumi/dynamic";

/** The package exports whose module is a resource's provider (see provider/dynamic/index.ts). */
export type ProviderExport = "livekit-sip-pulumi/provider" | "livekit-sip-pulumi/provider/dispatch-rule" | "livekit-sip-pulumi/provider/outbound-trunk";

/**
 * The provider object Pulumi serializes into each resource's state as `__provider`: a few small
 * functions that `require` the provider module by its package export when the engine calls them.
 *
 * Pulumi's closure serializer turns a module object from node_modules into a `require` of a path
 * it derives from the module's absolute file name, and that derivation breaks in ordinary places
 * (a project under `…/livekit-sip-pulumi-infra/`, a pnpm store): pulumi/pulumi#7119. Functions are
 * serialized as their text, so the `require` here names the export exactly as written, wherever
 * the project lives and whichever package manager installed it. The module resolves from the
 * project folder, where the dynamic-provider host runs, so an upgrade reaches old resources.
 *
 * Capture nothing but the export's name: anything else would be copied into state by value.
 */
export function providerStub(exportPath: ProviderExport): dynamic.ResourceProvider {
  const provider = (): Required<dynamic.ResourceProvider> => require(exportPath);
  return {
    configure: (req) => provider().configure(req),
    check: (olds, news) => provider().check(olds, news),
    diff: (id, olds, news) => provider().diff(id, olds, news),
    create: (inputs) => provider().create(inputs),
    read: (id, props) => provider().read(id, props),
    update: (id, olds, news) => provider().update(id, olds, news),
    delete: (id, props) => provider().delete(id, props),
  };
}
