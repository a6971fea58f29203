// Why a value typed into a field cannot be used yet: the field (TextField) and the list of invalid fields
// (invalid-fields.ts) ask the same question, so they always give the same answer, in the reader's language.
import { readConfig, type WizardConfig } from '../config/schema.ts'
import type { Message } from '../i18n/message.ts'
import { setPath } from './config-paths.ts'
import { linkTooLong } from './use-config.ts'

/**
 * The schema's message for `value` at `path`, or why the link could not hold it, or undefined when the value
 * is fine. A value the link cannot hold stays a draft like any invalid one: the link is never cut short.
 */
export function problemAt(config: WizardConfig, path: string, value: unknown): Message | undefined {
  const next = setPath(config, path, value)
  // A list's items report at `path.N`: their messages belong to the one field that edits the list.
  const issue = readConfig(next).issues.find((i) => i.field === path || i.field.startsWith(`${path}.`))
  return issue?.message ?? linkTooLong(next)
}
