/**
 * The provider's log lines that other tools read back (the drift command). Kept in one place so
 * the writer and the reader cannot drift apart.
 */

/** Every line the provider prints starts with this. */
export const LOG_PREFIX = "livekit-sip-pulumi:";

/** `livekit-sip-pulumi: differs ST_abc: name, numbers` — printed by diff when fields differ. */
export const DIFF_PREFIX = "differs";

/**
 * The field a diff line names for a record that no longer exists (an adopted trunk or rule deleted
 * outside Pulumi, which the next `up` replaces), e.g. `differs ST_abc: deletedOutsidePulumi`.
 */
export const DELETED_FIELD = "deletedOutsidePulumi";

/** Reads a diff line back: the record's ID (`ST_…`, `SDR_…`) and the differing fields, or undefined. */
export function parseDiffLine(line: string): { id: string; fields: string[] } | undefined {
  const match = new RegExp(`${LOG_PREFIX} ${DIFF_PREFIX} (\\S+): ([\\w, ]+)$`).exec(line.trim());
  return match ? { id: match[1], fields: match[2].split(", ") } : undefined;
}
