import { type Emulator, type EmulatorOptions, startEmulator } from '@vodup/emulator'
import { afterAll, beforeAll, beforeEach } from 'vitest'

/**
 * An emulator for the tests of a file: started before the first test (on a free port of 127.0.0.1), its request
 * log and faults cleared before each test, stopped after the last. Call it at the top of the file; the value it
 * returns stands for the running emulator inside tests and hooks.
 */
export function useEmulator(options: EmulatorOptions = {}): Emulator {
  let running: Emulator | undefined
  beforeAll(async () => {
    running = await startEmulator({ port: 0, ...options })
  })
  beforeEach(() => {
    running?.clearRequests()
    running?.faults.clear()
  })
  afterAll(() => running?.stop())
  // Forwards to the emulator started in beforeAll, which does not exist yet when the file's top level runs.
  return new Proxy({} as Emulator, {
    get(_, name) {
      if (!running) throw new Error('useEmulator(): the emulator runs only while the tests run.')
      const value = Reflect.get(running, name)
      return typeof value === 'function' ? value.bind(running) : value
    },
  })
}
