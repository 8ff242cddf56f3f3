import { type ChildProcess, spawn } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { useEmulator } from '#test-support'
import { type Emulator, startEmulator } from '../src/index.js'
import { popClient } from './helpers/clients.js'
import { formBody } from './helpers/form.js'
import { controlRequest, httpRequest, xmlField } from './helpers/http.js'
import { multipartRequests, ossRequest } from './helpers/oss-request.js'

/**
 * The emulator tried as an attacker would: a web page on the same machine (a simple cross-site POST, DNS
 * rebinding), a client sending hostile bodies or stalling, keys everyone knows, a key made to take over a
 * terminal, a local user reading the data directory. Each test asserts what the attacker sees, and that
 * nothing changed.
 */

const EVIL_PAGE = 'http://evil.test'
const MiB = 1024 * 1024
/** The account keys the emulator's README used to publish as its defaults. */
const PUBLISHED_KEYS = {
  id: 'LTAIvodupEmulatorTestKey',
  secret: 'vodup-emulator-fake-secret-not-for-production',
}

/** Sends raw bytes on a new connection; resolves with everything the server sent once it closed. */
function rawExchange(port: number, send: (socket: Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let received = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      received += chunk
    })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return
      reject(error)
    })
    socket.on('close', () => resolve(received))
    socket.on('connect', () => send(socket))
  })
}

/**
 * Streams up to `total` bytes of body after `head`, as fast as the server takes them, until the server
 * answers or closes; resolves with the answer and how many body bytes the server accepted into the socket.
 */
function floodBody(port: number, head: string, total: number, chunked = false) {
  return new Promise<{ answer: string; accepted: number }>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const data = Buffer.alloc(64 * 1024, 'a')
    const chunk = chunked
      ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')])
      : data
    let accepted = 0
    let answer = ''
    let done = false
    socket.setEncoding('latin1')
    socket.on('data', (data: string) => {
      answer += data
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      done = true
      resolve({ answer, accepted })
    })
    const pump = () => {
      while (!done && accepted < total) {
        accepted += chunk.length
        if (!socket.write(chunk)) {
          socket.once('drain', pump)
          return
        }
      }
    }
    socket.on('connect', () => {
      socket.write(head)
      pump()
    })
  })
}

