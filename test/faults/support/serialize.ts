const isErrorLike = (value: object): value is Error =>
  typeof (value as Error).message === 'string' && typeof (value as Error).stack === 'string'

/**
 * Everything a value shows, as text: own properties (also of class instances and objects from a `vm` context),
 * error messages, codes and causes, nested objects. Byte bodies are summarised: they hold file data.
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value
  const seen = new WeakSet<object>()
  const replacer = (_key: string, item: unknown): unknown => {
    if (typeof item === 'function' || typeof item === 'symbol') return undefined
    if (typeof item === 'bigint') return item.toString()
    if (typeof item !== 'object' || item === null) return item
    if (ArrayBuffer.isView(item)) return `[${item.byteLength} bytes]`
    if (Object.prototype.toString.call(item) === '[object ArrayBuffer]') return '[bytes]'
    if (seen.has(item)) return '[seen]'
    seen.add(item)
    if (isErrorLike(item)) {
      return { ...item, name: item.name, message: item.message, cause: item.cause }
    }
    if (item instanceof Map) return Object.fromEntries(item)
    if (item instanceof Set) return [...item]
    const own: Record<string, unknown> = {}
    for (const key of Object.keys(item)) own[key] = (item as Record<string, unknown>)[key]
    return own
  }
  try {
    return JSON.stringify(value, replacer) ?? String(value)
  } catch (error) {
    return `[unserialisable: ${(error as Error).message}]`
  }
}
