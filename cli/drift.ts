#!/usr/bin/env node
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { CommandError, EngineEvent, LocalWorkspace } from "@pulumi/pulumi/automation";
import { driftFromEvents, EngineEventLike, renderMarkdown, renderTable } from "./driftReport";

/**
 * livekit-sip-drift: does the live LiveKit server still match the Pulumi program?
 *
 * Runs `pulumi preview --refresh` of the project in the current folder (or --cwd) through the
 * Automation API's LocalWorkspace, collects the engine's events, and reports every trunk field
 * that differs, with declared and live values (secrets shown as "(secret)").
 *
 *   livekit-sip-drift [--stack prod] [--cwd infra] [--json drift.json] [--markdown drift.md]
 *
 * Exit codes: 0 no drift, 2 drift, 1 the check itself failed (it fails closed: a preview that
 * produced no events is an error, a planned change whose fields are unknown is drift).
 * The Markdown summary is also appended to $GITHUB_STEP_SUMMARY when that is set.
 */

/** Exit codes, for CI scripts. */
export const EXIT = { noDrift: 0, error: 1, drift: 2 } as const;

const USAGE = "usage: livekit-sip-drift [--stack NAME] [--cwd DIR] [--json FILE] [--markdown FILE]";

interface Options {
  /** Empty: the stack selected in the project. */
  stack: string;
  cwd: string;
  json?: string;
  markdown?: string;
}

function parse(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string", short: "s" },
      cwd: { type: "string", short: "C" },
      json: { type: "string" },
      markdown: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return undefined;
  return { stack: values.stack ?? process.env.PULUMI_STACK ?? "", cwd: path.resolve(values.cwd ?? "."), json: values.json, markdown: values.markdown };
}

/** The stack to check: the one named, else the one selected in the project. */
async function stackName(options: Options): Promise<string> {
  if (options.stack) return options.stack;
  const selected = await (await LocalWorkspace.create({ workDir: options.cwd })).stack();
  if (!selected) throw new Error("no stack is selected in this project: pass --stack NAME (or run `pulumi stack select`)");
  return selected.name;
}

/** Runs the refreshing preview and returns its engine events. Its console output is not shown:
 * it holds no secret, but it is long, and the report says what matters. */
async function refreshingPreviewEvents(cwd: string, stack: string): Promise<EngineEvent[]> {
  const workspaceStack = await LocalWorkspace.selectStack({ stackName: stack, workDir: cwd });
  const events: EngineEvent[] = [];
  await workspaceStack.preview({ refresh: true, color: "never", onEvent: (event) => events.push(event) });
  return events;
}

async function main(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (!options) {
    console.log(USAGE);
    return EXIT.noDrift;
  }
  const stack = await stackName(options);
  let events: EngineEvent[];
  try {
    events = await refreshingPreviewEvents(options.cwd, stack);
  } catch (error) {
    const detail = error instanceof CommandError ? ((error as unknown as { commandResult?: { stderr?: string } }).commandResult?.stderr ?? error.message) : String(error);
    process.stderr.write(`${detail.trim()}\nlivekit-sip-drift: the refreshing preview of stack ${stack} failed; no drift report\n`);
    return EXIT.error;
  }
  if (events.length === 0) {
    process.stderr.write(`livekit-sip-drift: the refreshing preview of stack ${stack} produced no engine events; no drift report\n`);
    return EXIT.error;
  }
  const report = driftFromEvents(events as EngineEventLike[]);
  process.stdout.write(renderTable(report, stack));
  const markdown = renderMarkdown(report, stack);
  if (options.json) fs.writeFileSync(options.json, JSON.stringify({ stack, ...report }, null, 2) + "\n");
  if (options.markdown) fs.writeFileSync(options.markdown, markdown);
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  return report.drifted ? EXIT.drift : EXIT.noDrift;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`livekit-sip-drift: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(EXIT.error);
    },
  );
}
