// Input files of the benchmark, made once and kept under .bench-data/ (git-ignored).
import { mkdir, open, readdir, stat, truncate, writeFile } from 'node:fs/promises'

const CHUNK = 8 * 1024 * 1024

/** A file of `size` pseudo-random bytes (not compressible, not all zero), written once. */
export async function ensureDenseFile(path, size) {
  if ((await stat(path).catch(() => undefined))?.size === size) return
  const file = await open(path, 'w')
  const chunk = Buffer.allocUnsafe(CHUNK)
  let x = 0x12345678
  try {
    for (let written = 0; written < size; written += CHUNK) {
      for (let i = 0; i < CHUNK; i += 4) {
        x ^= x << 13
        x ^= x >>> 17
        x ^= x << 5
        chunk.writeInt32LE(x | 0, i)
      }
      await file.write(chunk, 0, Math.min(CHUNK, size - written))
    }
  } finally {
    await file.close()
  }
}

/** A sparse file of `size` bytes (zeros that take no disk), for the memory run on a large file. */
export async function ensureSparseFile(path, size) {
  if ((await stat(path).catch(() => undefined))?.size === size) return
  await writeFile(path, '')
  await truncate(path, size)
}

const UNITS = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3 }

/** Bytes of a size such as `256MB`, `1GiB` or `100000` (decimal KB/MB/GB, binary KiB/MiB/GiB). */
export function parseSize(text) {
  const match = /^(\d+(?:\.\d+)?)\s*([KMG]i?B|B)?$/i.exec(text.trim())
  if (!match) throw new Error(`--size ${text}: give a size such as 256MB or 1GiB`)
  return Math.round(Number(match[1]) * UNITS[(match[2] ?? 'B').toUpperCase()])
}

/** A short name for a size: `1GiB`, `256MB`, or bytes. */
export function sizeLabel(bytes) {
  for (const [unit, factor] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['GB', 1e9],
    ['MB', 1e6],
  ]) {
    if (bytes % factor === 0) return `${bytes / factor}${unit}`
  }
  return `${bytes}B`
}

/** A directory of `count` files of `size` pseudo-random bytes each (each file different), written once. */
export async function ensureSmallFiles(dir, count, size) {
  await mkdir(dir, { recursive: true })
  if ((await readdir(dir)).length === count) return
  const bytes = Buffer.allocUnsafe(size)
  let x = 0x9e3779b9
  for (let i = 0; i < count; i++) {
    for (let j = 0; j + 4 <= size; j += 4) {
      x ^= x << 13
      x ^= x >>> 17
      x ^= x << 5
      bytes.writeInt32LE(x | 0, j)
    }
    await writeFile(`${dir}/${String(i).padStart(5, '0')}.bin`, bytes)
  }
}
