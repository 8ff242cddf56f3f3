import { join } from 'node:path'
import type { Uploader, UploaderOptions } from '@vodup/core'
import type { WxDouble, WxDoubleOptions } from '@vodup/transport-wx/double'
import { type ScenarioRow, Tally } from './ledger'
import { codeOf } from './observe'
import { openPlatform, type Platform, watchUploader } from './platform'
import { fileBytes, type Random } from './random'
import type { AuthMode, WxTransportConfig } from './stacks'
import { finishScenario, verifyObject } from './verify'
import type { World } from './world'

/** What a fault plan gets for one run. */
export interface RunHandle {
  readonly world: World
  readonly random: Random
  readonly index: number
  readonly mode: AuthMode
  readonly fileSize: number
  readonly partSize: number
  /** The wx double of a mini-program run. */
  readonly double?: WxDouble
}

/** Arms a run's faults once its upload started; returns what disarms them. */
export type FaultPlan = (run: RunHandle) => () => void | Promise<void>

/** A scenario of uploads under faults that vodup must survive: every upload must complete. */
export interface UploadScenario {
  order: string
  name: string
  platform: Platform
  runs: number
  /** File sizes are drawn from [min, max]. */
  fileSize: readonly [number, number]
  partSize: number
  concurrency: number
  /** Auth modes, taken in turn run after run. */
  modes: readonly AuthMode[]
  faults: FaultPlan
  options?: UploaderOptions
  /** Taps the scenario's own observers on each run's uploader. */
  observe?: (uploader: Uploader) => void
  /** Notes of the scenario's own, made once every run is over (before the row is saved, so the table shows them). */
  summarize?: () => string[]
  transport?: WxTransportConfig
  double?: WxDoubleOptions
}

/** Runs a scenario's uploads one after another, each with a new uploader (a new app session). */
export async function runUploadScenario(
  world: World,
  random: Random,
  scenario: UploadScenario,
): Promise<ScenarioRow> {
  const tally = new Tally(scenario.order, scenario.name, scenario.platform)
  const { emulator, watch } = world
  emulator.clearRequests()
  emulator.faults.clear()
  for (let index = 0; index < scenario.runs; index++) {
    const mode = scenario.modes[index % scenario.modes.length]
    const fileSize = random.int(scenario.fileSize[0], scenario.fileSize[1])
    const bytes = fileBytes(fileSize, random)
    const label = `${scenario.name} run ${index}`
    const session = await openPlatform(
      world,
      scenario.platform,
      join(world.dir, scenario.order, String(index)),
      bytes,
      label,
      scenario,
    )
    const uploader = await session.uploader(mode, {
      partSize: scenario.partSize,
      concurrency: scenario.concurrency,
      ...scenario.options,
    })
    watchUploader(world, tally, uploader, label)
    scenario.observe?.(uploader)
    uploader.hooks.partUploaded.tap('faults', () => session.recordStore())
    tally.row.runs++
    tally.row.expected++
    const disarm = scenario.faults({
      world,
      random,
      index,
      mode,
      fileSize,
      partSize: scenario.partSize,
      double: session.double,
    })
    try {
      const result = await uploader.upload(session.input)
      tally.row.completed++
      if (!verifyObject(world, tally, result, bytes)) tally.note(`run ${index}: the object differs`)
    } catch (error) {
      watch.record(`${label} rejection`, error)
      tally.note(`run ${index} (${mode}) failed: ${codeOf(error)} ${(error as Error).message}`)
    } finally {
      await disarm()
      emulator.faults.clear()
      await uploader.dispose()
      await session.close(tally)
    }
  }
  for (const note of scenario.summarize?.() ?? []) tally.note(note)
  return finishScenario(world, tally)
}
