import { listJson, SipKind } from "./livekit";

/**
 * Records of every SIP type for the `declared` test program, so that a scenario runs for inbound
 * trunks, outbound trunks and dispatch rules in one `pulumi up` rather than once per type. Each
 * record has numbers of its own (rules are told apart by caller number and bound to no trunk,
 * so their creates run beside the trunks' and LiveKit keys them apart).
 */

export const KINDS: readonly SipKind[] = ["inbound", "outbound", "dispatch"];

/** The `declared` program's config key for each kind. */
const CONFIG_KEY: Record<SipKind, string> = { inbound: "trunks", outbound: "outboundTrunks", dispatch: "dispatchRules" };

/** What each kind's provider calls one in its messages. */
export const NOUN: Record<SipKind, string> = { inbound: "trunk", outbound: "outbound trunk", dispatch: "dispatch rule" };

/** The create RPC of each kind. */
export const CREATE: Record<SipKind, string> = { inbound: "CreateSIPInboundTrunk", outbound: "CreateSIPOutboundTrunk", dispatch: "CreateSIPDispatchRule" };

/** Names per kind, sorted. */
export type NamesByKind = Record<SipKind, string[]>;

/**
 * `counts[kind]` records of each kind named `<prefix>-<kind>-<i>`, numbered from `block`
 * (a block holds 100 numbers per kind), with `extra` fields on each.
 */
export function recordsOfEachType(prefix: string, counts: Partial<Record<SipKind, number>>, block: number, extra: Record<string, unknown> = {}): { config: Record<string, unknown>; names: NamesByKind } {
  const config: Record<string, unknown> = {};
  const names = { inbound: [], outbound: [], dispatch: [] } as NamesByKind;
  KINDS.forEach((kind, k) => {
    const entries = Array.from({ length: counts[kind] ?? 0 }, (_, i) => {
      const number = `+1415${5 + k}${String(block).padStart(2, "0")}${String(i).padStart(4, "0")}`;
      const name = `${prefix}-${kind}-${String(i).padStart(2, "0")}`;
      const fields: Record<string, unknown> =
        kind === "inbound"
          ? { name, numbers: [number] }
          : kind === "outbound"
            ? { name, address: "sip.carrier.example.com", numbers: [number] }
            : { name, inboundNumbers: [number], rule: { dispatchRuleIndividual: { roomPrefix: `${name}-` } } };
      return [`${prefix}${kind}${i}`, { ...fields, ...extra }] as const;
    });
    if (entries.length > 0) config[CONFIG_KEY[kind]] = Object.fromEntries(entries);
    names[kind] = entries.map(([, fields]) => String(fields.name)).sort();
  });
  return { config, names };
}

/** The server's records per kind whose name starts with `<prefix>-` (all of them for ""), sorted: each must appear once. */
export async function namesOnServer(prefix: string): Promise<NamesByKind> {
  const names = {} as NamesByKind;
  for (const kind of KINDS) {
    names[kind] = (await listJson(kind))
      .map((r) => String(r.name))
      .filter((name) => prefix === "" || name.startsWith(`${prefix}-`))
      .sort();
  }
  return names;
}
