/**
 * mulberry32, a tiny seeded generator: the same seed gives the same region on every machine.
 * Each concern draws from its own stream, so changing one part of the region leaves the rest as it was.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  static stream(seed: number, label: string): Random {
    let h = (seed ^ 0x811c9dc5) >>> 0;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
    return new Random(h);
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;
export const round2 = (x: number): number => Math.round(x * 100) / 100;
export const clamp = (x: number, min: number, max: number): number => Math.min(max, Math.max(min, x));

/**
 * The count out of `total` whose percentage lies in [lo, hi] nearest to `target`; undefined when no
 * count fits (a share of a very small group jumps in big steps).
 */
export function countInBand(total: number, lo: number, hi: number, target: number, max = total): number | undefined {
  let best: number | undefined;
  for (let c = 0; c <= Math.min(total, max); c++) {
    const share = total > 0 ? (100 * c) / total : 0;
    if (share < lo - 1e-9 || share > hi + 1e-9) continue;
    if (best === undefined || Math.abs(share - target) < Math.abs((100 * best) / total - target)) best = c;
  }
  return best;
}
