/**
 * Where the provider finds the LiveKit server and its key: stack config first (read once per
 * provider process through `configure`), then the environment variables `lk` and the SDKs use.
 * Nothing here is ever stored in Pulumi state.
 */

/** How to reach and authenticate to a LiveKit server. */
export interface Credentials {
  /** `http(s)://` or `ws(s)://` address of the server. */
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** The part of Pulumi's dynamic-provider config this module reads. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

const SOURCES = [
  { field: "url", config: "livekit:url", env: "LIVEKIT_URL" },
  { field: "apiKey", config: "livekit:apiKey", env: "LIVEKIT_API_KEY" },
  { field: "apiSecret", config: "livekit:apiSecret", env: "LIVEKIT_API_SECRET" },
] as const;

/** Resolves credentials, or throws one error naming every missing value and both ways to set it. */
export function resolveCredentials(config: ConfigSource | undefined, env: Record<string, string | undefined>): Credentials {
  const resolved: Partial<Credentials> = {};
  const missing: string[] = [];
  for (const source of SOURCES) {
    const value = config?.get(source.config) || env[source.env];
    if (value) resolved[source.field] = value;
    else missing.push(source.field);
  }
  if (missing.length > 0) {
    const how = SOURCES.filter((s) => missing.includes(s.field))
      .map((s) => `${s.config} (pulumi config set ${s.config} ...${s.field === "apiSecret" ? " --secret" : ""}) or ${s.env}`)
      .join("; ");
    throw new Error(`LiveKit credentials are missing: set ${how}`);
  }
  return resolved as Credentials;
}
