import { UploadError } from './errors'
import type { FileSource } from './transport'

/**
 * Checks a {@link FileSource.read} range against the file's size, as every transport must: whole numbers with
 * `0 <= start <= end <= size`, else `INVALID_ARGUMENT` (field `range`) naming the range and the file. A transport
 * calls it first thing in `read`, so a bad range never reaches the platform (which would answer it in its own words).
 */
export function checkReadRange(name: string, size: number, start: number, end: number): void {
  if (
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(end) ||
    start < 0 ||
    end < start ||
    end > size
  ) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `Cannot read bytes [${start}, ${end}) of ${name}, which has ${size} bytes.`,
      { field: 'range' },
    )
  }
}
