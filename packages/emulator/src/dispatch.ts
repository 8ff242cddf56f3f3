import type { IncomingMessage, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { CONFORMANCE_PREFIX, conformanceRoutes } from './conformance-routes.js'
import { type ControlDeps, handleControl } from './control-api.js'
import { CONTROL_PREFIX } from './defaults.js'
import type { FaultController } from './faults.js'
import { ConnectionResetByFault, drainBody, resetConnection } from './http/body.js'
import type { RequestContext } from './http/context.js'
import { ossRequestId, rpcRequestId } from './ids.js'
import type { OssDeps } from './oss/oss-deps.js'
import { prepareOss } from './oss/oss-service.js'
import type { RequestLog } from './request-log.js'
import type { RpcDeps } from './rpc/rpc-deps.js'
import { isRpcRequest, prepareRpc } from './rpc/rpc-service.js'

/** Everything a request may touch. */
export interface DispatchDeps {
  oss: OssDeps
  rpc: RpcDeps
  control: ControlDeps
  faults: FaultController
  log: RequestLog
}

function logEntry(ctx: RequestContext, log: RequestLog): void {
  const finished = ctx.res.writableFinished && !ctx.wasReset
  log.add({
    time: new Date().toISOString(),
    requestId: ctx.requestId,
    operation: ctx.operation,
    ...(ctx.bucket ? { bucket: ctx.bucket } : {}),
    ...(ctx.key ? { key: ctx.key } : {}),
    ...(ctx.uploadId ? { uploadId: ctx.uploadId } : {}),
    ...(ctx.partNumber !== undefined ? { partNumber: ctx.partNumber } : {}),
    status: ctx.lostStatus ?? (finished ? ctx.res.statusCode : 0),
    ...(ctx.code ? { code: ctx.code } : ctx.wasReset ? { code: 'ConnectionReset' } : {}),
    ...(ctx.lostStatus !== undefined ? { answerLost: true } : {}),
    ...(ctx.rewrite && ctx.lostStatus === undefined ? { answerRewritten: true } : {}),
    bytes: ctx.bytes,
  })
}

/** The HTTP request listener: control endpoints, the transport conformance routes, then RPC or OSS with faults applied. */
export function createDispatcher(deps: DispatchDeps) {
  const conformance = conformanceRoutes()
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid')
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      await handleControl(req, res, url, deps.control)
      return
    }
    if (url.pathname.startsWith(CONFORMANCE_PREFIX)) {
      await conformance(req, res, url).catch(() => res.destroy())
      return
    }
    const rpc = isRpcRequest(req, url)
    const ctx: RequestContext = {
      req,
      res,
      url,
      requestId: rpc ? rpcRequestId() : ossRequestId(),
      operation: 'Unknown',
      bytes: 0,
      bodyDone: false,
      wasReset: false,
    }
    let logged = false
    res.on('close', () => {
      if (logged) return
      logged = true
      if (ctx.reset && !ctx.wasReset) deps.faults.releaseReset(ctx.reset)
      logEntry(ctx, deps.log)
    })
    try {
      const prepared = rpc ? await prepareRpc(ctx, deps.rpc) : prepareOss(ctx, deps.oss)
      ctx.operation = prepared.operation
      const latency = deps.faults.latencyFor(ctx.operation)
      if (latency > 0) await sleep(latency)
      const limiters = deps.faults.limitersFor(ctx.operation)
      if (limiters) ctx.limiters = limiters
      const reset = deps.faults.claimReset(ctx.operation)
      if (reset) {
        ctx.reset = reset
        if (reset.afterBytes <= 0 || ctx.bytes >= reset.afterBytes) resetConnection(ctx)
      }
      ctx.loseAnswer = deps.faults.takeLostAnswer(ctx.operation)
      const rewrite = deps.faults.takeRewrite(ctx.operation, ctx.partNumber)
      if (rewrite) ctx.rewrite = rewrite
      const failure = deps.faults.takeFailure(ctx.operation)
      if (failure) {
        await drainBody(ctx)
        await prepared.fail(
          failure.status,
          failure.code,
          failure.message ?? `Injected fault: ${failure.code}.`,
        )
        return
      }
      await prepared.serve()
    } catch (error) {
      if (error instanceof ConnectionResetByFault || ctx.wasReset) return
      if (req.destroyed || res.destroyed) {
        res.destroy()
        return
      }
      if (!res.headersSent) {
        const body = `internal emulator error: ${error instanceof Error ? error.message : String(error)}`
        res.writeHead(500, {
          'Content-Type': 'text/plain',
          'Content-Length': Buffer.byteLength(body),
        })
        res.end(body)
      } else {
        res.destroy()
      }
    }
  }
}
