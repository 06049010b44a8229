/**
 * Reads a multipart/form-data body as the platforms do: leniently. grammY
 * writes its part headers without the spaces RFC 7578's examples have
 * (`content-disposition:form-data;name="photo"`), which Telegram takes and
 * Node's own FormData parser refuses.
 */

/** The fields and files of a multipart body, or undefined when it is not one. */
export function parseMultipart(bytes: Uint8Array, contentType: string | undefined): FormData | undefined {
  const boundary = /^multipart\/form-data\s*;.*boundary="?([^";]+)"?/i.exec(contentType ?? "")?.[1];
  if (!boundary) return undefined;
  const body = Buffer.from(bytes);
  const delimiter = Buffer.from(`--${boundary}`);
  const form = new FormData();
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) return undefined;
    // A part: CRLF, headers, a blank line, the content, CRLF before the next delimiter.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) return undefined;
    const headers = part.subarray(0, split).toString("utf8");
    const content = part.subarray(split + 4);
    const disposition = /content-disposition\s*:([^\r\n]*)/i.exec(headers)?.[1] ?? "";
    const name = /;\s*name="?([^";]*)"?/i.exec(disposition)?.[1];
    const filename = /;\s*filename="?([^";]*)"?/i.exec(disposition)?.[1];
    const type = /content-type\s*:\s*([^\r\n;]*)/i.exec(headers)?.[1]?.trim() ?? "";
    if (name !== undefined) {
      if (filename === undefined) form.append(name, content.toString("utf8"));
      else form.append(name, new File([new Uint8Array(content)], filename, { type }));
    }
    at = next;
  }
  return form;
}
