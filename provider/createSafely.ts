import type { SIPInboundTrunkInfo } from "@livekit/protocol";
import { SipApi, SipApiError } from "./client";
import { changedFields, withHiddenPasswordAssumed } from "./compare";
import { ProviderError } from "./errors";
import { AfterFailure, isTransient, retryPolicyFromEnv, withRetry } from "./retry";
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
  return withRetry(retryPolicyFromEnv(process.env), () => api.createInboundTrunk(trunkToWire(declared)), {
    afterFailure: async (error): Promise<AfterFailure<SIPInboundTrunkInfo>> => {
      if (!(error instanceof SipApiError) || !isTransient(error)) return { error };
      // A request that never left (connection refused) created nothing: no need to look.
      if (!error.mayHaveReachedServer) return { retry: true };
      let matches: SIPInboundTrunkInfo[];
      try {
        matches = identicalTrunks(await api.listAllInboundTrunks(), declared);
      } catch (listError) {
        return {
          error: new ProviderError(
            `${error.message}; the create may have reached LiveKit and the server could not be listed to check (${listError instanceof Error ? listError.message : String(listError)}). ` +
              "If a trunk with these settings now exists, adopt it with adoptTrunkId instead of creating another",
          ),
        };
      }
      if (matches.length === 1) {
        log(`recovered trunk ${matches[0].sipTrunkId}: created by a request whose answer was lost (${error.code})`);
        return { result: matches[0] };
      }
      if (matches.length > 1) {
        return {
          error: new ProviderError(
            `${error.message}; ${matches.length} identical trunks now exist (${matches.map((m) => m.sipTrunkId).join(", ")}), so which one this resource owns is unknown: delete the extras, then adopt one with adoptTrunkId`,
          ),
        };
      }
      return { retry: true };
    },
    giveUp: (error) => error,
    onRetry: (_attempt, delay, error) => log(`create failed (${(error as SipApiError).code}) and made no trunk on the server; trying again in ${delay} ms`),
  });
}
