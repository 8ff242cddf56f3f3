import type { IncomingMessage } from 'node:http'

/** A response body read up to a limit. */
export interface BoundedBody {
  text: string
  /** The server sent more than the limit: `text` is a prefix (maybe empty) and the connection was dropped. */
  truncated: boolean
}

/**
 * Reads at most `limit` bytes of a response body. A body announced longer (Content-Length) is not read at all; one
 * that grows past the limit is cut there. Either way the rest is never received: the response is destroyed (the
 * connection closes instead of returning to the pool), so a huge body costs neither memory nor time.
 */
export function readBoundedBody(response: IncomingMessage, limit: number): Promise<BoundedBody> {
  return new Promise((resolve, reject) => {
    const announced = Number(response.headers['content-length'])
    if (Number.isFinite(announced) && announced > limit) {
      response.destroy()
      resolve({ text: '', truncated: true })
      return
    }
    const chunks: Buffer[] = []
    let length = 0
    const onData = (chunk: Buffer) => {
      if (length + chunk.length > limit) {
        chunks.push(chunk.subarray(0, limit - length))
        length = limit
        response.off('data', onData)
        response.destroy()
        resolve({ text: Buffer.concat(chunks, length).toString('utf8'), truncated: true })
        return
      }
      chunks.push(chunk)
      length += chunk.length
    }
    response.on('data', onData)
    response.once('end', () =>
      resolve({ text: Buffer.concat(chunks, length).toString('utf8'), truncated: false }),
    )
    response.once('error', reject)
    // A connection lost mid-body ends the response without 'end' (and, in some Node versions, without 'error').
    response.once('close', () => {
      if (!response.complete) reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))
    })
  })
}
