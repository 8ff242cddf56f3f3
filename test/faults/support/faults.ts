import type { RequestLogEntry } from '@vodup/emulator'
import type { FaultPlan, RunHandle } from './upload-scenario'

const OSS_OPERATIONS = [
  'InitiateMultipartUpload',
  'UploadPart',
  'ListParts',
  'CompleteMultipartUpload',
  'PutObject',
]
/** VOD calls vodup makes itself in STS mode (in UploadAuth mode the app server makes them). */
const STS_MODE_VOD_OPERATIONS = ['CreateUploadVideo', 'RefreshUploadVideo']
const SERVER_ERRORS = [
  { status: 500, code: 'InternalError' },
  { status: 502, code: 'BadGateway' },
  { status: 503, code: 'ServiceUnavailable' },
]

/** The operations vodup itself sends in this run. */
function vodupOperations(run: RunHandle): string[] {
  return run.mode === 'sts' ? [...OSS_OPERATIONS, ...STS_MODE_VOD_OPERATIONS] : OSS_OPERATIONS
}

/**
 * Bursts of 1–3 server errors (500, 502, 503) on about `share` of the requests vodup sends: after each request
 * that was served, a burst is armed for that operation with a probability chosen so that bursts of 2 on average
 * make up `share`; rare operations (initiate, complete, VOD calls) get a burst at the start with probability `share`.
 */
export function serverErrorBursts(share = 0.2): FaultPlan {
  const meanBurst = 2
  const armAfterServed = share / (meanBurst * (1 - share))
  return (run) => {
    const { emulator } = run.world
    const operations = vodupOperations(run)
    const arm = (operation: string) => {
      const error = run.random.pick(SERVER_ERRORS)
      emulator.faults.failNext({ operation, count: run.random.int(1, 3), ...error })
    }
    for (const operation of operations) {
      if (operation !== 'UploadPart' && run.random.chance(share)) arm(operation)
    }
    return run.world.onRequest((entry) => {
      if (!operations.includes(entry.operation) || entry.status >= 500) return
      if (run.random.chance(armAfterServed)) arm(entry.operation)
    })
  }
}

/** Connection resets in the middle of part bodies: one armed at the start, then after each part with `probability`. */
export function partResets(probability = 0.3): FaultPlan {
  return (run) => {
    const { emulator } = run.world
    const arm = () =>
      emulator.faults.resetConnection({
        operation: 'UploadPart',
        afterBytes: run.random.int(1, run.partSize - 1),
      })
    arm()
    return run.world.onRequest((entry) => {
      if (entry.operation === 'UploadPart' && run.random.chance(probability)) arm()
    })
  }
}

/** Every request waits `ms` before it is served. */
export function latency(ms: number): FaultPlan {
  return (run) => {
    run.world.emulator.faults.setLatency(ms)
    return () => run.world.emulator.faults.setLatency(0)
  }
}

/** Request and response bodies share `bytesPerSecond`. */
export function bandwidth(bytesPerSecond: number): FaultPlan {
  return (run) => {
    run.world.emulator.faults.setBandwidth(bytesPerSecond)
    return () => run.world.emulator.faults.setBandwidth(null)
  }
}

/** Every token issued so far expires, again and again, `[min, max]` ms apart. */
export function tokenExpiry(everyMs: readonly [number, number]): FaultPlan {
  return (run) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopped = false
    const schedule = () => {
      timer = setTimeout(
        () => {
          if (stopped) return
          void run.world.emulator.faults.expireAllTokens()
          schedule()
        },
        run.random.int(everyMs[0], everyMs[1]),
      )
    }
    schedule()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }
}

/**
 * The server clock moves `ms` ahead or behind (at random), either before the upload starts or once the first
 * part was answered.
 */
export function clockSkew(ms: number): FaultPlan {
  return (run) => {
    const skew = run.random.chance(0.5) ? ms : -ms
    if (run.random.chance(0.5)) {
      run.world.emulator.faults.skewClock(skew)
      return () => {}
    }
    const off = run.world.onRequest((entry: RequestLogEntry) => {
      if (entry.operation !== 'UploadPart') return
      off()
      run.world.emulator.faults.skewClock(skew)
    })
    return off
  }
}

/** Several plans at once. */
export function allOf(...plans: FaultPlan[]): FaultPlan {
  return (run) => {
    const disarms = plans.map((plan) => plan(run))
    return async () => {
      for (const disarm of disarms) await disarm()
    }
  }
}
