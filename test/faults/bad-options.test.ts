import { uploadAuth } from '@vodup/auth-uploadauth'
import { createUploader, isUploadError } from '@vodup/core'
import { retry } from '@vodup/retry'
import { ossTarget } from '@vodup/target-oss'
import { nodeTransport } from '@vodup/transport-node'
import { createWxDouble } from '@vodup/transport-wx/double'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectClean } from './support/expect-clean'
import { Tally } from './support/ledger'
import { captureConsole, codeOf } from './support/observe'
import {
  notBoolean,
  notNonNegativeWhole,
  notPositiveWhole,
  oneBadOption,
  vodUploadBadWhole,
} from './support/option-arbitraries'
import { atScale } from './support/scale'
import { miniProgramUploader } from './support/stacks'
import { finishScenario } from './support/verify'
import { loadVODUpload } from './support/vodupload-app'
import { createWorld, type World } from './support/world'

/**
 * Constructor options generated with fast-check: negative or fractional part sizes, zero parallelism, parallelism
 * above the platform's cap, non-numbers, non-booleans. Each is refused at construction with INVALID_ARGUMENT whose
 * `field` names the option as the app wrote it.
 */
const SCENARIO = 'Bad constructor options'
const seed = inject('faultsSeed')
const numRuns = atScale({ ci: 150, full: 2000 })
let world: World
let restoreConsole: () => void

beforeAll(async () => {
  world = await createWorld('options')
  restoreConsole = captureConsole(world.watch)
})
afterAll(async () => {
  restoreConsole?.()
  await world?.stop()
})

/** Kernel options and what each refuses (the Node transport runs at most 16 requests by default). */
const KERNEL_OPTIONS = (platformCap: number) => ({
  partSize: notPositiveWhole,
  concurrency: fc.oneof(notPositiveWhole, fc.integer({ min: platformCap + 1, max: 100_000 })),
  fileConcurrency: notPositiveWhole,
  timeoutMs: notPositiveWhole,
  multipartThreshold: notNonNegativeWhole,
  refreshAheadMs: notNonNegativeWhole,
  progressIntervalMs: notNonNegativeWhole,
  maxRefreshesWithoutProgress: notPositiveWhole,
  checkpoints: notBoolean,
})

function expectRefused(tally: Tally, thrown: unknown, field: string): void {
  tally.row.runs++
  tally.error(codeOf(thrown))
  world.watch.record(`${SCENARIO} error`, thrown)
  expect(isUploadError(thrown), String(thrown)).toBe(true)
  expect(codeOf(thrown)).toBe('INVALID_ARGUMENT')
  expect((thrown as { field?: string }).field).toBe(field)
}

function thrownBy(build: () => unknown): unknown {
  try {
    build()
  } catch (error) {
    return error
  }
  return undefined
}

describe(SCENARIO, () => {
  it('Node, createUploader and its plugins refuse them with INVALID_ARGUMENT naming the option', async () => {
    const tally = new Tally('09-0', SCENARIO, 'Node (createUploader)')
    const getUploadAuth = () => world.server.createUploadVideo('never.mp4')
    const plugins = () => [nodeTransport(), ossTarget(), retry(), uploadAuth({ getUploadAuth })]
    fc.assert(
      fc.property(oneBadOption(KERNEL_OPTIONS(16)), ({ field, options }) => {
        expectRefused(
          tally,
          thrownBy(() => createUploader(plugins(), options)),
          field,
        )
      }),
      { seed, numRuns },
    )
    const transportOptions = {
      maxConcurrency: notPositiveWhole,
      defaultConcurrency: notPositiveWhole,
      defaultPartSize: notPositiveWhole,
    }
    fc.assert(
      fc.property(oneBadOption(transportOptions), ({ field, options }) => {
        expectRefused(
          tally,
          thrownBy(() => nodeTransport(options)),
          field,
        )
      }),
      { seed, numRuns },
    )
    const retryOptions = {
      retries: notNonNegativeWhole,
      minTimeout: notNonNegativeWhole,
      factor: fc.constantFrom(0, -1, Number.NaN, '2'),
    }
    fc.assert(
      fc.property(oneBadOption(retryOptions), ({ field, options }) => {
        expectRefused(
          tally,
          thrownBy(() => retry(options)),
          field,
        )
      }),
      { seed, numRuns },
    )
    expectClean(finishScenario(world, tally))
  })

  it('mini program, createUploader + wxTransport refuse them, the 10-request cap included', async () => {
    const tally = new Tally('09-1', SCENARIO, 'mini program (createUploader)')
    const double = createWxDouble()
    const create = (options: object, transport: object) =>
      miniProgramUploader(world, double, { mode: 'upload-auth', options }, transport).then(
        () => undefined,
        (error: unknown) => error,
      )
    await fc.assert(
      fc.asyncProperty(oneBadOption(KERNEL_OPTIONS(4)), async ({ field, options }) => {
        expectRefused(tally, await create(options, {}), field)
      }),
      { seed, numRuns },
    )
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 9, max: 10_000 }),
          notPositiveWhole.filter((v) => v !== null),
        ),
        async (concurrency) => {
          expectRefused(tally, await create({}, { concurrency }), 'concurrency')
        },
      ),
      { seed, numRuns },
    )
    double.dispose()
    expectClean(finishScenario(world, tally))
  })

  it("mini program, new VODUpload(options) refuses what cannot work naming VODUpload's option, and takes what VODUpload took", async () => {
    const tally = new Tally('09-2', SCENARIO, 'mini program (VODUpload)')
    const double = createWxDouble()
    const { VODUpload } = await loadVODUpload(double.wx)
    // VODUpload never refused a number or a flag: the drop-in takes the nearest usable value (and warns once).
    const tolerated = {
      partSize: vodUploadBadWhole,
      parallel: fc.oneof(vodUploadBadWhole, fc.integer({ min: 9, max: 10_000 })),
      timeout: vodUploadBadWhole,
      retryCount: fc.oneof(
        fc.integer({ min: -1e6, max: -1 }),
        fc.constantFrom(0.5, -2.5, '3', true),
      ),
      retryDuration: fc.oneof(
        fc.integer({ min: -1e6, max: -1 }),
        fc.constantFrom(Number.POSITIVE_INFINITY, '2', true),
      ),
      cname: notBoolean.filter((v) => v !== null),
    }
    fc.assert(
      fc.property(oneBadOption(tolerated), ({ field, options }) => {
        tally.row.runs++
        expect(
          thrownBy(() => new VODUpload(options)),
          field,
        ).toBeUndefined()
      }),
      { seed, numRuns },
    )
    const fields = {
      region: fc.oneof(
        fc.constantFrom('Shanghai', 'oss-cn-shanghai', 'cn_shanghai', 42, true),
        fc.stringMatching(/^[A-Z][a-z]{3,8}$/),
      ),
      vodEndpoint: fc.constantFrom(
        'ftp://vod.example',
        'https://vod.example/path',
        'https://vod.example/?a=1',
      ),
      allowPlainHttp: notBoolean.filter((v) => v !== null),
    }
    fc.assert(
      fc.property(oneBadOption(fields), ({ field, options }) => {
        expectRefused(
          tally,
          thrownBy(() => new VODUpload(options)),
          field,
        )
      }),
      { seed, numRuns },
    )
    double.dispose()
    expectClean(finishScenario(world, tally))
  })
})