describe('the control API refuses what a web page can send', () => {
  const emulator = useEmulator()
  const faultsBody = JSON.stringify({
    failNext: { operation: 'UploadPart', status: 503, code: 'ServiceUnavailable', count: 100 },
  })
  const unchanged = async () => {
    expect(emulator.faults.state().failNext).toEqual([])
    expect((await controlRequest(emulator, 'faults')).status).toBe(200)
  }

  it('without the token: 401, for every endpoint but health', async () => {
    for (const [method, path] of [
      ['GET', 'faults'],
      ['POST', 'faults'],
      ['DELETE', 'requests'],
      ['GET', 'requests'],
      ['GET', 'info'],
      ['PUT', 'cors'],
      ['GET', 'objects/b-1/k'],
    ] as const) {
      for (const authorization of [undefined, 'Bearer wrong-token-of-enough-length', 'Basic x']) {
        const answer = await httpRequest(`${emulator.url}/__vodup/${path}`, {
          method,
          headers: {
            'Content-Type': 'application/json',
            ...(authorization ? { Authorization: authorization } : {}),
          },
          ...(method === 'POST' || method === 'PUT' ? { body: faultsBody } : {}),
        })
        expect(answer.status, `${method} ${path} ${authorization}`).toBe(401)
        expect(answer.text).not.toContain(emulator.accessKeyId)
      }
    }
    expect((await httpRequest(`${emulator.url}/__vodup/health`)).status).toBe(200)
    await unchanged()
  })

  it('a simple cross-site POST (a form or a no-cors fetch): 403 for the foreign Origin, 415 for a body that is not JSON', async () => {
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const fromPage = await httpRequest(`${emulator.url}/__vodup/faults`, {
        method: 'POST',
        headers: { Origin: EVIL_PAGE, 'Content-Type': contentType },
        body: faultsBody,
      })
      expect(fromPage.status).toBe(403)
      expect(fromPage.headers['access-control-allow-origin']).toBeUndefined()
      // Even holding the token, a foreign page is refused; and a body that is not JSON never is read.
      const withToken = await httpRequest(`${emulator.url}/__vodup/faults`, {
        method: 'POST',
        headers: {
          Origin: EVIL_PAGE,
          'Content-Type': contentType,
          Authorization: `Bearer ${emulator.controlToken}`,
        },
        body: faultsBody,
      })
      expect(withToken.status).toBe(403)
      const notJson = await httpRequest(`${emulator.url}/__vodup/faults`, {
        method: 'POST',
        headers: { 'Content-Type': contentType, Authorization: `Bearer ${emulator.controlToken}` },
        body: faultsBody,
      })
      expect(notJson.status).toBe(415)
    }
    const expire = await httpRequest(`${emulator.url}/__vodup/faults/expire-tokens`, {
      method: 'POST',
      headers: { Origin: 'null' },
    })
    expect(expire.status).toBe(403)
    const preflight = await httpRequest(`${emulator.url}/__vodup/faults`, {
      method: 'OPTIONS',
      headers: {
        Origin: EVIL_PAGE,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    })
    expect(preflight.status).toBe(403)
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
    await unchanged()
  })

  it('DNS rebinding: a page whose host name now resolves to 127.0.0.1 still sends its own Host: 403', async () => {
    for (const host of [`rebind.evil.test:${emulator.port}`, `127.0.0.1.nip.io:${emulator.port}`]) {
      const answer = await httpRequest(`${emulator.url}/__vodup/faults`, {
        method: 'POST',
        headers: {
          Host: host,
          Origin: `http://${host}`,
          'Content-Type': 'application/json',
          Authorization: `Bearer ${emulator.controlToken}`,
        },
        body: faultsBody,
      })
      expect(answer.status, host).toBe(403)
      const read = await httpRequest(`${emulator.url}/__vodup/requests`, {
        headers: { Host: host, Authorization: `Bearer ${emulator.controlToken}` },
      })
      expect(read.status).toBe(403)
      expect(
        (await httpRequest(`${emulator.url}/__vodup/health`, { headers: { Host: host } })).status,
      ).toBe(403)
    }
    // The emulator's own names and origins work.
    for (const host of ['localhost', '127.0.0.1', '[::1]']) {
      const answer = await httpRequest(`${emulator.url}/__vodup/faults`, {
        headers: {
          Host: `${host}:${emulator.port}`,
          Origin: `http://${host}:${emulator.port}`,
          Authorization: `Bearer ${emulator.controlToken}`,
        },
      })
      expect(answer.status, host).toBe(200)
    }
    await unchanged()
  })

  it('bodies are capped at 1 MiB: a declared 150 MB body is refused before it is read, a chunked one once past the cap', async () => {
    const head = (framing: string) =>
      `POST /__vodup/faults HTTP/1.1\r\nHost: 127.0.0.1:${emulator.port}\r\nAuthorization: Bearer ${emulator.controlToken}\r\nContent-Type: application/json\r\n${framing}\r\n\r\n`
    const declared = await floodBody(emulator.port, head('Content-Length: 157286400'), 150 * MiB)
    expect(declared.answer).toMatch(/^HTTP\/1\.1 413 /)
    // What the server took before closing: socket buffers, never the 150 MB.
    expect(declared.accepted).toBeLessThan(32 * MiB)
    const chunked = await floodBody(
      emulator.port,
      head('Transfer-Encoding: chunked'),
      150 * MiB,
      true,
    )
    expect(chunked.answer).toMatch(/^HTTP\/1\.1 413 /)
    expect(chunked.accepted).toBeLessThan(32 * MiB)
    await unchanged()
  })
})

