import type { IncomingMessage } from 'node:http'
import { drainBody } from '../http/body.js'
import type { RequestContext } from '../http/context.js'
import { send } from '../http/respond.js'
import type { PreparedRequest } from '../prepared-request.js'
import type { RpcDeps } from './rpc-deps.js'

/**
 * The OpenAPI gateway lets any page call it (the credentials are in the signed query, never in cookies):
 * every answer to a request with an `Origin` allows that origin.
 */
export function rpcCorsHeaders(req: IncomingMessage): Record<string, string> {
  return req.headers.origin ? { 'Access-Control-Allow-Origin': '*' } : {}
}

/** A preflight to the OpenAPI endpoint: GET and POST with any request headers, from any origin. */
export function prepareRpcPreflight(ctx: RequestContext, deps: RpcDeps): PreparedRequest {
  const answer = async (status: number, extra: Record<string, string>) => {
    await drainBody(ctx)
    send(ctx, status, {
      Date: deps.clock.date().toUTCString(),
      'x-acs-request-id': ctx.requestId,
      ...extra,
    })
  }
  return {
    operation: 'Options',
    serve: () => {
      const requested = ctx.req.headers['access-control-request-headers']
      return answer(200, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        ...(requested ? { 'Access-Control-Allow-Headers': String(requested) } : {}),
        'Access-Control-Max-Age': '86400',
      })
    },
    fail: (status, code) => {
      ctx.code = code
      return answer(status, rpcCorsHeaders(ctx.req))
    },
  }
}
