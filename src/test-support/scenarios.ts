// The golden scenarios: src/generator/golden/<name>/config.json, with every expected file under expected/
// and the expected findings in findings.json.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { generate } from '../generator/generate.ts'
import type { WizardConfig } from '../config/schema.ts'
import type { GenerateResult } from '../generator/types.ts'

export const GOLDEN_DIR = join(import.meta.dirname, '..', 'generator', 'golden')

export interface Scenario {
  name: string
  dir: string
  /** The config file as written: partial, and in invalid scenarios deliberately wrong. */
  raw: unknown
  result: GenerateResult
}

export function loadScenarios(): Scenario[] {
  return readdirSync(GOLDEN_DIR)
    .filter((name) => statSync(join(GOLDEN_DIR, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(GOLDEN_DIR, name)
      const raw: unknown = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))
      // generate() validates its input itself, so raw config files go straight in, as in the CLI.
      return { name, dir, raw, result: generate(raw as WizardConfig) }
    })
}

export function listFiles(dir: string): string[] {
  let out: string[] = []
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return []
  }
  for (const entry of entries) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) out = out.concat(listFiles(path).map((p) => join(entry, p)))
    else out.push(entry)
  }
  return out.sort()
}
