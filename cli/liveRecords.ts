import type { SipApi } from "../provider/livekit/client";
import { SIP_RESOURCES, SipResource } from "../provider/livekit/resources";
import type { ResourceFacts } from "../provider/core/resourceFacts";
import type { FieldValues } from "../provider/core/records";
import { fromWire } from "../provider/core/wire";

/** A record on the server: its ID and its fields as the provider compares them. */
export interface LiveRecord {
  id: string;
  fields: FieldValues;
}

/** The provider's binding (wire messages, RPCs) of a resource known by its facts. */
export function sipResourceOf(facts: ResourceFacts): SipResource {
  return SIP_RESOURCES.find((resource) => resource.typeName === facts.typeName)!;
}

/** Every record of one type on the server, paged as refresh pages, as fields. */
export async function liveRecords(api: SipApi, facts: ResourceFacts): Promise<LiveRecord[]> {
  const { rpcs, wire } = sipResourceOf(facts);
  return (await api.listAll(rpcs)).map((record) => ({ id: rpcs.idOf(record), fields: fromWire(wire, record) }));
}
