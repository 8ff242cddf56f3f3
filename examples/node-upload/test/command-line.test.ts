import { spawn } from 'node:child_process'
import { isAbsolute, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type RunningAppServer, startAppServer } from '@vodup-example/app-server'
import { filePathsFrom } from '@vodup-example/node-upload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KiB, patternBytes, sameBytes, useTempDir } from '#test-support'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const work = useTempDir()
let server: RunningAppServer

beforeAll(async () => {
  server = await startAppServer({ PORT: '0' })
})
afterAll(() => server.stop())

/** Runs `npm run upload -w examples/node-upload -- ...args` from the repository root, as the README says. */
function npmRunUpload(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'upload', '-w', 'examples/node-upload', '--', ...args], {
      cwd: root,
      env: { ...process.env, APP_SERVER_URL: server.url, INIT_CWD: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

describe('the upload command', () => {
  it('finds a relative path from where the command was typed, not from the example folder', async () => {
    const bytes = patternBytes(300 * KiB, 7)
    const file = await work.write('relative.mp4', bytes)
    const typed = relative(root, file)
    expect(isAbsolute(typed)).toBe(false)

    const { code, output } = await npmRunUpload([typed])

    expect(output).toMatch(/relative\.mp4: uploaded, video /)
    expect(code).toBe(0)
    const created = server
      .emulator!.requests()
      .filter((r) => r.operation === 'CompleteMultipartUpload' || r.operation === 'PutObject')
    expect(created).toHaveLength(1)
    const { bucket, key } = created[0]
    expect(sameBytes(server.emulator!.getObject(bucket!, key!), bytes)).toBe(true)
  })
})

describe('filePathsFrom', () => {
  it('resolves relative paths from INIT_CWD, else the current directory, and keeps absolute ones', () => {
    expect(filePathsFrom(['a.mp4', '/abs/b.mp4'], { INIT_CWD: '/home/me' }, '/repo/x')).toEqual([
      '/home/me/a.mp4',
      '/abs/b.mp4',
    ])
    expect(filePathsFrom(['./c.mp4'], {}, '/repo/x')).toEqual(['/repo/x/c.mp4'])
  })
})
