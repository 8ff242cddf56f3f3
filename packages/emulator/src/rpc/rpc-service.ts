import type { IncomingMessage } from 'node:http'
import { BodyTooLarge, drainBody, readBodyBuffer } from '../http/body.js'
import type { RequestContext } from '../http/context.js'
import { send } from '../http/respond.js'
import { resolveOssAddress } from '../oss/addressing.js'
import type { PreparedRequest } from '../prepared-request.js'
import { RpcError, rpcError, rpcErrorBody } from './errors.js'
import { authenticateRpc } from './rpc-auth.js'
import { prepareRpcPreflight, rpcCorsHeaders } from './rpc-cors.js'
import type { RpcAction, RpcDeps } from './rpc-deps.js'
import { assumeRole } from './sts-actions.js'
import {
  createUploadImage,
  createUploadVideo,
  getVideoInfo,
  refreshUploadVideo,
} from './vod-actions.js'

interface ActionSpec {
  version: string
  run: RpcAction
}

const ACTIONS: Record<string, ActionSpec> = {
  CreateUploadVideo: { version: '2017-03-21', run: createUploadVideo },
  RefreshUploadVideo: { version: '2017-03-21', run: refreshUploadVideo },
  CreateUploadImage: { version: '2017-03-21', run: createUploadImage },
  GetVideoInfo: { version: '2017-03-21', run: getVideoInfo },
  AssumeRole: { version: '2015-04-01', run: assumeRole },
}

const isForm = (req: IncomingMessage) =>
  /^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')

/**
 * RPC requests go to `/` with an `Action` (query, form body or `x-acs-action` header); a preflight to `/`
 * is the gateway's unless the host names a bucket. Everything else is OSS.
 */
export function isRpcRequest(req: IncomingMessage, url: URL): boolean {
  if (url.pathname !== '/') return false
  if (url.searchParams.has('Action') || req.headers['x-acs-action'] !== undefined) return true
  if (req.method === 'OPTIONS') return resolveOssAddress(req.headers.host, '/').bucket === undefined
  return req.method === 'POST' && isForm(req)
}

function sendRpcError(ctx: RequestContext, deps: RpcDeps, error: RpcError): void {
  ctx.code = error.code
  send(
    ctx,
    error.status,
    {
      'Content-Type': 'application/json;charset=utf-8',
      Date: deps.clock.date().toUTCString(),
      'x-acs-request-id': ctx.requestId,
      ...rpcCorsHeaders(ctx.req),
    },
    rpcErrorBody(error, ctx.requestId, ctx.req.headers.host ?? ''),
  )
}

/** Reads the parameters (query plus form body), names the operation, and returns how to serve it. */
export async function prepareRpc(ctx: RequestContext, deps: RpcDeps): Promise<PreparedRequest> {
  if (ctx.req.method === 'OPTIONS') return prepareRpcPreflight(ctx, deps)
  const params = new Map<string, string>(ctx.url.searchParams)
  ctx.params = params
  let bodyError: RpcError | undefined
  if (ctx.req.method === 'POST' && isForm(ctx.req)) {
    try {
      const body = await readBodyBuffer(ctx, 1024 * 1024)
      for (const [name, value] of new URLSearchParams(body.toString('utf8')))
        params.set(name, value)
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error
      bodyError = rpcError.invalidParameter('Body', 'The request body is too large.')
    }
  }
  const action =
    params.get('Action') ?? (ctx.req.headers['x-acs-action'] as string | undefined) ?? 'Unknown'
  const spec = ACTIONS[action]
  const fail = async (error: RpcError) => {
    await drainBody(ctx)
    sendRpcError(ctx, deps, error)
  }

  const serve = async () => {
    try {
      if (bodyError) throw bodyError
      if (!params.get('Action')) throw rpcError.missing('Action')
      if (!spec) throw rpcError.actionNotFound()
      if (params.get('Version') !== spec.version) throw rpcError.invalidVersion()
      await drainBody(ctx)
      authenticateRpc(ctx.req.method ?? 'GET', params, deps)
      const result = await spec.run(params, deps)
      send(
        ctx,
        200,
        {
          'Content-Type': 'application/json;charset=utf-8',
          Date: deps.clock.date().toUTCString(),
          'x-acs-request-id': ctx.requestId,
          ...rpcCorsHeaders(ctx.req),
        },
        JSON.stringify({ RequestId: ctx.requestId, ...result }),
      )
    } catch (error) {
      if (error instanceof RpcError) {
        await fail(error)
        return
      }
      throw error
    }
  }

  return {
    // An action the emulator does not serve is logged as `Unknown`, not under a name a client made up.
    operation: spec ? action : 'Unknown',
    serve,
    fail: (status, code, message) => fail(new RpcError(status, code, message)),
  }
}
