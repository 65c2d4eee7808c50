import type * as dynamic from "@pulumi/pulumi/dynamic";
import { exitWithEngineInDynamicProviderHost } from "../engine/engineGone";

/*
 * A provider whose implementation is loaded on its first call. The SDK hands Pulumi the
 * provider modules themselves, so a user's program loads them while it constructs resources;
 * only the dynamic-provider process calls them. Loading the implementation (LiveKit's protocol,
 * phone-number metadata, the API client: about half a second) only on a call keeps it out of
 * every program run.
 */

/** The provider methods the engine calls, as the dynamic-provider host finds them. */
export type ProviderMethods = Required<Pick<dynamic.ResourceProvider, "configure" | "check" | "diff" | "create" | "read" | "update" | "delete">>;

/** The provider `load` returns, loaded when the engine first calls one of its methods. */
export function lazyProvider(load: () => dynamic.ResourceProvider): ProviderMethods {
  let loaded: dynamic.ResourceProvider | undefined;
  const provider = () => {
    if (!loaded) {
      // Only the dynamic-provider host calls the methods: from then on it watches for its engine.
      exitWithEngineInDynamicProviderHost();
      loaded = load();
    }
    return loaded;
  };
  return {
    configure: (req) => provider().configure!(req),
    check: (olds, news) => provider().check!(olds, news),
    diff: (id, olds, news) => provider().diff!(id, olds, news),
    create: (inputs) => provider().create(inputs),
    read: (id, props) => provider().read!(id, props),
    update: (id, olds, news) => provider().update!(id, olds, news),
    delete: (id, props) => provider().delete!(id, props),
  };
}