describe('account keys are made for each run', () => {
  const emulator = useEmulator()

  it('two runs share no keys, none are the published defaults, and a form signed with those writes nothing', async () => {
    const other = await startEmulator()
    try {
      expect(other.accessKeyId).not.toBe(emulator.accessKeyId)
      expect(other.accessKeySecret).not.toBe(emulator.accessKeySecret)
      expect(other.controlToken).not.toBe(emulator.controlToken)
    } finally {
      await other.stop()
    }
    expect(emulator.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/)
    expect(emulator.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/)
    expect(emulator.accessKeyId).not.toBe(PUBLISHED_KEYS.id)

    // A cross-site form POST, as a page would send it, signed with the keys the README used to publish.
    const policy = Buffer.from(
      JSON.stringify({
        expiration: new Date(Date.now() + 60_000).toISOString(),
        conditions: [['content-length-range', 0, 1024]],
      }),
    ).toString('base64')
    const boundary = `----evil${randomBytes(6).toString('hex')}`
    const body = formBody(
      {
        key: 'planted.html',
        policy,
        OSSAccessKeyId: PUBLISHED_KEYS.id,
        signature: createHmac('sha1', PUBLISHED_KEYS.secret).update(policy).digest('base64'),
        success_action_status: '200',
      },
      Buffer.from('<script>alert(1)</script>'),
      boundary,
    )
    const answer = await httpRequest(`${emulator.url}/outin-vodup-emulator`, {
      method: 'POST',
      headers: {
        Origin: EVIL_PAGE,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
      },
      body,
    })
    expect(answer.status).toBe(403)
    expect(xmlField(answer.text, 'Code')).toBe('InvalidAccessKeyId')
    expect(emulator.getObject('outin-vodup-emulator', 'planted.html')).toBeUndefined()
    expect(emulator.requests().map((r) => [r.operation, r.status])).toEqual([['PostObject', 403]])
  })

  it('fixed keys only when both are given', async () => {
    await expect(startEmulator({ accessKeyId: 'only-the-id' })).rejects.toThrow('accessKeySecret')
    const fixed = await startEmulator({ accessKeyId: 'my-id', accessKeySecret: 'my-secret' })
    try {
      expect([fixed.accessKeyId, fixed.accessKeySecret]).toEqual(['my-id', 'my-secret'])
      await expect(
        popClient(fixed, 'vod').request('CreateUploadVideo', { Title: 't', FileName: 'a.mp4' }),
      ).resolves.toHaveProperty('VideoId')
    } finally {
      await fixed.stop()
    }
  })
})

describe('hostile request bodies get 400, in one linear pass', () => {
  const emulator = useEmulator()
  const BUCKET = 'abuse-bucket'
  const oss = () => multipartRequests(emulator.url, emulator, BUCKET)
  const completeWith = async (key: string, body: string | Buffer) => {
    const uploadId = xmlField((await oss().initiate(key)).text, 'UploadId')!
    await oss().uploadPart(key, uploadId, 1, Buffer.from('part'))
    const answer = await ossRequest(emulator.url, emulator, {
      method: 'POST',
      bucket: BUCKET,
      key,
      query: [['uploadId', uploadId]],
      headers: { 'Content-Type': 'application/xml' },
      body,
    })
    return { answer, uploadId }
  }

  it.each([
    ['a megabyte of unclosed <Part> tags', `<CompleteMultipartUpload>${'<Part>'.repeat(180_000)}`],
    [
      'an ETag holding &#x110000; (no such character)',
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&#x110000;</ETag></Part></CompleteMultipartUpload>',
    ],
    [
      'a DTD declaring an entity',
      '<!DOCTYPE x [<!ENTITY big "aaaaaaaaaa">]><CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&big;</ETag></Part></CompleteMultipartUpload>',
    ],
    ['an external entity', '<!DOCTYPE x SYSTEM "file:///etc/passwd"><CompleteMultipartUpload/>'],
    [
      'a body over the 4 MiB cap',
      `<CompleteMultipartUpload>${'<Part><PartNumber>1</PartNumber><ETag>x</ETag></Part>'.repeat(90_000)}</CompleteMultipartUpload>`,
    ],
  ])(
    'CompleteMultipartUpload with %s: 400 MalformedXML, the upload untouched',
    async (name, body) => {
      const key = `bad-${name.length}.bin`
      const { answer, uploadId } = await completeWith(key, body)
      expect(answer.status).toBe(400)
      expect(xmlField(answer.text, 'Code')).toBe('MalformedXML')
      expect(emulator.getObject(BUCKET, key)).toBeUndefined()
      expect(emulator.listMultipartUploads().map((u) => u.uploadId)).toContain(uploadId)
      expect(emulator.requests().at(-1)).toMatchObject({
        operation: 'CompleteMultipartUpload',
        status: 400,
        code: 'MalformedXML',
      })
    },
  )

  it('fault inputs out of range: 400 naming the field, no fault set', async () => {
    const answer = await controlRequest(emulator, 'faults', 'POST', {
      failNext: { status: 99999, code: 'X' },
    })
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.text).error).toContain('failNext.status')
    expect(emulator.faults.state().failNext).toEqual([])
  })
})

