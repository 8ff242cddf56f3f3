import { afterAll, beforeAll, describe, inject, it } from 'vitest'
import { expectClean } from './support/expect-clean'
import { allOf, bandwidth, latency, partResets, serverErrorBursts } from './support/faults'
import { captureConsole } from './support/observe'
import type { Platform } from './support/platform'
import { createRandom } from './support/random'
import { atScale, KiB, MiB } from './support/scale'
import { type FaultPlan, runUploadScenario } from './support/upload-scenario'
import { createWorld, type World } from './support/world'

/** Faults of real networks, each on many uploads with random timing, on both platforms and in both auth modes. */
const SCENARIOS: Array<[string, FaultPlan]> = [
  ['Connection reset in the middle of a part body', partResets(0.3)],
  ['5xx bursts on 20 % of requests', serverErrorBursts(0.2)],
  ['Latency of 200 ms on every request', latency(200)],
  ['Bandwidth of 1 MB/s', bandwidth(1_000_000)],
  [
    'All of them at once',
    allOf(partResets(0.15), serverErrorBursts(0.2), latency(200), bandwidth(1_000_000)),
  ],
]
const PLATFORMS: Platform[] = ['Node', 'mini program']

const random = createRandom(inject('faultsSeed')).fork('network-faults')
let world: World
let restoreConsole: () => void

beforeAll(async () => {
  world = await createWorld('network')
  restoreConsole = captureConsole(world.watch)
})
afterAll(async () => {
  restoreConsole?.()
  await world?.stop()
})

describe.each(PLATFORMS)('network faults, %s', (platform) => {
  it.each(SCENARIOS.map(([name, plan], i) => ({ name, plan, i })))(
    '$name: every upload completes with the bytes of its file',
    async ({ name, plan, i }) => {
      const row = await runUploadScenario(world, random.fork(`${platform} ${name}`), {
        order: `01-${PLATFORMS.indexOf(platform)}-${i}`,
        name,
        platform,
        runs: atScale({ ci: 2, full: 20 }),
        fileSize: atScale({ ci: [250 * KiB, 700 * KiB], full: [512 * KiB, 4 * MiB] }),
        partSize: atScale({ ci: 100 * KiB, full: 256 * KiB }),
        concurrency: 3,
        modes: ['upload-auth', 'sts'],
        faults: plan,
      })
      expectClean(row)
    },
  )
})
