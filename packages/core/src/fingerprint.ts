import type { FileSource } from './transport'

/** 53-bit FNV-1a of a string, as 11 base-36 digits: short, stable, no crypto needed. */
export function hashText(text: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0
  }
  const value = (h2 & 0x1fffff) * 0x100000000 + h1
  return value.toString(36).padStart(11, '0')
}

/** The default resume key: the input's key, size and modification time. */
export function defaultFingerprint(key: string, source: FileSource): string {
  return hashText(`${key}\u0000${source.size}\u0000${source.lastModified ?? ''}`)
}
