import type { SIPInboundTrunkInfo } from "@livekit/protocol";

/**
 * Reads for `pulumi refresh` (and `preview --refresh`), served from one listing of the server per
 * provider process. The engine starts a provider process per command, so the listing never
 * outlives the operation that asked for it.
 *
 * Why not a `trunk_ids` filter per read: the engine caps concurrent reads at its parallelism
 * (4 × CPUs by default), so coalesced filtered batches could never be larger than that, and a
 * refresh of 100 trunks would cost 100/8 calls; one paged listing costs ⌈trunks on server / page⌉.
 */
export class RefreshReads {
  private snapshot?: Promise<Map<string, SIPInboundTrunkInfo>>;

  constructor(private readonly listAll: () => Promise<SIPInboundTrunkInfo[]>) {}

  /** The live trunk, or undefined when the server no longer has it. */
  async read(sipTrunkId: string): Promise<SIPInboundTrunkInfo | undefined> {
    this.snapshot ??= this.listAll().then(
      (trunks) => new Map(trunks.map((t) => [t.sipTrunkId, t])),
      (error: unknown) => {
        this.snapshot = undefined; // let the next read try again
        throw error;
      },
    );
    return (await this.snapshot).get(sipTrunkId);
  }
}
