// Which characters of a generated script are inert literal text: the property test uses this to prove that
// user text only ever appears where the shell or PowerShell cannot interpret it.

const lineEndAt = (text: string, i: number) => {
  const end = text.indexOf('\n', i)
  return end === -1 ? text.length : end
}
const isCommentLine = (text: string, i: number) => /^\s*#/.test(text.slice(i, lineEndAt(text, i)))

/** Marks the line starting at `i` as literal; returns where the next line starts. */
function markLine(text: string, i: number, mask: boolean[]): number {
  const end = lineEndAt(text, i)
  for (let k = i; k < end; k++) mask[k] = true
  return end + 1
}

/**
 * For POSIX shell: true at each character of a literal unit: a single-quoted string with its quotes, a
 * backslash with the character it escapes, a line of a heredoc with a quoted delimiter (<<'EOF'), a comment.
 */
export function shellLiteralMask(text: string): boolean[] {
  const mask = new Array<boolean>(text.length).fill(false)
  let i = 0
  let heredocDelimiter: string | undefined
  let lineStart = true
  while (i < text.length) {
    if (lineStart && heredocDelimiter !== undefined) {
      if (text.slice(i, lineEndAt(text, i)) === heredocDelimiter) {
        heredocDelimiter = undefined
        i = lineEndAt(text, i) + 1
      } else i = markLine(text, i, mask)
      continue
    }
    if (lineStart && isCommentLine(text, i)) {
      i = markLine(text, i, mask)
      continue
    }
    lineStart = false
    const c = text[i]!
    if (c === '\n') {
      lineStart = true
      i++
    } else if (c === '\\') {
      mask[i] = mask[i + 1] = true
      i += 2
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1)
      if (close === -1) throw new Error('unterminated single quote')
      for (let k = i; k <= close; k++) mask[k] = true
      i = close + 1
    } else if (c === '<' && text.startsWith("<<'", i)) {
      const close = text.indexOf("'", i + 3)
      heredocDelimiter = text.slice(i + 3, close)
      i = close + 1
    } else i++
  }
  return mask
}

const PS_QUOTE = /['\u2018\u2019\u201A\u201B]/

/** For PowerShell: true at each character of a verbatim (single-quoted) string with its quotes, and of comments. */
export function powershellLiteralMask(text: string): boolean[] {
  const mask = new Array<boolean>(text.length).fill(false)
  let i = 0
  let lineStart = true
  while (i < text.length) {
    if (lineStart && isCommentLine(text, i)) {
      i = markLine(text, i, mask)
      continue
    }
    lineStart = false
    const c = text[i]!
    if (c === '\n') {
      lineStart = true
      i++
    } else if (PS_QUOTE.test(c)) {
      // Verbatim string (language spec §2.3.5.2.2): two quote characters in a row stand for one.
      mask[i] = true
      let k = i + 1
      for (; k < text.length; k++) {
        mask[k] = true
        if (PS_QUOTE.test(text[k]!)) {
          if (text[k + 1] !== undefined && PS_QUOTE.test(text[k + 1]!)) mask[++k] = true
          else break
        }
      }
      i = k + 1
    } else i++
  }
  return mask
}

/**
 * The script's syntax with every run of literal units collapsed into one marker. Two scripts with the same
 * skeleton differ only inside literals: whatever the literal text, the shell parses them alike.
 */
export function syntaxSkeleton(text: string, mask: boolean[]): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    if (!mask[i]) out += text[i]
    else if (i === 0 || !mask[i - 1]) out += '\u0000'
  }
  return out
}
