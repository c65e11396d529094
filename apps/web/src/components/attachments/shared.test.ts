import { describe, expect, it } from "vitest";
import { attachmentUrl, fileKind, formatSize } from "./shared";

describe("formatSize", () => {
  it.each([
    [0, "0 B"],
    [512, "512 B"],
    [1024, "1 KB"],
    [3482, "3.4 KB"],
    [1.2 * 1024 * 1024, "1.2 MB"],
    [20 * 1024 * 1024, "20 MB"],
    [3 * 1024 ** 3, "3 GB"],
  ])("%d bytes is %s", (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});

describe("fileKind", () => {
  it.each([
    ["image/png", "image"],
    ["application/pdf", "pdf"],
    ["application/msword", "word"],
    ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word"],
    ["application/vnd.ms-excel", "sheet"],
    ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "sheet"],
    ["application/vnd.openxmlformats-officedocument.presentationml.presentation", "slides"],
    ["application/octet-stream", "other"],
  ])("%s is %s", (mime, kind) => {
    expect(fileKind(mime)).toBe(kind);
  });
});

it("links to the download route", () => {
  expect(attachmentUrl(42)).toBe("/api/attachments/42");
});
