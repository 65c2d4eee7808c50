import { isDeepStrictEqual } from "node:util";
import { completeTrunk, emptyTrunk, TRUNK_FIELD_NAMES, TrunkSpec } from "./trunk";

/*
 * A trunk written the way the program wrote it. The provider's own form of a trunk folds media
 * encryption into the top-level `mediaEncryption` and leaves defaults out; a program may say
 * `media.encryption`, or spell a default out (`krispEnabled: false`). Outputs and refreshed
 * inputs use the program's form, so the engine's diff of old and new inputs shows only real
 * changes (not `[diff: +media-mediaEncryption]` after every refresh). Pure.
 */

type Spelled = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Whether the program gave encryption as `media.encryption` rather than `mediaEncryption`. */
function saysMediaEncryption(model: Spelled): boolean {
  return isObject(model.media) && model.media.encryption !== undefined && model.mediaEncryption === undefined;
}

/** Whether `value`, as the program gave it for `field`, means the field's default. */
function isSpelledDefault(field: (typeof TRUNK_FIELD_NAMES)[number], value: unknown): boolean {
  if (value === undefined || field === "media") return false;
  return isDeepStrictEqual(completeTrunk({ [field]: value } as TrunkSpec)[field], emptyTrunk()[field]);
}

/**
 * `trunk` (sparse, provider form) in the spelling of `model`: the inputs the program gave, or
 * outputs recorded earlier in that spelling.
 */
export function inProgramSpelling(trunk: TrunkSpec, model: Spelled): Spelled {
  const spelled: Spelled = { ...trunk };
  for (const field of TRUNK_FIELD_NAMES) {
    if (spelled[field] === undefined && isSpelledDefault(field, model[field])) spelled[field] = model[field];
  }
  if (saysMediaEncryption(model)) {
    const encryption = trunk.mediaEncryption ?? emptyTrunk().mediaEncryption;
    delete spelled.mediaEncryption;
    spelled.media = { ...(trunk.media ?? {}), encryption };
  }
  return spelled;
}
