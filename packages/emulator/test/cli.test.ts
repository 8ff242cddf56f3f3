import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import RPCClient from '@alicloud/pop-core'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeBase64Json, type UploadAuth } from './helpers/clients.js'
import { httpRequest } from './helpers/http.js'

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const BIN = fileURLToPath(new URL('../bin/vodup-emulator.js', import.meta.url))

/** Resolves with the first stdout match of `pattern`, collecting everything printed meanwhile. */
function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  output: { text: string },
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; got:\n${output.text}`)),
      10_000,
    )
    const check = () => {
      const match = output.text.match(pattern)
      if (match) {
        clearTimeout(timer)
        child.stdout?.off('data', check)
        resolve(match)
      }
    }
    child.stdout?.on('data', check)
    check()
  })
}

describe('vodup-emulator command', () => {
  const children: ChildProcess[] = []
  let dataDir: string | undefined
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('is built (npm test builds before running vitest)', () => {
    expect(existsSync(CLI), `${CLI} is missing: run npm run build -w packages/emulator`).toBe(true)
  })

  it('prints where it listens and the account keys, serves, logs requests without secrets, and stops on SIGTERM', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'vodup-emulator-cli-'))
    const child = spawn(
      process.execPath,
      [
        CLI,
        '--port',
        '0',
        '--access-key-id',
        'cli-key-id',
        '--access-key-secret',
        'cli-key-secret',
        '--token-ttl',
        '120',
        '--data-dir',
        dataDir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    children.push(child)
    const output = { text: '' }
    child.stdout.on('data', (chunk: Buffer) => {
      output.text += chunk.toString()
    })
    const [, url] = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/, output)
    await waitForOutput(child, /AccessKeySecret:\s+cli-key-secret/, output)
    expect(output.text).toMatch(/AccessKeyId:\s+cli-key-id/)

    const vod = new RPCClient({
      endpoint: url!,
      apiVersion: '2017-03-21',
      accessKeyId: 'cli-key-id',
      accessKeySecret: 'cli-key-secret',
    } as RPCClient.Config)
    const created = await vod.request<{ UploadAuth: string }>('CreateUploadVideo', {
      Title: 'cli',
      FileName: 'cli.mp4',
    })
    const auth = decodeBase64Json<UploadAuth>(created.UploadAuth)
    expect(auth.Expiration).toBe('120')
    expect((await httpRequest(`${url}/__vodup/health`)).status).toBe(200)

    await waitForOutput(child, /CreateUploadVideo -> 200/, output)
    const requestLines = output.text.slice(output.text.indexOf('control API'))
    expect(requestLines).toContain('CreateUploadVideo')
    for (const secret of ['cli-key-secret', auth.AccessKeySecret, auth.SecurityToken]) {
      expect(requestLines).not.toContain(secret)
    }

    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    )
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })

  it('runs through the package bin entry', async () => {
    const child = spawn(process.execPath, [BIN, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0)
    expect(stdout).toContain('Usage: vodup-emulator')
  })

  it('rejects bad arguments with a usage message', async () => {
    const child = spawn(process.execPath, [CLI, '--port', 'abc'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(2)
    expect(stderr).toContain('--port must be an integer')
    expect(stderr).toContain('Usage: vodup-emulator')
  })
})
