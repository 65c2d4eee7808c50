import * as pulumi from "@pulumi/pulumi";

/**
 * Catches, while the program runs (so at `pulumi preview`), two InboundTrunks of one program that
 * would answer the same number: LiveKit refuses the second create as a conflict naming only the
 * first trunk's ID, and which resource gets the number would be a race between their creates.
 * Only plain values are checked; numbers known only after other resources exist are left to
 * the server.
 */

/** The numbers one trunk answers, and the callers it admits (empty: every caller). */
export interface NumberClaim {
  resource: string;
  numbers: readonly string[];
  allowedNumbers: readonly string[];
}

/** A number as LiveKit compares them: spaces, dashes and parentheses dropped, a leading `+`. */
export function normalisedNumber(number: string): string {
  return /^\+?[\d\- ()]+$/.test(number) ? `+${number.replace(/[^\d]/g, "")}` : number;
}

/**
 * Whether LiveKit refuses to create the second of two trunks on a shared number (protocol
 * `ValidateTrunks`): trunks without caller filters clash with each other; a trunk with a filter
 * clashes only with a trunk whose filter has a caller in common; one with and one without a
 * filter are accepted. Accepted is not answered: every call the two trunks both admit is then
 * refused ("Multiple SIP Trunks matched"), which the routing checks report (`livekit-sip-route
 * --check`, the livekit-sip-routing policy pack).
 */
function callersOverlap(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return a.length === 0 && b.length === 0;
  const left = new Set(a.map(normalisedNumber));
  return b.some((number) => left.has(normalisedNumber(number)));
}

/** The first earlier claim the new one clashes with, and the shared number; pure. */
export function findClash(claim: NumberClaim, earlier: readonly NumberClaim[]): { other: NumberClaim; number: string } | undefined {
  const mine = new Set(claim.numbers.map(normalisedNumber));
  for (const other of earlier) {
    const shared = other.numbers.find((number) => mine.has(normalisedNumber(number)));
    if (shared !== undefined && callersOverlap(claim.allowedNumbers, other.allowedNumbers)) return { other, number: shared };
  }
  return undefined;
}

/** A list given as plain strings, or undefined when any part is an Output or a promise. */
function plainStrings(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) return undefined;
  return value as string[];
}

const claims: NumberClaim[] = [];

/** Records a trunk's numbers, or stops the program naming both trunks when they clash. */
export function claimNumbers(resource: string, numbers: unknown, allowedNumbers: unknown): void {
  const claimed = plainStrings(numbers);
  const admitted = allowedNumbers === undefined ? [] : plainStrings(allowedNumbers);
  if (!claimed || claimed.length === 0 || !admitted) return;
  const claim = { resource, numbers: claimed, allowedNumbers: admitted };
  const clash = findClash(claim, claims);
  if (clash) {
    // RunError: the CLI shows the message alone, without the program's stack.
    throw new pulumi.RunError(
      `InboundTrunk "${resource}" and InboundTrunk "${clash.other.resource}" both answer ${clash.number}, and their allowedNumbers do not tell callers apart, ` +
        "so LiveKit would refuse whichever is created second: give each number to one trunk, or give a trunk allowedNumbers with no caller in common with the other's",
    );
  }
  claims.push(claim);
}
