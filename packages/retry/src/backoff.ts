import type { ResolvedRetryOptions } from './retry-options'

/**
 * How long to wait before retrying after the `failures`-th failure in a row (from 1): `minTimeout × factor^(failures−1)`,
 * times a random number in [1, 2) when `randomize` is on (full jitter upwards, as p-retry and node-retry do it), never above `maxTimeout`.
 */
export function backoffDelay(
  failures: number,
  options: Pick<ResolvedRetryOptions, 'minTimeout' | 'maxTimeout' | 'factor' | 'randomize'>,
  random: () => number = Math.random,
): number {
  const jitter = options.randomize ? 1 + random() : 1
  const delay = Math.round(jitter * options.minTimeout * options.factor ** (failures - 1))
  return Math.min(delay, options.maxTimeout)
}
