import { factsOfType } from "../provider/core/resourceFacts";
import { revealed } from "../provider/core/secretValues";
import { httpBase } from "../provider/livekit/client";
import { Credentials, resolveCredentials } from "../provider/livekit/credentials";
import { RECORDED_NAMES } from "./secretsRead";
import { providersByReference, StateResource } from "./stackState";

/*
 * Which LiveKit server a recorded resource lives on, and the key to read it with, for tools
 * that work from the state alone: the settings its provider recorded at the last `pulumi up`
 * (the native package's provider records `url`, `apiKey`, `apiSecret`; the dynamic resources'
 * `pulumi-nodejs` provider records the whole stack config, `livekit:url`, …), with the
 * `LIVEKIT_*` environment overriding them, as CI jobs pass credentials.
 */

/** The settings for one recorded provider: credentials, or why there are none. */
export type ServerSettings = { credentials: Credentials; key: string } | { problem: string; url: string; key: string };

/** One recorded setting of a provider (inputs decrypted), under either package's name for it. */
export function recorded(provider: StateResource | undefined, field: keyof typeof RECORDED_NAMES): string | undefined {
  for (const name of RECORDED_NAMES[field]) {
    const value = provider?.inputs?.[name];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

/**
 * The server and key for resources created with `provider`. A resource recorded on another
 * server than LIVEKIT_URL names is never compared with the wrong one: its settings are a
 * problem saying so.
 */
export function settingsFor(provider: StateResource | undefined, env: Record<string, string | undefined>): ServerSettings {
  const recordedUrl = recorded(provider, "url");
  if (env.LIVEKIT_URL && recordedUrl && httpBase(env.LIVEKIT_URL) !== httpBase(recordedUrl)) {
    return {
      problem: `recorded on ${recordedUrl}, but LIVEKIT_URL is ${env.LIVEKIT_URL} (unset LIVEKIT_URL to use the recorded server)`,
      url: recordedUrl,
      key: `mismatch ${recordedUrl}`,
    };
  }
  // The environment first: it is how a CI job says which key to use now.
  const credentials = resolveCredentials(undefined, {
    LIVEKIT_URL: env.LIVEKIT_URL || recordedUrl,
    LIVEKIT_API_KEY: env.LIVEKIT_API_KEY || recorded(provider, "apiKey"),
    LIVEKIT_API_SECRET: env.LIVEKIT_API_SECRET || recorded(provider, "apiSecret"),
  });
  return { credentials, key: `${httpBase(credentials.url)} ${credentials.apiKey}` };
}

/**
 * The SIP resources and providers of exported state (`--show-secrets`), secrets revealed: the
 * rest of a large state is never decrypted or copied.
 */
export function revealedSipState(exported: readonly StateResource[]): StateResource[] {
  return exported.filter((resource) => factsOfType(resource.type) || resource.type.startsWith("pulumi:providers:")).map((resource) => revealed(resource) as StateResource);
}

/** Each resource's server settings, through the provider it records (`resources` revealed: {@link revealedSipState}). */
export function settingsOfResources(resources: readonly StateResource[], env: Record<string, string | undefined>): (resource: StateResource) => ServerSettings {
  const providers = providersByReference(resources);
  return (resource) => settingsFor(resource.provider ? providers.get(resource.provider) : undefined, env);
}
