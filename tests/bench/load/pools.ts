/**
 * How the write benchmarks use the manifest's write targets so that every request changes a
 * row no other request changes: sign-ups and check-ins take (member, activity) pairs, each pair
 * once in the whole run (the app's cells and the bound's alike); progress reports cycle over a
 * fixed subset of assignments per connection, so no two connections write the same row.
 */

export interface Pair {
  member: number;
  activity: number;
}

/**
 * The k-th pair of `members` × `activities` (indices), in an order where consecutive pairs name
 * different activities, so simultaneous requests do not queue on one activity's row lock: for
 * activity a = k mod A the member is (⌊k / A⌋ + a) mod M, which for a fixed activity runs over
 * every member once as k runs over 0 … M·A − 1.
 */
export function pairAt(k: number, members: number, activities: number): Pair {
  if (!Number.isInteger(k) || k < 0 || k >= members * activities) throw new RangeError(`pair ${k} outside ${members} × ${activities}`);
  const activity = k % activities;
  return { member: (Math.floor(k / activities) + activity) % members, activity };
}

/**
 * Hands out pairs from the front: each cell takes its share and no pair comes out twice. Only the
 * members of the pairs handed out need a session, so the runner signs in `membersFor(n)` first.
 */
export class PairPool {
  private next = 0;
  constructor(
    readonly members: number,
    readonly activities: number,
  ) {}

  get size() {
    return this.members * this.activities;
  }

  get left() {
    return this.size - this.next;
  }

  take(n: number): Pair[] {
    if (n > this.left) throw new RangeError(`asked for ${n} pairs, ${this.left} left`);
    const out = Array.from({ length: n }, (_, i) => pairAt(this.next + i, this.members, this.activities));
    this.next += n;
    return out;
  }
}

/** The distinct members among the first `n` pairs (ascending indices). */
export function membersFor(n: number, members: number, activities: number): number[] {
  const seen = new Set<number>();
  for (let k = 0; k < Math.min(n, members * activities); k++) seen.add(pairAt(k, members, activities).member);
  return [...seen].sort((a, b) => a - b);
}

/**
 * Deals `items` to `connections` round-robin: connection c gets items c, c + C, c + 2C, … so the
 * connections, moving in step, work on neighbouring items (here: different activities).
 */
export function deal<T>(items: readonly T[], connections: number): T[][] {
  const hands: T[][] = Array.from({ length: connections }, () => []);
  items.forEach((item, i) => hands[i % connections]!.push(item));
  return hands;
}

/** Each connection's pair share for one cell: the pool split evenly over the cells still to run, capped. */
export function shareFor(left: number, cellsLeft: number, cap: number): number {
  if (cellsLeft <= 0) return 0;
  return Math.min(cap, Math.floor(left / cellsLeft));
}