describe('stalled connections are answered 408 and closed', () => {
  let emulator: Emulator | undefined
  afterAll(() => emulator?.stop())

  it('headers that never end, and a body that never comes', async () => {
    emulator = await startEmulator({ headersTimeoutMs: 300, requestTimeoutMs: 600 })
    const port = emulator.port
    const stalledHeaders = await rawExchange(port, (socket) =>
      socket.write('GET /b-1/k HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '),
    )
    expect(stalledHeaders).toMatch(/^HTTP\/1\.1 408 /)
    const stalledBody = await rawExchange(port, (socket) =>
      socket.write(
        'PUT /b-1/k HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\nonly a few bytes',
      ),
    )
    expect(stalledBody).toMatch(/^HTTP\/1\.1 408 /)
    expect(emulator.getObject('b-1', 'k')).toBeUndefined()
  })

  it('refuses timeouts that are not positive integers', async () => {
    await expect(startEmulator({ requestTimeoutMs: 0 })).rejects.toThrow('requestTimeoutMs')
    await expect(startEmulator({ headersTimeoutMs: Number.NaN })).rejects.toThrow(
      'headersTimeoutMs',
    )
  })
})

describe('objects kept in memory are bounded', () => {
  let emulator: Emulator | undefined
  afterAll(() => emulator?.stop())

  it('past memoryLimitBytes an upload is answered 507 InsufficientStorage and its bytes dropped; deleting makes room', async () => {
    emulator = await startEmulator({ memoryLimitBytes: MiB })
    const put = (key: string, bytes: number) =>
      ossRequest(emulator!.url, emulator!, {
        method: 'PUT',
        bucket: 'b-1',
        key,
        body: randomBytes(bytes),
      })
    expect((await put('first', 600 * 1024)).status).toBe(200)
    const refused = await put('second', 600 * 1024)
    expect(refused.status).toBe(507)
    expect(xmlField(refused.text, 'Code')).toBe('InsufficientStorage')
    expect(xmlField(refused.text, 'Message')).toContain('at most 1048576 bytes')
    expect(emulator.getObject('b-1', 'second')).toBeUndefined()
    // The refused bytes were dropped: what is left still takes a small object.
    expect((await put('small', 300 * 1024)).status).toBe(200)

    const parts = multipartRequests(emulator.url, emulator, 'b-1')
    const uploadId = xmlField((await parts.initiate('multi')).text, 'UploadId')!
    expect((await parts.uploadPart('multi', uploadId, 1, randomBytes(200 * 1024))).status).toBe(507)

    const deleted = await ossRequest(emulator.url, emulator, {
      method: 'DELETE',
      bucket: 'b-1',
      key: 'first',
    })
    expect(deleted.status).toBe(204)
    expect((await put('second', 600 * 1024)).status).toBe(200)
    expect(emulator.getObject('b-1', 'second')?.length).toBe(600 * 1024)
  })

  it('refuses a limit that is not a positive integer', async () => {
    await expect(startEmulator({ memoryLimitBytes: 0 })).rejects.toThrow('memoryLimitBytes')
    await expect(startEmulator({ memoryLimitBytes: 1.5 })).rejects.toThrow('memoryLimitBytes')
  })
})

