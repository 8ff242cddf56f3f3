import { hexEncode, utf8Encode } from '../../encoding'
import type { Digests } from '../../transport'
import { check, checkBytes, describe } from './checks'
import { type ConformanceContext, patternBytes } from './context'
import type { ConformanceCase } from './types'

/**
 * Known answers, from independent implementations: CRC-64/ECMA-182 as OSS computes it (CRC-64/XZ; its check
 * value for `123456789` is 0x995DC9BBDF1939FA), MD5 (RFC 1321), HMAC-SHA1 (RFC 2202 case 2), HMAC-SHA256
 * (RFC 4231 case 2), and the two over {@link bigInput}.
 */
const VECTORS = {
  check: {
    text: '123456789',
    crc64: '11051210869376104954',
    md5: '25f9e794323b453885f5181f1b624d0b',
  },
  empty: { crc64: '0', md5: 'd41d8cd98f00b204e9800998ecf8427e' },
  big: { crc64: '1646089256400464770', md5: '30c0706366c0ff57433004e71bac4bd7' },
  hmac: {
    key: 'Jefe',
    data: 'what do ya want for nothing?',
    sha1: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
    sha256: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
}

/** 3 MiB and 7 bytes: several slices for a digest that hashes in slices, and an odd tail. */
function bigInput(): Uint8Array {
  return patternBytes(3 * 1024 * 1024 + 7, 15)
}

/** `123456789` inside a larger buffer: a digest must honour a view's offset and length. */
function checkView(): Uint8Array {
  const outer = new Uint8Array(40).fill(0xee)
  outer.set(utf8Encode(VECTORS.check.text), 13)
  return outer.subarray(13, 22)
}

/** The `digests` cases: each digest the transport offers gives the known answers. */
export function digestCases(context: ConformanceContext): ConformanceCase[] {
  const digests: Digests = context.transport.digests ?? {}
  const cases: ConformanceCase[] = []
  const add = (name: keyof Digests, title: string, run: () => Promise<void>) =>
    cases.push({
      group: 'digests',
      name: `digests: ${name} ${title}`,
      run,
      ...(typeof digests[name] === 'function' ? {} : { skip: `digests.${name} is not offered` }),
    })

  add('crc64', 'gives CRC-64/ECMA-182 as an unsigned decimal string', async () => {
    const crc64 = digests.crc64!
    check(
      crc64(utf8Encode(VECTORS.check.text)) === VECTORS.check.crc64,
      `crc64("123456789") is ${describe(crc64(utf8Encode('123456789')))}.`,
    )
    check(crc64(new Uint8Array(0)) === VECTORS.empty.crc64, 'crc64 of no bytes is not "0".')
    check(
      crc64(checkView()) === VECTORS.check.crc64,
      "crc64 of a view ignores the view's offset or length.",
    )
    check(crc64(bigInput()) === VECTORS.big.crc64, 'crc64 of 3 MiB differs from the known answer.')
  })

  add('md5', 'gives MD5 as 16 bytes', async () => {
    const md5 = digests.md5!
    check(
      hexEncode(md5(utf8Encode(VECTORS.check.text))) === VECTORS.check.md5,
      'md5("123456789") differs.',
    )
    check(hexEncode(md5(new Uint8Array(0))) === VECTORS.empty.md5, 'md5 of no bytes differs.')
    check(
      hexEncode(md5(checkView())) === VECTORS.check.md5,
      "md5 of a view ignores the view's offset or length.",
    )
    check(
      hexEncode(md5(bigInput())) === VECTORS.big.md5,
      'md5 of 3 MiB differs from the known answer.',
    )
  })

  add('hmac', 'gives HMAC-SHA1 and HMAC-SHA256', async () => {
    const { key, data, sha1, sha256 } = VECTORS.hmac
    const hmac = digests.hmac!
    check(
      hexEncode(hmac('sha1', utf8Encode(key), utf8Encode(data))) === sha1,
      'HMAC-SHA1 differs (RFC 2202 case 2).',
    )
    check(
      hexEncode(hmac('sha256', utf8Encode(key), utf8Encode(data))) === sha256,
      'HMAC-SHA256 differs (RFC 4231 case 2).',
    )
  })

  add('partCrc64', 'gives the CRC-64 of a part and leaves its bytes as they were', async () => {
    const partCrc64 = digests.partCrc64!
    const big = bigInput()
    const copy = big.slice()
    const [whole, view, empty] = await Promise.all([
      partCrc64(big),
      partCrc64(checkView()),
      partCrc64(new Uint8Array(0)),
    ])
    check(
      whole === VECTORS.big.crc64,
      `partCrc64 of 3 MiB is ${describe(whole)}, expected ${VECTORS.big.crc64}.`,
    )
    check(view === VECTORS.check.crc64, `partCrc64 of a view of "123456789" is ${describe(view)}.`)
    check(empty === VECTORS.empty.crc64, `partCrc64 of no bytes is ${describe(empty)}.`)
    checkBytes(big, copy, 'the part after partCrc64')
  })

  add('partMd5', 'gives the MD5 of a part and leaves its bytes as they were', async () => {
    const partMd5 = digests.partMd5!
    const big = bigInput()
    const copy = big.slice()
    const [whole, view] = await Promise.all([partMd5(big), partMd5(checkView())])
    check(hexEncode(whole) === VECTORS.big.md5, `partMd5 of 3 MiB is ${hexEncode(whole)}.`)
    check(
      hexEncode(view) === VECTORS.check.md5,
      `partMd5 of a view of "123456789" is ${hexEncode(view)}.`,
    )
    checkBytes(big, copy, 'the part after partMd5')
  })

  return cases
}
