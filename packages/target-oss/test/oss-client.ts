import { createRequire } from 'node:module'
import type { Emulator } from '@vodup/emulator'

const require = createRequire(import.meta.url)
const OSS = require('ali-oss') as new (
  options: Record<string, unknown>,
) => {
  get(key: string): Promise<{ content: Buffer; res: { headers: Record<string, string> } }>
  head(key: string): Promise<{ res: { headers: Record<string, string> } }>
  abortMultipartUpload(key: string, uploadId: string): Promise<unknown>
}

/** The official OSS client, pointed at the emulator's default bucket with the account keys. */
export function officialClient(emulator: Emulator) {
  return new OSS({
    endpoint: emulator.url,
    bucket: emulator.defaultBucket,
    region: `oss-${emulator.region}`,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
  })
}
