/**
 * A small seeded pseudo-random generator (mulberry32). The demo must be identical on every run and
 * on both engines, so nothing in the seed calls Math.random() or reads the clock to decide content.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick() sur une liste vide');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks an index with a probability proportional to its weight. */
  weightedIndex(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** n distinct items (or all of them when there are fewer). */
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, Math.min(n, items.length));
  }
}

/**
 * Splits `total` into `count` integers within [min, max] whose sum is exactly `total`,
 * starting from random draws and nudging them one unit at a time.
 */
export function splitTotal(rng: Random, total: number, count: number, min: number, max: number): number[] {
  if (total < count * min || total > count * max) throw new Error(`Impossible de répartir ${total} en ${count} parts entre ${min} et ${max}`);
  const parts = Array.from({ length: count }, () => rng.int(min, max));
  let sum = parts.reduce((a, b) => a + b, 0);
  while (sum !== total) {
    const i = rng.int(0, count - 1);
    if (sum < total && parts[i]! < max) {
      parts[i]!++;
      sum++;
    } else if (sum > total && parts[i]! > min) {
      parts[i]!--;
      sum--;
    }
  }
  return parts;
}
