import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { generate } from '../generator/generate.ts'
import { DEFAULT_CONFIG } from '../config/schema.ts'
import { TOOL_NAME, TOOL_VERSION } from './tool.ts'

it('the version in generated headers is the package version', () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string
  }
  expect(TOOL_VERSION).toBe(pkg.version)
  const script = generate(DEFAULT_CONFIG).files.find((f) => f.path === 'setup/aws-cli.sh')!
  expect(script.text.split('\n')[1]).toContain(`${TOOL_NAME} ${TOOL_VERSION}`)
})
