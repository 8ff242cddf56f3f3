import type { NetworkType, WxDoubleApi } from './api-types'
import { type CallbackOption, deliverOrPromise } from './callbacks'

type LifecycleApi = Pick<
  WxDoubleApi,
  | 'onAppHide'
  | 'offAppHide'
  | 'onAppShow'
  | 'offAppShow'
  | 'onNetworkStatusChange'
  | 'offNetworkStatusChange'
  | 'getNetworkType'
>

/** App visibility and network state, with the listeners WeChat would call. */
export class Lifecycle {
  hidden = false
  networkType: NetworkType
  private readonly hideListeners = new Set<WechatMiniprogram.OnAppHideCallback>()
  private readonly showListeners = new Set<WechatMiniprogram.OnAppShowCallback>()
  private readonly networkListeners = new Set<WechatMiniprogram.OnNetworkStatusChangeCallback>()

  constructor(networkType: NetworkType) {
    this.networkType = networkType
  }

  get online(): boolean {
    return this.networkType !== 'none'
  }

  /** Fires the `onAppHide` listeners. */
  emitHide(): void {
    this.hidden = true
    for (const listener of [...this.hideListeners]) listener({ reason: 0 })
  }

  /** Fires the `onAppShow` listeners. */
  emitShow(): void {
    this.hidden = false
    const options: WechatMiniprogram.LaunchOptionsApp = {
      path: 'pages/index/index',
      query: {},
      scene: 1001,
      referrerInfo: { appId: '', extraData: {} },
      forwardMaterials: [],
      apiCategory: 'default',
      hostExtraData: { host_scene: '' },
    }
    for (const listener of [...this.showListeners]) listener(options)
  }

  /** Switches the network and fires the `onNetworkStatusChange` listeners. */
  emitNetwork(type: NetworkType): void {
    this.networkType = type
    const result = { isConnected: type !== 'none', networkType: type }
    for (const listener of [...this.networkListeners]) listener(result)
  }

  /** Listener counts, so tests can check that a transport unsubscribes. */
  listenerCounts(): { hide: number; show: number; network: number } {
    return {
      hide: this.hideListeners.size,
      show: this.showListeners.size,
      network: this.networkListeners.size,
    }
  }

  api(): LifecycleApi {
    const off = <T>(set: Set<T>, listener: unknown) => {
      if (listener === undefined) set.clear()
      else set.delete(listener as T)
    }
    return {
      onAppHide: (listener) => void this.hideListeners.add(listener),
      offAppHide: (listener) => off(this.hideListeners, listener),
      onAppShow: (listener) => void this.showListeners.add(listener),
      offAppShow: (listener) => off(this.showListeners, listener),
      onNetworkStatusChange: (listener) => void this.networkListeners.add(listener),
      offNetworkStatusChange: (listener) => off(this.networkListeners, listener),
      getNetworkType: (option) =>
        deliverOrPromise(
          option as CallbackOption<WechatMiniprogram.GetNetworkTypeSuccessCallbackResult, never>,
          {
            ok: true,
            value: {
              networkType: this.networkType,
              signalStrength: 0,
              hasSystemProxy: false,
              weakNet: false,
              errMsg: 'getNetworkType:ok',
            },
          },
        ) as never,
    }
  }
}
