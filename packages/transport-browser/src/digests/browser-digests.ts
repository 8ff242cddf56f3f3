import type { Digests } from '@vodup/core'
import { crc64 } from '@vodup/crc64-wasm'

/**
 * What the page computes faster than portable code: CRC-64/ECMA-182 in WebAssembly (several times the portable
 * JavaScript). MD5 is not offered (WebCrypto has none), so targets use their portable MD5.
 */
export const browserDigests: Digests = {
  crc64,
}
