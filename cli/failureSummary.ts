/**
 * What a failed `pulumi` command said, once: its `error:` lines (the engine repeats a failing
 * resource's error for every step and again in its summary), without the command line the
 * Automation API puts first, which names internal flags a user never typed.
 */
export function failureSummary(stderr: string): string {
  const lines = stderr.split("\n").map((line) => line.trim()).filter(Boolean);
  const errors = lines.filter((line) => /^error:/i.test(line)).map((line) => line.replace(/^error:\s*/i, ""));
  const said = [...new Set(errors.length > 0 ? errors : lines.filter((line) => !/^code:|^stdout:|^stderr:|^err\?:|^command:|--event-log/.test(line)))];
  return said.join("; ") || "no error text";
}
