/**
 * Reads for `pulumi refresh` (and `preview --refresh`), served from one listing of the server per
 * provider process. The engine starts a provider process per command, so the listing never
 * outlives the operation that asked for it.
 *
 * Why not a `trunk_ids` filter per read: the engine caps concurrent reads at its parallelism
 * (4 × CPUs by default), so coalesced filtered batches could never be larger than that, and a
 * refresh of 100 trunks would cost 100/8 calls; one paged listing costs ⌈trunks on server / page⌉.
 */
export class RefreshReads<R> {
  private snapshot?: Promise<Map<string, R>>;

  constructor(private readonly listAll: () => Promise<Map<string, R>>) {}

  /** The live record, or undefined when the server no longer has it. */
  async read(id: string): Promise<R | undefined> {
    this.snapshot ??= this.listAll().catch((error: unknown) => {
      this.snapshot = undefined; // let the next read try again
      throw error;
    });
    return (await this.snapshot).get(id);
  }
}
