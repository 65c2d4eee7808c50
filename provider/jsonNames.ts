/** A protobuf JSON field name as LiveKit's JSON spells it: `room_prefix` → `roomPrefix` (protobuf readers accept both). */
export function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
