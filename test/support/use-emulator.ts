import { type Emulator, type EmulatorOptions, startEmulator } from '@vodup/emulator'
import { beforeEach } from 'vitest'
import { perFile } from './per-file'

/**
 * An emulator for the tests of a file: started before the first test (on a free port of 127.0.0.1), its request
 * log, faults and CORS rules reset before each test, stopped after the last. Call it at the top of the file; the value it
 * returns stands for the running emulator inside tests and hooks.
 */
export function useEmulator(options: EmulatorOptions = {}): Emulator {
  const running = perFile(
    'The emulator of useEmulator()',
    () => startEmulator({ port: 0, ...options }),
    (emulator) => emulator.stop(),
  )
  beforeEach(() => {
    running().clearRequests()
    running().faults.clear()
    running().cors.reset()
  })
  // Forwards to the emulator started before the first test, which does not exist yet when the file's top level runs.
  return new Proxy({} as Emulator, {
    get(_, name) {
      const emulator = running()
      const value = Reflect.get(emulator, name)
      return typeof value === 'function' ? value.bind(emulator) : value
    },
  })
}
