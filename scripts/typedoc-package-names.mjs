// A TypeDoc plugin: names each module after the npm package (and subpath) it documents, so the API reference
// reads "@vodup/core/testing" instead of the folder "core/src/testing".
import { readFileSync } from 'node:fs'
import { Converter, ReflectionKind } from 'typedoc'

const packagesDir = new URL('../packages/', import.meta.url)

function packageName(folder) {
  const manifest = JSON.parse(readFileSync(new URL(`${folder}/package.json`, packagesDir), 'utf8'))
  return manifest.name
}

/** `core/src` → `@vodup/core`, `core/src/testing` → `@vodup/core/testing`. */
export function moduleName(displayName) {
  const match = /^([^/]+)\/src(?:\/(.+))?$/.exec(displayName)
  if (!match) return displayName
  const [, folder, subpath] = match
  return subpath ? `${packageName(folder)}/${subpath}` : packageName(folder)
}

export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
    if (reflection.kindOf(ReflectionKind.Module)) reflection.name = moduleName(reflection.name)
  })
}
