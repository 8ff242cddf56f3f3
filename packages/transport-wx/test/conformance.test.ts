import { writeFileSync } from 'node:fs'
import { transportConformance } from '@vodup/core/testing'
import { afterAll, describe, it } from 'vitest'
import { useEmulator } from '#test-support'
import { createWxDouble } from '../src/double/index'
import { createWxTransport } from '../src/index'

// The transport contract every platform keeps: wx.request, FileSystemManager and wx storage through the wx double,
// which speaks real HTTP to the emulator's conformance routes and reads real files.
const emulator = useEmulator()
const double = createWxDouble()
const transport = createWxTransport({ wx: double.wx, formUpload: { maxSize: 1024 * 1024 } })
afterAll(() => {
  transport.dispose()
  double.dispose()
})

describe('transport-wx keeps the transport contract', () => {
  const cases = transportConformance({
    transport,
    server: () => emulator.url,
    files: {
      create: (name, bytes) => double.files.create(bytes, { name }),
      change: (path, bytes) => writeFileSync(double.files.realPath(path as string)!, bytes),
      missing: () => 'wxfile://usr/no-such-file.bin',
    },
  })
  for (const c of cases) it.skipIf(Boolean(c.skip))(c.name, () => c.run())
})
