import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectClean } from './support/expect-clean'
import { clockSkew } from './support/faults'
import { captureConsole } from './support/observe'
import type { Platform } from './support/platform'
import { createRandom } from './support/random'
import { atScale, KiB, MiB } from './support/scale'
import { runUploadScenario } from './support/upload-scenario'
import { createWorld, type World } from './support/world'

/**
 * The server's clock is 20 minutes ahead or behind (OSS allows 15): requests are refused with RequestTimeTooSkewed
 * (and VOD calls with InvalidTimeStamp.Expired) until vodup takes the server's time from the answer.
 */
const PLATFORMS: Platform[] = ['Node', 'mini program']
const TWENTY_MINUTES = 20 * 60_000

const random = createRandom(inject('faultsSeed')).fork('clock-skew')
let world: World
let restoreConsole: () => void

beforeAll(async () => {
  world = await createWorld('skew')
  restoreConsole = captureConsole(world.watch)
})
afterAll(async () => {
  restoreConsole?.()
  await world?.stop()
})

describe('server clock skewed by 20 minutes', () => {
  it.each(PLATFORMS.map((platform, i) => ({ platform, i })))(
    '$platform: every upload completes',
    async ({ platform, i }) => {
      const row = await runUploadScenario(world, random.fork(platform), {
        order: `03-${i}`,
        name: 'Server clock skewed by 20 minutes',
        platform,
        runs: atScale({ ci: 2, full: 20 }),
        fileSize: atScale({ ci: [250 * KiB, 600 * KiB], full: [512 * KiB, 3 * MiB] }),
        partSize: atScale({ ci: 100 * KiB, full: 256 * KiB }),
        concurrency: 3,
        modes: ['upload-auth', 'sts'],
        faults: clockSkew(TWENTY_MINUTES),
      })
      expectClean(row)
      const skewed = world.emulator.requests().filter((e) => e.code === 'RequestTimeTooSkewed')
      expect(skewed.length, 'OSS refused requests for the skew').toBeGreaterThan(0)
    },
  )
})
