import type { FieldChanges, ListChange } from "../../provider/plan";
import type { TrunkFields } from "../../provider/trunk";

/**
 * How livekit-server applies `UpdateSIPInboundTrunk{update}` (protocol `livekit/types.go`
 * applyListUpdate, `livekit/sip.go` ApplyResult), written down independently of the planner so
 * that tests can check a plan by applying it.
 */

/** Rejects what the server's ListUpdate.Validate rejects. */
export function validateListChange(change: ListChange): void {
  const changes = (change.set?.length ?? 0) + (change.add?.length ?? 0) + (change.remove?.length ?? 0);
  if (!change.clear && changes === 0) throw new Error("unsupported list update operation");
  if (change.clear && changes > 0) throw new Error("cannot clear and change the list at the same time");
  if ((change.set?.length ?? 0) > 0 && (change.add?.length ?? 0) + (change.remove?.length ?? 0) > 0) {
    throw new Error("cannot set and change the list at the same time");
  }
}

export function applyListChange(list: readonly string[], change: ListChange | undefined): string[] {
  if (!change) return [...list];
  validateListChange(change);
  if (change.clear) return [];
  if (change.set && change.set.length > 0) return [...change.set];
  const result = [...list];
  for (const item of change.remove ?? []) {
    const at = result.indexOf(item);
    if (at >= 0) result.splice(at, 1);
  }
  for (const item of change.add ?? []) {
    if (!result.includes(item)) result.push(item);
  }
  return result;
}

export function applyFieldChanges(live: TrunkFields, changes: FieldChanges): TrunkFields {
  const next: TrunkFields = structuredClone(live);
  next.numbers = applyListChange(live.numbers, changes.numbers);
  next.allowedAddresses = applyListChange(live.allowedAddresses, changes.allowedAddresses);
  next.allowedNumbers = applyListChange(live.allowedNumbers, changes.allowedNumbers);
  for (const key of ["name", "metadata", "authUsername", "authPassword", "authRealm"] as const) {
    const value = changes[key];
    if (value !== undefined) next[key] = value;
  }
  if (changes.mediaEncryption !== undefined) next.mediaEncryption = changes.mediaEncryption;
  if (changes.media) {
    const { encryption, ...media } = changes.media;
    next.media = media;
    // The server derives the legacy field from the media config's encryption.
    next.mediaEncryption = encryption;
  }
  return next;
}
