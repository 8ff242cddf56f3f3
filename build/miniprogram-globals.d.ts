// The globals a mini-program package may use besides ECMAScript's own (DESIGN.md, invariant 4). Package builds of
// mini-program code see only these; tests and Node code see @types/node instead.
declare function setTimeout(handler: (...args: never[]) => void, timeout?: number): number
declare function clearTimeout(id: number | undefined): void
declare function setInterval(handler: (...args: never[]) => void, timeout?: number): number
declare function clearInterval(id: number | undefined): void

interface MiniProgramConsole {
  log(...data: unknown[]): void
  info(...data: unknown[]): void
  warn(...data: unknown[]): void
  error(...data: unknown[]): void
  debug(...data: unknown[]): void
}
declare var console: MiniProgramConsole
