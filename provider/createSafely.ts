import type { SIPInboundTrunkInfo } from "@livekit/protocol";
import { SipApi, SipApiError } from "./client";
import { changedFields, withHiddenPasswordAssumed } from "./compare";
import { ProviderError } from "./errors";
import { backoffDelayMs, isTransient, mayRetry, retryPolicyFromEnv } from "./retry";
import { TrunkFields } from "./trunk";
import { trunkFromWire, trunkToWire } from "./wire";

/**
 * Creating a trunk without ever making two. A create whose answer was lost (connection cut,
 * timeout, 5xx) may still have created the trunk, so before trying again the server is listed:
 * exactly one trunk equal to the declared one is that lost create's result, and is adopted.
 */

/** Live trunks equal to the declared one (the password only where the server reports it). */
function identicalTrunks(all: SIPInboundTrunkInfo[], declared: TrunkFields): SIPInboundTrunkInfo[] {
  return all.filter((info) => changedFields(withHiddenPasswordAssumed(trunkFromWire(info), declared), declared).length === 0);
}

/** Creates the declared trunk once, retrying only when the server provably has no copy of it. */
export async function createSafely(api: SipApi, declared: TrunkFields, log: (message: string) => void): Promise<SIPInboundTrunkInfo> {
  const policy = retryPolicyFromEnv(process.env);
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.createInboundTrunk(trunkToWire(declared));
    } catch (error) {
      if (!(error instanceof SipApiError) || !isTransient(error)) throw error;
      let matches: SIPInboundTrunkInfo[] = [];
      try {
        // A request that never left (connection refused) created nothing: no need to look.
        if (error.mayHaveReachedServer) matches = identicalTrunks(await api.listAllInboundTrunks(), declared);
      } catch (listError) {
        throw new ProviderError(
          `${error.message}; the create may have reached LiveKit and the server could not be listed to check (${listError instanceof Error ? listError.message : String(listError)}). ` +
            "If a trunk with these settings now exists, adopt it with adoptTrunkId instead of creating another",
        );
      }
      if (matches.length === 1) {
        log(`recovered trunk ${matches[0].sipTrunkId}: created by a request whose answer was lost (${error.code})`);
        return matches[0];
      }
      if (matches.length > 1) {
        throw new ProviderError(
          `${error.message}; ${matches.length} identical trunks now exist (${matches.map((m) => m.sipTrunkId).join(", ")}), so which one this resource owns is unknown: delete the extras, then adopt one with adoptTrunkId`,
        );
      }
      const delay = backoffDelayMs(policy, attempt, Math.random());
      if (!mayRetry(policy, attempt, Date.now() - started, delay)) throw error;
      log(`create failed (${error.code}) and made no trunk on the server; trying again in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
