import { type HttpRequest, UploadError, type UploaderPlugin } from '@vodup/core'
import { nodeTransport } from '@vodup/transport-node'

/** The OSS operation of a request, from its method and query (enough for the operations vodup sends). */
export function ossOperation(request: HttpRequest): string {
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : ''
  const has = (name: string) => new RegExp(`(^|&)${name}(=|&|$)`).test(query)
  if (/(^|&)Action=/.test(query) || /Action=/.test(String(request.body ?? ''))) return 'RPC'
  if (request.method === 'PUT') return has('partNumber') ? 'UploadPart' : 'PutObject'
  if (request.method === 'POST' && has('uploads')) return 'InitiateMultipartUpload'
  if (request.method === 'POST' && has('uploadId')) return 'CompleteMultipartUpload'
  if (request.method === 'GET' && has('uploadId')) return 'ListParts'
  if (request.method === 'DELETE' && has('uploadId')) return 'AbortMultipartUpload'
  return 'other'
}

/**
 * transport-node whose network loses answers: the request reaches the server and is served, then the app gets a
 * NETWORK error instead of the answer (a connection that dropped on the way back). `lose(operation, n)` decides
 * for the n-th request (from 1) of each operation.
 */
export function lossyNodeTransport(
  checkpointDir: string,
  lose: (operation: string, n: number) => boolean,
): UploaderPlugin {
  const inner = nodeTransport({ checkpointDir })
  const counts = new Map<string, number>()
  return {
    name: 'transport-node',
    apply(kernel) {
      kernel.provideTransport({
        ...inner.transport,
        async request(request) {
          const operation = ossOperation(request)
          const n = (counts.get(operation) ?? 0) + 1
          counts.set(operation, n)
          const response = await inner.transport.request(request)
          if (lose(operation, n)) {
            throw new UploadError('NETWORK', `The answer to ${operation} was lost on the way back.`)
          }
          return response
        },
      })
      return () => inner.close()
    },
  }
}
