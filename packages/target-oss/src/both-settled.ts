/**
 * Waits until both promises have settled (so neither still reads a body the caller will hand back), then resolves
 * with both values or throws the first failure.
 */
export async function bothSettled<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  let failure: { error: unknown } | undefined
  const settled = <T>(promise: Promise<T>) =>
    promise.catch((error: unknown) => {
      failure ??= { error }
      return undefined as T
    })
  const both = await Promise.all([settled(first), settled(second)])
  if (failure) throw failure.error
  return both
}
