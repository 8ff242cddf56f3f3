import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'

/** One request the server received. */
export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  authorization: string | undefined
  contentSha256: string | undefined
}

/** s3rver's own access key. */
export const S3RVER_KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

function sendXml(res: ServerResponse, status: number, xml: string) {
  res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': 'shim' })
  res.end(`<?xml version="1.0" encoding="UTF-8"?>${xml}`)
}

const noSuchUpload = (res: ServerResponse) =>
  sendXml(
    res,
    404,
    '<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>',
  )

/**
 * s3rver on 127.0.0.1 behind a thin front that records every request and adds what s3rver 3.7 lacks and the
 * S3 target needs: ListParts, AbortMultipartUpload, and NoSuchUpload for parts or completions of an unknown
 * upload (s3rver would create it). Both read s3rver's upload folders (`<bucket>/._S3rver_uploads/<id>/<n>`).
 */
export async function startS3TestServer(bucket = 'media') {
  const directory = mkdtempSync(join(tmpdir(), 'vodup-s3rver-'))
  const s3rver = new S3rver({
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  })
  await s3rver.configureBuckets()
  const handle = s3rver.callback()
  const requests: RecordedRequest[] = []
  const failures: Array<{ code: string; status: number }> = []
  const uploadDir = (id: string) => join(directory, bucket, '._S3rver_uploads', id)

  const listParts = (res: ServerResponse, id: string) => {
    const parts = readdirSync(uploadDir(id))
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .sort((a, b) => a - b)
      .map((n) => {
        const file = join(uploadDir(id), String(n))
        const etag = readFileSync(`${file}.md5`, 'utf8')
        return `<Part><PartNumber>${n}</PartNumber><ETag>"${etag}"</ETag><Size>${statSync(file).size}</Size></Part>`
      })
    sendXml(
      res,
      200,
      `<ListPartsResult><UploadId>${id}</UploadId><IsTruncated>false</IsTruncated>${parts.join('')}</ListPartsResult>`,
    )
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push({
      method: req.method ?? '',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      authorization: req.headers.authorization,
      contentSha256: req.headers['x-amz-content-sha256'] as string | undefined,
    })
    const id = url.searchParams.get('uploadId')
    const failure = req.method === 'PUT' && url.searchParams.has('partNumber') && failures.shift()
    if (failure) {
      req.resume()
      return sendXml(
        res,
        failure.status,
        `<Error><Code>${failure.code}</Code><Message>Injected by the test.</Message></Error>`,
      )
    }
    if (id !== null) {
      const known = /^[0-9a-f]+$/.test(id) && existsSync(uploadDir(id))
      if (!known) return noSuchUpload(res)
      if (req.method === 'GET') return listParts(res, id)
      if (req.method === 'DELETE') {
        rmSync(uploadDir(id), { recursive: true, force: true })
        res.writeHead(204).end()
        return
      }
    }
    handle(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    ...S3RVER_KEYS,
    requests,
    /** The next UploadPart requests fail with this S3 error, once each. */
    failNextPart(code: string, status: number) {
      failures.push({ code, status })
    },
    /** Multipart uploads the server still holds. */
    openUploads: () => {
      const dir = join(directory, bucket, '._S3rver_uploads')
      return existsSync(dir) ? readdirSync(dir) : []
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

export type S3TestServer = Awaited<ReturnType<typeof startS3TestServer>>
