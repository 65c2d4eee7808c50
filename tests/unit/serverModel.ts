import type { Message } from "@bufbuild/protobuf";
import type { ListChange } from "../../provider/core/plan";

/**
 * How livekit-server applies a field update (protocol `livekit/types.go` applyListUpdate and
 * applyMapDiff, `livekit/sip.go` ApplyResult), written down independently of the planner so
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

/**
 * How livekit-server applies any SIP `…Update` message to the stored `…Info` (protocol
 * `livekit/sip.go` ApplyResult / Apply, `livekit/types.go`): a `ListUpdate` slot edits its list,
 * a map slot is a diff where an empty value deletes the key (applyMapDiff), `media` replaces the
 * media config and the legacy `mediaEncryption` then follows its encryption (updateMediaConfig),
 * any other slot that is present replaces the field. Works on the messages, so that it checks the
 * planner and the wire mapping together.
 */
export function applyUpdateMessage<I extends Message<I>>(info: I, update: Message): I {
  const next = info.clone() as unknown as Record<string, unknown>;
  const slots = update as unknown as Record<string, unknown>;
  for (const field of update.getType().fields.list()) {
    const value = slots[field.localName];
    if (value === undefined) continue;
    if (field.kind === "message" && field.T.typeName === "livekit.ListUpdate") {
      const change = value as ListChange;
      next[field.localName] = applyListChange(next[field.localName] as string[], change.clear || change.set?.length || change.add?.length || change.remove?.length ? change : undefined);
    } else if (field.kind === "map") {
      const map = { ...(next[field.localName] as Record<string, string>) };
      for (const [key, entry] of Object.entries(value as Record<string, string>)) {
        if (entry === "") delete map[key];
        else map[key] = entry;
      }
      next[field.localName] = map;
    } else next[field.localName] = value;
  }
  const media = next.media as { encryption: number } | undefined;
  if (slots.media !== undefined && media) next.mediaEncryption = media.encryption;
  return next as unknown as I;
}
