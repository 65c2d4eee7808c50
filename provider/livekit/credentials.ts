import { ProviderError } from "../core/errors";

/**
 * Where the provider finds the LiveKit server and its key: stack config first (read once per
 * provider process through `configure`), then the environment variables `lk` and the SDKs use.
 * Checked here, before any request, so a wrong setting fails `pulumi preview` by name.
 */

/** How to reach and authenticate to a LiveKit server. */
export interface Credentials {
  /** `http(s)://` or `ws(s)://` address of the server. */
  url: string;
  apiKey: string;
  apiSecret: string;
  /** Where the key and secret were read: what to check when LiveKit rejects them. */
  readFrom?: CredentialsReadFrom;
}

/** The settings a key and secret came from, named as the user set them, and whose they are. */
export interface CredentialsReadFrom {
  /** The provider they belong to, when that is not the stack's default one: `provider "eu"`. */
  owner?: string;
  apiKey: string;
  apiSecret: string;
}

/** The part of Pulumi's dynamic-provider config this module reads. */
export interface ConfigSource {
  get(key: string): string | undefined;
  /**
   * Whose settings these are and what each is called there (an explicit provider's inputs:
   * `apiSecret` of provider "eu"); stack config (`livekit:apiSecret`) when absent.
   */
  origin?: { owner: string; name(configKey: string): string };
}

const SOURCES = [
  { field: "url", config: "livekit:url", env: "LIVEKIT_URL" },
  { field: "apiKey", config: "livekit:apiKey", env: "LIVEKIT_API_KEY" },
  { field: "apiSecret", config: "livekit:apiSecret", env: "LIVEKIT_API_SECRET" },
] as const;

/** Schemes LiveKit's SDKs and `lk` accept; ws(s) is sent as http(s). */
const URL_SCHEMES = ["http:", "https:", "ws:", "wss:"];

/** Why `url` cannot be a LiveKit server's address, or undefined when it can. */
function urlProblem(url: string): string | undefined {
  // Without this, "localhost:7880" parses as the scheme "localhost".
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return "has no scheme";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is not a URL";
  }
  if (!URL_SCHEMES.includes(parsed.protocol)) return `has the scheme ${JSON.stringify(parsed.protocol.slice(0, -1))}`;
  if (!parsed.hostname) return "has no host";
  return undefined;
}

/**
 * Resolves and checks the credentials, or throws one error naming every missing or malformed
 * setting and both ways to set it. Sends nothing.
 */
export function resolveCredentials(config: ConfigSource | undefined, env: Record<string, string | undefined>): Credentials {
  const resolved: Partial<Credentials> = {};
  const readFrom: Record<string, string> = {};
  const missing: string[] = [];
  for (const source of SOURCES) {
    const configured = config?.get(source.config);
    const value = configured || env[source.env];
    if (value) resolved[source.field] = value;
    else missing.push(source.field);
    readFrom[source.field] = configured ? (config?.origin?.name(source.config) ?? source.config) : source.env;
  }
  if (missing.length > 0) {
    const how = SOURCES.filter((s) => missing.includes(s.field))
      .map((s) => `${s.config} (pulumi config set ${s.config} ...${s.field === "apiSecret" ? " --secret" : ""}) or ${s.env}`)
      .join("; ");
    throw new ProviderError(`LiveKit credentials are missing: set ${how}`);
  }
  const url = resolved.url!;
  const problem = urlProblem(url);
  if (problem) {
    const from = config?.get("livekit:url") ? "livekit:url" : "LIVEKIT_URL";
    // The address is not secret (lk prints it), and it is what the user must correct.
    throw new ProviderError(`${from} ${JSON.stringify(url)} ${problem}: give the LiveKit server's address with http://, https://, ws:// or wss:// and its host, e.g. wss://my-project.livekit.cloud or http://127.0.0.1:7880`);
  }
  return { ...(resolved as Credentials), readFrom: { owner: config?.origin?.owner, apiKey: readFrom.apiKey, apiSecret: readFrom.apiSecret } };
}
