/** UTF-8 encoding without TextEncoder (absent in WeChat). Lone surrogates become U+FFFD, as TextEncoder does. */
export function utf8Encode(text: string): Uint8Array {
  const out: number[] = []
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00)
        i++
      } else code = 0xfffd
    } else if (code >= 0xdc00 && code <= 0xdfff) code = 0xfffd
    if (code < 0x80) out.push(code)
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63))
    else if (code < 0x10000)
      out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63))
    else
      out.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 63),
        0x80 | ((code >> 6) & 63),
        0x80 | (code & 63),
      )
  }
  return Uint8Array.from(out)
}

/** Strict UTF-8 decoding without TextDecoder: returns undefined for malformed input. */
export function utf8Decode(bytes: Uint8Array): string | undefined {
  let out = ''
  let i = 0
  while (i < bytes.length) {
    const b0 = bytes[i]
    let code: number
    let extra: number
    if (b0 < 0x80) {
      code = b0
      extra = 0
    } else if (b0 >= 0xc2 && b0 < 0xe0) {
      code = b0 & 0x1f
      extra = 1
    } else if (b0 >= 0xe0 && b0 < 0xf0) {
      code = b0 & 0x0f
      extra = 2
    } else if (b0 >= 0xf0 && b0 < 0xf5) {
      code = b0 & 0x07
      extra = 3
    } else return undefined
    if (i + extra >= bytes.length) return undefined
    for (let k = 1; k <= extra; k++) {
      const b = bytes[i + k]
      if ((b & 0xc0) !== 0x80) return undefined
      code = (code << 6) | (b & 0x3f)
    }
    if (
      (extra === 2 && (code < 0x800 || (code >= 0xd800 && code <= 0xdfff))) ||
      (extra === 3 && (code < 0x10000 || code > 0x10ffff))
    )
      return undefined
    out += String.fromCodePoint(code)
    i += extra + 1
  }
  return out
}
