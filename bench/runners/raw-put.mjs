// The bare client: multipart upload with as little client work as possible (signed requests through a node:http
// keep-alive agent, the HTTP stack vodup uses, no hashing, each connection reading its next part while it sends
// one). It is the floor of a client's CPU per GiB, and it shows how fast the emulator takes bytes.
import { open } from 'node:fs/promises'
import { Agent, request } from 'node:http'
import { ossV1Authorization } from '@vodup/target-oss/internal'
import { measure, runner } from '../lib/measure.mjs'

await runner(
  async ({ path, url, bucket, key, accessKeyId, accessKeySecret, partSize, concurrency }) => {
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
    const { hostname, port } = new URL(url)
    const credentials = { accessKeyId, accessKeySecret }
    const send = (method, query, body, contentType = 'application/octet-stream') => {
      const headers = { 'content-type': contentType, 'x-oss-date': new Date().toUTCString() }
      const signed = { method, bucket, objectKey: key, query, headers }
      const search = Object.entries(query)
        .map(([name, value]) => (value === null ? name : `${name}=${encodeURIComponent(value)}`))
        .join('&')
      headers.authorization = ossV1Authorization(signed, credentials)
      headers['content-length'] = String(body.length)
      return new Promise((resolve, reject) => {
        const path = `/${bucket}/${key}${search ? `?${search}` : ''}`
        const outgoing = request({ agent, hostname, port, method, path, headers }, (response) => {
          const chunks = []
          response.on('data', (chunk) => chunks.push(chunk))
          response.on('error', reject)
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString()
            if (response.statusCode >= 300)
              reject(new Error(`${method} ${response.statusCode}: ${text}`))
            else resolve({ headers: response.headers, text })
          })
        })
        outgoing.on('error', reject)
        outgoing.end(body)
      })
    }
    const file = await open(path, 'r')
    const { size } = await file.stat()
    const meter = measure()
    const initiated = await send('POST', { uploads: null }, '')
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
    agent.destroy()
    return figures
  },
)
