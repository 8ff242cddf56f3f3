/** The compiled CRC-64 module as base64. */
export function compileCrc64Wasm(): Promise<string>
/** The TypeScript module that carries the binary. */
export function crc64WasmSource(): Promise<string>
