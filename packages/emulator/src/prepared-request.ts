/** A request whose service and operation are known, ready to be failed by a fault or served. */
export interface PreparedRequest {
  operation: string
  /** Answers with an error in the service's own format. */
  fail(status: number, code: string, message: string): Promise<void>
  /** Serves the request. */
  serve(): Promise<void>
}
