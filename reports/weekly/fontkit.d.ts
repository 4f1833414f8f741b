/** The one fontkit call the report makes (fontkit ships no types; it comes with pdfkit). */
declare module 'fontkit' {
  export function create(buffer: Buffer): unknown;
}
