import type { ProgressSnapshot } from '@vodup/core'

const MiB = 1024 * 1024

/** `movie.mp4  42.0 %  12.3 / 29.3 MiB  4.1 MiB/s  ETA 4 s` */
export function progressLine(name: string, p: ProgressSnapshot): string {
  const speed = p.speed > 0 ? `  ${(p.speed / MiB).toFixed(1)} MiB/s` : ''
  const eta = p.etaSeconds !== undefined ? `  ETA ${Math.ceil(p.etaSeconds)} s` : ''
  return `${name}  ${p.percent.toFixed(1)} %  ${(p.loaded / MiB).toFixed(1)} / ${(p.total / MiB).toFixed(1)} MiB${speed}${eta}`
}
