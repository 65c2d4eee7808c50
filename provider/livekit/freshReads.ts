/**
 * Fresh reads of single records, for planning a write (an update, or an adoption's first write):
 * a lone update costs one List filtered by its ID, and an update of N records one listing of the
 * server and N writes.
 *
 * Why not a window that batches reads arriving together: the engine runs at most `--parallel`
 * steps at once (4 × CPUs by default) and stops diffing while they all run, so no batch of
 * waiting reads can be larger than that: an update of N records would cost N / parallel Lists
 * however long the window (measured: 12 Lists for 100 trunks at the default 8), and the window
 * would delay every update. Instead check and diff (which send nothing, so previews stay free of
 * requests) say what is coming: a checked resource that exists will be diffed, and a diff that
 * found changes will be followed by a read. A read that finds other reads coming (announced, or
 * diffs still to answer) or in flight is part of a burst, and the burst's first read lists the
 * whole server at once (as refresh does); every later read of the operation takes its record
 * from that listing, once. A read with nothing else coming is one List filtered by its ID. No
 * read ever waits for others.
 */
export class FreshReads<R> {
  /** Announced by diff and not read yet. */
  private readonly announced = new Set<string>();
  /** Resources checked whose diff has not answered yet. */
  private diffsToCome = 0;
  /** Filtered reads still waiting for their answer. */
  private inFlight = 0;
  /** The burst's listing of the server, and the IDs already taken from it. */
  private listing?: { records: Promise<Map<string, R>>; taken: Set<string> };

  constructor(
    private readonly listByIds: (ids: string[]) => Promise<Map<string, R>>,
    private readonly listAll: () => Promise<Map<string, R>>,
  ) {}

  /** An existing resource was checked: its diff comes next. */
  checked(): void {
    this.diffsToCome++;
  }

  /** A diff answered; when it found changes, this record's read will come (unless the operation stops first). */
  diffed(id: string, changed: boolean): void {
    this.diffsToCome = Math.max(0, this.diffsToCome - 1);
    if (changed) this.announced.add(id);
  }

  /** The record as the server has it now (undefined when it has none by that ID). */
  async read(id: string): Promise<R | undefined> {
    const inBurst = this.inFlight > 0 || this.diffsToCome > 0 || [...this.announced].some((other) => other !== id);
    this.announced.delete(id);
    if (inBurst) this.listing ??= this.listServer();
    const listing = this.listing;
    if (listing && !listing.taken.has(id)) {
      listing.taken.add(id);
      const record = (await listing.records).get(id);
      // Not listed: it may have been made after the listing was asked for, so ask for it by ID.
      if (record) return record;
    }
    return this.readById(id);
  }

  private listServer(): { records: Promise<Map<string, R>>; taken: Set<string> } {
    const records = this.listAll();
    // A failed listing is not kept: the reads that come later try again.
    records.catch(() => {
      if (this.listing?.records === records) this.listing = undefined;
    });
    return { records, taken: new Set() };
  }

  private async readById(id: string): Promise<R | undefined> {
    this.inFlight++;
    try {
      return (await this.listByIds([id])).get(id);
    } finally {
      this.inFlight--;
    }
  }
}
