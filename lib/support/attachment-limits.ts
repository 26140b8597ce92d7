// Attachment limits and error codes, shared by the server (lib/support/attachments.ts, the
// authority) and the browser's pre-check (components/support/attachment-picker.tsx). No server-only
// imports here, so the client bundle can take it.

export const ATTACHMENT_LIMITS = { maxFiles: 5, maxBytes: 10 * 1024 * 1024 } as const;

/** Megabytes as people read them in the messages ("10 MB"). */
export const ATTACHMENT_MAX_MB = ATTACHMENT_LIMITS.maxBytes / (1024 * 1024);

export const ATTACHMENT_ERROR_CODES = ["too_many", "too_large", "empty", "type_not_allowed"] as const;
export type AttachmentErrorCode = (typeof ATTACHMENT_ERROR_CODES)[number];

/** One rejected file; `index` is its position among the files sent. */
export type AttachmentError = { index: number; fileName: string; code: AttachmentErrorCode };

/**
 * File name extensions of the allowed kinds, for the browser's `accept` hint and warning only:
 * the server decides from the content (a .docx is a zip and is accepted; an .exe renamed to .pdf
 * is not).
 */
export const ATTACHMENT_EXTENSIONS = [
  ".png", ".jpg", ".jpeg", ".gif", ".webp",
  ".pdf",
  ".txt", ".log", ".csv", ".md", ".json", ".xml", ".yml", ".yaml", ".conf", ".ini", ".eml",
  ".zip",
] as const;
