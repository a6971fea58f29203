// Terminal-safe text. A value printed by the CLI can come from a hostile link or a tampered file in the
// checked folder: a raw ESC starts a terminal escape sequence (retitle the window, rewrite the screen), and
// a bidi control (U+202E RIGHT-TO-LEFT OVERRIDE, U+2066…) reorders what a reviewer reads in a CI log
// (CVE-2021-42574, "Trojan Source": https://trojansource.codes/). Every such character is shown as an
// escape instead, so the output stays one line per value and reads in its real order.
// Cc: C0 and C1 controls and DEL; Cf: format characters, every bidi control among them (U+061C, U+200E/F,
// U+202A–E, U+2066–9); Zl/Zp: U+2028/U+2029, which some terminals and viewers treat as line breaks.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, '0')

/** `text` with every control, format (bidi) and line/paragraph separator character written as an escape. */
export const terminalSafe = (text: string): string =>
  text.replace(UNSAFE, (c) => {
    const code = c.codePointAt(0)!
    return SHORT[c] ?? (code > 0xffff ? `\\u{${hex(code)}}` : `\\u${hex(code)}`)
  })

// JSON.stringify already escapes U+0000–U+001F inside strings (a raw line break in its output is layout).
const JSON_UNSAFE = /[\u007F-\u009F\p{Cf}\p{Zl}\p{Zp}]/gu

/**
 * JSON text from JSON.stringify with the same characters written as \uXXXX escapes (one beyond U+FFFF as its
 * two surrogate escapes), which JSON.stringify leaves raw. The result parses to the same values.
 */
export const jsonSafe = (json: string): string =>
  json.replace(JSON_UNSAFE, (c) =>
    Array.from({ length: c.length }, (_, i) => `\\u${hex(c.charCodeAt(i)).toLowerCase()}`).join(''),
  )
