// A refresh that never runs twice at once: calls made while one runs coalesce into one more run after it.
export class CoalescedRefresh {
  private pending: Promise<void> | undefined;
  private again = false;

  constructor(private readonly work: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.pending) {
      this.again = true;
      return this.pending;
    }
    this.pending = (async () => {
      do {
        this.again = false;
        await this.work();
      } while (this.again);
    })().finally(() => { this.pending = undefined; });
    return this.pending;
  }
}
