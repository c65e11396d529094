/** Wall time of each table and phase of a load, in the order they ran. */
export class LoadTimer {
  readonly entries: { name: string; ms: number; rows?: number; phase: boolean }[] = [];

  constructor(private readonly report?: (entry: { name: string; ms: number; rows?: number; phase: boolean }) => void) {}

  /** Times one table's load; `load` answers the number of rows it wrote. */
  async table(name: string, load: () => Promise<number>): Promise<number> {
    const start = performance.now();
    const rows = await load();
    this.record({ name, ms: performance.now() - start, rows, phase: false });
    return rows;
  }

  /** Times a phase (building rows in memory, indexes, ANALYZE…). */
  async phase<T>(name: string, run: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const result = await run();
    this.record({ name, ms: performance.now() - start, phase: true });
    return result;
  }

  private record(entry: { name: string; ms: number; rows?: number; phase: boolean }) {
    this.entries.push(entry);
    this.report?.(entry);
  }
}
