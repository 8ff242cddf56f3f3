import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectClean } from './support/expect-clean'
import { allOf, bandwidth, partResets, serverErrorBursts } from './support/faults'
import { captureConsole } from './support/observe'
import { createRandom } from './support/random'
import { atScale, KiB, MiB } from './support/scale'
import { type FaultPlan, runUploadScenario } from './support/upload-scenario'
import { createWorld, type World } from './support/world'
import { busyRequestSlots, hideAndShow, networkChanges } from './support/wx-faults'

/**
 * What only mini programs go through, on the whole WeChat stack in a mini-program `vm` context with the wx double:
 * the app hidden and shown, the network switching, other app requests sharing WeChat's 10 request slots. The
 * emulator's bandwidth is capped so that each upload lives through many of these events.
 */
const SLOW = bandwidth(2_000_000)
const SCENARIOS: Array<[string, FaultPlan]> = [
  ['App hidden and shown repeatedly', allOf(SLOW, hideAndShow())],
  ['Network changes (Wi-Fi, cellular, offline)', allOf(SLOW, networkChanges())],
  ['10-request cap shared with other app requests', allOf(SLOW, busyRequestSlots())],
  [
    'All of them at once, with resets and 5xx bursts',
    allOf(
      SLOW,
      hideAndShow(),
      networkChanges([200, 800]),
      busyRequestSlots(),
      partResets(0.15),
      serverErrorBursts(0.2),
    ),
  ],
]

const random = createRandom(inject('faultsSeed')).fork('miniprogram-lifecycle')
let world: World
let restoreConsole: () => void

beforeAll(async () => {
  world = await createWorld('lifecycle')
  restoreConsole = captureConsole(world.watch)
})
afterAll(async () => {
  restoreConsole?.()
  await world?.stop()
})

describe('mini-program life: hide/show, network changes, the shared request cap', () => {
  it.each(SCENARIOS.map(([name, plan], i) => ({ name, plan, i })))(
    '$name: every upload completes',
    async ({ name, plan, i }) => {
      const concurrency = random.int(3, 8)
      let peak = 0
      const row = await runUploadScenario(world, random.fork(name), {
        order: `06-${i}`,
        name,
        platform: 'mini program',
        runs: atScale({ ci: 2, full: 15 }),
        fileSize: atScale({ ci: [600 * KiB, 1200 * KiB], full: [2 * MiB, 6 * MiB] }),
        partSize: 100 * KiB,
        concurrency,
        transport: { concurrency },
        double: { hideKillDelayMs: 100 },
        modes: ['upload-auth', 'sts'],
        faults: (run) => {
          const disarm = plan(run)
          return async () => {
            peak = Math.max(peak, run.double?.network.peakInFlight ?? 0)
            await disarm()
          }
        },
      })
      expectClean(row)
      expect(peak, 'requests in flight never exceed the transport concurrency').toBeLessThanOrEqual(
        concurrency,
      )
    },
  )
})
