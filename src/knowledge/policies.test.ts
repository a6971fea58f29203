import { describe, expect, it } from 'vitest'
import { english } from '../i18n/english.ts'
import { msg } from '../i18n/message.ts'
import { checkExtraStatements, EXTRA_STATEMENTS_MAX_CHARS } from './policies.ts'

describe('checkExtraStatements messages', () => {
  it('says which statement is wrong, with the problem as its own message', () => {
    const text = JSON.stringify([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'my-queue' },
    ])
    expect(checkExtraStatements(text)).toEqual(
      msg('field.extraStatements.statement', {
        n: 2,
        problem: msg('field.extraStatements.badResource', { element: 'Resource', resource: 'my-queue' }),
      }),
    )
    expect(english.t(checkExtraStatements(text)!)).toBe(
      'Statement 2: Resource "my-queue" is not "*" or an ARN (arn:…).',
    )
  })

  it('keeps JSON examples and the element list as code, outside the sentence', () => {
    expect(english.t(checkExtraStatements('[{')!)).toBe(
      'This is not valid JSON. Write a list of statements: [ { "Effect": "Allow", "Action": "…", "Resource": "…" } ].',
    )
    expect(english.t(checkExtraStatements('[{"Effect":"Allow","Resorce":"*"}]')!)).toBe(
      'Statement 1: "Resorce" is not a statement element (Sid, Effect, Action, NotAction, Resource, NotResource, Condition).',
    )
  })

  it('gives the length limit with the reader’s digit grouping', () => {
    const text = `[${' '.repeat(EXTRA_STATEMENTS_MAX_CHARS)}]`
    expect(english.t(checkExtraStatements(text)!)).toBe('At most 4,000 characters (this has 4,002).')
    expect(checkExtraStatements('[]')).toBeUndefined()
    expect(checkExtraStatements('  ')).toBeUndefined()
  })
})
