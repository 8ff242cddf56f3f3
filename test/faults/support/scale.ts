/**
 * The suite's size. `ci` (the default) fits in a few minutes on two busy cores: every scenario, a few runs each,
 * small files. `full` produces the numbers in docs/reliability.md: many runs, a large upload, 20 SIGKILL rounds.
 */
export type Scale = 'ci' | 'full'

function readScale(): Scale {
  const value = process.env.VODUP_FAULTS_SCALE ?? 'ci'
  if (value !== 'ci' && value !== 'full') {
    throw new Error(`VODUP_FAULTS_SCALE must be "ci" or "full"; got "${value}".`)
  }
  return value
}

export const SCALE: Scale = readScale()

/** The value for the current scale. */
export function atScale<T>(values: Record<Scale, T>): T {
  return values[SCALE]
}

export const KiB = 1024
export const MiB = 1024 * KiB
