/**
 * Internal to vodup: the WebAssembly CRC-64/ECMA-182 kernel, shared from source by the packages that bundle it
 * (`@vodup/transport-node`, `@vodup/transport-browser`, `@vodup/emulator`). Not published.
 *
 * @internal
 * @module
 */
export { Crc64, crc64 } from './crc64'
