import { z } from 'zod';

/** Where a page ended: the last event shown. The next page starts strictly older than it. */
export interface AuditCursor {
  at: string;
  id: number;
}

const cursorShape = z.strictObject({ at: z.string().min(1), id: z.number().int() });

/** Opaque to callers (base64url JSON), so the keyset behind it may change without breaking them. */
export function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify({ at: cursor.at, id: cursor.id })).toString('base64url');
}

/** The cursor, or undefined when the text is not one this API gave out. */
export function decodeCursor(text: string): AuditCursor | undefined {
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
