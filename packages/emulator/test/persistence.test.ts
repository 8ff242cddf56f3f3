import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '#test-support'
import { startEmulator } from '../src/index.js'
import {
  decodeBase64Json,
  ossClient,
  popClient,
  type UploadAuth,
  uploadAuthKeys,
} from './helpers/clients.js'

describe('data directory', () => {
  const data = useTempDir()

  it('keeps objects, uploads in progress, videos and issued credentials across a restart', async () => {
    const first = await startEmulator({ dataDir: data.dir })
    const single = randomBytes(5000)
    const partOne = randomBytes(100 * 1024)
    const partTwo = randomBytes(333)
    const multi = randomBytes(210 * 1024)
    await ossClient(first, 'keep').put('single.bin', single)
    await ossClient(first, 'keep').multipartUpload('multi.bin', multi, { partSize: 100 * 1024 })
    const created = await popClient(first, 'vod').request<{
      VideoId: string
      UploadAuth: string
      UploadAddress: string
    }>('CreateUploadVideo', { Title: 'restart', FileName: 'r.mp4' })
    const auth = decodeBase64Json<UploadAuth>(created.UploadAuth)
    const address = decodeBase64Json<{ Bucket: string; FileName: string }>(created.UploadAddress)
    const uploader = ossClient(first, address.Bucket, uploadAuthKeys(auth))
    const { uploadId } = await uploader.initMultipartUpload(address.FileName)
    const one = await uploader.uploadPart(address.FileName, uploadId, 1, partOne, 0, partOne.length)
    await first.stop()

    const second = await startEmulator({ dataDir: data.dir })
    try {
      expect(second.getObject('keep', 'single.bin')?.equals(single)).toBe(true)
      expect(second.getObject('keep', 'multi.bin')?.equals(multi)).toBe(true)
      expect(
        ((await ossClient(second, 'keep').get('multi.bin')).content as Buffer).equals(multi),
      ).toBe(true)
      expect(second.listMultipartUploads()).toEqual([
        expect.objectContaining({ uploadId, partNumbers: [1] }),
      ])

      const resumed = ossClient(second, address.Bucket, uploadAuthKeys(auth))
      const two = await resumed.uploadPart(
        address.FileName,
        uploadId,
        2,
        partTwo,
        0,
        partTwo.length,
      )
      await resumed.completeMultipartUpload(address.FileName, uploadId, [
        { number: 1, etag: one.etag },
        { number: 2, etag: two.etag },
      ])
      expect(
        second
          .getObject(address.Bucket, address.FileName)
          ?.equals(Buffer.concat([partOne, partTwo])),
      ).toBe(true)
      const info = await popClient(second, 'vod').request<{ Video: { Status: string } }>(
        'GetVideoInfo',
        {
          VideoId: created.VideoId,
        },
      )
      expect(info.Video.Status).toBe('Normal')
      await ossClient(second, 'keep').delete('single.bin')
    } finally {
      await second.stop()
    }
    const third = await startEmulator({ dataDir: data.dir })
    try {
      expect(third.getObject('keep', 'single.bin')).toBeUndefined()
      expect(third.listMultipartUploads()).toEqual([])
    } finally {
      await third.stop()
    }
  })
})
