import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createUploader, type KeyValueStore, UploadError } from '@vodup/core'
import { nodeTransport } from '@vodup/transport-node'
import { type S3CredentialsOptions, s3Credentials, s3Target } from '@vodup-example/plugin-s3'
import aws4 from 'aws4'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MiB, memoryStore, patternBytes, sameBytes, useTempDir } from '#test-support'
import { type S3TestServer, startS3TestServer } from './s3-test-server'

let server: S3TestServer
const work = useTempDir()

beforeAll(async () => {
  server = await startS3TestServer()
})
afterAll(() => server.stop())
beforeEach(() => {
  server.requests.length = 0
})

let filesMade = 0
/** A file of `size` bytes, other bytes than any file before it. */
async function makeFile(name: string, size: number) {
  const bytes = patternBytes(size, ++filesMade)
  return { path: await work.write(name, bytes), bytes }
}

/** An uploader to the test server's bucket, signing with `credentials` (default: the server's keys). */
function uploaderFor(
  store: KeyValueStore,
  credentials: S3CredentialsOptions['credentials'] = {
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
  },
) {
  return createUploader(
    [
      nodeTransport({ store }),
      s3Target(),
      s3Credentials({
        endpoint: server.endpoint,
        region: server.region,
        bucket: server.bucket,
        credentials,
      }),
    ],
    { partSize: 5 * MiB, concurrency: 1 },
  )
}

