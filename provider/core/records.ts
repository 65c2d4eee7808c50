import { FieldDescription, FieldTable, fieldNames } from "./fields";
import type { MediaConfig, MediaFields } from "./trunk";

/*
 * A resource's record in its two shapes, for any field table:
 * - sparse: what a user writes and what Pulumi stores (absent = default);
 * - complete: every default spelled out, so that comparing two records is comparing values and
 *   never "absent vs empty".
 * Media encryption is folded into one field, `mediaEncryption`, holding the effective value
 * (`media.encryption` if set, else the legacy field), because that is what LiveKit acts on and
 * what it reports back after an update.
 */

/** Field values by name, in either shape. */
export type FieldValues = Record<string, unknown>;

/** A field's value when unset, by its kind in the table. */
function unsetValue(field: FieldDescription): unknown {
  switch (field.kind) {
    case "string":
    case "duration":
    case "host":
      return "";
    case "boolean":
      return false;
    case "list":
      return [];
    case "map":
    case "message":
      return {};
    case "enum":
      return field.values[0];
    case "media":
      return { onlyListedCodecs: false, codecs: [], mediaTimeout: "" } satisfies MediaFields;
  }
}

/** Whether a complete field's value is its unset value (the sparse form leaves it out). */
function isUnset(field: FieldDescription, value: unknown): boolean {
  switch (field.kind) {
    case "list":
      return (value as unknown[]).length === 0;
    case "map":
    case "message":
      return Object.keys(value as object).length === 0;
    case "media": {
      const media = value as MediaFields;
      return !media.onlyListedCodecs && media.codecs.length === 0 && media.mediaTimeout === "";
    }
    default:
      return value === unsetValue(field);
  }
}

/** A copy of a value, so that records (and messages) never share lists, maps or messages. */
export function copied<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copied) as T;
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copied(v)])) as T;
  return value;
}

/** The record with nothing set. */
export function emptyFields(table: FieldTable): FieldValues {
  return Object.fromEntries(fieldNames(table).map((name) => [name, unsetValue(table[name])]));
}

/** Fills in every default of a (validated, canonical) sparse record. */
export function completeFields(table: FieldTable, spec: FieldValues): FieldValues {
  const fields = emptyFields(table);
  for (const name of fieldNames(table)) {
    if (table[name].kind !== "media" && spec[name] !== undefined) fields[name] = copied(spec[name]);
  }
  if (table.media?.kind === "media") {
    const media = (spec.media ?? {}) as MediaConfig;
    // One effective encryption: media.encryption wins over the deprecated top-level field.
    if (media.encryption !== undefined) fields.mediaEncryption = media.encryption;
    fields.media = {
      onlyListedCodecs: media.onlyListedCodecs ?? false,
      codecs: (media.codecs ?? []).map((c) => ({ name: c.name, rate: c.rate ?? 0 })),
      mediaTimeout: media.mediaTimeout ?? "",
    } satisfies MediaFields;
  }
  return fields;
}

/** The sparse form of a complete record: defaults left out, as Pulumi shows and stores it. */
export function sparseFields(table: FieldTable, fields: FieldValues): FieldValues {
  const spec: FieldValues = {};
  for (const name of fieldNames(table)) {
    if (table[name].kind !== "media" && !isUnset(table[name], fields[name])) spec[name] = copied(fields[name]);
  }
  if (table.media?.kind === "media") {
    const complete = fields.media as MediaFields;
    const media: MediaConfig = {};
    if (complete.onlyListedCodecs) media.onlyListedCodecs = true;
    if (complete.codecs.length > 0) {
      media.codecs = complete.codecs.map((c) => (c.rate ? { name: c.name, rate: c.rate } : { name: c.name }));
    }
    if (complete.mediaTimeout) media.mediaTimeout = complete.mediaTimeout;
    if (Object.keys(media).length > 0) spec.media = media;
  }
  return spec;
}
