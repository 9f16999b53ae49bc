/** Work that writes to the index (scans, resets, prunes, repairs) runs one piece at a time, in order of arrival. */
export class WriteTurns {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.last.then(work, work);
    this.last = next.catch(() => undefined); // a failed piece does not stop the ones after it
    return next;
  }
}