/** Reads an object back with a GetObject signed independently of the plugin. */
async function getObject(key: string): Promise<Buffer> {
  const url = new URL(`${server.endpoint}/${server.bucket}/${key}`)
  const signed = aws4.sign(
    { host: url.host, path: url.pathname, method: 'GET', service: 's3', region: server.region },
    { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
  )
  const response = await fetch(url, { headers: signed.headers as Record<string, string> })
  expect(response.status).toBe(200)
  return Buffer.from(await response.arrayBuffer())
}

/** Uploads the file at `path` until its first part is acknowledged, then stops. */
async function stopAfterFirstPart(uploader: ReturnType<typeof uploaderFor>, path: string) {
  uploader.hooks.partUploaded.tap('test', () => {
    void uploader.stop()
  })
  const task = uploader.addFile({ path })
  return { task, summary: await uploader.start() }
}

const partRequests = (method = 'PUT') =>
  server.requests.filter((r) => r.method === method && r.query.has('partNumber'))

describe('s3Target against s3rver', () => {
  it('uploads a several-MB file in parts, and GetObject returns the same bytes', async () => {
    const file = await makeFile('movie.mp4', 12 * MiB + 12_345)
    const progress: number[] = []
    const uploader = uploaderFor(memoryStore())
    uploader.hooks.progress.tap('test', (_file, p) => progress.push(p.loaded))

    const result = await uploader.upload({ path: file.path })

    expect(result).toMatchObject({ objectKey: 'uploads/movie.mp4', bucket: 'media', partsSent: 3 })
    expect(sameBytes(await getObject('uploads/movie.mp4'), file.bytes)).toBe(true)
    expect(partRequests().map((r) => r.query.get('partNumber'))).toEqual(['1', '2', '3'])
    expect(progress.at(-1)).toBe(file.bytes.length)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
  })

  it('signs every request with SigV4 for the bucket region and the hash of the bytes sent', async () => {
    const file = await makeFile('signed.bin', 6 * MiB)
    await uploaderFor(memoryStore()).upload({ path: file.path })

    for (const request of server.requests) {
      expect(request.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=[^,]*x-amz-content-sha256[^,]*, Signature=[0-9a-f]{64}$/,
      )
    }
    const parts = partRequests()
    const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
    expect(parts.map((r) => r.contentSha256)).toEqual([
      sha256(file.bytes.subarray(0, 5 * MiB)),
      sha256(file.bytes.subarray(5 * MiB)),
    ])
  })

  it('sends a small file in one PutObject', async () => {
    const file = await makeFile('poster.jpg', 300_000)
    const result = await uploaderFor(memoryStore()).upload({ path: file.path })
    expect(result.partsSent).toBe(0)
    expect(server.requests.map((r) => r.method)).toEqual(['PUT'])
    expect(sameBytes(await getObject('uploads/poster.jpg'), file.bytes)).toBe(true)
  })

  it('resumes after a stop and a restart without sending an acknowledged part again', async () => {
    const file = await makeFile('resume.mp4', 11 * MiB)
    const store = memoryStore()
    const first = uploaderFor(store)
    const { summary } = await stopAfterFirstPart(first, file.path)
    expect(summary.stopped).toHaveLength(1)
    expect(partRequests()).toHaveLength(1)
    await first.dispose()

    // A new uploader over the same checkpoint store, as after the app restarted.
    const second = uploaderFor(store)
    const result = await second.upload({ path: file.path })

    expect(result).toMatchObject({ partsResumed: 1, partsSent: 2 })
    expect(partRequests().map((r) => r.query.get('partNumber'))).toEqual(['1', '2', '3'])
    expect(
      server.requests.filter((r) => r.method === 'GET' && r.query.has('uploadId')),
    ).toHaveLength(1)
    expect(sameBytes(await getObject('uploads/resume.mp4'), file.bytes)).toBe(true)
    expect(store.entries.size).toBe(0)
  })

  it('aborts the multipart upload on the server when a file is canceled', async () => {
    const file = await makeFile('cancel.mp4', 11 * MiB)
    const store = memoryStore()
    const uploader = uploaderFor(store)
    const { task } = await stopAfterFirstPart(uploader, file.path)
    expect(server.openUploads()).toHaveLength(1)

    await uploader.cancelFile(task.id)

    expect(uploader.getFile(task.id)?.state).toBe('canceled')
    expect(
      server.requests.filter((r) => r.method === 'DELETE' && r.query.has('uploadId')),
    ).toHaveLength(1)
    expect(server.openUploads()).toEqual([])
    expect(store.entries.size).toBe(0)
  })

  it('fails with ACCESS_DENIED for an unknown key, and never shows the secret', async () => {
    const file = await makeFile('denied.mp4', 1000)
    const uploader = uploaderFor(memoryStore(), {
      accessKeyId: 'NOBODY',
      secretAccessKey: 'very-secret-key',
    })
    const error = await uploader.upload({ path: file.path }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UploadError)
    expect(error).toMatchObject({
      code: 'ACCESS_DENIED',
      status: 403,
      serverCode: 'InvalidAccessKeyId',
    })
    expect(JSON.stringify((error as UploadError).toJSON())).not.toContain('very-secret-key')
    expect((error as UploadError).message).not.toContain('very-secret-key')
  })
})

describe('s3Credentials', () => {
  it('fetches credentials again when S3 says ExpiredToken, and the part is sent again', async () => {
    const file = await makeFile('expiry.mp4', 11 * MiB)
    let fetched = 0
    const uploader = uploaderFor(memoryStore(), async () => {
      fetched++
      return {
        accessKeyId: server.accessKeyId,
        secretAccessKey: server.secretAccessKey,
        sessionToken: `session-${fetched}`,
      }
    })
    let failed = false
    uploader.hooks.partUploaded.tap('test', () => {
      if (!failed) server.failNextPart('ExpiredToken', 400)
      failed = true
    })

    const result = await uploader.upload({ path: file.path })

    expect(fetched).toBe(2)
    expect(result.partsSent).toBe(3)
    expect(partRequests().map((r) => r.query.get('partNumber'))).toEqual(['1', '2', '2', '3'])
    expect(sameBytes(await getObject('uploads/expiry.mp4'), file.bytes)).toBe(true)
  })

  it('fails the file on ExpiredToken when the keys are fixed', async () => {
    const file = await makeFile('fixed.mp4', 6 * MiB)
    server.failNextPart('ExpiredToken', 400)
    const error = await uploaderFor(memoryStore())
      .upload({ path: file.path })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'TOKEN_EXPIRED', serverCode: 'ExpiredToken' })
  })

  it('refuses a missing bucket or an endpoint without a scheme with INVALID_ARGUMENT', () => {
    const base = {
      endpoint: 'http://127.0.0.1:1',
      region: 'us-east-1',
      bucket: 'b',
      credentials: S3_DUMMY,
    }
    expect(() => s3Credentials({ ...base, bucket: '' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'bucket' }),
    )
    expect(() => s3Credentials({ ...base, endpoint: '127.0.0.1:9000' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'endpoint' }),
    )
  })

  it('leaves no secret in the file the kernel exposes', async () => {
    const file = await makeFile('clean.bin', 1000)
    const uploader = uploaderFor(memoryStore())
    const task = uploader.addFile({ path: file.path })
    await uploader.start()
    expect(JSON.stringify(task)).not.toContain(server.secretAccessKey)
    expect(readFileSync(file.path).length).toBe(1000)
  })
})

const S3_DUMMY = { accessKeyId: 'a', secretAccessKey: 'b' }
