import { factsOfType } from "../provider/core/resourceFacts";
import { isSecretValue, SECRET_SIGNATURE } from "../provider/core/secretValues";
import type { StateResource } from "./stackState";

/*
 * Which secrets of a stack's state the state-reading tools need decrypted. Light on purpose: the
 * drift command decides before its comparison modules load.
 */

/** A provider's recorded settings, under the native package's name and the dynamic resources' (stack config). */
export const RECORDED_NAMES = { url: ["url", "livekit:url"], apiKey: ["apiKey", "livekit:apiKey"], apiSecret: ["apiSecret", "livekit:apiSecret"] } as const;

/** Which exported states a tool decrypts: all of them, or those a test over the plain export picks. */
export type SecretsToDecrypt = "all" | ((resources: readonly StateResource[]) => boolean);

/**
 * What the drift check decrypts. Without LIVEKIT_API_SECRET it reads each stack's recorded API
 * secret, which stack config keeps secret: every state then, at once (one export each). With it
 * (a CI job), only the states {@link comparisonReadsSecrets} finds a secret to read in.
 */
export function secretsToDecrypt(env: Record<string, string | undefined>): SecretsToDecrypt {
  return env.LIVEKIT_API_SECRET ? comparisonReadsSecrets(env) : "all";
}

/**
 * Whether comparing exported state with the server reads any of its secrets: those of a SIP
 * resource (passwords, header values, attributes), or a provider's recorded setting that the
 * environment does not override (a CI job that sets LIVEKIT_API_KEY and LIVEKIT_API_SECRET never
 * reads the recorded key; the recorded URL is always read, to refuse comparing on another server).
 */
export function comparisonReadsSecrets(env: Record<string, string | undefined>): (resources: readonly StateResource[]) => boolean {
  const read = (["url", "apiKey", "apiSecret"] as const).filter((field) => field === "url" || !env[field === "apiKey" ? "LIVEKIT_API_KEY" : "LIVEKIT_API_SECRET"]);
  return (resources) =>
    resources.some((resource) =>
      factsOfType(resource.type)
        ? JSON.stringify([resource.inputs, resource.outputs]).includes(SECRET_SIGNATURE)
        : resource.type.startsWith("pulumi:providers:") && read.some((field) => RECORDED_NAMES[field].some((name) => isSecretValue(resource.inputs?.[name]))),
    );
}
