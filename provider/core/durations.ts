import { Duration } from "@bufbuild/protobuf";

/**
 * Durations in LiveKit's JSON spelling: protobuf `Duration` as a string of seconds with an `s`
 * suffix (`"30s"`, `"1.500s"`), parsed and written by protobuf-es's own `Duration`. Users may
 * also write a number of seconds.
 */

/** A protobuf Duration. */
export interface DurationParts {
  seconds: bigint;
  nanos: number;
}


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
  let parsed: Duration;
  try {
    parsed = Duration.fromJson(value);
  } catch {
    return undefined;
  }
  return parsed.seconds < 0n || parsed.nanos < 0 ? undefined : { seconds: parsed.seconds, nanos: parsed.nanos };
}

/** Formats as protobuf JSON does: no fraction, or 3, 6 or 9 fractional digits. */
export function formatDuration({ seconds, nanos }: DurationParts): string {
  return new Duration({ seconds, nanos }).toJson() as string;
}

/** The duration in (fractional) seconds, for bounds checks. */
export function durationSeconds({ seconds, nanos }: DurationParts): number {
  return Number(seconds) + nanos / 1e9;
}
