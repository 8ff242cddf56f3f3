import { writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { patternBytes, testDir } from '#test-support'

/** A fresh working directory, removed after the test. */
export async function workDir(): Promise<string> {
  return (await testDir()).dir
}

/** Writes a file of deterministic bytes and returns them. */
export async function writeSample(path: string, size: number, seed = 1): Promise<Buffer> {
  const bytes = Buffer.from(patternBytes(size, seed))
  await writeFile(path, bytes)
  return bytes
}

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
