import { TRUNK_FIELDS } from "./fields";
import { TRUNK_FIELD_NAMES, TrunkFieldName, TrunkFields, MediaFields } from "./trunk";

/**
 * Equality of trunk fields as LiveKit means it: list fields are sets of numbers or addresses
 * (the server matches them, it never depends on their order), maps ignore key order, codecs keep
 * their order (it is the preference order).
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

/** Whether one field holds the same value in both trunks, compared as its kind (in the table) says. */
export function sameField(field: TrunkFieldName, a: TrunkFields, b: TrunkFields): boolean {
  switch (TRUNK_FIELDS[field].kind) {
    case "list":
      return sameItems(a[field] as string[], b[field] as string[]);
    case "map":
      return sameMap(a[field] as Record<string, string>, b[field] as Record<string, string>);
    case "media":
      return sameMedia(a.media, b.media);
    default:
      return a[field] === b[field];
  }
}

/** The fields whose values differ, in declaration order. */
export function changedFields(a: TrunkFields, b: TrunkFields): TrunkFieldName[] {
  return TRUNK_FIELD_NAMES.filter((field) => !sameField(field, a, b));
}

/**
 * The live trunk as comparable with the declared one: a server that does not return passwords
 * (LiveKit Cloud) reports an empty one for a trunk that has a username, which says nothing about
 * the password it holds, so the declared one is assumed.
 */
export function withHiddenPasswordAssumed(live: TrunkFields, declared: TrunkFields): TrunkFields {
  return live.authPassword === "" && live.authUsername !== "" ? { ...live, authPassword: declared.authPassword } : live;
}
