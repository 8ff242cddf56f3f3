// The server alone: multipart upload with as little client work as possible (signed requests through an undici
// pool, parts read into reused buffers, no hashing), to show how fast the emulator can take bytes.
import { open } from 'node:fs/promises'
import { ossV1Authorization } from '@vodup/target-oss'
import { Pool } from 'undici'
import { measure, runner } from '../lib/measure.mjs'

await runner(
  async ({ path, url, bucket, key, accessKeyId, accessKeySecret, partSize, concurrency }) => {
    const pool = new Pool(url, { connections: concurrency })
    const credentials = { accessKeyId, accessKeySecret }
    const send = async (method, query, body, contentType = 'application/octet-stream') => {
      const headers = { 'content-type': contentType, 'x-oss-date': new Date().toUTCString() }
      const signed = { method, bucket, objectKey: key, query, headers }
      const search = Object.entries(query)
        .map(([name, value]) => (value === null ? name : `${name}=${encodeURIComponent(value)}`))
        .join('&')
      const response = await pool.request({
        method,
        path: `/${bucket}/${key}${search ? `?${search}` : ''}`,
        headers: { ...headers, authorization: ossV1Authorization(signed, credentials) },
        body,
      })
      const text = await response.body.text()
      if (response.statusCode >= 300) throw new Error(`${method} ${response.statusCode}: ${text}`)
      return { headers: response.headers, text }
    }
    const file = await open(path, 'r')
    const { size } = await file.stat()
    const meter = measure()
    const initiated = await send('POST', { uploads: null })
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(initiated.text)[1]
    const count = Math.ceil(size / partSize)
    const etags = new Array(count)
    let next = 0
    const worker = async () => {
      const buffer = Buffer.allocUnsafe(partSize)
      while (next < count) {
        const n = next++
        const length = Math.min(partSize, size - n * partSize)
        await file.read(buffer, 0, length, n * partSize)
        const { headers } = await send(
          'PUT',
          { partNumber: String(n + 1), uploadId },
          buffer.subarray(0, length),
        )
        etags[n] = headers.etag
      }
    }
    await Promise.all(Array.from({ length: concurrency }, worker))
    const xml = `<CompleteMultipartUpload>${etags.map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`).join('')}</CompleteMultipartUpload>`
    await send('POST', { uploadId }, xml, 'application/xml')
    const figures = meter.finish(size)
    await file.close()
    await pool.close()
    return figures
  },
)
