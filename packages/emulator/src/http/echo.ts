import type { RequestContext } from './context.js'

/**
 * Placeholders a `rewriteAnswer` body or header value may hold, replaced with what the request itself carried:
 * a hostile server that echoes the request puts its credentials in the answer, and a client must keep them out
 * of its errors and logs. (The request log never holds them.)
 */
export const ECHO_PLACEHOLDER = /\{\{([a-z-]+)(?::([A-Za-z0-9._-]{1,128}))?\}\}/g
const NAMES = ['authorization', 'signature', 'security-token', 'query', 'param']

/** The placeholders of `text` that name nothing, for the fault check. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(ECHO_PLACEHOLDER)]
    .filter(([, name, arg]) => !NAMES.includes(name!) || (name === 'param') !== (arg !== undefined))
    .map(([whole]) => whole)
}

function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.req.headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

/** A parameter of the request: its form fields or OpenAPI parameters first, then its query. */
function param(ctx: RequestContext, name: string): string | undefined {
  return (
    ctx.params?.get(name) ??
    ctx.params?.get(name.toLowerCase()) ??
    ctx.url.searchParams.get(name) ??
    undefined
  )
}

function signature(ctx: RequestContext): string {
  const authorization = header(ctx, 'authorization') ?? ''
  return (
    /^OSS [^:]+:(\S+)$/.exec(authorization)?.[1] ??
    /Signature=([^,\s]+)/.exec(authorization)?.[1] ??
    param(ctx, 'Signature') ??
    param(ctx, 'x-oss-signature') ??
    ''
  )
}

function value(ctx: RequestContext, name: string, arg: string | undefined): string {
  switch (name) {
    case 'authorization':
      return header(ctx, 'authorization') ?? ''
    case 'signature':
      return signature(ctx)
    case 'security-token':
      return (
        header(ctx, 'x-oss-security-token') ??
        param(ctx, 'security-token') ??
        param(ctx, 'SecurityToken') ??
        param(ctx, 'x-oss-security-token') ??
        ''
      )
    case 'query':
      return ctx.params ? new URLSearchParams([...ctx.params]).toString() : ctx.url.search.slice(1)
    default:
      return param(ctx, arg!) ?? ''
  }
}

/** `text` with its placeholders replaced from the request; `forHeader` percent-encodes what a header cannot hold. */
export function fillEcho(text: string, ctx: RequestContext, forHeader = false): string {
  return text.replace(ECHO_PLACEHOLDER, (_, name: string, arg: string | undefined) => {
    const filled = value(ctx, name, arg)
    return forHeader ? filled.replace(/[^\t\x20-\x7e]/g, (c) => encodeURIComponent(c)) : filled
  })
}
