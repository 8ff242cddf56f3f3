import { createHash, createHmac } from 'node:crypto'
import type { Digests } from '@vodup/core'
import { crc64 } from './crc64'

/** Native digests for targets: MD5 and HMAC from node:crypto, CRC-64 in WebAssembly. */
export const nodeDigests: Required<Omit<Digests, 'partDigests'>> = {
  md5: (data) => createHash('md5').update(data).digest(),
  crc64,
  hmac: (algorithm, key, data) => createHmac(algorithm, key).update(data).digest(),
}
