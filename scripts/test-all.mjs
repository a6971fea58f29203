#!/usr/bin/env node
// npm test: every check in order, each one's outcome counted, ending with the line CI reads:
// "N passed, N failed". Static checks count one each; test runners count their tests.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const RESULTS = 'test-results'
mkdirSync(RESULTS, { recursive: true })
const vitestJson = `${RESULTS}/vitest.json`
const playwrightJson = `${RESULTS}/playwright.json`
for (const file of [vitestJson, playwrightJson]) rmSync(file, { force: true })

const steps = [
  { name: 'format', command: ['npx', 'prettier', '--check', '.'] },
  { name: 'lint', command: ['npx', 'eslint', '.'] },
  { name: 'typecheck', command: ['npx', 'tsc', '-b'] },
  {
    name: 'unit',
    command: [
      'npx',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestJson}`,
    ],
    count: () => {
      const report = JSON.parse(readFileSync(vitestJson, 'utf8'))
      return {
        passed: report.numPassedTests,
        failed: report.numFailedTests + (report.numTotalTestSuites === 0 ? 1 : 0),
      }
    },
  },
  {
    name: 'e2e',
    command: ['npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
    count: () => {
      const { stats } = JSON.parse(readFileSync(playwrightJson, 'utf8'))
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected }
    },
  },
]

let passed = 0
let failed = 0
const lines = []
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command.join(' ')}`)
  const started = Date.now()
  const result = spawnSync(step.command[0], step.command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  })
  const ok = result.status === 0
  let counts = { passed: ok ? 1 : 0, failed: ok ? 0 : 1 }
  if (step.count) {
    try {
      counts = step.count()
      // A runner that crashed or failed outside its tests still counts as a failure.
      if (!ok && counts.failed === 0) counts.failed = 1
    } catch {
      counts = { passed: 0, failed: 1 }
    }
  }
  passed += counts.passed
  failed += counts.failed
  lines.push(
    `${step.name}: ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  )
}
console.log(`\n${lines.join('\n')}`)
if (!existsSync(vitestJson)) console.log('(no unit test report was written)')
console.log(`${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0
