/**
 * Internal to vodup: the WebAssembly CRC-64/ECMA-182 kernel, shared from source by the Node packages that bundle it
 * (`@vodup/transport-node`, `@vodup/emulator`). Not published.
 *
 * @internal
 * @module
 */
export { Crc64, crc64 } from './crc64'
