// A digest alone, in memory: CPU seconds per GiB of vodup's CRC-64 (WebAssembly, as transport-node hashes parts)
// or of node:crypto's MD5, over an 8 MiB buffer hashed again and again. The floor of hashing, no I/O.
import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'
import { crc64 } from '@vodup/transport-node'
import { measure, runner } from '../lib/measure.mjs'

const BUFFER = 8 * 1024 * 1024

await runner(async ({ path, digest, bytes: total }) => {
  const buffer = Buffer.allocUnsafe(BUFFER)
  const file = await open(path, 'r')
  await file.read(buffer, 0, BUFFER, 0)
  await file.close()
  const hash =
    digest === 'md5' ? (data) => createHash('md5').update(data).digest() : (data) => crc64(data)
  hash(buffer) // compiles and warms up what the first call needs
  const meter = measure()
  for (let done = 0; done < total; done += BUFFER) hash(buffer)
  return meter.finish(Math.ceil(total / BUFFER) * BUFFER)
})
