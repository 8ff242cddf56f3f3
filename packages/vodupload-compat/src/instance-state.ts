/** VODUpload's instance states, as it names them. */
export type InstanceState = 'Init' | 'Start' | 'Stop' | 'Failure' | 'Expire' | 'End'

/** States in which `startUpload` is ignored: already running, or waiting for refreshed credentials. */
export const RUNNING: ReadonlySet<InstanceState> = new Set<InstanceState>(['Start', 'Expire'])

/** States in which `stopUpload` has something to stop. */
export const STOPPABLE: ReadonlySet<InstanceState> = new Set<InstanceState>([
  'Start',
  'Failure',
  'Expire',
])
