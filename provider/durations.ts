/**
 * Durations in LiveKit's JSON spelling: protobuf `Duration` as a string of seconds with an `s`
 * suffix (`"30s"`, `"1.500s"`). Users may also write a number of seconds.
 */

/** A protobuf Duration. */
export interface DurationParts {
  seconds: bigint;
  nanos: number;
}

const DURATION_PATTERN = /^(\d{1,12})(?:\.(\d{1,9}))?s$/;

/**
 * Parses `"30s"`, `"1.5s"` or a number of seconds. Returns undefined for anything else,
 * including negative values (LiveKit has no use for them).
 */
export function parseDuration(value: string | number): DurationParts | undefined {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0 || value > 1e12) return undefined;
    const seconds = Math.floor(value);
    return { seconds: BigInt(seconds), nanos: Math.round((value - seconds) * 1e9) };
  }
  const match = DURATION_PATTERN.exec(value);
  if (!match) return undefined;
  return { seconds: BigInt(match[1]), nanos: Number((match[2] ?? "").padEnd(9, "0")) };
}

/** Formats as protobuf JSON does: no fraction, or 3, 6 or 9 fractional digits. */
export function formatDuration({ seconds, nanos }: DurationParts): string {
  if (nanos === 0) return `${seconds}s`;
  let fraction = String(nanos).padStart(9, "0");
  while (fraction.length > 3 && fraction.endsWith("000")) fraction = fraction.slice(0, -3);
  return `${seconds}.${fraction}s`;
}

/** The duration in (fractional) seconds, for bounds checks. */
export function durationSeconds({ seconds, nanos }: DurationParts): number {
  return Number(seconds) + nanos / 1e9;
}
