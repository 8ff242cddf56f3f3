import { createWxDouble, type WxDouble, type WxDoubleOptions } from '@vodup/transport-wx/double'
import { type RunningAppServer, startAppServer } from '@vodup-example/app-server'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { until } from '#test-support'
import { loadPage, type PageInstance } from './page-host'

/** A row of the file list a page shows. */
export interface Row {
  id: string
  name?: string
  kind: string
  percent: number
  state: string
  mediaId: string
  error: string
}

/** The file list the page shows. */
export const rows = (page: PageInstance) => page.data.files as Row[]

/** Everything a page test needs; the fields are set once the hooks ran. */
export interface PageSuite {
  /** The example's app server, with the emulator it started. */
  server: RunningAppServer
  /** The `wx` double of the running test. */
  double: WxDouble
  /** Replaces the running test's `wx` double by one made with `options`. */
  useDouble(options: WxDoubleOptions): void
  /** Loads a page of the example with the test's `wx` double and the app server. */
  load(page: string): ReturnType<typeof loadPage>
  /** Queues the files the user picks in the next chooser. */
  pick(...files: Array<{ bytes: Uint8Array; name: string }>): void
  /** The names of the operations the emulator logged. */
  operations(): string[]
  /** The objects the emulator stored (by PutObject or CompleteMultipartUpload). */
  storedObjects(): Array<Buffer | undefined>
}

/**
 * Registers the hooks of a page test file: one app server (and emulator) for the file, and for each test a new
 * `wx` double and a clean request log.
 */
export function pageSuite(): PageSuite {
  const suite = {} as PageSuite
  const emulator = () => suite.server.emulator!
  suite.useDouble = (options) => {
    suite.double?.dispose()
    suite.double = createWxDouble(options)
  }
  suite.load = (page) => loadPage(page, suite.double.wx, suite.server.url)
  suite.pick = (...files) => {
    suite.double.queuePick(files.map((f) => suite.double.files.create(f.bytes, { name: f.name })))
  }
  suite.operations = () =>
    emulator()
      .requests()
      .map((r) => r.operation)
  suite.storedObjects = () =>
    emulator()
      .requests()
      .filter((r) => r.operation === 'CompleteMultipartUpload' || r.operation === 'PutObject')
      .map((r) => emulator().getObject(r.bucket as string, r.key as string))

  beforeAll(async () => {
    suite.server = await startAppServer({ PORT: '0' })
  })
  afterAll(() => suite.server.stop())
  beforeEach(() => {
    suite.double = createWxDouble()
    emulator().clearRequests()
    emulator().faults.clear()
  })
  afterEach(() => suite.double.dispose())
  return suite
}

/** Resolves once `condition()` holds for the page; fails after 20 s, showing what the page shows. */
export function untilPage(page: PageInstance, condition: () => boolean): Promise<void> {
  return until(condition, () => page.data, 20_000)
}
