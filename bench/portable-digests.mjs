// `node bench/portable-digests.mjs`: the mini program's portable CRC-64 and MD5 alone (no emulator, no upload),
// the figures `node bench/run.mjs` also prints. Needs no build: the digests are bundled from source.
import { portableDigestLines } from './lib/portable-digests.mjs'
import { pinning } from './lib/processes.mjs'

for (const line of await portableDigestLines({ cpu: pinning(true)?.client })) console.log(line)
