import { changedFields, sameItems } from "./compare";
import {
  LIST_FIELDS,
  MediaEncryption,
  REPLACE_ONLY_FIELDS,
  SipCodec,
  TrunkFieldName,
  TrunkFields,
  UPDATABLE_SCALAR_FIELDS,
} from "./trunk";

/**
 * The update planner: given the trunk as it is live and as it is declared, decide the one write
 * that makes live equal declared. Pure: no I/O, no clock, no randomness.
 */

/** `livekit.ListUpdate`: exactly one of clear, a non-empty set, or add/remove. */
export interface ListChange {
  set?: string[];
  add?: string[];
  remove?: string[];
  clear?: boolean;
}

/** Media as sent in an update: LiveKit replaces the whole config, so every part is given. */
export interface MediaChange {
  onlyListedCodecs: boolean;
  codecs: Required<SipCodec>[];
  encryption: MediaEncryption;
  /** `""` leaves the media timeout unset. */
  mediaTimeout: string;
}

/**
 * `livekit.SIPInboundTrunkUpdate`: only the fields present are changed. Its slots follow the
 * table: a `ListUpdate` per list field, a value per settable field, and the media config.
 */
export type FieldChanges = { [F in (typeof LIST_FIELDS)[number]]?: ListChange } & {
  [F in (typeof UPDATABLE_SCALAR_FIELDS)[number]]?: TrunkFields[F];
} & {
  mediaEncryption?: MediaEncryption;
  media?: MediaChange;
};

/** What to do to a live trunk. */
export type TrunkPlan =
  | { action: "noop" }
  /** `UpdateSIPInboundTrunk{update}`: every changed field has a slot in `SIPInboundTrunkUpdate`. */
  | { action: "update"; changed: TrunkFieldName[]; changes: FieldChanges }
  /** `UpdateSIPInboundTrunk{replace}`: `because` lists the changed fields `update` cannot carry. */
  | { action: "replace"; changed: TrunkFieldName[]; because: TrunkFieldName[]; trunk: TrunkFields };

/**
 * The smallest `ListUpdate` that turns `live` into a list with the same items as `desired`, or
 * `undefined` when they already hold the same items.
 *
 * LiveKit applies `remove` (first occurrence) then `add` (skipping items already present), so
 * add/remove cannot fix duplicated items: then, and whenever it is shorter, the list is `set`.
 * An empty `set` is rejected by the server, so emptying a list is `clear`.
 */
export function planListChange(live: readonly string[], desired: readonly string[]): ListChange | undefined {
  if (sameItems(live, desired)) return undefined;
  if (desired.length === 0) return { clear: true };
  const hasDuplicates = (list: readonly string[]) => new Set(list).size !== list.length;
  const remove = [...new Set(live.filter((item) => !desired.includes(item)))];
  const add = [...new Set(desired.filter((item) => !live.includes(item)))];
  if (hasDuplicates(live) || hasDuplicates(desired) || desired.length < add.length + remove.length) {
    return { set: [...desired] };
  }
  const change: ListChange = {};
  if (add.length > 0) change.add = add;
  if (remove.length > 0) change.remove = remove;
  return change;
}

/** Decides noop, field update or replace for one trunk. */
export function planTrunkUpdate(live: TrunkFields, desired: TrunkFields): TrunkPlan {
  const changed = changedFields(live, desired);
  if (changed.length === 0) return { action: "noop" };

  const because = changed.filter((field) => (REPLACE_ONLY_FIELDS as readonly string[]).includes(field));
  if (because.length > 0) return { action: "replace", changed, because, trunk: desired };

  const changes: FieldChanges = {};
  for (const field of LIST_FIELDS) {
    const change = planListChange(live[field], desired[field]);
    if (change) changes[field] = change;
  }
  for (const field of UPDATABLE_SCALAR_FIELDS) {
    if (changed.includes(field)) changes[field] = desired[field];
  }
  if (changed.includes("media") || changed.includes("mediaEncryption")) {
    // LiveKit swaps in the whole media config and then derives the legacy field from its
    // encryption, so both are sent, with the encryption spelled out even when disabled.
    changes.mediaEncryption = desired.mediaEncryption;
    changes.media = { ...desired.media, codecs: desired.media.codecs.map((c) => ({ ...c })), encryption: desired.mediaEncryption };
  }
  return { action: "update", changed, changes };
}

function describeListChange(change: ListChange): string {
  if (change.clear) return "cleared";
  if (change.set) return `set to ${change.set.length}`;
  const parts: string[] = [];
  if (change.add) parts.push(`+${change.add.length}`);
  if (change.remove) parts.push(`−${change.remove.length}`);
  return parts.join(" ");
}

/**
 * One line for the `pulumi up` log saying which path was taken and why, e.g.
 * `field update: numbers +1 −1, name` or `replace: krispEnabled changed (also numbers)`.
 * Never includes a value: passwords would leak into CI logs.
 */
export function describePlan(plan: TrunkPlan): string {
  switch (plan.action) {
    case "noop":
      return "no change: the live trunk already matches";
    case "update":
      return (
        "field update: " +
        plan.changed
          .map((field) => {
            const list = (LIST_FIELDS as readonly string[]).includes(field)
              ? plan.changes[field as (typeof LIST_FIELDS)[number]]
              : undefined;
            return list ? `${field} ${describeListChange(list)}` : field;
          })
          .join(", ")
      );
    case "replace": {
      const others = plan.changed.filter((f) => !plan.because.includes(f));
      const also = others.length > 0 ? ` (also ${others.join(", ")})` : "";
      return `replace: ${plan.because.join(", ")} changed${also}`;
    }
  }
}
