// Splits a text stream into numbered lines, push-style: the caller feeds chunks as they arrive
// (a Node stream, a WHATWG ReadableStream, a Kafka batch) and gets lines back synchronously.
// Memory is one partial line, capped: a hostile file without newlines cannot make it grow without
// bound, which a plain readline over the stream would allow.

export interface LineSink {
  line(text: string, lineNo: number): void;
  /** A line longer than the cap; its text is dropped. */
  tooLong(lineNo: number): void;
}

export const DEFAULT_MAX_LINE_CHARS = 1 << 20;

export class LineSplitter {
  private pending = '';
  private lineNo = 0;
  private dropping = false;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineChars = DEFAULT_MAX_LINE_CHARS,
  ) {}

  push(chunk: string): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl === -1) break;
      this.lineNo++;
      if (this.dropping) {
        this.dropping = false;
        this.sink.tooLong(this.lineNo);
      } else {
        let text = this.pending.length === 0 ? chunk.slice(start, nl) : this.pending + chunk.slice(start, nl);
        this.pending = '';
        if (text.length > this.maxLineChars) this.sink.tooLong(this.lineNo);
        else {
          if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1); // CRLF
          this.sink.line(text, this.lineNo);
        }
      }
      start = nl + 1;
    }
    if (start < chunk.length && !this.dropping) {
      this.pending += chunk.slice(start);
      if (this.pending.length > this.maxLineChars) {
        this.pending = '';
        this.dropping = true;
      }
    }
  }

  /** Flushes a last line without a trailing newline. */
  end(): void {
    if (this.dropping) {
      this.dropping = false;
      this.sink.tooLong(++this.lineNo);
    } else if (this.pending.length > 0) {
      let text = this.pending;
      this.pending = '';
      if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
      this.sink.line(text, ++this.lineNo);
    }
  }
}
