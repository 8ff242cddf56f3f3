import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

const created: string[] = []
afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

/** A fresh working directory, removed after the test. */
export async function workDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vodup-cli-'))
  created.push(dir)
  return dir
}

/** Writes a file of deterministic bytes and returns them. */
export async function writeSample(path: string, size: number, seed = 1): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(size)
  let x = seed * 2654435761
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    bytes[i] = x >>> 24
  }
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
