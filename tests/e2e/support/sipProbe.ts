import { ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import * as readline from "node:readline";
import type { InboundCall } from "../../../provider/core/routing";
import { toolPath } from "../../../tools/toolchain";

/**
 * LiveKit's own routing decision for calls, asked of a running livekit-server by `sipprobe`
 * (tools/sipprobe: the two questions LiveKit's SIP service asks for each INVITE, over the
 * server's Redis bus).
 */

/** What livekit-server answered for one call (tools/sipprobe/main.go's `answer`). */
export interface ProbeAnswer {
  refused?: string;
  trunkId?: string;
  challenge?: boolean;
  result?: "ACCEPT" | "REQUEST_PIN" | "DROP" | string;
  dispatchError?: string;
  ruleId?: string;
  room?: string;
  identity?: string;
  name?: string;
  attributes?: Record<string, string>;
}

/** The call ID the probe gives its n-th call (0-based, counted over the probe's life). */
export function probeCallId(n: number): string {
  return `SCL_probe${n}`;
}

/** One `sipprobe` process talking to the Redis of one livekit-server. */
export class SipProbe {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterableIterator<string>;
  /** Calls asked so far: the next call's number. */
  asked = 0;

  constructor(redisAddress: string) {
    this.child = spawn(toolPath("sipprobe"), ["--redis", redisAddress], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr.on("data", (chunk: Buffer) => process.stderr.write(`sipprobe: ${chunk.toString()}`));
    this.lines = readline.createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  /** LiveKit's answers, in order. */
  async ask(calls: readonly InboundCall[]): Promise<ProbeAnswer[]> {
    const answers: ProbeAnswer[] = [];
    for (const call of calls) {
      this.child.stdin.write(JSON.stringify({ from: call.from, fromHost: call.fromHost ?? "", to: call.to, sourceIp: call.sourceIp ?? "", pin: call.pin ?? "", noPin: call.noPin ?? false }) + "\n");
      const next = await this.lines.next();
      if (next.done) throw new Error("sipprobe exited before answering");
      answers.push(JSON.parse(next.value) as ProbeAnswer);
      this.asked++;
    }
    return answers;
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}
