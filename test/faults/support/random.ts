/** A seeded pseudo-random source (mulberry32), so a failing run can be replayed with `VODUP_FAULTS_SEED`. */
export interface Random {
  readonly seed: number
  /** In [0, 1). */
  next(): number
  /** A whole number in [min, max]. */
  int(min: number, max: number): number
  /** True with probability `p`. */
  chance(p: number): boolean
  pick<T>(values: readonly T[]): T
  /** A derived source for one part of the suite, independent of how much the others consumed. */
  fork(label: string): Random
}

function hash(text: string, seed: number): number {
  let h = seed ^ 0x9e3779b9
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x85ebca6b)
  return (h ^ (h >>> 13)) >>> 0
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (values) => values[Math.floor(next() * values.length)],
    fork: (label) => createRandom(hash(label, seed)),
  }
}

/** Deterministic bytes for a file of `size` (xorshift, four bytes at a time). */
export function fileBytes(size: number, random: Random): Buffer {
  const bytes = Buffer.alloc(size)
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(size / 4))
  let x = random.int(1, 0x7fffffff)
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    words[i] = x
  }
  for (let i = words.length * 4; i < size; i++) bytes[i] = random.int(0, 255)
  return bytes
}
