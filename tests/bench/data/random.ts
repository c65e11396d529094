/**
 * A small fixed-seed generator (mulberry32). Each committee draws from its own stream, seeded by
 * the step and the committee's id, so the first city comes out the same in every scale: the
 * province set differs from the tenth only by what the measured users do not see.
 */
import { prng } from "@dm/db/seed";

export type Random = () => number;

/** The demo seed's mulberry32. */
export const rng = (seed: number): Random => prng(seed);

/** The stream of one generation step for one key (a committee id, usually). */
export const streamOf = (step: number, key: number): Random => rng(Math.imul(step, 2654435761) ^ Math.imul(key + 1, 40503));

/** An integer in [lo, hi]. */
export const between = (random: Random, lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));

export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** Picks a key of `weights` with probability proportional to its weight. */
export function weighted<K extends string>(random: Random, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  let u = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, w] of entries) {
    u -= w;
    if (u < 0) return key;
  }
  return entries.at(-1)![0];
}

/** `k` distinct items of `list` in random order (a partial Fisher–Yates shuffle). */
export function sample<T>(random: Random, list: readonly T[], k: number): T[] {
  const copy = [...list];
  const n = Math.min(k, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

/** One of `items`, each with probability proportional to its weight. */
export function weightedItem<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  let u = random() * items.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of items) {
    u -= w;
    if (u < 0) return item;
  }
  return items.at(-1)![0];
}
