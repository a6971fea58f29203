// Golden files: one folder per scenario, every generated file compared byte for byte, the list of files
// included. Regenerate with `npm run golden:update` and review the diff like code. Findings are recorded as
// data (code = message key, and its parameters), so rewording a message in a catalog changes no golden file.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodePermalink } from '../config/permalink.ts'
import { readConfig } from '../config/schema.ts'
import type { Finding } from './types.ts'
import { listFiles, loadScenarios } from '../test-support/scenarios.ts'

const UPDATE = process.env.UPDATE_GOLDEN === '1'
const scenarios = loadScenarios()

/** What findings.json holds for a finding: its code and values, not its English wording. */
const recorded = ({ severity, field, message, source }: Finding) => ({
  severity,
  ...(field === undefined ? {} : { field }),
  code: message.key,
  ...(message.params === undefined ? {} : { params: message.params }),
  source,
})

describe('golden scenarios', () => {
  it('cover at least 16 scenarios, valid and invalid', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(16)
    expect(
      scenarios.filter((s) => s.result.findings.some((f) => f.severity === 'error')).length,
    ).toBeGreaterThanOrEqual(5)
  })

  for (const scenario of scenarios) {
    describe(scenario.name, () => {
      const expectedDir = join(scenario.dir, 'expected')
      const findingsPath = join(scenario.dir, 'findings.json')
      if (UPDATE) {
        rmSync(expectedDir, { recursive: true, force: true })
        for (const file of scenario.result.files) {
          mkdirSync(dirname(join(expectedDir, file.path)), { recursive: true })
          writeFileSync(join(expectedDir, file.path), file.text)
        }
        writeFileSync(findingsPath, `${JSON.stringify(scenario.result.findings.map(recorded), null, 2)}\n`)
      }

      it('produces exactly the expected files', () => {
        expect(scenario.result.files.map((f) => f.path).sort()).toEqual(listFiles(expectedDir))
      })

      for (const file of scenario.result.files)
        it(`${file.path} matches its golden file`, () => {
          expect(file.text).toBe(readFileSync(join(expectedDir, file.path), 'utf8'))
        })

      it('reports the expected findings', () => {
        expect(scenario.result.findings.map(recorded)).toEqual(JSON.parse(readFileSync(findingsPath, 'utf8')))
      })

      it('its permalink restores the same configuration', () => {
        const { config, issues } = readConfig(scenario.raw)
        if (issues.length > 0) return // invalid scenarios: nothing to restore
        const decoded = decodePermalink(scenario.result.permalink)
        expect(decoded.issues).toEqual([])
        expect(decoded.config).toEqual(config)
      })
    })
  }
})
