import { changedFields, sameItems } from "./compare";
import { FieldTable, TRUNK_FIELDS } from "./fields";
import type { FieldValues } from "./records";
import { LIST_FIELDS, MediaEncryption, MediaFields, SipCodec, TrunkFieldName, TrunkFields, UPDATABLE_SCALAR_FIELDS } from "./trunk";

/**
 * The update planner: given a record as it is live and as it is declared, decide the one write
 * that makes live equal declared. Pure: no I/O, no clock, no randomness. Works for any field
 * table (inbound trunk, outbound trunk, dispatch rule): each field's update path says which slot
 * of the resource's `…Update` message carries it, or that only `replace` can change it.
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

/** What to do to a live record: `changes` holds one entry per slot of the resource's `…Update` message. */
export type Plan<N extends string = string, C extends object = FieldValues, R extends object = FieldValues> =
  | { action: "noop" }
  /** `Update…{update}`: every changed field has a slot in the resource's `…Update` message. */
  | { action: "update"; changed: N[]; changes: C }
  /** `Update…{replace}`: `because` lists the changed fields `update` cannot carry. */
  | { action: "replace"; changed: N[]; because: N[]; fields: R };

/** What to do to a live trunk. */
export type TrunkPlan = Plan<TrunkFieldName, FieldChanges, TrunkFields>;

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

/**
 * The `SIPDispatchRuleUpdate.attributes` map that turns `live` into `desired`: changed and new
 * keys with their values, removed keys with `""` (the server deletes a key given an empty
 * value). `undefined` when a desired value is itself empty: the map cannot say that.
 */
export function planMapDiff(live: Readonly<Record<string, string>>, desired: Readonly<Record<string, string>>): Record<string, string> | undefined {
  const diff: Record<string, string> = {};
  for (const [key, value] of Object.entries(desired)) {
    if (value === "") return undefined;
    if (live[key] !== value) diff[key] = value;
  }
  for (const key of Object.keys(live)) if (!(key in desired)) diff[key] = "";
  return diff;
}

/** Decides noop, field update or replace for one record of `table`. */
export function planUpdate<T extends FieldTable>(table: T, live: FieldValues, desired: FieldValues): Plan<keyof T & string> {
  const changed = changedFields(table, live, desired);
  if (changed.length === 0) return { action: "noop" };

  const changes: FieldValues = {};
  const because: (keyof T & string)[] = [];
  for (const field of changed) {
    const path = table[field].update;
    if (path === "listUpdate") changes[field] = planListChange(live[field] as string[], desired[field] as string[]);
    else if (path === "set") {
      // An absent message slot means "no change", so an update cannot clear a message field.
      if (table[field].kind === "message" && Object.keys(desired[field] as object).length === 0) because.push(field);
      else changes[field] = desired[field];
    }
    else if (path === "mapDiff") {
      const diff = planMapDiff(live[field] as Record<string, string>, desired[field] as Record<string, string>);
      if (diff) changes[field] = diff;
      else because.push(field);
    } else if (path === "media") {
      // LiveKit swaps in the whole media config and then derives the legacy field from its
      // encryption, so both are sent, with the encryption spelled out even when disabled.
      const media = desired.media as MediaFields;
      changes.mediaEncryption = desired.mediaEncryption;
      changes.media = { ...media, codecs: media.codecs.map((c) => ({ ...c })), encryption: desired.mediaEncryption as MediaEncryption } satisfies MediaChange;
    } else because.push(field);
  }
  if (because.length > 0) return { action: "replace", changed, because, fields: desired };
  return { action: "update", changed, changes };
}

/** Decides noop, field update or replace for one inbound trunk. */
export function planTrunkUpdate(live: TrunkFields, desired: TrunkFields): TrunkPlan {
  return planUpdate(TRUNK_FIELDS, live, desired) as TrunkPlan;
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
export function describePlan(plan: Plan<string, object, object>, table: FieldTable): string {
  switch (plan.action) {
    case "noop":
      return "no change: live already matches";
    case "update":
      return (
        "field update: " +
        plan.changed
          .map((field) => {
            const list = table[field]?.update === "listUpdate" ? ((plan.changes as FieldValues)[field] as ListChange | undefined) : undefined;
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
