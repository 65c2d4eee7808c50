/**
 * Errors meant for the person running `pulumi`: one paragraph that says what is wrong and what to
 * do, never a stack trace. Anything else thrown is a bug and keeps its stack.
 */

/** The label the engine's dynamic-provider host prints before a failed call's error. */
const LABEL = "livekit-sip-pulumi";

/**
 * An error whose whole text is its message. The engine's dynamic-provider host prints a failed
 * call as `${error}: ${error.stack}`; with this class that is `livekit-sip-pulumi: <message>`,
 * where a plain Error prints the message twice followed by frames of files the package does not
 * ship.
 */
export class ProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = LABEL;
    this.stack = message;
  }

  override toString(): string {
    return LABEL;
  }
}

/** Longest value, in characters, that a log line or error quotes. */
const MAX_QUOTED_LENGTH = 80;

/** A value quoted for a log line: JSON, cut to a readable length with the full length said. */
export function quoted(value: string): string {
  if (value.length <= MAX_QUOTED_LENGTH) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, MAX_QUOTED_LENGTH))}… (${value.length} characters)`;
}
