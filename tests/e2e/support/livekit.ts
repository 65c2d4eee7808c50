import { SIPInboundTrunkInfo } from "@livekit/protocol";
import { SipClient } from "livekit-server-sdk";

/**
 * The independent client of the end-to-end tests: LiveKit's own `SipClient` (livekit-server-sdk),
 * standing in for `lk`, which the Go module proxy here does not serve. It makes out-of-band
 * changes and checks what the provider did; it shares no code with the provider.
 */

export function sipClient(): SipClient {
  return new SipClient(process.env.LSP_E2E_URL!, process.env.LSP_E2E_API_KEY!, process.env.LSP_E2E_API_SECRET!);
}

/** Every inbound trunk as `lk sip inbound list --json` prints it: protobuf JSON, defaults left out. */
export async function listTrunksJson(): Promise<Record<string, unknown>[]> {
  const trunks = await sipClient().listSipInboundTrunk();
  return trunks.map((t: SIPInboundTrunkInfo) => t.toJson() as Record<string, unknown>);
}

/** One trunk as protobuf JSON, or undefined when it does not exist. */
export async function trunkJson(sipTrunkId: string): Promise<Record<string, unknown> | undefined> {
  return (await listTrunksJson()).find((t) => t.sipTrunkId === sipTrunkId);
}

/** Removes every inbound trunk, so each test file starts from an empty server. */
export async function deleteAllTrunks(): Promise<void> {
  const client = sipClient();
  for (const trunk of await client.listSipInboundTrunk()) await client.deleteSipTrunk(trunk.sipTrunkId);
}

/** A trunk's JSON without the fields the server owns, for comparing with what was declared. */
export function declaredPart(json: Record<string, unknown>): Record<string, unknown> {
  const { sipTrunkId: _id, createdAt: _c, updatedAt: _u, ...rest } = json;
  if (rest.media && Object.keys(rest.media as object).length === 0) delete rest.media;
  return rest;
}
