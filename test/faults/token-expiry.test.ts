import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectClean } from './support/expect-clean'
import { allOf, bandwidth, tokenExpiry } from './support/faults'
import { captureConsole } from './support/observe'
import type { Platform } from './support/platform'
import { createRandom } from './support/random'
import { atScale, MiB } from './support/scale'
import type { AuthMode } from './support/stacks'
import { runUploadScenario } from './support/upload-scenario'
import { createWorld, type World } from './support/world'

/**
 * Every token issued so far expires every few seconds while a large upload runs (its speed capped so that it lasts
 * through several expiries): vodup refreshes (RefreshUploadVideo; in STS mode also a new STS token) and goes on
 * with the same multipart upload.
 */
const CASES: Array<{ platform: Platform; mode: AuthMode; label: string }> = [
  { platform: 'Node', mode: 'upload-auth', label: 'UploadAuth' },
  { platform: 'Node', mode: 'sts', label: 'STS' },
  { platform: 'mini program', mode: 'upload-auth', label: 'UploadAuth' },
  { platform: 'mini program', mode: 'sts', label: 'STS' },
]

const random = createRandom(inject('faultsSeed')).fork('token-expiry')
let world: World
let restoreConsole: () => void

beforeAll(async () => {
  world = await createWorld('expiry')
  restoreConsole = captureConsole(world.watch)
})
afterAll(async () => {
  restoreConsole?.()
  await world?.stop()
})

describe('token expiry every few seconds during a large upload', () => {
  it.each(CASES.map((c, i) => ({ ...c, i })))(
    '$platform, $label: every upload completes on its first upload id',
    async ({ platform, mode, label, i }) => {
      const refreshesBefore = world.server.calls.refresh
      const row = await runUploadScenario(world, random.fork(`${platform} ${mode}`), {
        order: `02-${i}`,
        name: `Token expiry every few seconds, ${label}`,
        platform,
        runs: atScale({ ci: 1, full: 3 }),
        fileSize: atScale({ ci: [5 * MiB, 6 * MiB], full: [60 * MiB, 64 * MiB] }),
        partSize: atScale({ ci: 256 * 1024, full: MiB }),
        concurrency: 4,
        modes: [mode],
        faults: allOf(
          bandwidth(atScale({ ci: 3_000_000, full: 4_000_000 })),
          tokenExpiry(atScale({ ci: [300, 700], full: [1500, 4000] })),
        ),
      })
      expectClean(row)
      const log = world.emulator.requests()
      const expired = log.filter((e) => e.code === 'SecurityTokenExpired').length
      // Uploads created: an Initiate refused because its token had just expired creates none.
      const initiated = log.filter(
        (e) => e.operation === 'InitiateMultipartUpload' && e.status === 200,
      ).length
      expect(expired, 'tokens expired during the uploads').toBeGreaterThan(0)
      expect(initiated, 'one multipart upload per file').toBe(row.runs)
      if (mode === 'upload-auth')
        expect(world.server.calls.refresh).toBeGreaterThan(refreshesBefore)
    },
  )
})
