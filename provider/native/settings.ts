import { ProviderError } from "../core/errors";
import { httpBase } from "../livekit/client";
import { ConfigSource, resolveCredentials } from "../livekit/credentials";
import type { PropertyMap } from "./properties";

/*
 * The native provider's settings: `url`, `apiKey`, `apiSecret`, as a provider resource's inputs
 * (`new livekit.Provider("eu", { url, ... })`) or as the stack config `livekit:url`, … of the
 * default provider; each falls back to LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET. The
 * same checks and messages as the dynamic provider's, before any request.
 */

/**
 * The settings a provider resource's inputs give, read by their stack-config names; `owner`
 * (`provider "eu"`) is what messages call the provider, and each setting is named as its input.
 */
export function settingsSource(inputs: PropertyMap, owner = "this provider"): ConfigSource {
  const inputName = (key: string) => key.replace(/^livekit:/, "");
  return {
    get(key: string) {
      const value = inputs[inputName(key)];
      return typeof value === "string" && value !== "" ? value : undefined;
    },
    origin: { owner, name: inputName },
  };
}

/** What `CheckConfig` reports: the credentials' problem, or nothing. Sends nothing. */
export function settingsProblem(inputs: PropertyMap, env: Record<string, string | undefined>): string | undefined {
  try {
    resolveCredentials(settingsSource(inputs), env);
    return undefined;
  } catch (error) {
    if (error instanceof ProviderError) return error.message;
    throw error;
  }
}

/** What a change of settings means for the provider's resources. */
export interface SettingsDiff {
  /** Settings that differ. */
  changed: string[];
  /** Settings whose change replaces every resource of the provider: they live on another server. */
  replaces: string[];
}

/**
 * A change of `url` points the provider at another server, where none of its records exist, so
 * its resources are replaced (created there, deleted from the old one). A new key or secret for
 * the same server changes nothing on it. Addresses are compared as requests use them, so
 * `wss://host/` and `https://host` are the same server; moving the address between the settings
 * and LIVEKIT_URL replaces nothing.
 */
export function diffSettings(olds: PropertyMap, news: PropertyMap): SettingsDiff {
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const changed: string[] = [];
  const replaces: string[] = [];
  const [oldUrl, newUrl] = [httpBase(text(olds.url)), httpBase(text(news.url))];
  if (oldUrl !== newUrl) {
    changed.push("url");
    // An address given on one side only came from LIVEKIT_URL on the other: not known to differ.
    if (oldUrl !== "" && newUrl !== "") replaces.push("url");
  }
  for (const key of ["apiKey", "apiSecret"]) if (text(olds[key]) !== text(news[key])) changed.push(key);
  return { changed, replaces };
}
