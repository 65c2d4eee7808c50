import * as fs from "node:fs";
import * as path from "node:path";
import { failureSummary } from "./failureSummary";

/*
 * What the commands that report on a stack's state (livekit-sip-drift, livekit-sip-route) share:
 * which stack and project folder, where the JSON and Markdown reports go (and the CI job
 * summary), and how a failure reads.
 */

/** The options each of them takes, for `parseArgs`. */
export const STACK_REPORT_OPTIONS = {
  stack: { type: "string", short: "s" },
  cwd: { type: "string", short: "C" },
  json: { type: "string" },
  markdown: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Which stack, where, and where the reports go. */
export interface StackReportOptions {
  /** Empty: the stack selected in the project. */
  stack: string;
  cwd: string;
  json?: string;
  markdown?: string;
}

/** The parsed options, with the defaults: `PULUMI_STACK` or the selected stack, the current folder. */
export function stackReportOptions(values: { stack?: string; cwd?: string; json?: string; markdown?: string }): StackReportOptions {
  return { stack: values.stack ?? process.env.PULUMI_STACK ?? "", cwd: path.resolve(values.cwd ?? "."), json: values.json, markdown: values.markdown };
}

/** Writes the JSON and Markdown files asked for, and appends the Markdown to the CI job summary. */
export function writeReports(options: StackReportOptions, json: object, markdown: string): void {
  if (options.json) fs.writeFileSync(options.json, JSON.stringify(json, null, 2) + "\n");
  if (options.markdown) fs.writeFileSync(options.markdown, markdown);
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
}

/** Why a command failed, in one paragraph: a `pulumi` command's own error lines, else the error's message. */
export function failureText(error: unknown): string {
  const { stderr } = error as { stderr?: string };
  if (typeof stderr === "string" && stderr.trim()) return `pulumi stack export failed: ${failureSummary(stderr)}`;
  return error instanceof Error ? error.message : String(error);
}
