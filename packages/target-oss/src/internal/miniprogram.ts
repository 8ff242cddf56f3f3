/**
 * `@vodup/target-oss/internal` as a mini program's build has it: only what vodup's mini-program packages take
 * from it (the VOD layer signs its RPC calls with these). WeChat's "build npm" copies `miniprogram_dist` whole
 * into every app, so the signing vectors, CRC-64 and addressing helpers that Node tools and tests use stay out.
 *
 * @module
 */
export { hmacSha1Base64 } from '../hashes'
export { rfc3986Encode } from '../signing/v4'
