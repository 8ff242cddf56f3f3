// Input files of the benchmark, made once and kept under .bench-data/ (git-ignored).
import { open, stat, truncate, writeFile } from 'node:fs/promises'

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
