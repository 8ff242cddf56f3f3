import { describe, expect, it } from 'vitest'
import { patternBytes, sameBytes, testDir } from '#test-support'
import { nodeTransport } from '../src'
import { wireServer } from './helpers/wire-server'

const PART = 512 * 1024

async function sample(parts: number) {
  const files = await testDir()
  const bytes = patternBytes(parts * PART)
  const path = await files.write('movie.mp4', bytes)
  const { transport } = nodeTransport({ checkpointDir: files.dir })
  return { bytes, transport, source: await transport.openFile(path) }
}

describe('read buffers', () => {
  it('are not reused while unreleased, so a slow request sends the bytes it was given', async () => {
    const { bytes, transport, source } = await sample(3)
    let releaseBody: () => void = () => {}
    const server = await wireServer(undefined, (req) => {
      req.pause()
      releaseBody = () => req.resume()
      return false
    })
    const first = await source.read(0, PART)
    const sending = transport.request({
      method: 'PUT',
      url: `${server.url}/p1`,
      headers: {},
      body: first,
    })
    const second = await source.read(PART, 2 * PART)
    expect(second.buffer).not.toBe(first.buffer)
    releaseBody()
    await sending
    expect(sameBytes(server.seen[0].body, bytes.subarray(0, PART))).toBe(true)
    await source.close()
  })

  it('are reused once released, for later parts of any file', async () => {
    const { bytes, source } = await sample(3)
    const first = await source.read(0, PART)
    source.release?.(first)
    const second = await source.read(PART, 2 * PART)
    expect(second.buffer).toBe(first.buffer)
    expect(sameBytes(second, bytes.subarray(PART, 2 * PART))).toBe(true)
    source.release?.(second)
    source.release?.(second)
    const third = await source.read(2 * PART, 3 * PART)
    const fourth = await source.read(0, PART)
    expect(fourth.buffer).not.toBe(third.buffer)
    await source.close()
  })
})
