import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@dm/auth/password";

/** Shared by the change-password form and `account.changePassword`. */
export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1).max(256),
    newPassword: z
      .string()
      .refine((s) => [...s].length >= PASSWORD_MIN_LENGTH, { message: "password.tooShort" })
      .refine((s) => [...s].length <= PASSWORD_MAX_LENGTH, { message: "password.tooLong" }),
    confirmPassword: z.string().max(256),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "password.mismatch", path: ["confirmPassword"] })
  .refine((v) => v.newPassword !== v.currentPassword, { message: "password.sameAsCurrent", path: ["newPassword"] });
export type ChangePasswordInput = z.input<typeof changePasswordInput>;
