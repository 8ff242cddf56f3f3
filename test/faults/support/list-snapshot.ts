import { expect } from 'vitest'

/** The list as the app sees it: the same objects, in order, with their states. */
export interface ListSnapshot<T> {
  items: T[]
  states: unknown[]
}

export function snapshotList<T extends { state: unknown }>(list: T[]): ListSnapshot<T> {
  return { items: [...list], states: list.map((item) => item.state) }
}

/** No file of `before` was lost, replaced, moved or changed state; `list` may have more after them. */
export function expectListKept<T extends { state: unknown }>(
  before: ListSnapshot<T>,
  list: T[],
  what: string,
): void {
  const kept = list.slice(0, before.items.length)
  expect(kept.length, `${what}: files lost`).toBe(before.items.length)
  kept.forEach((item, i) => {
    expect(item === before.items[i], `${what}: file ${i} is another object`).toBe(true)
  })
  expect(
    kept.map((item) => item.state),
    `${what}: states changed`,
  ).toEqual(before.states)
}
