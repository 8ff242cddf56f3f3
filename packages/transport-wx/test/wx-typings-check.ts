/// <reference types="miniprogram-api-typings" />
// Compile-time checks (run by `tsc`): the real `wx` of miniprogram-api-typings and the double both fit the
// transport's `WxLike`, so a typings change that breaks the transport stops the build.
import type { WxDoubleApi } from '../src/double/index'
import type { WxLike } from '../src/index'

export type RealWxFits = WechatMiniprogram.Wx extends WxLike ? true : never
export type DoubleFits = WxDoubleApi extends WxLike ? true : never
export const realWxFits: RealWxFits = true
export const doubleFits: DoubleFits = true
