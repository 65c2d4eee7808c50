/**
 * Fresh reads of single records (before an update or an adoption), coalesced: reads that arrive
 * within 50 ms of each other — the engine runs steps in parallel — share one List
 * call filtered by their IDs. Nothing is kept after the call answers.
 */
export class CoalescedReads<R> {
  private pending: { id: string; resolve: (t: R | undefined) => void; reject: (e: unknown) => void }[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly listByIds: (ids: string[]) => Promise<Map<string, R>>,
    /** How long the first read of a batch waits for others. */
    private readonly windowMs = 50,
    /** Most IDs in one List call. */
    private readonly maxBatch = 100,
  ) {}

  read(id: string): Promise<R | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.push({ id, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0, this.maxBatch);
    if (this.pending.length > 0) this.timer = setTimeout(() => this.flush(), this.windowMs);
    if (batch.length === 0) return;
    this.listByIds([...new Set(batch.map((r) => r.id))]).then(
      (found) => batch.forEach((r) => r.resolve(found.get(r.id))),
      (error: unknown) => batch.forEach((r) => r.reject(error)),
    );
  }
}
