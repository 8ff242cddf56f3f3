import { createHash } from 'node:crypto'
import { createUploader, type UploadResult } from '@vodup/core'
import { describe, expect, it } from 'vitest'
import {
  emulatorAuth,
  nodeTransportForTest,
  patternBytes,
  sameBytes,
  useEmulator,
  useTempDir,
} from '#test-support'
import { ossTarget } from '../src/index'
import { crc64 } from '../src/internal'
import { officialClient } from './oss-client'

const emulator = useEmulator()
const files = useTempDir()

const KiB = 1024

describe.each(['v1', 'v4'] as const)(
  'uploading through the emulator with %s signatures',
  (version) => {
    it('sends a file of several MB in parts; the stored object equals the file', async () => {
      const bytes = patternBytes(5 * 1024 * KiB + 12_345, 7)
      const path = await files.write(`movie-${version}.mp4`, bytes)
      const uploader = createUploader(
        [
          await nodeTransportForTest(),
          ossTarget({ signatureVersion: version }),
          emulatorAuth(emulator, { region: true }),
        ],
        { partSize: 1024 * KiB, concurrency: 3 },
      )
      const reported: string[] = []
      uploader.hooks.response.tap('test', (response) => {
        reported.push(response.requestId ?? 'none')
      })
      const result: UploadResult = await uploader.upload({ path })

      const key = `uploads/movie-${version}.mp4`
      expect(sameBytes(await emulator.getObject(emulator.defaultBucket, key), bytes)).toBe(true)
      expect(result).toMatchObject({
        size: bytes.length,
        partsSent: 6,
        partsResumed: 0,
        objectKey: key,
      })
      expect(result.crc64).toBe(crc64(bytes))
      const operations = emulator.requests().map((r) => `${r.operation}:${r.status}`)
      expect(operations.filter((o) => o === 'UploadPart:200')).toHaveLength(6)
      expect(operations[0]).toBe('InitiateMultipartUpload:200')
      expect(operations.at(-1)).toBe('CompleteMultipartUpload:200')
      // The target names its request id header; the response hook reports each id the server sent.
      expect(reported.sort()).toEqual(
        emulator
          .requests()
          .map((r) => r.requestId)
          .sort(),
      )

      const official = await officialClient(emulator).get(key)
      expect(sameBytes(official.content, bytes)).toBe(true)
      expect(official.res.headers['content-type']).toBe('video/mp4')
      expect(official.res.headers['x-oss-hash-crc64ecma']).toBe(crc64(bytes))
    })

    it('sends a small file in one PutObject', async () => {
      const bytes = patternBytes(50 * KiB, 3)
      const path = await files.write(`cover-${version}.jpg`, bytes)
      const uploader = createUploader(
        [
          await nodeTransportForTest(),
          ossTarget({ signatureVersion: version, contentMd5: true }),
          emulatorAuth(emulator, { region: true, mode: 'sts' }),
        ],
        { partSize: 1024 * KiB },
      )
      const seen: Array<Record<string, string>> = []
      uploader.hooks.request.tap('test', (request) => {
        seen.push({ ...request.headers })
        return request
      })
      const userData = '{"Vod":{"Title":"封面"}}'
      const result = await uploader.upload({ path }, { meta: { userData } })

      const key = `uploads/cover-${version}.jpg`
      expect(sameBytes(await emulator.getObject(emulator.defaultBucket, key), bytes)).toBe(true)
      expect(emulator.requests().map((r) => r.operation)).toEqual(['AssumeRole', 'PutObject'])
      expect(result).toMatchObject({ partsSent: 0, crc64: crc64(bytes) })
      expect(seen).toHaveLength(1)
      expect(seen[0]['x-oss-notification']).toBe(Buffer.from(userData, 'utf8').toString('base64'))
      expect(seen[0]['Content-MD5']).toBe(createHash('md5').update(bytes).digest('base64'))
      expect(JSON.stringify(seen)).not.toMatch(/security-token|CAIS/i)
      const head = await officialClient(emulator).head(key)
      expect(head.res.headers['content-type']).toBe('image/jpeg')
    })

    it('stores an empty file with one PutObject', async () => {
      const path = await files.write(`empty-${version}.txt`, new Uint8Array(0))
      const uploader = createUploader([
        await nodeTransportForTest(),
        ossTarget({ signatureVersion: version }),
        emulatorAuth(emulator, { region: true }),
      ])
      const result = await uploader.upload({ path })
      expect(result).toMatchObject({ size: 0, crc64: '0', partsSent: 0 })
      const stored = await emulator.getObject(
        emulator.defaultBucket,
        `uploads/empty-${version}.txt`,
      )
      expect(stored?.length).toBe(0)
    })
  },
)
