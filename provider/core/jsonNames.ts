/* Names and shapes of JSON values as LiveKit's JSON and users' programs give them. */

/** A JSON object (not null, not a list). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A protobuf JSON field name as LiveKit's JSON spells it: `room_prefix` → `roomPrefix` (protobuf readers accept both). */
export function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
