// Messages are data: a key into the catalogs and its parameters, never a sentence. The core (knowledge,
// config, generator) builds them; the page renders them in the reader's language and the CLI and the zip's
// README in English (docs/decisions/011-i18n-lingui.md). This file imports nothing but catalog types.
import type { MessageKey } from './keys.ts'

export type { MessageKey }

/**
 * A parameter: text and numbers as they are (names, IDs, paths, commands: never translated); a nested
 * message, translated with the outer one; a list, joined the reader's way ("a, b and c", "a, b y c").
 */
export type MessageParam = string | number | Message | readonly (string | Message)[]
export type MessageParams = Readonly<Record<string, MessageParam>>

export interface Message {
  readonly key: MessageKey
  readonly params?: MessageParams
}

export const msg = (key: MessageKey, params?: MessageParams): Message =>
  params === undefined ? { key } : { key, params }

export const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'key' in value
