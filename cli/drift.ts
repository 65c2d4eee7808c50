#!/usr/bin/env node
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { driftFromEvents, EngineEventLike, renderMarkdown, renderTable } from "./driftReport";

/**
 * livekit-sip-drift: does the live LiveKit server still match the Pulumi program?
 *
 * Runs `pulumi preview --refresh` for a stack with an engine event log, and reports every trunk
 * field that differs, with declared and live values (secrets shown as "(secret)").
 *
 *   livekit-sip-drift --stack prod [--cwd infra] [--json drift.json] [--markdown drift.md]
 *
 * On machines without the Node.js language host, `--program FILE --state DIR` runs the program
 * through this package's Automation API runner instead (further flags go to it, e.g. --config).
 *
 * Exit codes: 0 no drift, 2 drift, 1 the check itself failed.
 * The Markdown summary is also appended to $GITHUB_STEP_SUMMARY when that is set.
 */

/** Exit codes, for CI scripts. */
export const EXIT = { noDrift: 0, error: 1, drift: 2 } as const;

interface Options {
  stack: string;
  cwd: string;
  json?: string;
  markdown?: string;
  /** Inline mode: the program file and state folder, plus flags for tools/stack.js. */
  program?: string;
  passThrough: string[];
}

function parse(argv: string[]): Options {
  const options: Options = { stack: process.env.PULUMI_STACK ?? "", cwd: process.cwd(), passThrough: [] };
  for (let i = 0; i < argv.length; i++) {
    const next = () => argv[++i] ?? "";
    switch (argv[i]) {
      case "--stack": options.stack = next(); break;
      case "--cwd": options.cwd = path.resolve(next()); break;
      case "--json": options.json = next(); break;
      case "--markdown": options.markdown = next(); break;
      case "--program": options.program = next(); break;
      case "--help": case "-h":
        console.log("usage: livekit-sip-drift --stack NAME [--cwd DIR] [--json FILE] [--markdown FILE] [--program FILE --state DIR ...]");
        process.exit(0);
      default: options.passThrough.push(argv[i]);
    }
  }
  if (!options.stack) throw new Error("--stack is required (or set PULUMI_STACK)");
  return options;
}

/** Runs the refreshing preview; resolves to its exit code. Its console output is not shown: with
 * --show-secrets off it holds no secret, but it is long, and the report says what matters. */
function runPreview(options: Options, eventLog: string): Promise<{ code: number; output: string }> {
  const [command, args] = options.program
    ? [process.execPath, [path.join(__dirname, "../tools/stack.js"), "preview", "--program", options.program, "--stack", options.stack, "--refresh", "--event-log", eventLog, ...options.passThrough]]
    : ["pulumi", ["preview", "--refresh", "--stack", options.stack, "--event-log", eventLog, "--non-interactive", "--color", "never", ...options.passThrough]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => resolve({ code: -1, output: String(error) }));
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

function readEvents(file: string): EngineEventLike[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EngineEventLike);
}

async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "livekit-sip-drift-"));
  try {
    const eventLog = path.join(dir, "events.jsonl");
    const preview = await runPreview(options, eventLog);
    if (preview.code !== 0) {
      process.stderr.write(preview.output);
      process.stderr.write(`\nlivekit-sip-drift: the refreshing preview failed (exit ${preview.code}); no drift report\n`);
      return EXIT.error;
    }
    const report = driftFromEvents(readEvents(eventLog));
    process.stdout.write(renderTable(report, options.stack));
    const markdown = renderMarkdown(report, options.stack);
    if (options.json) fs.writeFileSync(options.json, JSON.stringify({ stack: options.stack, ...report }, null, 2) + "\n");
    if (options.markdown) fs.writeFileSync(options.markdown, markdown);
    if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
    return report.drifted ? EXIT.drift : EXIT.noDrift;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`livekit-sip-drift: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(EXIT.error);
    },
  );
}
