import { UploadError } from '@vodup/core'

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
}

/** Parses a byte size such as `8388608`, `8MiB`, `8M` or `512k` (units are binary). */
export function parseSize(text: string, option: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text)
  const unit = match ? UNITS[match[2].toLowerCase()] : undefined
  const bytes = match && unit !== undefined ? Math.round(Number(match[1]) * unit) : Number.NaN
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `${option} must be a size such as 8MiB, 512KiB or 1048576; got "${text}".`,
      { field: option },
    )
  }
  return bytes
}

/** Parses a whole number of at least `min`. */
export function parseCount(text: string, option: string, min = 1): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `${option} must be a whole number of at least ${min}; got "${text}".`,
      { field: option },
    )
  }
  return value
}

/** Parses a bandwidth such as `2MiB`, `500k` or `1m/s` (bytes per second, binary units). */
export function parseRate(text: string, option: string): number {
  return parseSize(text.replace(/\/s\s*$/i, ''), option)
}
