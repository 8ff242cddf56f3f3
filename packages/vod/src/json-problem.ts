/** Where and why a text is not JSON. */
export interface JsonProblem {
  /** 0-based index of the offending character (the text's length at an unexpected end). */
  position: number
  /** What JSON needed there, e.g. `"," or "}"`. */
  expected: string
}

class Stop {
  constructor(readonly problem: JsonProblem) {}
}

/**
 * Finds the first syntax error of a text that `JSON.parse` refused (RFC 8259). JSON.parse's own message depends on
 * the engine (WeChat's iOS engine gives no position), so this scans the text itself. Returns undefined for valid JSON.
 */
export function findJsonProblem(text: string): JsonProblem | undefined {
  let i = 0
  const fail = (expected: string): never => {
    throw new Stop({ position: i, expected })
  }
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
  }
  const digits = (what: string) => {
    if (!/[0-9]/.test(text[i] ?? '')) fail(what)
    while (/[0-9]/.test(text[i] ?? '')) i++
  }
  const string = () => {
    i++
    for (;;) {
      const c = text[i]
      if (c === undefined) fail("a closing '\"'")
      if (c === '"') break
      if (c < ' ') fail('an escaped control character')
      if (c === '\\') {
        i++
        if (text[i] === 'u') {
          for (let n = 0; n < 4; n++) {
            i++
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail('a hexadecimal digit')
          }
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) {
          fail('an escape character (one of " \\ / b f n r t u)')
        }
      }
      i++
    }
    i++
  }
  const number = () => {
    if (text[i] === '-') i++
    if (text[i] === '0') i++
    else digits('a digit')
    if (text[i] === '.') {
      i++
      digits('a digit after "."')
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++
      if (text[i] === '+' || text[i] === '-') i++
      digits('a digit in the exponent')
    }
  }
  const list = (close: string, item: () => void) => {
    i++
    space()
    if (text[i] === close) {
      i++
      return
    }
    for (;;) {
      item()
      space()
      if (text[i] === close) {
        i++
        return
      }
      if (text[i] !== ',') fail(`"," or "${close}"`)
      i++
      space()
    }
  }
  const value = (): void => {
    space()
    const c = text[i]
    if (c === '{') {
      list('}', () => {
        if (text[i] !== '"') fail('a property name in double quotes')
        string()
        space()
        if (text[i] !== ':') fail('":"')
        i++
        value()
      })
    } else if (c === '[') list(']', value)
    else if (c === '"') string()
    else if (c === '-' || /[0-9]/.test(c ?? '')) number()
    else {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i))
      if (!word) fail('a value (object, array, string, number, true, false or null)')
      i += (word as string).length
    }
    space()
  }
  try {
    value()
    if (i < text.length) fail('the end of the text')
    return undefined
  } catch (stop) {
    if (stop instanceof Stop) return stop.problem
    throw stop
  }
}
