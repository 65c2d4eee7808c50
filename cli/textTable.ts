/**
 * Plain-text tables for terminals: columns as wide as their widest cell, two spaces apart.
 * Used by the drift report and the benchmark's printout.
 */

/** The rows (the first is the header) as aligned lines, without trailing spaces. */
export function textTable(rows: readonly (readonly (string | number)[])[]): string[] {
  const cells = rows.map((row) => row.map(String));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  return cells.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd());
}
