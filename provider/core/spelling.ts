import { isDeepStrictEqual } from "node:util";
import { FieldTable, fieldNames } from "./fields";
import { isJsonObject } from "./jsonNames";
import { completeFields, emptyFields, FieldValues } from "./records";

/*
 * A record written the way the program wrote it. The provider's own form folds media encryption
 * into the top-level `mediaEncryption` and leaves defaults out; a program may say
 * `media.encryption`, or spell a default out (`krispEnabled: false`). Outputs and refreshed
 * inputs use the program's form, so the engine's diff of old and new inputs shows only real
 * changes (not `[diff: +media-mediaEncryption]` after every refresh). Pure.
 */

type Spelled = Record<string, unknown>;

/** Whether the program gave encryption as `media.encryption` rather than `mediaEncryption`. */
function saysMediaEncryption(model: Spelled): boolean {
  return isJsonObject(model.media) && model.media.encryption !== undefined && model.mediaEncryption === undefined;
}

/** Whether `value`, as the program gave it for `field`, means the field's default. */
function isSpelledDefault(table: FieldTable, field: string, value: unknown): boolean {
  if (value === undefined || table[field].kind === "media") return false;
  return isDeepStrictEqual(completeFields(table, { [field]: value })[field], emptyFields(table)[field]);
}

/**
 * `record` (sparse, provider form) in the spelling of `model`: the inputs the program gave, or
 * outputs recorded earlier in that spelling.
 */
export function inProgramSpelling(table: FieldTable, record: FieldValues, model: Spelled): Spelled {
  const spelled: Spelled = { ...record };
  for (const field of fieldNames(table)) {
    if (spelled[field] === undefined && isSpelledDefault(table, field, model[field])) spelled[field] = model[field];
  }
  if (table.media?.kind === "media" && saysMediaEncryption(model)) {
    const encryption = record.mediaEncryption ?? emptyFields(table).mediaEncryption;
    delete spelled.mediaEncryption;
    spelled.media = { ...((record.media as object | undefined) ?? {}), encryption };
  }
  return spelled;
}
