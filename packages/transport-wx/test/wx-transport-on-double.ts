import { onTestFinished } from 'vitest'
import { createWxDouble, type WxDoubleOptions } from '../src/double/index'
import { createWxTransport, type WxTransportOptions } from '../src/index'

/** A `wx` double and a transport on it, both disposed of when the running test finishes. */
export function wxTransportOnDouble(
  doubleOptions: WxDoubleOptions = {},
  options: Omit<WxTransportOptions, 'wx'> = {},
) {
  const double = createWxDouble(doubleOptions)
  const transport = createWxTransport({ wx: double.wx, ...options })
  onTestFinished(() => {
    transport.dispose()
    double.dispose()
  })
  return { double, transport }
}
