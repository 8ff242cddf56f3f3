import type { WxLike, WxOffListener } from './wx-api'

/** Follows `wx.onAppHide` / `wx.onAppShow` for the transport itself and for the kernel's listeners. */
export class AppVisibility {
  hidden = false
  private readonly hideListeners = new Set<() => void>()
  private readonly showListeners = new Set<() => void>()
  private readonly onHide = () => {
    this.hidden = true
    for (const listener of [...this.hideListeners]) listener()
  }
  private readonly onShow = () => {
    this.hidden = false
    for (const listener of [...this.showListeners]) listener()
  }

  constructor(private readonly wx: WxLike) {
    wx.onAppHide?.(this.onHide)
    wx.onAppShow?.(this.onShow)
  }

  subscribeHide(listener: () => void): () => void {
    this.hideListeners.add(listener)
    return () => {
      this.hideListeners.delete(listener)
    }
  }

  subscribeShow(listener: () => void): () => void {
    this.showListeners.add(listener)
    return () => {
      this.showListeners.delete(listener)
    }
  }

  dispose(): void {
    this.wx.offAppHide?.(this.onHide as WxOffListener)
    this.wx.offAppShow?.(this.onShow as WxOffListener)
    this.hideListeners.clear()
    this.showListeners.clear()
  }
}
