// Writes the demo's sample video: an MP4 container (ftyp + mdat boxes) around deterministic pseudo-random bytes.
import { open, stat } from 'node:fs/promises'

const CHUNK = 1024 * 1024

function ftypBox() {
  const box = Buffer.alloc(32)
  box.writeUInt32BE(32, 0)
  box.write('ftypisom', 4, 'latin1')
  box.writeUInt32BE(0x200, 12)
  box.write('isomiso2avc1mp41', 16, 'latin1')
  return box
}

/** Creates `path` with `size` bytes unless a file of that size is already there. */
export async function writeSampleVideo(path, size) {
  const existing = await stat(path).catch(() => undefined)
  if (existing?.size === size) return false
  const file = await open(path, 'w')
  try {
    const ftyp = ftypBox()
    const mdatHeader = Buffer.alloc(8)
    mdatHeader.writeUInt32BE(size - ftyp.length, 0)
    mdatHeader.write('mdat', 4, 'latin1')
    await file.write(Buffer.concat([ftyp, mdatHeader]))
    let written = ftyp.length + mdatHeader.length
    let x = 0x9e3779b9
    const chunk = Buffer.allocUnsafe(CHUNK)
    while (written < size) {
      for (let i = 0; i < CHUNK; i += 4) {
        x ^= x << 13
        x ^= x >>> 17
        x ^= x << 5
        chunk.writeInt32LE(x | 0, i)
      }
      const length = Math.min(CHUNK, size - written)
      await file.write(chunk, 0, length)
      written += length
    }
  } finally {
    await file.close()
  }
  return true
}
