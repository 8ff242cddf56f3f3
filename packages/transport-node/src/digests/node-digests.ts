import { createHash, createHmac } from 'node:crypto'
import type { Digests } from '@vodup/core'
import { crc64 } from './crc64'
import { partCrc64, partMd5 } from './part-hashes'

/**
 * Native digests for targets: MD5 and HMAC from node:crypto, CRC-64 in WebAssembly, and a part's CRC-64 (the hot
 * path) or MD5 (only where it is the proof) in slices between other work.
 */
export const nodeDigests: Required<Digests> = {
  md5: (data) => createHash('md5').update(data).digest(),
  crc64,
  hmac: (algorithm, key, data) => createHmac(algorithm, key).update(data).digest(),
  partCrc64,
  partMd5,
}
