import { isDeepStrictEqual } from "node:util";
import { FieldTable, fieldNames } from "./fields";
import type { FieldValues } from "./records";
import type { MediaFields } from "./trunk";

/**
 * Equality of fields as LiveKit means it: list fields are sets of numbers, addresses or IDs (the
 * server matches them, it never depends on their order), maps ignore key order, codecs keep
 * their order (it is the preference order), messages are compared in their canonical JSON.
 */

/** The same items the same number of times, in any order. */
export function sameItems(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const left = [...a].sort();
  const right = [...b].sort();
  return left.every((item, i) => item === right[i]);
}

/** The same keys with the same values. */
export function sameMap(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}

/** The same media settings (codecs in the same order). */
export function sameMedia(a: MediaFields, b: MediaFields): boolean {
  return (
    a.onlyListedCodecs === b.onlyListedCodecs &&
    a.mediaTimeout === b.mediaTimeout &&
    a.codecs.length === b.codecs.length &&
    a.codecs.every((c, i) => c.name === b.codecs[i].name && c.rate === b.codecs[i].rate)
  );
}

/** Whether one field holds the same value in both records, compared as its kind (in the table) says. */
export function sameField(table: FieldTable, field: string, a: FieldValues, b: FieldValues): boolean {
  switch (table[field].kind) {
    case "list":
      return sameItems(a[field] as string[], b[field] as string[]);
    case "map":
      return sameMap(a[field] as Record<string, string>, b[field] as Record<string, string>);
    case "media":
      return sameMedia(a[field] as MediaFields, b[field] as MediaFields);
    case "message":
      return isDeepStrictEqual(a[field], b[field]);
    default:
      return a[field] === b[field];
  }
}

/** The fields whose values differ, in declaration order. */
export function changedFields<T extends FieldTable>(table: T, a: object, b: object): (keyof T & string)[] {
  return fieldNames(table).filter((field) => !sameField(table, field, a as FieldValues, b as FieldValues));
}

/**
 * The live record as comparable with the declared one: a server that does not return passwords
 * (LiveKit Cloud) reports an empty one for a trunk that has a username, which says nothing about
 * the password it holds, so the declared one is assumed. Records without auth are unchanged.
 */
export function withHiddenPasswordAssumed<R extends object>(live: R, declared: R): R {
  const auth = live as { authPassword?: unknown; authUsername?: unknown };
  return auth.authPassword === "" && typeof auth.authUsername === "string" && auth.authUsername !== ""
    ? { ...live, authPassword: (declared as { authPassword?: unknown }).authPassword }
    : live;
}
