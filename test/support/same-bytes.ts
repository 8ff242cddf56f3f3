/** True when `actual` holds exactly the bytes of `expected` (fast, unlike a deep equality of large arrays). */
export function sameBytes(actual: Uint8Array | undefined, expected: Uint8Array): boolean {
  return actual !== undefined && Buffer.compare(actual, expected) === 0
}
