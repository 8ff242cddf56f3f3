/**
 * Internal to vodup: the WebAssembly CRC-64/ECMA-182 kernel, shared from source by the packages that bundle it
 * (`@vodup/transport-node`, `@vodup/transport-browser`, `@vodup/emulator`). Not published.
 *
 * @internal
 * @module
 */
export type { Crc64KernelImage } from './crc64'
export { Crc64, crc64, crc64KernelImage } from './crc64'
