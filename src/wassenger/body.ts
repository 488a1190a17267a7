import { isUtf8 } from 'node:buffer'

/** Far above any answer Wassenger gives; bounds memory against a runaway body. */
const MAX_BODY_BYTES = 4 * 1024 * 1024

/** A body as it arrives: at most MAX_BODY_BYTES kept, every byte counted. */
export class BodyReader {
  private readonly chunks: Buffer[] = []
  private stored = 0
  private received = 0

  add(chunk: Buffer): void {
    this.received += chunk.length
    // A view of at most the room left: a chunk within it is kept whole, and past 4 MiB, nothing.
    const kept = chunk.subarray(0, MAX_BODY_BYTES - this.stored)
    // Stryker disable next-line ConditionalExpression,EqualityOperator: an empty view adds no byte; left out, a runaway body cannot grow the list
    if (kept.length > 0) this.chunks.push(kept)
    this.stored += kept.length
  }

  decoded(): { body: string; bytes: number; invalidUtf8: boolean } {
    return decode(this.chunks, this.received)
  }
}

function decode(
  chunks: Buffer[],
  bytes: number
): { body: string; bytes: number; invalidUtf8: boolean } {
  const raw = Buffer.concat(chunks)
  // A body cut at MAX_BODY_BYTES may end inside a character: that is the cut, not bad UTF-8.
  const whole = raw.length < bytes ? raw.subarray(0, completeUtf8Length(raw)) : raw
  return { body: whole.toString('utf8'), bytes, invalidUtf8: !isUtf8(whole) }
}

/** The length of `bytes` without a multi-byte character that its end cuts short. */
export function completeUtf8Length(bytes: Buffer): number {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: past 3 back, or the start, no lead byte can trim (the missing byte reads 0, a lead of 1); the bounds keep it to 3 reads
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] ?? 0
    if ((byte & 0xc0) !== 0x80) {
      // A lead byte: 110xxxxx starts 2 bytes, 1110xxxx 3, 11110xxx 4; ASCII stands alone.
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
      return length > back ? bytes.length - back : bytes.length
    }
  }
  return bytes.length
}
