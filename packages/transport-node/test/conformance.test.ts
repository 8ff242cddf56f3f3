import { mkdtempSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { transportConformance } from '@vodup/core/testing'
import { afterAll, describe, it } from 'vitest'
import { useEmulator, useTempDir } from '#test-support'
import { nodeTransport } from '../src'

// The transport contract every platform keeps, run against the emulator's conformance routes.
const emulator = useEmulator()
const files = useTempDir()
const checkpoints = mkdtempSync(join(tmpdir(), 'vodup-conformance-'))
const plugin = nodeTransport({ checkpointDir: checkpoints, maxConcurrency: 4 })
afterAll(async () => {
  await plugin.close()
  rmSync(checkpoints, { recursive: true, force: true })
})

describe('transport-node keeps the transport contract', () => {
  const cases = transportConformance({
    transport: plugin.transport,
    server: () => emulator.url,
    files: {
      create: (name, bytes) => files.write(name, bytes),
      change: (path, bytes) => writeFile(path as string, bytes),
      missing: () => files.path('no-such-file.bin'),
    },
  })
  for (const c of cases) it.skipIf(Boolean(c.skip))(c.name, () => c.run())
})
