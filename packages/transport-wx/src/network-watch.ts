import type { WxLike, WxNetworkStatus, WxOffListener } from './wx-api'

/**
 * Tells the kernel when the network is usable. WeChat fails every running task when the network switches
 * (errno 600001) even if it stays connected; such a failure marks the network down, and after `settleMs` it is
 * checked with `wx.getNetworkType` and marked up again, so the kernel retries the failed parts.
 */
export class NetworkWatch {
  private online = true
  private settleTimer: ReturnType<typeof setTimeout> | undefined
  private readonly listeners = new Set<(online: boolean) => void>()
  private readonly onStatus = (status: WxNetworkStatus) => {
    if (!status.isConnected) {
      this.clearSettle()
      this.set(false)
    } else if (this.settleTimer === undefined) {
      this.set(true)
    }
  }

  constructor(
    private readonly wx: WxLike,
    private readonly settleMs: number,
  ) {
    wx.onNetworkStatusChange?.(this.onStatus)
  }

  /** Subscribes to online / offline changes; returns the unsubscriber. */
  subscribe(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /** A request failed because the network changed: pause now, check again after the settle delay. */
  networkChanged(): void {
    this.set(false)
    this.clearSettle()
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined
      this.confirm()
    }, this.settleMs)
  }

  dispose(): void {
    this.clearSettle()
    this.wx.offNetworkStatusChange?.(this.onStatus as unknown as WxOffListener)
    this.listeners.clear()
  }

  private confirm(): void {
    if (!this.wx.getNetworkType) {
      this.set(true)
      return
    }
    this.wx.getNetworkType({
      success: (result) => {
        if (this.settleTimer === undefined && result.networkType !== 'none') this.set(true)
      },
      fail: () => {
        if (this.settleTimer === undefined) this.set(true)
      },
    })
  }

  private clearSettle(): void {
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer)
    this.settleTimer = undefined
  }

  private set(online: boolean): void {
    if (online === this.online) return
    this.online = online
    for (const listener of [...this.listeners]) listener(online)
  }
}
