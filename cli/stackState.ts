import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { SecretsToDecrypt } from "./secretsRead";

/*
 * A stack's state as `pulumi stack export` prints it (the parts our tools read and write), and
 * the one way they run the `pulumi` CLI.
 */

/** A resource in exported state. */
export interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  /** `<provider URN>::<provider ID>`, for custom resources. */
  provider?: string;
  parent?: string;
  protect?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  [key: string]: unknown;
}

/** An operation the engine had started when the state was last written (a killed run leaves them). */
export interface StateOperation {
  resource: StateResource;
  type: string;
}

/** The `deployment` of an exported stack. */
export interface Deployment {
  /** `time`: when the state was last written, i.e. the last step of the run that wrote it. */
  manifest?: { time?: string };
  resources?: StateResource[];
  pending_operations?: StateOperation[];
  [key: string]: unknown;
}

/** What `pulumi stack export` prints. */
export interface ExportedStack {
  deployment: Deployment;
  [key: string]: unknown;
}

/** Runs `pulumi <command> --stack <stack>` in `cwd` and returns its output; rejects with its stderr on failure. */
export type PulumiCommand = (...command: string[]) => Promise<{ stdout: string; stderr: string }>;

/** `stack` empty: the stack selected in the project. */
export function pulumiCommand(stack: string, cwd?: string): PulumiCommand {
  return (...command) => promisify(execFile)("pulumi", [...command, ...(stack ? ["--stack", stack] : []), "--non-interactive"], { cwd, maxBuffer: 512 * 1024 * 1024 });
}

/**
 * The stack's state. With `showSecrets`, the CLI decrypts secrets into `plaintext` (read with
 * core/secretValues' `revealed`); the text then stays in this process's memory and is never written out.
 */
export async function exportStack(pulumi: PulumiCommand, { showSecrets = false } = {}): Promise<ExportedStack> {
  return JSON.parse((await pulumi("stack", "export", ...(showSecrets ? ["--show-secrets"] : []))).stdout) as ExportedStack;
}

/**
 * The stack's state with the secrets a tool reads decrypted. Decrypting costs the CLI a key
 * derivation per stack (with a passphrase, about 0.17 s of CPU, more than the rest of the export),
 * so unless `decrypt` is "all", the state is exported as it is first, and again with
 * `--show-secrets` only when `decrypt` finds a secret the tool will read in it.
 */
export async function exportStackRevealed(pulumi: PulumiCommand, decrypt: SecretsToDecrypt): Promise<ExportedStack> {
  if (decrypt === "all") return exportStack(pulumi, { showSecrets: true });
  const exported = await exportStack(pulumi);
  return decrypt(exported.deployment.resources ?? []) ? exportStack(pulumi, { showSecrets: true }) : exported;
}

/** The stack's provider resources by the reference custom resources record (`<URN>::<ID>`, their `provider`). */
export function providersByReference(resources: readonly StateResource[]): Map<string, StateResource> {
  return new Map(resources.filter((r) => r.type.startsWith("pulumi:providers:") && r.id).map((r) => [`${r.urn}::${r.id}`, r]));
}
