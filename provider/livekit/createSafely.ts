import type { Message } from "@bufbuild/protobuf";
import { SipApi, SipApiError } from "./client";
import { changedFields, withHiddenPasswordAssumed } from "../core/compare";
import { ProviderError } from "../core/errors";
import type { FieldValues } from "../core/records";
import type { SipResource } from "./resources";
import { AfterFailure, isTransient, retryPolicyFromEnv, withRetry } from "./retry";
import { fromWire, toWire } from "../core/wire";

/**
 * Creating a record without ever making two. A create whose answer was lost (connection cut,
 * timeout, 5xx) may still have created it, so before trying again the server is listed: exactly
 * one record equal to the declared one is that lost create's result, and is adopted.
 */

/** Live records equal to the declared one (the password only where the server reports it). */
function identicalRecords(resource: SipResource, all: Message[], declared: FieldValues): Message[] {
  return all.filter((info) => changedFields(resource.table, withHiddenPasswordAssumed(fromWire(resource.wire, info), declared), declared).length === 0);
}

/** Where a create's retries are told (see engine/retryNotices.ts). */
export interface CreateRetries {
  retrying(what: string, cause: string, until: number): void;
  settled(what: string, succeeded: boolean): void;
}

/** Creates the declared record once, retrying only when the server provably has no copy of it. */
export async function createSafely(api: SipApi, resource: SipResource, declared: FieldValues, log: (message: string) => void, retries?: CreateRetries): Promise<Message> {
  const { noun, rpcs } = resource;
  return withRetry(retryPolicyFromEnv(process.env), () => api.create(rpcs, toWire(resource.wire, declared)), {
    afterFailure: async (error): Promise<AfterFailure<Message>> => {
      if (!(error instanceof SipApiError) || !isTransient(error)) return { error };
      // A request that never left (connection refused) created nothing: no need to look.
      if (!error.mayHaveReachedServer) return { retry: true };
      let matches: Message[];
      try {
        matches = identicalRecords(resource, await api.listAll(rpcs), declared);
      } catch (listError) {
        return {
          error: new ProviderError(
            `${error.message}; the create may have reached LiveKit and the server could not be listed to check (${listError instanceof Error ? listError.message : String(listError)}). ` +
              `If a ${noun} with these settings now exists, adopt it with ${resource.adoptInput} instead of creating another`,
          ),
        };
      }
      if (matches.length === 1) {
        log(`recovered ${noun} ${rpcs.idOf(matches[0])}: created by a request whose answer was lost (${error.code})`);
        return { result: matches[0] };
      }
      if (matches.length > 1) {
        return {
          error: new ProviderError(
            `${error.message}; ${matches.length} identical ${noun}s now exist (${matches.map((m) => rpcs.idOf(m)).join(", ")}), so which one this resource owns is unknown: delete the extras, then adopt one with ${resource.adoptInput}`,
          ),
        };
      }
      return { retry: true };
    },
    giveUp: (error) => error,
    onRetry: (_attempt, _delay, error, until) => retries?.retrying(rpcs.create, `${(error as SipApiError).code}; it made no ${noun} on the server`, until),
    onSettled: (succeeded) => retries?.settled(rpcs.create, succeeded),
  });
}
