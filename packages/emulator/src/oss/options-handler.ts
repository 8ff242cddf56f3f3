import { corsAnswerHeaders, findCorsRule, requestedHeaders } from '../cors/cors-rule.js'
import { drainBody } from '../http/body.js'
import { send } from '../http/respond.js'
import { ossError } from './errors.js'
import { type OssDeps, type OssRequest, ossResponseHeaders } from './oss-deps.js'

const header = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(',') : value

/**
 * Options: a browser's CORS preflight, answered from the bucket's rules without any signature.
 * A preflight no rule allows gets 403 AccessForbidden, as OSS answers it.
 */
export async function optionsObject(request: OssRequest, deps: OssDeps): Promise<void> {
  const { ctx } = request
  await drainBody(ctx)
  const rules = deps.cors.rulesFor(request.bucket)
  if (!rules) throw ossError.accessForbidden('CORSResponse: CORS is not enabled for this bucket.')
  const origin = header(ctx.req.headers.origin)
  const method = header(ctx.req.headers['access-control-request-method'])
  if (!origin || !method) {
    throw ossError.accessForbidden(
      'CORSResponse: a preflight needs the Origin and Access-Control-Request-Method headers.',
    )
  }
  const question = {
    origin,
    method,
    headers: requestedHeaders(header(ctx.req.headers['access-control-request-headers'])),
  }
  const match = findCorsRule(rules, question)
  if (!match) {
    throw ossError.accessForbidden(
      'CORSResponse: This CORS request is not allowed: no CORS rule of the bucket allows this Origin, Access-Control-Request-Method and Access-Control-Request-Headers.',
    )
  }
  send(ctx, 200, { ...ossResponseHeaders(ctx, deps), ...corsAnswerHeaders(match, question, true) })
}
