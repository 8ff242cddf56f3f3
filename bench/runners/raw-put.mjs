// The server alone: multipart upload with as little client work as possible (signed requests through an undici
// pool, no hashing, each connection reading its next part while it sends one), to show how fast the emulator
// takes bytes.
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
    const read = async (buffer) => {
      if (next >= count) return undefined
      const n = next++
      const length = Math.min(partSize, size - n * partSize)
      await file.read(buffer, 0, length, n * partSize)
      return { n, bytes: buffer.subarray(0, length) }
    }
    const worker = async () => {
      const buffers = [Buffer.allocUnsafe(partSize), Buffer.allocUnsafe(partSize)]
      let part = await read(buffers[0])
      for (let turn = 1; part; turn++) {
        const [answered, following] = await Promise.all([
          send('PUT', { partNumber: String(part.n + 1), uploadId }, part.bytes),
          read(buffers[turn % 2]),
        ])
        etags[part.n] = answered.headers.etag
        part = following
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