describe('what the emulator prints and writes', () => {
  const cleanup: (() => Promise<unknown>)[] = []
  afterAll(async () => {
    for (const step of cleanup) await step()
  })

  it('an object key with ANSI escapes reaches the terminal escaped', async () => {
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
    const child: ChildProcess = spawn(process.execPath, [cli, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    cleanup.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL')
    })
    let output = ''
    const seen = (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve) => {
        const check = () => {
          const match = output.match(pattern)
          if (match) {
            child.stdout!.off('data', check)
            resolve(match)
          }
        }
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString('latin1')
        })
        child.stdout!.on('data', check)
        check()
      })
    const [, url] = (await seen(/listening on (http:\/\/\S+)/)) as RegExpMatchArray
    const [, id, secret] = (await seen(
      /AccessKeyId:\s+(\S+)\n\s+AccessKeySecret:\s+(\S+)/,
    )) as RegExpMatchArray
    const key = 'clip\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202egnp.exe'
    const put = await ossRequest(
      url!,
      { accessKeyId: id!, accessKeySecret: secret! },
      { method: 'PUT', bucket: 'b-1', key, body: 'x' },
    )
    expect(put.status).toBe(200)
    await seen(/PutObject b-1\/clip/)
    const line = output.split('\n').find((l) => l.includes('PutObject'))!
    expect(line).toContain('clip\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\u202egnp.exe')
    // No control character reached the terminal but the line ends.
    expect(output.replace(/\n/g, '')).not.toMatch(/\p{Cc}/u)
  })

  it('issued secrets and tokens are kept 0600 in a 0700 folder, and an older 0644 file is closed at start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'vodup-abuse-'))
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }))
    // As an older version left it.
    await mkdir(join(dataDir, 'meta'), { mode: 0o755 })
    await chmod(join(dataDir, 'meta'), 0o755)
    await writeFile(join(dataDir, 'meta', 'credentials.json'), '[]', { mode: 0o644 })
    await chmod(join(dataDir, 'meta', 'credentials.json'), 0o644)
    const emulator = await startEmulator({ dataDir })
    try {
      await popClient(emulator, 'sts').request('AssumeRole', {
        RoleArn: 'acs:ram::1:role/r',
        RoleSessionName: 'abuse',
      })
      await popClient(emulator, 'vod').request('CreateUploadVideo', {
        Title: 't',
        FileName: 'a.mp4',
      })
    } finally {
      await emulator.stop()
    }
    const mode = async (path: string) => (await stat(join(dataDir, path))).mode & 0o777
    expect(await mode('meta')).toBe(0o700)
    expect(await mode('meta/credentials.json')).toBe(0o600)
    const fresh = await mkdtemp(join(tmpdir(), 'vodup-abuse-'))
    cleanup.push(() => rm(fresh, { recursive: true, force: true }))
    const dataDirFresh = join(fresh, 'new-data')
    const second = await startEmulator({ dataDir: dataDirFresh })
    await popClient(second, 'sts').request('AssumeRole', {
      RoleArn: 'acs:ram::1:role/r',
      RoleSessionName: 'abuse',
    })
    await second.stop()
    expect((await stat(dataDirFresh)).mode & 0o777).toBe(0o700)
    expect((await stat(join(dataDirFresh, 'meta', 'credentials.json'))).mode & 0o777).toBe(0o600)
  })
})
