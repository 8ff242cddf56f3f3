import { UploadError } from './errors'
import type { PartPlan } from './hooks'
import type { TargetLimits } from './target'

/** One planned part: bytes `[start, end)` of the file. */
export interface PlannedPart {
  partNumber: number
  start: number
  end: number
}

/**
 * Plans how a file is sent. Files up to `threshold` go in one request. Otherwise parts are at least
 * `limits.minPartSize` (except the last) and there are at most `limits.maxParts` of them: the part size grows to
 * fit. Throws `FILE_TOO_LARGE` when no part size within the limits fits.
 */
export function planParts(
  fileSize: number,
  requestedPartSize: number,
  threshold: number,
  limits: TargetLimits,
): PartPlan {
  if (fileSize > limits.maxObjectSize) {
    throw new UploadError(
      'FILE_TOO_LARGE',
      `The file has ${fileSize} bytes; the target accepts at most ${limits.maxObjectSize}.`,
    )
  }
  if (fileSize <= threshold && fileSize <= limits.maxPartSize) {
    return { fileSize, partSize: Math.max(fileSize, 1), partCount: 1, single: true }
  }
  const partSize = fitPartSize(fileSize, requestedPartSize, limits)
  return { fileSize, partSize, partCount: Math.ceil(fileSize / partSize), single: false }
}

/** The part size closest to `requested` that obeys the target's limits for this file size. */
export function fitPartSize(fileSize: number, requested: number, limits: TargetLimits): number {
  const partSize = Math.max(
    Math.min(Math.floor(requested), limits.maxPartSize),
    limits.minPartSize,
    Math.ceil(fileSize / limits.maxParts),
  )
  if (partSize > limits.maxPartSize) {
    throw new UploadError(
      'FILE_TOO_LARGE',
      `The file has ${fileSize} bytes: it needs parts of ${partSize} bytes, above the target's ${limits.maxPartSize}.`,
    )
  }
  return partSize
}

/** True when a plan (possibly changed by a `planParts` tap) obeys the limits. */
export function isValidPlan(plan: PartPlan, limits: TargetLimits): boolean {
  if (plan.single) return plan.partCount === 1 && plan.fileSize <= limits.maxPartSize
  return (
    Number.isSafeInteger(plan.partSize) &&
    plan.partSize >= limits.minPartSize &&
    plan.partSize <= limits.maxPartSize &&
    plan.partCount === Math.ceil(plan.fileSize / plan.partSize) &&
    plan.partCount <= limits.maxParts
  )
}

/** The byte ranges of a multipart plan. */
export function partRanges(fileSize: number, partSize: number): PlannedPart[] {
  const parts: PlannedPart[] = []
  for (let start = 0, n = 1; start < fileSize; start += partSize, n++) {
    parts.push({ partNumber: n, start, end: Math.min(start + partSize, fileSize) })
  }
  return parts
}
