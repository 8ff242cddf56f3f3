/**
 * What `dist/vodupload.wx.js` may weigh. A mini program counts its code uncompressed against WeChat's 2 MB main
 * package, so the file an app copies must be no heavier than aliyun-upload-sdk MP 1.0.1, the SDK it replaces
 * (84,919 B minified, 25,851 B gzipped; issue 18 allows 28,000 B gzipped). The build fails beyond the budget; the
 * budget only ever goes down, to the target.
 */
export const WX_BUDGET = { bytes: 129_500, gzipped: 45_000 }

/** Issue 18's target: the replaced SDK's weight. */
export const WX_TARGET = { bytes: 84_919, gzipped: 28_000 }

/** The budget lines the build prints, and the problems that fail it (none when within the budget). */
export function checkBudget(size: { bytes: number; gzipped: number }): {
  lines: string[]
  problems: string[]
} {
  const row = (what: string, actual: number, budget: number, target: number) =>
    `${what.padEnd(9)} ${fmt(actual).padStart(9)} B  budget ${fmt(budget).padStart(9)} B  target ${fmt(target).padStart(9)} B${actual > target ? `  (${fmt(actual - target)} B over the target)` : ''}`
  const problems: string[] = []
  if (size.bytes > WX_BUDGET.bytes) {
    problems.push(`minified ${fmt(size.bytes)} B exceeds the budget of ${fmt(WX_BUDGET.bytes)} B`)
  }
  if (size.gzipped > WX_BUDGET.gzipped) {
    problems.push(
      `gzipped ${fmt(size.gzipped)} B exceeds the budget of ${fmt(WX_BUDGET.gzipped)} B`,
    )
  }
  return {
    lines: [
      row('minified', size.bytes, WX_BUDGET.bytes, WX_TARGET.bytes),
      row('gzipped', size.gzipped, WX_BUDGET.gzipped, WX_TARGET.gzipped),
    ],
    problems,
  }
}

/** 84919 → "84,919". */
export function fmt(bytes: number): string {
  return bytes.toLocaleString('en-US')
}
